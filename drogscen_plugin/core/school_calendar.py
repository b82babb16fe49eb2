"""The school calendar: terms, school holidays ("lov") and whose yard is in use when.

What matters for a yard is whether children are there. A day is one of:

* ``holiday``: a Swedish public holiday (holidays.py);
* ``lov``: a day of the school holidays the user gives (``SH`` in hours);
* ``term``: a day of a term (every day when no terms are given);
* ``break``: outside the terms and the school holidays (the summer break).

A school without its own hours then has, by default (Swedish practice, each
changeable through :meth:`CalendarDefaults.with_rule`):

============  ======  ==========  =======  =======
school kind   term    lov         break    holiday
============  ======  ==========  =======  =======
compulsory    hours   fritidshem  closed   closed
gymnasium     hours   closed      closed   closed
preschool     hours   hours       hours    closed
============  ======  ==========  =======  =======

``hours`` are the kind's default hours, ``fritidshem`` the after-school
centre's hours (default ``Mo-Fr 07:00-18:00``). A school with its own hours
keeps them, with ``SH`` meaning this calendar's school holidays.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from ..i18n import tr
from .errors import InputError
from .holidays import is_public_holiday
from .hours import is_preschool
from .schedule import Schedule, intervals_from_days

TERM, LOV, BREAK, HOLIDAY = "term", "lov", "break", "holiday"
DAY_KINDS = (TERM, LOV, BREAK, HOLIDAY)
COMPULSORY, GYMNASIUM, PRESCHOOL = "compulsory", "gymnasium", "preschool"
SCHOOL_KINDS = (COMPULSORY, GYMNASIUM, PRESCHOOL)
HOURS, FRITIDSHEM, CLOSED = "hours", "fritidshem", "closed"
CHOICES = (HOURS, FRITIDSHEM, CLOSED)

DEFAULT_FRITIDSHEM_HOURS = "Mo-Fr 07:00-18:00"
DEFAULT_DAY_RULES = {
    COMPULSORY: {TERM: HOURS, LOV: FRITIDSHEM, BREAK: CLOSED, HOLIDAY: CLOSED},
    GYMNASIUM: {TERM: HOURS, LOV: CLOSED, BREAK: CLOSED, HOLIDAY: CLOSED},
    PRESCHOOL: {TERM: HOURS, LOV: HOURS, BREAK: HOURS, HOLIDAY: CLOSED},
}

# An EXAMPLE school year, to be replaced by the municipality's own dates.
EXAMPLE_TERMS_2026_27 = "2026-08-17/2026-12-18, 2027-01-08/2027-06-11"
EXAMPLE_SCHOOL_HOLIDAYS_2026_27 = (
    "2026-10-26/2026-10-30, "  # höstlov, week 44
    "2026-12-21/2027-01-07, "  # jullov
    "2027-03-01/2027-03-05, "  # sportlov, week 9
    "2027-03-29/2027-04-02"  # påsklov, the week after Easter
)

_RANGE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s*/\s*(\d{4}-\d{2}-\d{2}))?$")


def parse_date_ranges(text, what):
    """``2026-10-26/2026-10-30, 2026-11-13`` as sorted inclusive ``(date, date)`` pairs.

    Items are separated by commas, semicolons or new lines; ``what`` names
    the setting in messages. Raises :class:`InputError` naming the item.
    """
    ranges = []
    items = [item.strip() for item in re.split(r"[,;\n]", text or "")]
    for number, item in enumerate(items, start=1):
        if not item:
            continue
        match = _RANGE_RE.match(item)
        dates = _dates(match) if match else None
        if dates is None:
            raise InputError(
                tr(
                    "{what}: item {number} {item!r} is not a date or a date range "
                    "(write 2026-10-26 or 2026-10-26/2026-10-30)"
                ).format(what=what, number=number, item=item)
            )
        if dates[1] < dates[0]:
            raise InputError(
                tr("{what}: item {number} {item!r} ends before it begins").format(
                    what=what, number=number, item=item
                )
            )
        ranges.append(dates)
    return tuple(sorted(ranges))


def _dates(match):
    try:
        first = date.fromisoformat(match.group(1))
        last = date.fromisoformat(match.group(2)) if match.group(2) else first
    except ValueError:
        return None
    return first, last


def school_kind(type_value):
    """compulsory, gymnasium or preschool from a school type value."""
    if is_preschool(type_value):
        return PRESCHOOL
    text = unicodedata.normalize("NFC", str(type_value or "")).casefold()
    if "gymnasi" in text or "upper secondary" in text:
        return GYMNASIUM
    return COMPULSORY


@dataclass(frozen=True)
class SchoolCalendar:
    """Terms and school holidays as inclusive ``(date, date)`` ranges."""

    terms: tuple = ()
    school_holidays: tuple = ()

    @classmethod
    def parse(cls, terms_text="", school_holidays_text=""):
        terms = parse_date_ranges(terms_text, tr("Terms"))
        for (_, end), (start, _) in zip(terms, terms[1:]):
            if start <= end:
                raise InputError(
                    tr("Terms: {start} begins before the term before it ends ({end})").format(
                        start=start.isoformat(), end=end.isoformat()
                    )
                )
        return cls(terms, parse_date_ranges(school_holidays_text, tr("School holidays")))

    @classmethod
    def example_2026_27(cls):
        """The EXAMPLE school year 2026/27 (not any municipality's real dates)."""
        return cls.parse(EXAMPLE_TERMS_2026_27, EXAMPLE_SCHOOL_HOLIDAYS_2026_27)

    def day_kind(self, day):
        if is_public_holiday(day):
            return HOLIDAY
        if any(first <= day <= last for first, last in self.school_holidays):
            return LOV
        if not self.terms or any(first <= day <= last for first, last in self.terms):
            return TERM
        return BREAK

    @staticmethod
    def ranges_text(ranges):
        """Inclusive ranges as the settings write them: ``2026-10-26/2026-10-30, 2026-11-13``."""
        return ", ".join(
            first.isoformat()
            if first == last
            else "{}/{}".format(first.isoformat(), last.isoformat())
            for first, last in ranges
        )

    @property
    def terms_text(self):
        return self.ranges_text(self.terms)

    @property
    def school_holidays_text(self):
        return self.ranges_text(self.school_holidays)

    def parse_hours(self, text):
        """A school's own hours, ``SH`` meaning this calendar's school holidays."""
        return Schedule.parse(text, self.school_holidays)


def term_name(day):
    """``VT 2027`` (spring term, January to June) or ``HT 2026`` (autumn term)."""
    return ("VT {}" if day.month <= 6 else "HT {}").format(day.year)


@dataclass(frozen=True)
class CalendarDefaults:
    """What a school without its own hours has on each kind of day."""

    fritidshem_hours: str = DEFAULT_FRITIDSHEM_HOURS
    day_rules: dict = field(
        default_factory=lambda: {kind: dict(rules) for kind, rules in DEFAULT_DAY_RULES.items()}
    )

    def with_rule(self, school_kind_name, day_kind, choice):
        """A copy where ``school_kind_name`` has ``choice`` on days of ``day_kind``."""
        if (
            school_kind_name not in SCHOOL_KINDS
            or day_kind not in DAY_KINDS
            or choice not in CHOICES
        ):
            raise InputError(
                tr(
                    "Unknown calendar rule {kind}/{day}/{choice}: kinds are {kinds}, "
                    "days {days}, choices {choices}"
                ).format(
                    kind=school_kind_name,
                    day=day_kind,
                    choice=choice,
                    kinds=", ".join(SCHOOL_KINDS),
                    days=", ".join(DAY_KINDS),
                    choices=", ".join(CHOICES),
                )
            )
        rules = {kind: dict(values) for kind, values in self.day_rules.items()}
        rules[school_kind_name][day_kind] = choice
        return replace(self, day_rules=rules)


class CalendarSchedule:
    """Hours of a school without its own: the kind's hours, the fritidshem's or
    none, chosen day by day from the calendar."""

    def __init__(self, kind, hours, calendar, defaults=None):
        defaults = defaults or CalendarDefaults()
        self.kind = kind
        self.calendar = calendar
        sources = {
            HOURS: calendar.parse_hours(hours),
            FRITIDSHEM: calendar.parse_hours(defaults.fritidshem_hours),
            CLOSED: None,
        }
        self._by_day_kind = {
            day_kind: sources[choice] for day_kind, choice in defaults.day_rules[kind].items()
        }

    def day_ranges(self, day):
        """Open ``(start, end)`` minutes of a date; a day's kind decides all of it."""
        source = self._by_day_kind[self.calendar.day_kind(day)]
        return source.day_ranges(day) if source is not None else ()

    def open_intervals(self, start, end):
        return intervals_from_days(self.day_ranges, start, end)

    def is_active(self, moment):
        minute = moment.hour * 60 + moment.minute
        return any(first <= minute < last for first, last in self.day_ranges(moment.date()))
