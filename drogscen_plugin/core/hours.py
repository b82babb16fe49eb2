"""Turning attribute values into weekly schedules, with a note when unsure.

Missing school hours are normal (most school registers carry none) and get
the default hours of the school type without a note. Missing or unreadable
scene hours are treated as always active, the safe assumption, and flagged.
"""

import unicodedata

from ..i18n import tr
from .errors import ScheduleError
from .schedule import WeeklySchedule

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


def school_schedule(value, school_type, default_school, default_preschool):
    """Opening hours of a school as ``(WeeklySchedule, note)``.

    Empty hours take the default of the school type without a note;
    unreadable hours take it too, with a note quoting the parser.
    """
    default = default_preschool if is_preschool(school_type) else default_school
    text = _text(value)
    if not text:
        return default, ""
    try:
        return WeeklySchedule.parse(text), ""
    except ScheduleError as exc:
        note = tr("school hours '{value}' not understood ({message}): default {default} used").format(
            value=text, message=exc, default=default.to_opening_hours()
        )
        return default, note


def scene_schedule(value):
    """Active hours of a scene as ``(WeeklySchedule, note)``.

    Empty or unreadable hours mean always active, with a note.
    """
    text = _text(value)
    if not text:
        return WeeklySchedule.always(), tr("hours unknown: treated as always active")
    try:
        return WeeklySchedule.parse(text), ""
    except ScheduleError as exc:
        note = tr("hours '{value}' not understood ({message}): treated as always active").format(
            value=text, message=exc
        )
        return WeeklySchedule.always(), note
