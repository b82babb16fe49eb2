"""When a school and a scene meet: the time measures of two weekly schedules.

Every measure is computed in time linear in the number of intervals of the
two schedules, so that a scene with thousands of spans costs no more per
pair than it costs to read.
"""

from collections import namedtuple

from ..definitions.conflicts import AFTER_HOURS, CONCURRENT
from .schedule import MINUTES_PER_DAY, WEEKDAYS

TimeMeasures = namedtuple(
    "TimeMeasures",
    "scene_min concurrent_min afterhours_min conflict presence_hours guard_hours round_days "
    "round_before",
)
TimeMeasures.__doc__ = """What one school schedule and one scene schedule mean for the city.

presence: scene active while the school is open; guard: while it is closed;
round: the openings that follow scene activity since the school last closed.
"""


def time_measures(school, scene):
    """``TimeMeasures`` of a school schedule against a scene schedule."""
    presence = school & scene
    guard = scene - school
    conflict = CONCURRENT if presence.minutes else AFTER_HOURS
    round_days, round_before = _round(school, guard)
    return TimeMeasures(
        scene.minutes,
        presence.minutes,
        guard.minutes,
        conflict,
        presence.to_opening_hours(),
        guard.to_opening_hours(),
        round_days,
        round_before,
    )


def _round(school, guard):
    """(round_days, round_before) for the openings that follow scene activity.

    ``guard`` is the scene's activity while the school is closed. Each of
    its intervals lies in one closed stretch, which ends at the school's
    next opening: the first start at or after the interval's end, or the
    week's first start when none is left (the stretch runs over Sunday
    night). One pass over both sorted lists.
    """
    starts = [start for start, _ in school.intervals]
    if not starts or not guard.intervals:
        return None, None
    openings = set()
    position = 0
    for _, end in guard.intervals:
        while position < len(starts) and starts[position] < end:
            position += 1
        openings.add(starts[position] if position < len(starts) else starts[0])
    days = sorted({opening // MINUTES_PER_DAY for opening in openings})
    earliest = min(opening % MINUTES_PER_DAY for opening in openings)
    return ",".join(WEEKDAYS[day] for day in days), "%02d:%02d" % divmod(earliest, 60)
