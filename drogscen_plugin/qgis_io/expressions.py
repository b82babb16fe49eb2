"""Expression functions in the group "Drogscen", usable anywhere in QGIS.

Filters, the field calculator, rule-based styles and form constraints can ask
whether hours are active at a moment, how much two schedules overlap, and how
hours read. A NULL argument gives NULL (QGIS skips the call); empty hours give
NULL too: unknown hours are no error.

The functions are built when registered, so their help is in the language
installed at that moment, and kept here so Python never collects them while
QGIS still calls them.
"""

from datetime import datetime
from functools import lru_cache

from qgis.core import QgsExpression, qgsfunction
from qgis.PyQt.QtCore import QDate, QDateTime

from ..core.cache import ByteBoundedCache, text_size
from ..core.errors import InputError, ScheduleError
from ..core.hours import canonical_hours, is_preschool
from ..core.schedule import CACHE_BYTES, Schedule, WeeklySchedule
from ..i18n import tr
from .project_calendar import project_calendar

GROUP = "Drogscen"

_registered = []


def _read_for_moments(text):
    """(schedule, whether it reads SH): weekly hours as a WeeklySchedule (a
    bisect per moment), hours on the calendar as a Schedule."""
    schedule = Schedule.parse(text)
    words = schedule.calendar_words
    if not words:
        return WeeklySchedule.parse(text), False
    return schedule, "SH" in words


# Styles ask for every feature in every frame: one reading per text.
_for_moments = ByteBoundedCache(
    _read_for_moments, CACHE_BYTES // 4, lambda text, found: text_size(text) + 2000
)


@lru_cache(maxsize=256)
def _with_school_holidays(text, school_holidays):
    """One Schedule per text and calendar: it remembers the days it evaluated."""
    return Schedule.parse(text, school_holidays)


def _read(hours, parent, parse):
    """``parse(text)``; None for empty text, or with the parser's message set as the
    expression's evaluation error."""
    text = str(hours).strip()
    if not text:
        return None
    try:
        return parse(text)
    except (ScheduleError, InputError) as error:
        parent.setEvalErrorString(
            tr("Hours '{hours}': {message}").format(hours=text, message=error)
        )
        return None


def _on_calendar(text):
    schedule, reads_sh = _for_moments(text)
    if reads_sh:
        # Only then the project's calendar: reading it costs more than the hours.
        return _with_school_holidays(text, project_calendar().school_holidays)
    return schedule


def _schedule(hours, parent):
    """Hours on the calendar: PH, dates, and SH from the project's school calendar."""
    return _read(hours, parent, _on_calendar)


def _weekly(hours, parent):
    return _read(hours, parent, WeeklySchedule.parse)


def _moment(value, parent):
    """A QGIS date-time value as a naive datetime on its own wall clock, or None
    with an evaluation error."""
    if isinstance(value, QDateTime) and value.isValid():
        date, time = value.date(), value.time()
        return datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
    if isinstance(value, QDate) and value.isValid():
        return datetime(value.year(), value.month(), value.day())
    try:
        return datetime.fromisoformat(str(value).strip())
    except ValueError:
        parent.setEvalErrorString(tr("'{value}' is not a date and time.").format(value=value))
        return None


def drogscen_active(hours, moment, feature, parent):
    schedule = _schedule(hours, parent)
    when = _moment(moment, parent)
    if schedule is None or when is None:
        return None
    return schedule.is_active(when)


def drogscen_overlap_minutes(hours_a, hours_b, feature, parent):
    first = _weekly(hours_a, parent)
    second = _weekly(hours_b, parent)
    if first is None or second is None:
        return None
    return (first & second).minutes


def drogscen_normalize_hours(hours, feature, parent):
    try:
        return canonical_hours(str(hours))
    except ScheduleError:
        return None  # unreadable hours have no canonical form


def drogscen_check_hours(hours, feature, parent):
    schedule = _read(hours, parent, Schedule.parse)
    return None if schedule is None else True


def drogscen_is_preschool(school_type, feature, parent):
    return is_preschool(school_type)


def _help(description, syntax, arguments, examples):
    """Help in the layout of QGIS's own functions."""
    rows = "".join(
        '<tr><td class="argument">{}</td><td>{}</td></tr>'.format(name, text)
        for name, text in arguments
    )
    items = "".join(
        "<li><code>{}</code> &rarr; <code>{}</code></li>".format(call, result)
        for call, result in examples
    )
    return (
        '<div class="description"><p>{description}</p></div>'
        '<h4>{syntax_title}</h4><div class="syntax"><code>{syntax}</code></div>'
        '<h4>{arguments_title}</h4><div class="arguments"><table>{rows}</table></div>'
        '<h4>{examples_title}</h4><div class="examples"><ul>{items}</ul></div>'
    ).format(
        description=description,
        syntax_title=tr("Syntax"),
        syntax=syntax,
        arguments_title=tr("Arguments"),
        rows=rows,
        examples_title=tr("Examples"),
        items=items,
    )


def _hours_argument(name="hours"):
    return (
        name,
        tr(
            "weekly hours in opening_hours syntax, for example 'Mo-Fr 22:00-03:00' "
            "(Swedish day names and whole hours such as 'Må-Fr 22-03' are read too)"
        ),
    )


def _dated_hours_argument():
    return (
        "hours",
        tr(
            "hours in opening_hours syntax, dated ones too, for example "
            "'Mo-Fr 22:00-03:00; Jul off' or 'Mo-Fr 08:00-16:00; PH off; SH 10:00-14:00'"
        ),
    )


def _active_help():
    return _help(
        tr(
            "Returns true when the hours are active at a date and time, false when not. "
            "Dates count: public holidays (PH), dated rules such as 'Jul off', and the "
            "school holidays (SH) of the school calendar the dock keeps in the project. "
            "Empty hours give NULL; hours that cannot be read give an evaluation error "
            "with the parser's message."
        ),
        "drogscen_active(hours, datetime)",
        [
            _dated_hours_argument(),
            ("datetime", tr("a date and time, such as @map_start_time")),
        ],
        [
            ("drogscen_active('Mo-Fr 22:00-03:00', to_datetime('2024-03-09 01:30'))", "true"),
            (
                "drogscen_active('Mo-Fr 08:00-16:00; PH off', to_datetime('2026-12-24 10:00'))",
                "false",
            ),
            (
                'drogscen_active("active_hours", @map_start_time)',
                tr("whether the scene is active at the start of the map's time range"),
            ),
        ],
    )


def _overlap_minutes_help():
    return _help(
        tr(
            "Returns the minutes per week during which both hours are active. Empty "
            "hours give NULL; hours that cannot be read give an evaluation error."
        ),
        "drogscen_overlap_minutes(hours_a, hours_b)",
        [_hours_argument("hours_a"), _hours_argument("hours_b")],
        [
            ("drogscen_overlap_minutes('Mo-Fr 15:00-20:00', 'Mo-Fr 07:00-18:00')", "900"),
        ],
    )


def _normalize_hours_help():
    return _help(
        tr(
            "Returns the hours in canonical opening_hours form, or NULL when they are "
            "empty or cannot be read. Hours that read the calendar (dates, PH, SH) are "
            "returned as given."
        ),
        "drogscen_normalize_hours(hours)",
        [_hours_argument()],
        [
            ("drogscen_normalize_hours('må-fr 22-03')", "'Mo-Fr 22:00-03:00'"),
            ("drogscen_normalize_hours('Mo-Fr 25:00')", "NULL"),
        ],
    )


def _check_hours_help():
    return _help(
        tr(
            "Returns true when the hours can be read (dated hours too). When they "
            "cannot, the evaluation fails with the parser's message saying what is wrong "
            "and where, so a field "
            "constraint using this function shows that message in the form. Empty "
            "hours give NULL."
        ),
        "drogscen_check_hours(hours)",
        [_dated_hours_argument()],
        [
            ("drogscen_check_hours('Mo-Fr 08:00-17:00')", "true"),
            (
                '"active_hours" IS NULL OR drogscen_check_hours("active_hours")',
                tr("a constraint that refuses unreadable hours"),
            ),
        ],
    )


def _is_preschool_help():
    return _help(
        tr(
            "Returns true when a school type names a preschool, as the analysis reads "
            "it: values containing 'förskola', 'pedagogisk omsorg', 'preschool' or "
            "'kindergarten', among others, in any case."
        ),
        "drogscen_is_preschool(type)",
        [("type", tr("the school type"))],
        [
            ("drogscen_is_preschool('Kommunal förskola')", "true"),
            ("drogscen_is_preschool('förskoleklass')", "false"),
        ],
    )


def _definitions():
    """``(python function, help text)`` for each expression function."""
    return [
        (drogscen_active, _active_help()),
        (drogscen_overlap_minutes, _overlap_minutes_help()),
        (drogscen_normalize_hours, _normalize_hours_help()),
        (drogscen_check_hours, _check_hours_help()),
        (drogscen_is_preschool, _is_preschool_help()),
    ]


def register_functions():
    """Register the expression functions; calling it again changes nothing."""
    if _registered:
        return
    for function, help_text in _definitions():
        # register=False: QGIS's decorator would register at once; unload needs the objects.
        expression_function = qgsfunction(
            args="auto",
            group=GROUP,
            register=False,
            usesgeometry=False,
            referenced_columns=[],
            helpText=help_text,
        )(function)
        # A left-over of an earlier load of the plugin gives way, as in QGIS's decorator.
        QgsExpression.unregisterFunction(expression_function.name())
        if QgsExpression.registerFunction(expression_function):
            _registered.append(expression_function)


def unregister_functions():
    """Remove the expression functions again; safe to call when none are registered."""
    for expression_function in _registered:
        QgsExpression.unregisterFunction(expression_function.name())
    # Only now: QGIS does not own the functions, dropping them deletes them.
    _registered.clear()
