"""Time on the map for the analysis's own layers, from precomputed attributes.

The overlaps and the school summary get, once after a run, the week steps of
their hours (core.week_steps) and whether a school is a preschool; their
styles then read one character per feature and frame at the dock's time
(@drogscen_step) instead of calling Python to parse hours. The time is a real
date: when it moves into another week, the steps are filled again for that
week (CalendarSteps: public holidays, dated hours, the school calendar), once
per week and distinct hours. The dock follows QGIS's Temporal Controller, so
its time is the one clock for these layers.
"""

from qgis.core import (
    NULL,
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsFeatureRequest,
    QgsField,
    QgsRuleBasedRenderer,
)

from ..core.errors import ScheduleError
from ..core.hours import is_preschool, scene_schedule
from ..core.period_times import PeriodTimes, TimeSettings
from ..core.records import SchoolRecord
from ..core.schedule import Schedule, WeeklySchedule
from ..core.week_steps import STEPS, week_steps
from ..definitions.conflicts import CONCURRENT
from ..i18n import tr
from .compat import FieldType
from .styling import STEP_VARIABLE, fade_closed, set_time_variables

SCENE_STEPS = "scene_steps"
SCHOOL_STEPS = "school_steps"
PRESCHOOL = "school_preschool"
_ALWAYS = "1" * STEPS


def _steps(hours, cache):
    """The week steps of hours text; unknown or unreadable hours count as always,
    as the analysis counts them."""
    text = "" if hours is None or hours == NULL else str(hours).strip()
    if text not in cache:
        try:
            cache[text] = week_steps(WeeklySchedule.parse(text)) if text else _ALWAYS
        except ScheduleError:
            cache[text] = _ALWAYS
    return cache[text]


def add_time_fields(layer, steps_of, preschool_of=None):
    """Add to ``layer`` (its provider must take new fields: memory, GeoPackage) a field
    of week steps per ``{new field: hours field}`` in ``steps_of`` and, with
    ``preschool_of`` (a type field), PRESCHOOL as 1 or 0."""
    provider = layer.dataProvider()
    names = list(steps_of)
    new = [QgsField(name, FieldType.STRING, "string", STEPS) for name in names]
    if preschool_of is not None:
        names.append(PRESCHOOL)
        new.append(QgsField(PRESCHOOL, FieldType.INT))
    provider.addAttributes([field for field in new if layer.fields().lookupField(field.name()) < 0])
    layer.updateFields()
    cache = {}
    values_of = {
        name: (lambda feature, hours=hours: _steps(feature[hours], cache))
        for name, hours in steps_of.items()
    }
    if preschool_of is not None:
        values_of[PRESCHOOL] = lambda feature: int(is_preschool(feature[preschool_of]))
    fill_fields(layer, values_of)


def fill_fields(layer, values_of):
    """Set the fields ``{name: function of a feature}`` of every feature of ``layer``."""
    index = {name: layer.fields().lookupField(name) for name in values_of}
    changes = {}
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    for feature in layer.getFeatures(request):
        changes[feature.id()] = {
            index[name]: value(feature) for name, value in values_of.items() if index[name] >= 0
        }
    layer.dataProvider().changeAttributeValues(changes)


class CalendarSteps:
    """Week steps of schools and scenes in one real week, their hours read as the
    analysis reads them: PH, dated hours, and the school calendar (SH, lov,
    terms) for schools with and without their own hours."""

    def __init__(self, calendar, default_school, default_preschool):
        self._times = PeriodTimes(TimeSettings(calendar=calendar))
        self._holidays = calendar.school_holidays
        self._defaults = (
            WeeklySchedule.parse(default_school),
            WeeklySchedule.parse(default_preschool),
        )
        self.monday = None
        self._cache = {}

    def start_week(self, monday):
        """The week (its Monday at midnight) the steps are for."""
        if monday != self.monday:
            self.monday = monday
            self._cache.clear()

    def school(self, own, school_type, shown):
        """Steps of a school: ``own`` hours text (None: none), else the calendar's
        defaults for its type on ``shown``, the weekly hours the analysis showed."""
        key = ("school", own, school_type, shown)
        if key not in self._cache:
            weekly = WeeklySchedule.parse(shown)
            own_text = "" if own is None or own == NULL else str(own).strip()
            _, note = scene_schedule(own_text, self._holidays, self.monday.date())
            record = SchoolRecord(
                0, "", school_type or "", None, weekly, "", None, "" if note else own_text
            )
            self._cache[key] = week_steps(self._times.school_hours(record), self.monday)
        return self._cache[key]

    def scene(self, text):
        """Steps of a scene; unknown or unreadable hours count as always."""
        text = "" if text is None or text == NULL else str(text).strip()
        key = ("scene", text)
        if key not in self._cache:
            _, note = scene_schedule(text, self._holidays, self.monday.date())
            self._cache[key] = (
                _ALWAYS if note else week_steps(Schedule.parse(text, self._holidays), self.monday)
            )
        return self._cache[key]


def _at_step(field):
    """Expression: ``field``'s week steps cover the dock's time."""
    return "substr({}, @{}, 1) = '1'".format(QgsExpression.quotedColumnRef(field), STEP_VARIABLE)


def _no_time():
    return "@{} IS NULL".format(STEP_VARIABLE)


def use_preschool_field(layer):
    """The summary's style tells preschools by PRESCHOOL, not by parsing the type."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsRuleBasedRenderer):
        return
    renderer = renderer.clone()
    for rule in renderer.rootRule().descendants():
        if rule.filterExpression() == 'drogscen_is_preschool("school_type")':
            rule.setFilterExpression("{} = 1".format(QgsExpression.quotedColumnRef(PRESCHOOL)))
    layer.setRenderer(renderer)


def set_summary_time(layer, moment):
    """Fade the summary's schools closed at ``moment``; None shows all alike."""
    fade_closed(layer, "{} OR {}".format(_no_time(), _at_step(SCHOOL_STEPS)))
    set_time_variables(layer, moment)
    layer.triggerRepaint()


def _conflict_filter(conflict):
    """A conflict's rule: its own value when no time is set; at a time, whether the
    school is open then."""
    at_time = _at_step(SCHOOL_STEPS)
    if conflict != CONCURRENT:
        at_time = "NOT " + at_time
    return 'if({}, "conflict" = {}, {})'.format(
        _no_time(), QgsExpression.quotedValue(conflict), at_time
    )


def setup_overlap_time(layer):
    """Give an overlaps layer (styled by conflict) rules that follow the dock's time:
    an overlap is drawn only while its scene is active, in the colour of a
    concurrent conflict when its school is open then, of an after-hours one when
    it is closed."""
    categorized = layer.renderer()
    if not isinstance(categorized, QgsCategorizedSymbolRenderer):
        return  # already set up, or restyled by the user
    renderer = QgsRuleBasedRenderer(QgsRuleBasedRenderer.Rule(None))
    moment_rule = QgsRuleBasedRenderer.Rule(
        None,
        0,
        0,
        "{} OR {}".format(_no_time(), _at_step(SCENE_STEPS)),
        tr("Active at the chosen time"),
    )
    for category in categorized.categories():
        moment_rule.appendChild(
            QgsRuleBasedRenderer.Rule(
                category.symbol().clone(),
                0,
                0,
                _conflict_filter(category.value()),
                category.label(),
            )
        )
    renderer.rootRule().appendChild(moment_rule)
    layer.setRenderer(renderer)
    # Redrawn with every frame of the Temporal Controller, which the dock follows.
    properties = layer.temporalProperties()
    properties.setMode(Qgis.VectorTemporalMode.RedrawLayerOnly)
    properties.setIsActive(True)


def set_overlap_time(layer, moment):
    """Show the overlaps at ``moment`` (a datetime), or all by conflict when None."""
    setup_overlap_time(layer)
    set_time_variables(layer, moment)
    layer.triggerRepaint()
