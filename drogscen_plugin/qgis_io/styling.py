"""Styles of the plugin's layers, and time on the map.

The styles are ``resources/styles/<kind>.qml`` (written by make_styles.py
there); schools and the summary have a ``<kind>_polygons.qml`` for school
grounds. Their expressions quote every column and no text, so that
``apply_style(..., fields=...)`` can point them at other field names.

Time reaches the map through one rule at the top of a scene layer's
rule-based renderer: a scene is drawn when its hours are active at the start
of the Temporal Controller's range (``@map_start_time``) and at the dock's
date and time (the layer variable ``drogscen_time``), each when set. Schools
closed at the dock's time are drawn faded. A rule and a symbol opacity,
rather than a subset string: the data providers cannot evaluate the plugin's
expression functions.
"""

import os
import re

from qgis.core import (
    Qgis,
    QgsAbstractVectorLayerLabeling,
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeatureRenderer,
    QgsMapLayer,
    QgsProperty,
    QgsReadWriteContext,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsSymbol,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import DrogscenError
from ..core.hours import DEFAULT_PRESCHOOL_HOURS, DEFAULT_SCHOOL_HOURS
from ..core.week_steps import step_of
from ..definitions.defaults import SCENE_HOURS_FIELD
from ..i18n import tr

STYLE_DIR = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "resources", "styles"
)
KINDS = ("scenes", "buffers", "overlaps", "schools", "summary")
# Kinds whose layers can be points or school grounds.
POLYGON_VARIANTS = ("schools", "summary")
# What the .qml files hold: only the look.
STYLE_CATEGORIES = QgsMapLayer.Symbology | QgsMapLayer.Labeling
TIME_VARIABLE = "drogscen_time"
STEP_VARIABLE = "drogscen_step"
# A school closed at the chosen time keeps this share of its opacity.
CLOSED_OPACITY = 0.3

_COLUMN = re.compile(r'"((?:[^"]|"")*)"')


def style_path(kind, geometry_type=QgsWkbTypes.PolygonGeometry):
    """The .qml file of a kind of layer, for layers of ``geometry_type``."""
    if kind not in KINDS:
        raise ValueError("unknown style kind {!r}".format(kind))
    if kind in POLYGON_VARIANTS and geometry_type == QgsWkbTypes.PolygonGeometry:
        kind += "_polygons"
    return os.path.normpath(os.path.join(STYLE_DIR, kind + ".qml"))


def _legend_labels():
    """The styles' English legend labels and their translations."""
    # Literal tr() calls, so the translation tools find every label.
    return {
        "Active at the chosen time": tr("Active at the chosen time"),
        "Open scene": tr("Open scene"),
        "Closed scene": tr("Closed scene"),
        "Concurrent: active while the school is open": tr(
            "Concurrent: active while the school is open"
        ),
        "After hours: active while the school is closed": tr(
            "After hours: active while the school is closed"
        ),
        "Preschool": tr("Preschool"),
        "School": tr("School"),
    }


def _rename_columns(expression, fields):
    """``expression`` with each quoted column renamed by the mapping ``fields``."""

    def rename(match):
        name = match.group(1).replace('""', '"')
        return QgsExpression.quotedColumnRef(fields.get(name, name))

    return _COLUMN.sub(rename, expression)


def _adapt_renderer(renderer, fields):
    labels = _legend_labels()
    if isinstance(renderer, QgsRuleBasedRenderer):
        for rule in renderer.rootRule().descendants():
            rule.setFilterExpression(_rename_columns(rule.filterExpression(), fields))
            rule.setLabel(labels.get(rule.label(), rule.label()))
    elif isinstance(renderer, QgsCategorizedSymbolRenderer):
        attribute = renderer.classAttribute()
        renderer.setClassAttribute(fields.get(attribute) or _rename_columns(attribute, fields))
        for index, category in enumerate(renderer.categories()):
            renderer.updateCategoryLabel(index, labels.get(category.label(), category.label()))


def _adapt_labeling(layer, fields):
    labeling = layer.labeling()
    if not isinstance(labeling, QgsVectorLayerSimpleLabeling):
        return
    settings = labeling.settings()
    if settings.isExpression:
        settings.fieldName = _rename_columns(settings.fieldName, fields)
    else:
        settings.fieldName = fields.get(settings.fieldName, settings.fieldName)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def read_style(path):
    """The renderer, labeling (or None) and labels-enabled flag of a .qml file."""
    document = QDomDocument()
    try:
        with open(path, encoding="utf-8") as file:
            parsed, message, _, _ = document.setContent(file.read())
    except OSError as error:
        parsed, message = False, error.strerror
    root = document.documentElement()
    renderer = None
    if parsed:
        renderer = QgsFeatureRenderer.load(
            root.firstChildElement("renderer-v2"), QgsReadWriteContext()
        )
    if renderer is None:
        raise DrogscenError(
            tr("The style {path} could not be read: {message}").format(
                path=path, message=message or tr("it has no symbols")
            )
        )
    element = root.firstChildElement("labeling")
    labeling = None
    if not element.isNull():
        labeling = QgsAbstractVectorLayerLabeling.create(element, QgsReadWriteContext())
    return renderer, labeling, root.attribute("labelsEnabled") == "1"


def apply_style(layer, kind, fields=None):
    """Give ``layer`` the symbols and labels of ``kind`` (one of KINDS), legend in the
    user's language.

    ``fields`` maps the style's field names to the layer's, e.g.
    ``{"name": "skola", "type": "skolform"}``; the defaults are the sample
    data's names for scenes and schools and the analysis outputs' names.
    Nothing else of the layer changes.
    """
    # Not loadNamedStyle: in QGIS 3.22 it clears the fields' constraints and
    # default values even when told to load only symbols and labels.
    renderer, labeling, labels_enabled = read_style(style_path(kind, layer.geometryType()))
    fields = fields or {}
    _adapt_renderer(renderer, fields)
    layer.setRenderer(renderer)
    layer.setLabeling(labeling)
    layer.setLabelsEnabled(labels_enabled)
    _adapt_labeling(layer, fields)
    layer.triggerRepaint()


# --- time ----------------------------------------------------------------------


def _active_at(hours, moment):
    """Expression: the hours are active at ``moment``.

    Also true when the moment is not set, and for empty or unreadable hours,
    which the analysis treats as always active.
    """
    return "coalesce(drogscen_active(drogscen_normalize_hours({hours}), {moment}), true)".format(
        hours=QgsExpression.quotedColumnRef(hours), moment=moment
    )


def time_filter_expression(hours_field=SCENE_HOURS_FIELD):
    """The filter of the time rule: active at the Temporal Controller's and the dock's time."""
    return "{} AND {}".format(
        _active_at(hours_field, "@map_start_time"), _active_at(hours_field, "@" + TIME_VARIABLE)
    )


def _time_rule(root):
    """The time rule: the only rule under the root, filtering on the dock's time."""
    children = root.children()
    if len(children) == 1 and "@" + TIME_VARIABLE in children[0].filterExpression():
        return children[0]
    return None


def _ensure_time_rule(layer, hours_field):
    """Put the layer's style under the time rule for ``hours_field``, once."""
    expression = time_filter_expression(hours_field)
    renderer = layer.renderer()
    if isinstance(renderer, QgsRuleBasedRenderer):
        rule = _time_rule(renderer.rootRule())
        if rule is not None and rule.filterExpression() == expression:
            return
        renderer = renderer.clone()
    else:
        renderer = QgsRuleBasedRenderer.convertFromRenderer(renderer, layer)
        if renderer is None:
            raise DrogscenError(
                tr("The style of layer '{layer}' cannot be filtered by time.").format(
                    layer=layer.name()
                )
            )
    root = renderer.rootRule()
    rule = _time_rule(root)
    if rule is None:
        rule = QgsRuleBasedRenderer.Rule(None, 0, 0, "", tr("Active at the chosen time"))
        for child in root.children():
            rule.appendChild(root.takeChild(child))
        root.appendChild(rule)
    rule.setFilterExpression(expression)
    layer.setRenderer(renderer)


def set_time_variables(layer, moment):
    """Set the layer variables drogscen_time to ``moment`` (wall-clock text) and
    drogscen_step to its step of the week (1 = Monday 00:00), or remove them."""
    scope = QgsExpressionContextUtils.layerScope(layer)
    variables = {
        name: scope.variable(name)
        for name in scope.variableNames()
        if not scope.isReadOnly(name) and name not in (TIME_VARIABLE, STEP_VARIABLE)
    }
    if moment is not None:
        # Text, so a saved project keeps it.
        variables[TIME_VARIABLE] = moment.strftime("%Y-%m-%dT%H:%M:%S")
        variables[STEP_VARIABLE] = step_of(moment) + 1
    QgsExpressionContextUtils.setLayerVariables(layer, variables)


def setup_temporal(layer, hours_field=SCENE_HOURS_FIELD):
    """Make a scene layer follow QGIS's Temporal Controller.

    Mode "redraw layer only": QGIS redraws the layer for every frame, and the
    time rule shows the scenes active at the frame's start.
    """
    properties = layer.temporalProperties()
    properties.setMode(Qgis.VectorTemporalMode.RedrawLayerOnly)
    properties.setIsActive(True)
    _ensure_time_rule(layer, hours_field)
    layer.triggerRepaint()


def set_time_filter(layer, moment, hours_field=SCENE_HOURS_FIELD):
    """Show only the scenes active at ``moment`` (a datetime), or all scenes when
    ``moment`` is None."""
    _ensure_time_rule(layer, hours_field)
    set_time_variables(layer, moment)
    layer.triggerRepaint()


def school_hours_expression(
    layer,
    hours_field="school_hours",
    type_field="school_type",
    default_school=DEFAULT_SCHOOL_HOURS,
    default_preschool=DEFAULT_PRESCHOOL_HOURS,
):
    """Expression: a school's hours as the analysis reads them.

    Its own hours when readable, else the default of its type. A field the
    layer lacks is left out.
    """
    names = layer.fields().names()
    default = QgsExpression.quotedValue(default_school)
    if type_field in names:
        default = "if(drogscen_is_preschool({}), {}, {})".format(
            QgsExpression.quotedColumnRef(type_field),
            QgsExpression.quotedValue(default_preschool),
            default,
        )
    if hours_field in names:
        return "coalesce(drogscen_normalize_hours({}), {})".format(
            QgsExpression.quotedColumnRef(hours_field), default
        )
    return default


def set_school_time(
    layer,
    moment,
    hours_field="school_hours",
    type_field="school_type",
    default_school=DEFAULT_SCHOOL_HOURS,
    default_preschool=DEFAULT_PRESCHOOL_HOURS,
):
    """Fade the schools that are closed at ``moment``; None shows all alike.

    The hours are read as school_hours_expression reads them; the defaults
    suit the analysis summary, a raw schools layer needs e.g.
    ``hours_field="opening_hours", type_field="type"``.
    """
    hours = school_hours_expression(
        layer, hours_field, type_field, default_school, default_preschool
    )
    open_then = "coalesce(drogscen_active({}, @{}), true)".format(hours, TIME_VARIABLE)
    fade_closed(layer, open_then)
    set_time_variables(layer, moment)
    layer.triggerRepaint()


def fade_closed(layer, open_then):
    """Draw the layer's symbols at full opacity where the expression ``open_then``
    holds, faded elsewhere."""
    renderer = layer.renderer()
    symbols = renderer.symbols(QgsRenderContext())
    wanted = [
        "if({}, {:g}, {:g})".format(
            open_then, symbol.opacity() * 100, symbol.opacity() * 100 * CLOSED_OPACITY
        )
        for symbol in symbols
    ]
    current = [
        symbol.dataDefinedProperties().property(QgsSymbol.PropertyOpacity).expressionString()
        for symbol in symbols
    ]
    if wanted != current:
        renderer = renderer.clone()
        for symbol, expression in zip(renderer.symbols(QgsRenderContext()), wanted):
            symbol.setDataDefinedProperty(
                QgsSymbol.PropertyOpacity, QgsProperty.fromExpression(expression)
            )
        layer.setRenderer(renderer)
