"""Weekly schedules as PostgreSQL ``int4multirange`` values (minutes of the week).

Pure Python, no database: the text form PostgreSQL reads and writes,
``{[0,600),[1440,2040)}``, to and from ``WeeklySchedule`` intervals.
"""

import re

from ..core.schedule import WeeklySchedule

_RANGE = re.compile(r"\[(-?\d+),(-?\d+)\)")


def multirange_text(schedule):
    """The int4multirange literal of a WeeklySchedule."""
    return "{" + ",".join("[{},{})".format(start, end) for start, end in schedule.intervals) + "}"


def schedule_of(text):
    """The WeeklySchedule of an int4multirange's text (PostgreSQL's canonical form)."""
    return WeeklySchedule.from_intervals(
        (int(start), int(end)) for start, end in _RANGE.findall(text)
    )
