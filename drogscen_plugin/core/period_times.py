"""The time measures of schools and scenes over a period of dates.

Schools with their own hours keep them (``SH`` meaning the calendar's school
holidays); schools without follow the calendar's defaults day by day. A
scene counts only while it exists. The measures are computed once per
distinct (school hours, scene hours, scene dates).
"""

from collections import namedtuple
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from ..definitions.conflicts import AFTER_HOURS, CONCURRENT
from ..i18n import tr
from .errors import AnalysisCanceled
from .intervals import union
from .period import Period, dated_hours_text, period_measures
from .schedule import WEEKDAYS, Schedule, WeeklySchedule
from .school_calendar import (
    CalendarDefaults,
    CalendarSchedule,
    SchoolCalendar,
    school_kind,
)

_MINUTE = timedelta(minutes=1)
TimeMeasures = namedtuple(
    "TimeMeasures",
    "scene_min concurrent_min afterhours_min conflict presence_hours guard_hours round_days "
    "round_before period_concurrent_min period_afterhours_min conflict_dates round_count",
)
TimeMeasures.__doc__ = """What one school and one scene mean for the city over the period.

``*_min``: minutes per 7 days of the period; ``period_*_min``: the period's
totals; presence: scene active while the school is open; guard: while it is
closed; round: the openings that follow scene activity since the school last
closed. For a period of one Monday-to-Sunday week the hours texts are weekly.
"""


@dataclass(frozen=True)
class TimeSettings:
    """The period and the school calendar an analysis uses."""

    period: Period = field(default_factory=Period.current_week)
    calendar: SchoolCalendar = SchoolCalendar()
    defaults: CalendarDefaults = field(default_factory=CalendarDefaults, compare=False)

    @property
    def is_week(self):
        """A Monday-to-Sunday week: its hours are written as weekly hours."""
        return self.period.days == 7 and self.period.start.weekday() == 0


def dates_text(dates):
    """Sorted dates as ``2026-08-17/2026-08-21, 2026-08-24`` (the SCHOOL_HOLIDAYS syntax)."""
    runs = []
    for day in dates:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return ", ".join(
        first.isoformat() if first == last else "{}/{}".format(first.isoformat(), last.isoformat())
        for first, last in runs
    )


class _Together:
    """The union of scenes' activity, each while it exists."""

    def __init__(self, parts):
        self._parts = parts

    def open_intervals(self, start, end):
        found = []
        for schedule, first, last in self._parts:
            lower = start if first is None else max(start, datetime.combine(first, time()))
            upper = (
                end
                if last is None
                else min(end, datetime.combine(last + timedelta(days=1), time()))
            )
            if lower < upper:
                found.extend(schedule.open_intervals(lower, upper))
        return union(found)


class _Remembered:
    """A schedule whose open intervals are computed once per ``(start, end)``:
    the combinations of a run ask for the same few again and again."""

    __slots__ = ("_known", "_schedule")

    def __init__(self, schedule):
        self._schedule = schedule
        self._known = {}

    def open_intervals(self, start, end):
        found = self._known.get((start, end))
        if found is None:
            found = self._known[start, end] = tuple(self._schedule.open_intervals(start, end))
        return found


class PeriodTimes:
    """Time measures per distinct (school hours, scene hours, scene dates).

    ``is_canceled()`` is asked before each new computation.
    """

    def __init__(self, settings, is_canceled=None):
        self.settings = settings
        self._is_canceled = is_canceled
        self._schools = {}
        self._scenes = {}
        self._measures = {}
        self._unions = {}
        self._remembered = {}

    def _remember(self, schedule):
        """The schedule's :class:`_Remembered`; it keeps the schedule, so its id stays its own."""
        entry = self._remembered.get(id(schedule))
        if entry is None:
            entry = self._remembered[id(schedule)] = _Remembered(schedule)
        return entry

    def school_hours(self, school):
        """The school's hours on the calendar: its own, or the calendar's defaults."""
        own = school.hours_text
        # By the schedule's id (parsing shares one object per text): hashing
        # its intervals for every school would cost more. The entry keeps the
        # schedule, so that its id stays its own.
        key = (own, None if own else school.school_type, id(school.schedule))
        entry = self._schools.get(key)
        if entry is None:
            calendar = self.settings.calendar
            hours = (
                calendar.parse_hours(own)
                if own
                else CalendarSchedule(
                    school_kind(school.school_type),
                    school.schedule.to_opening_hours(),
                    calendar,
                    self.settings.defaults,
                )
            )
            entry = self._schools[key] = (hours, school.schedule)
        return entry[0]

    def scene_hours(self, scene):
        own = scene.hours_text
        key = (own, id(scene.schedule))
        entry = self._scenes.get(key)
        if entry is None:
            text = own or scene.schedule.to_opening_hours()
            hours = Schedule.parse(text, self.settings.calendar.school_holidays)
            entry = self._scenes[key] = (hours, scene.schedule)
        return entry[0]

    def exists(self, scene):
        """Whether the scene exists on some day of the period."""
        return self.settings.period.existence(scene.first_day, scene.last_day) is not None

    def _check_canceled(self):
        if self._is_canceled is not None and self._is_canceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))

    def get_measures(self, school_hours, scene_hours, first_day=None, last_day=None):
        key = (id(school_hours), id(scene_hours), first_day, last_day)
        entry = self._measures.get(key)
        if entry is None:
            self._check_canceled()
            found = period_measures(
                self._remember(school_hours),
                self._remember(scene_hours),
                self.settings.period,
                first_day,
                last_day,
            )
            # Each entry holds its schedules, so that their ids stay theirs.
            entry = self._measures[key] = (school_hours, scene_hours, self._describe(found))
        return entry[2]

    def union_measures(self, school_hours, parts):
        """Measures of the school against the union of ``(scene hours, first, last)``."""
        key = (
            id(school_hours),
            frozenset((id(hours), first, last) for hours, first, last in parts),
        )
        entry = self._unions.get(key)
        if entry is None:
            self._check_canceled()
            together = _Together(
                [(self._remember(hours), first, last) for hours, first, last in parts]
            )
            found = period_measures(self._remember(school_hours), together, self.settings.period)
            entry = self._unions[key] = (school_hours, parts, self._describe(found))
        return entry[2]

    def _describe(self, found):
        period = self.settings.period
        if self.settings.is_week:
            presence, guard = (
                _weekly_text(found.presence, period),
                _weekly_text(found.guard, period),
            )
            round_days = ",".join(WEEKDAYS[day.weekday()] for day in found.round_dates) or None
        else:
            presence, guard = dated_hours_text(found.presence), dated_hours_text(found.guard)
            round_days = dates_text(found.round_dates) or None
        return TimeMeasures(
            found.scene_min,
            found.concurrent_min,
            found.afterhours_min,
            CONCURRENT if found.period_concurrent_min else AFTER_HOURS,
            presence,
            guard,
            round_days,
            found.round_before,
            found.period_concurrent_min,
            found.period_afterhours_min,
            dates_text(found.conflict_dates),
            found.round_count,
        )


def _weekly_text(intervals, period):
    monday = period.first_moment
    return WeeklySchedule(
        ((start - monday) // _MINUTE, (end - monday) // _MINUTE) for start, end in intervals
    ).to_opening_hours()
