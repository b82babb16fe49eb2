"""Safety measures: GeoPackage layers to draw them in, pre-filled measures, and
their coverage of the affected schools' needs.

Three layers share one schema: points (cameras, sensors), lines (fences,
patrol routes) and polygons (lighting, clearing, yard areas). As with the
scene layer, the form refuses hours the analysis cannot read (the
constraint ends in drogscen_check_hours, whose evaluation error carries the
parser's message) and everything is saved as each layer's default style in
the GeoPackage, so the form comes back when the file is opened again.

Measures are added through a layer's edit buffer, as a form adds them: one
undo step, and nothing is written until the user saves.
"""

import datetime
import os
from collections import OrderedDict, namedtuple

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFeatureRequest,
    QgsFieldConstraints,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsLayerTreeLayer,
    QgsProject,
    QgsSpatialIndex,
    QgsVectorLayerUtils,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime

from ..core.coverage import (
    PLANNED,
    coverage,
    measure_type_labels,
    needs_of,
    read_measure,
    status_labels,
    suggest_measures,
)
from ..core.errors import AnalysisCanceled, DrogscenError, InputError, ScheduleError
from ..core.schedule import WeeklySchedule
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
from .hours_form import set_hours_form
from .geopackage import layer_names, open_layer, write_empty_layer
from .checks import require_metric_crs
from .layers import is_blank, plain
from .scene_layer import LayerExistsError
from .styling import STYLE_DIR, read_style

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

# Layer name suffix, geometry type and style file of the three layers.
_GEOMETRIES = (
    ("points", QgsWkbTypes.Point, "measures_points.qml"),
    ("lines", QgsWkbTypes.MultiLineString, "measures_lines.qml"),
    ("polygons", QgsWkbTypes.MultiPolygon, "measures_polygons.qml"),
)

HOURS_CONSTRAINT = hours_constraint("hours")
COST_CONSTRAINT = "\"cost_sek\" IS NULL OR \"cost_sek\" >= 0"
DATES_CONSTRAINT = (
    "\"end_date\" IS NULL OR \"start_date\" IS NULL OR \"end_date\" >= \"start_date\""
)

_COST_WIDGET = {
    "AllowNull": True,
    "Min": 0.0,
    "Max": 1e12,
    "Step": 1000.0,
    "Precision": 0,
    "Style": "SpinBox",
}

# The fields the coverage reads from a measures layer; the dates may be missing.
_REQUIRED = ("measure_type", "hours", "status", "school")
# The fields it reads from the Overlaps output of drogscen:overlap.
_OVERLAP_REQUIRED = ("school_fid", "school_name", "school_hours", "scene_name", "scene_hours")


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


def style_path(suffix):
    """The .qml file of the measures layer with ``suffix`` (points, lines or polygons)."""
    files = {name: qml for name, _, qml in _GEOMETRIES}
    return os.path.normpath(os.path.join(STYLE_DIR, files[suffix]))


def _apply_style(layer, suffix):
    """Symbols per measure type, the legend in the user's language.

    Only the renderer is read from the .qml: loading the style whole would
    clear the form's constraints in QGIS 3.22.
    """
    path = style_path(suffix)
    renderer, _, _ = read_style(path)
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        raise DrogscenError(
            tr("The style {path} could not be read: {message}").format(
                path=path, message=tr("it has no symbols")
            )
        )
    labels = measure_type_labels()
    for index, category in enumerate(renderer.categories()):
        renderer.updateCategoryLabel(index, labels.get(category.value(), category.label()))
    layer.setRenderer(renderer)
    layer.triggerRepaint()


def _set_up(layer, suffix):
    _set_up_form(layer)
    _apply_style(layer, suffix)


def create_measures_layers(path, crs="EPSG:3006", group_name=None, prefix="measures"):
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
    names = ["{}_{}".format(prefix, suffix) for suffix, _, _ in _GEOMETRIES]
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
    for name, (suffix, wkb_type, _) in zip(names, _GEOMETRIES):
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
    for name, (suffix, _, _) in zip(names, _GEOMETRIES):
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
        raise DrogscenError(
            tr("Layer '{layer}' cannot be edited.").format(layer=layer.name())
        )
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
                layer, geometry if geometry is not None else QgsGeometry(), attributes,
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


# --- reading ---------------------------------------------------------------------


def _value(feature, name):
    """A feature's (or mapping's) value of ``name`` as plain Python; None when missing."""
    try:
        return plain(feature[name])
    except KeyError:
        return None


def _text(value):
    return None if is_blank(value) else str(value).strip()


def _key(name):
    """School names compare without case and surrounding spaces."""
    return (_text(name) or "").casefold()


def _schedule(value, where, field):
    try:
        return WeeklySchedule.parse(str(value))
    except ScheduleError as error:
        raise InputError(
            tr("{where}, field '{field}': '{hours}': {message}").format(
                where=where, field=field, hours=value, message=error
            )
        ) from error


def pair_needs(pair):
    """The ``Needs`` of one Overlaps feature (a school-scene pair)."""
    where = tr("Overlaps feature {fid}").format(fid=pair.id() if hasattr(pair, "id") else "")
    school = _schedule(_value(pair, "school_hours"), where, "school_hours")
    scene = _schedule(_value(pair, "scene_hours"), where, "scene_hours")
    return needs_of(school, [scene])


def measure_from_pair(pair, kind):
    """The pre-filled fields of a new measure of ``kind`` for one Overlaps feature:
    school, scene, planned, and the hours the conflict needs (presence hours
    for adult presence, guard hours for cameras, sensors and guards, half an
    hour before each opening that needs a yard round; empty for other kinds).
    """
    return {
        "measure_type": kind,
        "school": _text(_value(pair, "school_name")),
        "scene": _text(_value(pair, "scene_name")),
        "hours": pair_needs(pair).hours_for(kind),
        "status": PLANNED,
    }


AffectedSchool = namedtuple("AffectedSchool", "school_fid school_name scene_names needs")


def _require_fields(source, names, what):
    missing = [name for name in names if source.fields().lookupField(name) < 0]
    if missing:
        raise InputError(
            tr("Layer '{layer}' has no field {fields}: is it {what}?").format(
                layer=source.sourceName(), fields=", ".join(missing), what=what
            )
        )


def affected_schools(overlap):
    """The schools in an Overlaps layer (the OUTPUT of drogscen:overlap) with their
    needs, in the order they first appear; unreadable hours raise InputError."""
    _require_fields(overlap, _OVERLAP_REQUIRED, tr("the Overlaps output of drogscen:overlap"))
    groups = OrderedDict()
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    for pair in overlap.getFeatures(request):
        fid = _value(pair, "school_fid")
        name = _text(_value(pair, "school_name"))
        where = tr("Overlaps feature {fid}").format(fid=pair.id())
        group = groups.setdefault(fid if fid is not None else name, [fid, name, None, [], []])
        school = _schedule(_value(pair, "school_hours"), where, "school_hours")
        if group[2] is None:
            group[2] = school
        group[3].append(_schedule(_value(pair, "scene_hours"), where, "scene_hours"))
        scene_name = _text(_value(pair, "scene_name"))
        if scene_name and scene_name not in group[4]:
            group[4].append(scene_name)
    return [
        AffectedSchool(fid, name, scene_names, needs_of(school, scenes))
        for fid, name, school, scenes, scene_names in groups.values()
    ]


def _date(value, where, field):
    value = plain(value)
    if isinstance(value, QDateTime):
        value = value.date()
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if is_blank(value):
        return None
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(
            tr("{where}, field '{field}': '{value}' is not a date (YYYY-MM-DD).").format(
                where=where, field=field, value=value
            )
        ) from None


LinkedMeasure = namedtuple("LinkedMeasure", "measure school_key geometry")


def read_measures(layer, transform=None):
    """The measures of a measures layer as ``(linked measures, warnings)``.

    Each linked measure has its core ``Measure``, its school name as compared
    and its geometry (in ``transform``'s destination CRS when given; None
    when empty). A measure that cannot be read is left out with a warning
    naming the layer, the feature and the field.
    """
    _require_fields(layer, _REQUIRED, tr("a measures layer"))
    names = layer.fields().names()
    measures, warnings = [], []
    for feature in layer.getFeatures():
        where = tr("Layer '{layer}', measure {fid}").format(
            layer=layer.sourceName(), fid=feature.id()
        )
        try:
            dates = [
                _date(feature[name], where, name) if name in names else None
                for name in ("start_date", "end_date")
            ]
            measure = read_measure(
                feature.id(), feature["measure_type"], _text(feature["hours"]),
                _text(feature["status"]), *dates
            )
        except InputError as error:
            warnings.append(
                tr("Layer '{layer}': {message} The measure is left out.").format(
                    layer=layer.sourceName(), message=error
                )
            )
            continue
        if not measure.hours_given:
            warnings.append(
                tr("{where}: a {kind} without hours covers nothing.").format(
                    where=where, kind=measure_type_labels()[measure.measure_type].lower()
                )
            )
        geometry = None
        if feature.hasGeometry() and not feature.geometry().isEmpty():
            geometry = QgsGeometry(feature.geometry())
            if transform is not None:
                geometry.transform(transform)
        measures.append(LinkedMeasure(measure, _key(feature["school"]), geometry))
    return measures, warnings


def _school_geometries(schools):
    geometries = {}
    for feature in schools.getFeatures():
        fid = _value(feature, "school_fid")
        if fid is not None and feature.hasGeometry():
            geometries[fid] = QgsGeometry(feature.geometry())
    return geometries


CoverageRow = namedtuple("CoverageRow", "school_fid school_name coverage")


def measure_coverage(
    overlap,
    measure_layers,
    include_planned=False,
    on=None,
    schools=None,
    distance=300.0,
    transform_context=None,
    feedback=None,
):
    """Coverage of every affected school's needs by the measures in force.

    ``overlap`` is the Overlaps output of drogscen:overlap; a measure counts
    for a school when its ``school`` names it (any case), or, with
    ``schools`` (the School summary output, whose geometries are in a CRS in
    metres), when it lies within ``distance`` metres of the school. ``on`` is
    the date the measures must be in force (default today). Returns
    ``(rows, warnings)``: one ``CoverageRow`` per affected school. ``feedback``
    may cancel (AnalysisCanceled) and gets progress.
    """
    context = transform_context or QgsProject.instance().transformContext()
    crs = None
    geometries = {}
    if schools is not None:
        crs = schools.sourceCrs()
        try:
            require_metric_crs(crs)
        except InputError as error:
            raise InputError(
                tr("Layer '{layer}': {message}").format(layer=schools.sourceName(), message=error)
            ) from error
        _require_fields(
            schools, ("school_fid",), tr("the School summary output of drogscen:overlap")
        )
        geometries = _school_geometries(schools)

    linked, warnings = [], []
    for layer in measure_layers:
        transform = None
        if crs is not None:
            transform = QgsCoordinateTransform(layer.sourceCrs(), crs, context)
        measures, problems = read_measures(layer, transform)
        linked.extend(measures)
        warnings.extend(problems)

    by_name = {}
    index = QgsSpatialIndex()
    for number, item in enumerate(linked):
        by_name.setdefault(item.school_key, []).append(number)
        if item.geometry is not None and geometries:
            index.addFeature(number, item.geometry.boundingBox())

    rows = []
    affected = affected_schools(overlap)
    for count, school in enumerate(affected):
        if feedback is not None:
            if feedback.isCanceled():
                raise AnalysisCanceled(tr("The coverage was canceled."))
            feedback.setProgress(100.0 * count / len(affected))
        found = set(by_name.get(_key(school.school_name), ())) if school.school_name else set()
        place = geometries.get(school.school_fid)
        if place is not None:
            box = place.boundingBox().buffered(distance)
            found.update(
                number for number in index.intersects(box)
                if linked[number].geometry.distance(place) <= distance
            )
        measures = [linked[number].measure for number in sorted(found)]
        rows.append(CoverageRow(school.school_fid, school.school_name,
                                coverage(school.needs, measures, include_planned, on)))
    return rows, warnings


def suggest_measure_features(overlap, schools=None, crs=None, transform_context=None):
    """Planned measures for every affected school of a run: one per need it has,
    with the hours it needs, as mappings for ``add_measure_features``.

    With ``schools`` (the School summary output) each is placed at its
    school (a point on school grounds), in ``crs`` (default the schools'
    CRS); else it has no geometry.
    """
    context = transform_context or QgsProject.instance().transformContext()
    places = {}
    if schools is not None:
        target = crs or schools.sourceCrs()
        target = QgsCoordinateReferenceSystem(target) if isinstance(target, str) else target
        transform = QgsCoordinateTransform(schools.sourceCrs(), target, context)
        for fid, geometry in _school_geometries(schools).items():
            point = geometry.pointOnSurface()
            point.transform(transform)
            places[fid] = point
    suggested = []
    for school in affected_schools(overlap):
        for measure in suggest_measures(
            school.needs, school.school_name, ", ".join(school.scene_names) or None
        ):
            if school.school_fid in places:
                measure["geometry"] = QgsGeometry(places[school.school_fid])
            suggested.append(measure)
    return suggested
