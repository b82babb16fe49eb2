"""Turning attribute values into weekly schedules, with a note when unsure.

The whole hours syntax is read, dates, PH and SH included. Hours with date
selectors have no single week: their weekly schedule is the week of a given
day (the period's first), a stand-in for what shows weekly; the period engine
reads the text itself.

Missing school hours are normal (most school registers carry none) and get
the default hours of the school type without a note. Missing or unreadable
scene hours are treated as always active, the safe assumption, and flagged.
Hours that are legal but unlikely (a school open at weekends or around the
clock, hours without days) are used as given, with a note to check them.
"""

import re
import unicodedata
from datetime import date

from ..i18n import tr
from .cache import ByteBoundedCache, text_size
from .errors import ScheduleError
from .hours_syntax import DAY_WORDS
from .schedule import CACHE_BYTES, MINUTES_PER_DAY, MINUTES_PER_WEEK, Schedule, WeeklySchedule

# School day plus after-school centre ("fritidshem").
DEFAULT_SCHOOL_HOURS = "Mo-Fr 07:00-18:00"
DEFAULT_PRESCHOOL_HOURS = "Mo-Fr 06:30-18:30"

# Matched as parts of the type value, so "Kommunal förskola" is a preschool.
# "förskoleklass" (school year 0, part of grundskola) contains none of them.
_PRESCHOOL_WORDS = (
    "förskola",
    "forskola",
    "pedagogisk omsorg",
    "dagbarnvård",
    "dagbarnvard",
    "familjedaghem",
    "preschool",
    "pre-school",
    "kindergarten",
)


def _text(value):
    return "" if value is None else str(value).strip()


def is_preschool(type_value):
    """True when a school type value names a preschool (case-insensitive)."""
    # NFC: "ö" may arrive decomposed from some data sources.
    text = unicodedata.normalize("NFC", _text(type_value)).casefold()
    text = " ".join(text.split())
    return any(word in text for word in _PRESCHOOL_WORDS)


def weekly_of(text, school_holidays=(), day=None):
    """The WeeklySchedule of hours text; for dated hours the week of ``day``
    (default: today). Raises :class:`ScheduleError` with the full parser's message."""
    try:
        return WeeklySchedule.parse(text)
    except ScheduleError:
        # Refused for its dates, or unreadable: the full parser tells which.
        return Schedule.parse(text, school_holidays).week(day or date.today())


def _canonical(text):
    if Schedule.parse(text).calendar_words:
        return text
    return WeeklySchedule.parse(text).to_opening_hours()


# Map styles ask for every feature in every frame.
_canonical_cached = ByteBoundedCache(
    _canonical, CACHE_BYTES // 4, lambda text, canonical: text_size(text) + text_size(canonical)
)


def canonical_hours(text):
    """The canonical text of readable hours; raises :class:`ScheduleError`.

    Weekly hours get their canonical weekly form. Hours that read the
    calendar (dates, PH, SH) have no weekly form that says it all: they are
    kept as given.
    """
    return _canonical_cached(text.strip())


def school_schedule(
    value, school_type, default_school, default_preschool, school_holidays=(), day=None
):
    """Opening hours of a school as ``(WeeklySchedule, note)``.

    Empty hours take the default of the school type without a note;
    unreadable hours take it too, with a note quoting the parser. Dated
    hours are read (see :func:`weekly_of` for ``school_holidays`` and ``day``).
    """
    default = default_preschool if is_preschool(school_type) else default_school
    text = _text(value)
    if not text:
        return default, ""
    try:
        return weekly_of(text, school_holidays, day), ""
    except ScheduleError as exc:
        note = tr(
            "school hours '{value}' not understood ({message}): default {default} used"
        ).format(value=text, message=exc, default=default.to_opening_hours())
        return default, note


# One object for every scene without usable hours: the caches keyed by
# schedule then meet the same one again.
_ALWAYS_ACTIVE = WeeklySchedule.always()


def scene_schedule(value, school_holidays=(), day=None):
    """Active hours of a scene as ``(WeeklySchedule, note)``.

    Empty or unreadable hours mean always active, with a note. Dated hours
    are read (see :func:`weekly_of` for ``school_holidays`` and ``day``).
    """
    text = _text(value)
    if not text:
        return _ALWAYS_ACTIVE, tr("hours unknown: treated as always active")
    try:
        return weekly_of(text, school_holidays, day), ""
    except ScheduleError as exc:
        note = tr("hours '{value}' not understood ({message}): treated as always active").format(
            value=text, message=exc
        )
        return _ALWAYS_ACTIVE, note


_SATURDAY = 5 * MINUTES_PER_DAY
# What names weekdays in hours text: day words outside comments, or 24/7 (not "week 1-24/7").
_COMMENT = re.compile(r'"[^"]*"')
_WORD = re.compile(r"[^\W\d_]+")
_ALWAYS = re.compile(r"(?<![-\d])24/7(?!\d)")


def _days_given(text):
    """False for hours that name no weekday, such as "07:30-16:30", "Jan-Dec 08:00-16:00"
    or "PH off; 07:00-16:00": their times hold every day of the week."""
    text = _COMMENT.sub(" ", text)
    return bool(_ALWAYS.search(text)) or any(
        word.casefold() in DAY_WORDS for word in _WORD.findall(text)
    )


def _open_at_weekends(schedule):
    return any(end > _SATURDAY for _, end in schedule.intervals)


def _around_the_clock(schedule):
    """True when the schedule holds 24 hours on end, as "Mo-Fr" without times does."""
    intervals = schedule.intervals
    longest = max((end - start for start, end in intervals), default=0)
    if intervals and intervals[0][0] == 0 and intervals[-1][1] == MINUTES_PER_WEEK:
        # Sunday night runs on into Monday morning.
        longest = max(longest, intervals[0][1] + MINUTES_PER_WEEK - intervals[-1][0])
    return longest >= MINUTES_PER_DAY


def school_hours_check(value, schedule):
    """A note on a school's own hours that are legal but unlikely, or ""; the hours stand."""
    text = _text(value)
    if not text:
        return ""
    if not _days_given(text) and _open_at_weekends(schedule):
        return tr("no days given, so open every day, including weekends: check the hours")
    if _around_the_clock(schedule):
        return tr("open around the clock: check the hours")
    if _open_at_weekends(schedule):
        return tr("open at weekends: check the hours")
    return ""


def scene_hours_check(value, schedule):
    """A note on scene hours given without days (so every day), or ""; the hours stand."""
    text = _text(value)
    if text and schedule.intervals and not _days_given(text):
        return tr("no days given, so active every day: check the hours")
    return ""
