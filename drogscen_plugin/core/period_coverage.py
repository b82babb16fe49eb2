"""Safety measures against an affected school's needs over a period of dates.

The needs are the analysis's own over the same period (its Overlaps output):
the presence and guard hours as the period's intervals, and the dates a yard
round is needed. A round on a date is covered by a round measure active in
that date's round window (coverage.py), taken from the school's weekly hours
in the output; when they open on no such day (dated hours), the window runs
from 00:00 to the earliest opening the analysis gives (``round_before``).

A measure counts only on the days it exists (``start_date`` to ``end_date``)
and, by its status, as in coverage.py; its hours are read on the calendar
(PH, dates, and SH meaning the given school holidays). Minutes are per 7
days of the period, as in the analysis; for a Monday-to-Sunday period the
hours and days are written weekly, else with dates.
"""

from collections import namedtuple
from datetime import datetime, time, timedelta

from ..definitions.measures import GUARD, PLANNED, PRESENCE, ROUND, codes_covering
from .coverage import Coverage, needs_of
from .intervals import complement, intersection, union
from .period import dated_hours_text, per_7_days
from .period_times import dates_text
from .schedule import MINUTES_PER_DAY, WEEKDAYS, Schedule, WeeklySchedule
from .school_calendar import parse_date_ranges

_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)

PairTimes = namedtuple(
    "PairTimes", "presence_hours guard_hours round_days round_before school_hours scene_hours"
)
PairTimes.__doc__ = """What one Overlaps feature says of a pair's time (its field values)."""

PeriodNeeds = namedtuple("PeriodNeeds", "presence guard rounds")
PeriodNeeds.__doc__ = """A school's needs over a period, in minutes from its first moment:
``presence`` and ``guard`` merged intervals, ``rounds`` sorted ``(date, windows)``
with each window a ``(start, opening)`` pair."""


def _minutes(intervals, base):
    return [((start - base) // _MINUTE, (end - base) // _MINUTE) for start, end in intervals]


def _is_week(period):
    return period.days == 7 and period.start.weekday() == 0


def _round_dates(text, period):
    """The dates of ``round_days``: weekday codes (a weekly analysis: those days of
    the period) or dates and date ranges."""
    text = (text or "").strip()
    if not text:
        return []
    items = [item.strip() for item in text.split(",")]
    days = [period.start + offset * _DAY for offset in range(period.days)]
    if all(item in WEEKDAYS for item in items):
        return [day for day in days if WEEKDAYS[day.weekday()] in items]
    dates = set()
    for first, last in parse_date_ranges(text, "round_days"):
        dates.update(day for day in days if first <= day <= last)
    return sorted(dates)


def _weekly_windows(school_hours, scene_hours):
    """Round windows by weekday from weekly hours: ``{weekday: [(start, opening)]}``
    in minutes from that weekday's midnight (a start below 0: the day before).
    The openings after the scene's activity first, else all the openings."""
    school = WeeklySchedule.parse(school_hours)
    windows = {}
    for scene in (WeeklySchedule.parse(scene_hours), WeeklySchedule.always()):
        for need in needs_of(school, [scene]).rounds:
            day = need.opening // MINUTES_PER_DAY
            offset = day * MINUTES_PER_DAY
            windows.setdefault(day, set()).add((need.window_start - offset, need.opening - offset))
        if windows:
            break
    return windows


def _fallback_window(round_before):
    hours, minutes = (int(part) for part in (round_before or "24:00").split(":"))
    return 0, hours * 60 + minutes


def period_needs(pairs, period):
    """The :class:`PeriodNeeds` of one school from its pairs' :class:`PairTimes`."""
    base, end = period.first_moment, period.end_moment
    presence, guard, rounds = [], [], {}
    for pair in pairs:
        for text, found in ((pair.presence_hours, presence), (pair.guard_hours, guard)):
            found.extend(_minutes(Schedule.parse(text or "off").open_intervals(base, end), base))
        weekly = _weekly_windows(pair.school_hours, pair.scene_hours)
        for day in _round_dates(pair.round_days, period):
            midnight = (datetime.combine(day, time()) - base) // _MINUTE
            windows = weekly.get(day.weekday()) or {_fallback_window(pair.round_before)}
            rounds.setdefault(day, set()).update(
                (midnight + start, midnight + opening) for start, opening in windows
            )
    return PeriodNeeds(
        union(presence),
        union(guard),
        tuple((day, tuple(sorted(windows))) for day, windows in sorted(rounds.items())),
    )


def _measure_minutes(measure, period, school_holidays):
    """The minutes a measure is on, from a day before the period (round windows
    reach into it) to its end, while the measure exists."""
    base = period.first_moment
    lower, upper = base - _DAY, period.end_moment
    if measure.start_date is not None:
        lower = max(lower, datetime.combine(measure.start_date, time()))
    if measure.end_date is not None:
        upper = min(upper, datetime.combine(measure.end_date + _DAY, time()))
    if lower >= upper:
        return ()
    if measure.hours:
        intervals = Schedule.parse(measure.hours, school_holidays).open_intervals(lower, upper)
    else:
        intervals = [(lower, upper)] if measure.schedule.minutes else []
    return _minutes(intervals, base)


def _text(minutes, period):
    if _is_week(period):
        return WeeklySchedule(minutes).to_opening_hours()
    base = period.first_moment
    return dated_hours_text(
        [(base + start * _MINUTE, base + end * _MINUTE) for start, end in minutes]
    )


def _days_text(days, period):
    if not days:
        return None
    if _is_week(period):
        return ",".join(WEEKDAYS[day.weekday()] for day in sorted(days))
    return dates_text(sorted(days))


def period_coverage(needs, measures, period, include_planned=False, school_holidays=()):
    """The :class:`~.coverage.Coverage` of :class:`PeriodNeeds` by the measures
    existing in the period (status as in coverage.py); minutes per 7 days."""
    counted = [
        measure
        for measure in measures
        if (include_planned or measure.status != PLANNED)
        and period.existence(measure.start_date, measure.end_date) is not None
    ]
    minutes = {
        id(measure): _measure_minutes(measure, period, school_holidays) for measure in counted
    }

    def cover(types):
        return union(
            span
            for measure in counted
            if measure.measure_type in types
            for span in minutes[id(measure)]
        )

    total = (period.end_moment - period.first_moment) // _MINUTE
    presence_left = intersection(needs.presence, complement(cover(codes_covering(PRESENCE)), total))
    guard_left = intersection(needs.guard, complement(cover(codes_covering(GUARD)), total))
    left = union(presence_left + guard_left)
    rounds = cover(codes_covering(ROUND))
    missing = [
        day
        for day, windows in needs.rounds
        if any(not intersection((window,), rounds) for window in windows)
    ]

    def per_week(intervals):
        return per_7_days(sum(end - start for start, end in intervals), period)

    return Coverage(
        needed_min=per_week(needs.presence) + per_week(needs.guard),
        uncovered_min=per_week(left),
        uncovered_hours=_text(left, period),
        presence_needed_min=per_week(needs.presence),
        presence_uncovered_min=per_week(presence_left),
        presence_uncovered_hours=_text(presence_left, period),
        guard_needed_min=per_week(needs.guard),
        guard_uncovered_min=per_week(guard_left),
        guard_uncovered_hours=_text(guard_left, period),
        round_days=_days_text([day for day, _ in needs.rounds], period),
        round_days_missing=_days_text(missing, period),
        measure_count=len(counted),
    )
