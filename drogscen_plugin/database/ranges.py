"""Open intervals on the calendar as PostgreSQL ``tsmultirange`` values.

Pure Python, no database: the text form PostgreSQL reads and writes (with
DateStyle ISO), ``{["2026-08-17 07:00:00","2026-08-17 18:00:00")}``, to
and from sorted, disjoint ``(datetime, datetime)`` intervals.
"""

import re
from datetime import datetime

from ..core.intervals import intersection

_FORMAT = "%Y-%m-%d %H:%M:%S"
_RANGE = re.compile(r'\["?([^",]+)"?,"?([^",)]+)"?\)')


def multirange_text(intervals):
    """The tsmultirange literal of half-open ``(datetime, datetime)`` intervals."""
    return (
        "{"
        + ",".join(
            '["{}","{}")'.format(start.strftime(_FORMAT), end.strftime(_FORMAT))
            for start, end in intervals
        )
        + "}"
    )


def intervals_of(text):
    """The ``(datetime, datetime)`` intervals of a tsmultirange's text (PostgreSQL's
    canonical form: sorted, disjoint, half-open)."""
    return tuple(
        (datetime.fromisoformat(start), datetime.fromisoformat(end))
        for start, end in _RANGE.findall(text)
    )


class FixedIntervals:
    """Given intervals as a schedule: ``open_intervals`` is their part in ``[start, end)``."""

    def __init__(self, intervals):
        self._intervals = tuple(intervals)

    def open_intervals(self, start, end):
        return list(intersection(self._intervals, ((start, end),)))
