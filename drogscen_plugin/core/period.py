"""A school and a scene over a period of dates: the period's time measures.

The schedules are anything with ``open_intervals(start, end)`` (a
:class:`~.schedule.Schedule` or a school's
:class:`~.school_calendar.CalendarSchedule`). Minutes are counted on the
wall clock. A scene counts only while it exists (its from/to dates,
inclusive), clipped to the period. Per-7-days figures are the period's totals
scaled to a week of the period, so for a one-week period without holidays
they are today's weekly figures.
"""

import re
from collections import namedtuple
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..definitions import parameters as keys
from ..i18n import tr
from .cancel import each
from .errors import InputError
from .intervals import difference, intersection
from .schedule import format_days, format_time

_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)
# How far before the period a yard round looks for the school's last closing.
LOOKBACK = timedelta(days=7)


@dataclass(frozen=True)
class Period:
    """Dates ``start`` to ``end``, both inclusive."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise InputError(
                tr("The period ends ({end}) before it starts ({start})").format(
                    end=self.end.isoformat(), start=self.start.isoformat()
                )
            )

    @classmethod
    def week_of(cls, day):
        """Monday to Sunday of the week containing ``day`` (the default period)."""
        monday = day - timedelta(days=day.weekday())
        return cls(monday, monday + 6 * _DAY)

    @classmethod
    def current_week(cls):
        """This week, Monday to Sunday: the default period."""
        return cls.week_of(date.today())

    @classmethod
    def parse(cls, start_text, end_text):
        dates = []
        for name, text in ((keys.PERIOD_START, start_text), (keys.PERIOD_END, end_text)):
            try:
                dates.append(date.fromisoformat(str(text).strip()))
            except ValueError:
                raise InputError(
                    tr("{name}: {text!r} is not a date (write 2026-08-17)").format(
                        name=name, text=text
                    )
                ) from None
        return cls(*dates)

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def first_moment(self):
        return datetime.combine(self.start, time())

    @property
    def end_moment(self):
        """The first moment after the period."""
        return datetime.combine(self.end + _DAY, time())

    def existence(self, first_day=None, last_day=None):
        """The part ``[start, end)`` of the period within the dates first_day to
        last_day (either may be None: open), or None when they do not meet."""
        start = (
            max(self.first_moment, datetime.combine(first_day, time()))
            if first_day is not None
            else self.first_moment
        )
        end = (
            min(self.end_moment, datetime.combine(last_day + _DAY, time()))
            if last_day is not None
            else self.end_moment
        )
        return (start, end) if start < end else None


PeriodMeasures = namedtuple(
    "PeriodMeasures",
    (
        "period_scene_min period_concurrent_min period_afterhours_min conflict_dates "
        "round_count round_dates round_before scene_min concurrent_min afterhours_min "
        "presence guard"
    ),
)
PeriodMeasures.__doc__ = """A school and a scene over a period.

``period_*``: the period's minutes (scene active; while the school is open;
while it is closed); ``conflict_dates``: the dates with concurrent minutes;
``round_count``/``round_dates``: the school's openings in the period that
follow scene activity since it last closed (a yard round before each), and
the earliest of their times (HH:MM); ``scene_min``, ``concurrent_min``,
``afterhours_min``: per 7 days of the period; ``presence``/``guard``: the
concurrent and after-hours ``(datetime, datetime)`` intervals.
"""


def _minute(moment, base):
    return (moment - base) // _MINUTE


def _minutes(intervals, base):
    return tuple((_minute(start, base), _minute(end, base)) for start, end in each(intervals, 256))


def _moments(minutes, base):
    return [(base + start * _MINUTE, base + end * _MINUTE) for start, end in each(minutes, 256)]


def _total(minutes):
    return sum(end - start for start, end in minutes)


def per_7_days(total, period):
    return round(total * 7 / period.days)


def period_measures(school, scene, period, scene_from=None, scene_to=None):
    """:class:`PeriodMeasures`, or None when the scene does not exist in the period."""
    exists = period.existence(scene_from, scene_to)
    if exists is None:
        return None
    base = period.first_moment - LOOKBACK
    school_open = _minutes(school.open_intervals(base, period.end_moment), base)
    # From before the period too, for the rounds: activity since the school last closed.
    active_from = base if scene_from is None else max(base, datetime.combine(scene_from, time()))
    active = _minutes(scene.open_intervals(active_from, exists[1]), base)
    in_period = intersection(active, _minutes([exists], base))
    presence = intersection(school_open, in_period)
    guard = difference(in_period, school_open, _minute(period.end_moment, base))
    rounds = [
        base + minute * _MINUTE
        for minute in _round_openings(school_open, active, _minute(period.first_moment, base))
    ]
    return PeriodMeasures(
        _total(in_period),
        _total(presence),
        _total(guard),
        _dates(_moments(presence, base)),
        len(rounds),
        sorted({moment.date() for moment in rounds}),
        min(moment.strftime("%H:%M") for moment in rounds) if rounds else None,
        per_7_days(_total(in_period), period),
        per_7_days(_total(presence), period),
        per_7_days(_total(guard), period),
        _moments(presence, base),
        _moments(guard, base),
    )


def _round_openings(school_open, active, period_start):
    """The school's openings from ``period_start`` on with activity in the
    closed stretch before them, in one pass over both (sorted) lists.

    The first stretch starts at the look-back's start; an opening at that
    very moment has no known stretch and needs no round.
    """
    openings = []
    closed_since = 0
    index = 0
    for start, end in each(school_open, 256):
        while index < len(active) and active[index][1] <= closed_since:
            index += 1
        if 0 < start and period_start <= start and index < len(active) and active[index][0] < start:
            openings.append(start)
        closed_since = end
    return openings


def _dates(intervals):
    """The dates that any minute of the intervals falls on."""
    dates = set()
    for start, end in each(intervals, 256):
        day = start.date()
        while datetime.combine(day, time()) < end:
            dates.add(day)
            day += _DAY
    return sorted(dates)


# -- canonical text of intervals on the calendar ---------------------------------
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def dated_hours_text(intervals):
    """Hours text with date selectors that parses back to exactly ``intervals``
    (sorted, disjoint ``(datetime, datetime)`` on whole minutes), e.g.
    ``2026 Aug 17-2026 Oct 23,2026 Nov 2-2026 Dec 18 Mo-Fr 14:00-16:00``."""
    by_day = {}
    for start, end in each(intervals, 256):
        day = start.date()
        while datetime.combine(day, time()) < end:
            midnight = datetime.combine(day, time())
            by_day.setdefault(day, []).append(
                (
                    _minute(max(start, midnight), midnight),
                    _minute(min(end, midnight + _DAY), midnight),
                )
            )
            day += _DAY
    if not by_day:
        return "off"
    groups = {}
    for day in sorted(by_day):
        groups.setdefault(tuple(by_day[day]), []).append(day)
    rules = []
    for spans, dates in groups.items():
        by_weekdays = {}
        for first, last, weekdays in _pieces(dates):
            by_weekdays.setdefault(weekdays, []).append(_date_range_text(first, last))
        times = ",".join(
            "{}-{}".format(format_time(start), format_time(end)) for start, end in spans
        )
        for weekdays, ranges in by_weekdays.items():
            selector = "" if len(weekdays) == 7 else " " + format_days(weekdays)
            rules.append("{}{} {}".format(",".join(ranges), selector, times))
    # Additional rules: the groups name disjoint dates and no span passes midnight.
    return ", ".join(rules)


_FIRST_DATE = re.compile(r"(\d{4}) (" + "|".join(_MONTHS) + r") (\d{1,2})\b")


def first_date(text):
    """The earliest date of a :func:`dated_hours_text` (its first date), or
    None for text without dates (weekly hours)."""
    match = _FIRST_DATE.search(text or "")
    if match is None:
        return None
    return date(int(match.group(1)), _MONTHS.index(match.group(2)) + 1, int(match.group(3)))


def _pieces(dates):
    """Sorted dates as few ``(first, last, weekdays)``: exactly the dates from
    first to last on those weekdays."""
    pieces = []
    for day in dates:
        if pieces:
            first, last, weekdays, skipped = pieces[-1]
            between = {
                (last + offset * _DAY).weekday() for offset in range(1, min((day - last).days, 8))
            }
            joined = weekdays | {day.weekday()}
            if (day - last).days <= 7 and day.weekday() not in skipped and not between & joined:
                pieces[-1] = (first, day, joined, skipped | between)
                continue
        pieces.append((day, day, frozenset((day.weekday(),)), frozenset()))
    return [(first, last, frozenset(weekdays)) for first, last, weekdays, _ in pieces]


def _date_range_text(first, last):
    def one(day):
        return "{} {} {}".format(day.year, _MONTHS[day.month - 1], day.day)

    return one(first) if first == last else "{}-{}".format(one(first), one(last))
