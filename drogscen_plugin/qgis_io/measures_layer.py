"""Safety measures: the GeoPackage layers to draw them in, and adding measures.

Three layers share one schema: points (cameras, sensors), lines (fences,
patrol routes) and polygons (lighting, clearing, yard areas). As with the
scene layer, the form refuses hours the analysis cannot read (the
constraint ends in drogscen_check_hours, whose evaluation error carries the
parser's message) and everything is saved as each layer's default style in
the GeoPackage, so the form comes back when the file is opened again.

Measures are added through a layer's edit buffer, as a form adds them: one
undo step, and nothing is written until the user saves.
"""

import os
from collections import namedtuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsLayerTreeLayer,
    QgsVectorLayerUtils,
    QgsWkbTypes,
)

from ..core.errors import DrogscenError, InputError
from ..definitions.defaults import ANALYSIS_CRS
from ..definitions.measures import PLANNED, measure_type_labels, status_labels
from ..i18n import tr
from .compat import FieldType
from .forms import (
    constrain,
    hours_constraint,
    set_aliases,
    set_date_widgets,
    set_text_widgets,
    value_map,
)
from .geopackage import layer_names, open_layer, write_empty_layer
from .hours_form import set_hours_form
from .measures_style import apply_measures_style
from .scene_layer import LayerExistsError

MEASURE_FIELDS = [
    ("measure_type", FieldType.STRING),
    ("school", FieldType.STRING),
    ("scene", FieldType.STRING),
    ("hours", FieldType.STRING),
    ("responsible", FieldType.STRING),
    ("status", FieldType.STRING),
    ("start_date", FieldType.DATE),
    ("end_date", FieldType.DATE),
    ("cost_sek", FieldType.DOUBLE),
    ("notes", FieldType.STRING),
]

# Layer name suffix and geometry type of the three layers.
_GEOMETRIES = (
    ("points", QgsWkbTypes.Point),
    ("lines", QgsWkbTypes.MultiLineString),
    ("polygons", QgsWkbTypes.MultiPolygon),
)

HOURS_CONSTRAINT = hours_constraint("hours")
COST_CONSTRAINT = '"cost_sek" IS NULL OR "cost_sek" >= 0'
DATES_CONSTRAINT = '"end_date" IS NULL OR "start_date" IS NULL OR "end_date" >= "start_date"'

_COST_WIDGET = {
    "AllowNull": True,
    "Min": 0.0,
    "Max": 1e12,
    "Step": 1000.0,
    "Precision": 0,
    "Style": "SpinBox",
}

# The fields the coverage reads from a measures layer; the dates may be missing.


class MeasureLayers(namedtuple("MeasureLayers", "points lines polygons group_name")):
    """The three measures layers of a GeoPackage and the name of their group."""

    def layers(self):
        return [self.points, self.lines, self.polygons]


def field_alias(name):
    """The translated display name of a measure field."""
    aliases = {
        "measure_type": tr("Measure"),
        "school": tr("School"),
        "scene": tr("Scene"),
        "hours": tr("Hours in force"),
        "responsible": tr("Responsible"),
        "status": tr("Status"),
        "start_date": tr("Start date"),
        "end_date": tr("End date"),
        "cost_sek": tr("Cost (SEK)"),
        "notes": tr("Notes"),
    }
    return aliases[name]


def _display_names():
    return {
        "points": tr("Measures: points (cameras, sensors)"),
        "lines": tr("Measures: lines (fences, patrol routes)"),
        "polygons": tr("Measures: areas (lighting, clearing, yards)"),
    }


def _set_up_form(layer):
    set_aliases(layer, [name for name, _ in MEASURE_FIELDS], field_alias)
    fields = layer.fields()
    kind = fields.indexOf("measure_type")
    layer.setEditorWidgetSetup(kind, value_map(measure_type_labels()))
    layer.setFieldConstraint(
        kind, QgsFieldConstraints.ConstraintNotNull, QgsFieldConstraints.ConstraintStrengthHard
    )
    status = fields.indexOf("status")
    layer.setEditorWidgetSetup(status, value_map(status_labels()))
    layer.setDefaultValueDefinition(status, QgsDefaultValue("'{}'".format(PLANNED)))
    constrain(
        layer,
        "hours",
        HOURS_CONSTRAINT,
        tr(
            "When the measure is in force, in opening_hours syntax, for example "
            "'Mo-Fr 22:00-03:00' or '24/7'; empty for a camera or sensor that is always on."
        ),
    )
    constrain(layer, "cost_sek", COST_CONSTRAINT, tr("The cost cannot be negative."))
    constrain(
        layer, "end_date", DATES_CONSTRAINT, tr("The end date cannot be before the start date.")
    )
    set_date_widgets(layer, ("start_date", "end_date"))
    layer.setEditorWidgetSetup(
        fields.indexOf("cost_sek"), QgsEditorWidgetSetup("Range", dict(_COST_WIDGET))
    )
    set_text_widgets(layer, ("school", "scene", "hours", "responsible"), ("notes",))
    set_hours_form(layer, ["hours"])


def _set_up(layer, suffix):
    _set_up_form(layer)
    apply_measures_style(layer, suffix)


def create_measures_layers(path, crs=ANALYSIS_CRS, group_name=None, prefix="measures"):
    """Create the three empty measures layers ``<prefix>_points``, ``_lines`` and
    ``_polygons`` in the GeoPackage ``path``; returns ``MeasureLayers`` (not
    added to the project: see ``measures_group``).

    The file is created when missing (".gpkg" is added to a ``path`` without
    it); when it has a layer of one of those names, nothing is created
    (LayerExistsError).
    """
    if os.path.splitext(path)[1].lower() != ".gpkg":
        path += ".gpkg"
    crs = QgsCoordinateReferenceSystem(crs) if isinstance(crs, str) else crs
    if not crs.isValid():
        raise InputError(tr("No valid CRS given for the new measures layers."))
    names = ["{}_{}".format(prefix, suffix) for suffix, _ in _GEOMETRIES]
    existing = layer_names(path)
    taken = [name for name in names if name.casefold() in existing]
    if taken:
        raise LayerExistsError(
            tr(
                "{path} already has a layer '{layer}': choose another file or name; the "
                "existing layers are left as they are."
            ).format(path=path, layer=taken[0])
        )
    display = _display_names()
    for name, (suffix, wkb_type) in zip(names, _GEOMETRIES):
        write_empty_layer(path, name, MEASURE_FIELDS, wkb_type, crs)
        # As for the scene layer: the saved default style brings the form back when
        # the file is opened again. A layer open while its file gets a style cannot
        # read it in QGIS 3.22 afterwards, so the layers returned are opened last.
        draft = open_layer(path, name, display[suffix])
        _set_up(draft, suffix)
        message = draft.saveStyleToDatabase(name, tr("Drogscen safety measures"), True, "")
        del draft
        if message:
            raise DrogscenError(
                tr(
                    "The style of the new layer '{layer}' could not be saved in {path}: {message}"
                ).format(layer=name, path=path, message=message)
            )
    layers = []
    for name, (suffix, _) in zip(names, _GEOMETRIES):
        layer = open_layer(path, name, display[suffix])
        _set_up(layer, suffix)
        layers.append(layer)
    return MeasureLayers(*layers, group_name or tr("Safety measures"))


def measures_group(layers, project=None):
    """A layer tree group named ``layers.group_name`` holding the measures layers.

    With ``project`` the layers are added to it and the group is put at the
    top of its layer tree; without, the group stands alone for the caller to
    insert.
    """
    group = QgsLayerTreeGroup(layers.group_name)
    if project is not None:
        project.addMapLayers(layers.layers(), False)
    for layer in layers.layers():
        group.addChildNode(QgsLayerTreeLayer(layer))
    if project is not None:
        project.layerTreeRoot().insertChildNode(0, group)
    return group


def add_measure_features(layer, measures):
    """Add measures to ``layer`` through its edit buffer, as one undo step.

    ``measures`` are mappings of field name to value, such as
    ``measure_from_pair`` and ``suggest_measure_features`` give; an optional
    ``"geometry"`` (a QgsGeometry in the layer's CRS, of its geometry type)
    places a measure. Fields not given take the layer's default values.
    Editing is started when needed and left on: the user saves, or undoes.
    Returns the new features' (temporary) ids.
    """
    if not layer.isEditable() and not layer.startEditing():
        raise DrogscenError(tr("Layer '{layer}' cannot be edited.").format(layer=layer.name()))
    fields = layer.fields()
    features = []
    for measure in measures:
        attributes = {
            fields.indexOf(name): value
            for name, value in measure.items()
            if name != "geometry" and fields.indexOf(name) >= 0
        }
        geometry = measure.get("geometry")
        features.append(
            QgsVectorLayerUtils.createFeature(
                layer,
                geometry if geometry is not None else QgsGeometry(),
                attributes,
                layer.createExpressionContext(),
            )
        )
    before = set(layer.editBuffer().addedFeatures())
    layer.beginEditCommand(tr("Add {count} measures").format(count=len(features)))
    if not layer.addFeatures(features):
        layer.destroyEditCommand()
        raise DrogscenError(
            tr("The measures could not be added to layer '{layer}'.").format(layer=layer.name())
        )
    layer.endEditCommand()
    return sorted(set(layer.editBuffer().addedFeatures()) - before, reverse=True)
