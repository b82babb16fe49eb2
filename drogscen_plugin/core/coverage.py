"""Safety measures against the needs of an affected school, in time.

A school's needs follow from its schedule and its scenes' (as in the
overlap analysis): *presence* hours (a scene active while the school is
open: more adults on the yard), *guard* hours (a scene active while it is
closed: cameras and sensors linked to guards) and the *openings* after
which a yard round is needed (the school opens after scene activity since
it last closed).

Measures in force cover them: presence hours by ``presence`` measures,
guard hours by ``camera``, ``sensor`` and ``guard`` measures, and an
opening by a ``round`` measure active at some minute of that opening's
*round window*: the stretch of the opening's own day before the opening
while the school is still closed (from the later of 00:00 and the school's
previous closing up to the opening; for an opening at 00:00, the day
before). A round the evening before does not count: the scene may be
active again in the night.

A measure is in force on a date when its status is ``ongoing`` or ``done``
(``planned`` too when planned measures are included), its start date is
empty or not after the date and its end date empty or not before it.
Cameras and sensors without hours are always on; staffed measures
(presence, guard, round) without hours cover nothing.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Optional

from ..definitions.measures import (
    GUARD,
    PLANNED,
    PRESENCE,
    ROUND,
    STATUSES,
    codes_covering,
    measure_codes,
    suggested_code,
)
from ..definitions.measures import measure_type as type_entry
from ..i18n import tr
from .errors import InputError, ScheduleError
from .hours import weekly_of
from .schedule import MINUTES_PER_DAY, MINUTES_PER_WEEK, WEEKDAYS, WeeklySchedule

# A suggested yard round: this many minutes before the opening.
ROUND_MINUTES = 30


def _span(start, end):
    """The minutes ``start``..``end`` of the week; ``start`` below 0 reaches into
    the week before (Sunday)."""
    if start < 0:
        return WeeklySchedule.from_intervals(
            ((start + MINUTES_PER_WEEK, MINUTES_PER_WEEK), (0, end))
        )
    return WeeklySchedule.from_intervals(((start, end),))


def _union(schedules):
    return reduce(or_, schedules, WeeklySchedule.never())


def _day_codes(minutes):
    """Weekday codes ("Mo,Th") of minutes of the week, or None without any."""
    days = sorted({minute // MINUTES_PER_DAY for minute in minutes})
    return ",".join(WEEKDAYS[day] for day in days) or None


@dataclass(frozen=True)
class RoundNeed:
    """An opening that needs a yard round: ``opening`` is its minute of the week,
    ``window_start`` the start of its round window (below 0: in Sunday)."""

    opening: int
    window_start: int

    @property
    def window(self):
        """When a round counts for this opening."""
        return _span(self.window_start, self.opening)

    @property
    def suggested(self):
        """The round ``ROUND_MINUTES`` before the opening, within the window."""
        return _span(max(self.window_start, self.opening - ROUND_MINUTES), self.opening)


def _closed_stretches(school):
    """(closing, opening) of each stretch the school is closed, as minutes of the
    week; the closing is below 0 when the stretch begins the week before.

    A school open always or never has no openings, so none.
    """
    intervals = school.intervals
    stretches = []
    for index, (opening, _) in enumerate(intervals):
        closing = intervals[index - 1][1]
        if index == 0:
            closing -= MINUTES_PER_WEEK
        if closing < opening:
            stretches.append((closing, opening))
    return stretches


@dataclass(frozen=True)
class Needs:
    """What an affected school needs: presence and guard hours and yard rounds."""

    presence: WeeklySchedule
    guard: WeeklySchedule
    rounds: tuple = ()

    @property
    def round_days(self):
        """Weekday codes of the openings that need a round ("Mo,Tu"), or None."""
        return _day_codes(need.opening for need in self.rounds)

    @property
    def round_hours(self):
        """The suggested rounds: ``ROUND_MINUTES`` before each opening that needs one."""
        return _union(need.suggested for need in self.rounds)

    def hours_for(self, measure_type):
        """The hours a measure of ``measure_type`` needs, as opening_hours text, or
        None for a type that covers no need in time (lighting, fencing...)."""
        entry = type_entry(measure_type)
        hours = {
            PRESENCE: self.presence,
            GUARD: self.guard,
            ROUND: self.round_hours,
        }.get(entry.covers if entry is not None else None)
        return hours.to_opening_hours() if hours is not None else None

    def kinds(self):
        """One measure type per need the school has, in the order presence, guard, round."""
        kinds = []
        if self.presence.minutes:
            kinds.append(suggested_code(PRESENCE))
        if self.guard.minutes:
            kinds.append(suggested_code(GUARD))
        if self.rounds:
            kinds.append(suggested_code(ROUND))
        return kinds


def needs_of(school, scenes):
    """The ``Needs`` of a school schedule against its scenes' schedules."""
    scene = _union(scenes)
    rounds = []
    for closing, opening in _closed_stretches(school):
        if (scene & _span(closing, opening)).minutes:
            day_start = opening - (opening % MINUTES_PER_DAY or MINUTES_PER_DAY)
            rounds.append(RoundNeed(opening, max(closing, day_start)))
    rounds.sort(key=lambda need: need.opening)
    return Needs(school & scene, scene - school, tuple(rounds))


@dataclass(frozen=True)
class Measure:
    """A safety measure as the coverage reads it."""

    fid: object
    measure_type: str
    schedule: WeeklySchedule
    status: str = PLANNED
    start_date: Optional[datetime.date] = None
    end_date: Optional[datetime.date] = None
    # False for a staffed measure without hours, which covers nothing.
    hours_given: bool = True
    # The hours as given ("" without): a period reads them on the calendar.
    hours: str = ""

    def in_force(self, include_planned=False, on=None):
        """Whether the measure counts on the date ``on`` (default today)."""
        on = on or datetime.date.today()
        if self.status == PLANNED and not include_planned:
            return False
        if self.start_date is not None and self.start_date > on:
            return False
        return self.end_date is None or self.end_date >= on


def _code(value):
    return str(value).strip().casefold() if value is not None else ""


def read_measure(fid, measure_type, hours, status=None, start_date=None, end_date=None):
    """A ``Measure`` from attribute values; raises ``InputError`` naming the
    feature and the field when a value cannot be used.

    Empty status means planned; dates are ``datetime.date`` or None.
    """
    kind = _code(measure_type)
    entry = type_entry(kind)
    if entry is None:
        raise InputError(
            tr(
                "Measure {fid}, field 'measure_type': '{value}' is not a measure type "
                "(one of {types})."
            ).format(
                fid=fid,
                value=measure_type if measure_type is not None else "",
                types=", ".join(measure_codes()),
            )
        )
    state = _code(status) or PLANNED
    if state not in STATUSES:
        raise InputError(
            tr(
                "Measure {fid}, field 'status': '{value}' is not a status (one of {statuses})."
            ).format(fid=fid, value=status, statuses=", ".join(STATUSES))
        )
    text = "" if hours is None else str(hours).strip()
    if not text:
        schedule = WeeklySchedule.always() if entry.always_on else WeeklySchedule.never()
        # A staffed measure without hours covers nothing; one for no need is complete.
        hours_given = entry.always_on or entry.covers is None
    else:
        try:
            # Dated hours: this week's, for a coverage on one date.
            schedule = weekly_of(text)
        except ScheduleError as error:
            raise InputError(
                tr("Measure {fid}, field 'hours': '{hours}': {message}").format(
                    fid=fid, hours=text, message=error
                )
            ) from error
        hours_given = True
    if start_date is not None and end_date is not None and end_date < start_date:
        raise InputError(
            tr("Measure {fid}: the end date {end} is before the start date {start}.").format(
                fid=fid, end=end_date.isoformat(), start=start_date.isoformat()
            )
        )
    return Measure(fid, kind, schedule, state, start_date, end_date, hours_given, text)


@dataclass(frozen=True)
class Coverage:
    """How far the measures in force cover a school's needs; minutes per week."""

    needed_min: int
    uncovered_min: int
    # opening_hours text of the needed time left uncovered ("off" when none).
    uncovered_hours: str
    presence_needed_min: int
    presence_uncovered_min: int
    presence_uncovered_hours: str
    guard_needed_min: int
    guard_uncovered_min: int
    guard_uncovered_hours: str
    # Weekday codes ("Th,Fr"), None when no round is needed or every one is covered.
    round_days: Optional[str]
    round_days_missing: Optional[str]
    measure_count: int


# One row per affected school: (name, kind) as in core.fields.
COVERAGE_FIELDS = [
    ("school_fid", "int"),
    ("school_name", "string"),
    ("needed_min", "int"),
    ("uncovered_min", "int"),
    ("uncovered_hours", "string"),
    ("round_days", "string"),
    ("round_days_missing", "string"),
    ("presence_needed_min", "int"),
    ("presence_uncovered_min", "int"),
    ("presence_uncovered_hours", "string"),
    ("guard_needed_min", "int"),
    ("guard_uncovered_min", "int"),
    ("guard_uncovered_hours", "string"),
    ("measure_count", "int"),
]


def coverage_row(school_fid, school_name, result):
    """The values of ``COVERAGE_FIELDS`` for a school and its ``Coverage``."""
    values = {"school_fid": school_fid, "school_name": school_name}
    return [
        values[name] if name in values else getattr(result, name) for name, _ in COVERAGE_FIELDS
    ]


def coverage_field_alias(name):
    """The translated display name of a coverage field."""
    aliases = {
        "school_fid": tr("School id"),
        "school_name": tr("School"),
        "needed_min": tr("Needed (min/week)"),
        "uncovered_min": tr("Uncovered (min/week)"),
        "uncovered_hours": tr("Uncovered hours"),
        "round_days": tr("Yard round days"),
        "round_days_missing": tr("Yard round days missing"),
        "presence_needed_min": tr("Adult presence needed (min/week)"),
        "presence_uncovered_min": tr("Adult presence uncovered (min/week)"),
        "presence_uncovered_hours": tr("Adult presence uncovered hours"),
        "guard_needed_min": tr("Guard hours needed (min/week)"),
        "guard_uncovered_min": tr("Guard hours uncovered (min/week)"),
        "guard_uncovered_hours": tr("Guard hours uncovered"),
        "measure_count": tr("Measures in force"),
    }
    return aliases[name]


def coverage(needs, measures, include_planned=False, on=None):
    """The ``Coverage`` of ``needs`` by those of ``measures`` in force on ``on``."""
    counted = [measure for measure in measures if measure.in_force(include_planned, on)]

    def cover(types):
        return _union(measure.schedule for measure in counted if measure.measure_type in types)

    presence_left = needs.presence - cover(codes_covering(PRESENCE))
    guard_left = needs.guard - cover(codes_covering(GUARD))
    rounds = cover(codes_covering(ROUND))
    left = presence_left | guard_left
    return Coverage(
        needed_min=needs.presence.minutes + needs.guard.minutes,
        uncovered_min=left.minutes,
        uncovered_hours=left.to_opening_hours(),
        presence_needed_min=needs.presence.minutes,
        presence_uncovered_min=presence_left.minutes,
        presence_uncovered_hours=presence_left.to_opening_hours(),
        guard_needed_min=needs.guard.minutes,
        guard_uncovered_min=guard_left.minutes,
        guard_uncovered_hours=guard_left.to_opening_hours(),
        round_days=needs.round_days,
        round_days_missing=_day_codes(
            need.opening for need in needs.rounds if not (need.window & rounds).minutes
        ),
        measure_count=len(counted),
    )


def suggest_measures(needs, school=None, scene=None):
    """Planned measures for a school: one per need it has, with the hours it needs.

    Each is a dict of measure field values: measure_type, school, scene,
    hours and status.
    """
    return [
        {
            "measure_type": kind,
            "school": school,
            "scene": scene,
            "hours": needs.hours_for(kind),
            "status": PLANNED,
        }
        for kind in needs.kinds()
    ]
