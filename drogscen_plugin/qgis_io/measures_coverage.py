"""Safety measures read from their layers against the affected schools of a run:
each school's needs, the measures' coverage of them, pre-filled and suggested measures."""

import datetime
from collections import OrderedDict, namedtuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsSpatialIndex,
)
from qgis.PyQt.QtCore import QDate, QDateTime

from ..core.coverage import coverage, needs_of, read_measure, suggest_measures
from ..core.errors import AnalysisCanceled, InputError, ScheduleError
from ..core.schedule import WeeklySchedule
from ..definitions.defaults import DEFAULT_DISTANCE
from ..definitions.measures import PLANNED, measure_type_labels
from ..i18n import tr
from .checks import require_metric_crs
from .layers import is_blank, plain

# The fields the coverage reads from a measures layer; the dates may be missing.
_REQUIRED = ("measure_type", "hours", "status", "school")
# The fields it reads from the Overlaps output of drogscen:overlap.
_OVERLAP_REQUIRED = ("school_fid", "school_name", "school_hours", "scene_name", "scene_hours")


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
                feature.id(),
                feature["measure_type"],
                _text(feature["hours"]),
                _text(feature["status"]),
                *dates,
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
    distance=DEFAULT_DISTANCE,
    transform_context=None,
    feedback=None,
    cover=None,
):
    """Coverage of every affected school's needs by the measures in force.

    ``overlap`` is the Overlaps output of drogscen:overlap; a measure counts
    for a school when its ``school`` names it (any case), or, with
    ``schools`` (the School summary output, whose geometries are in a CRS in
    metres), when it lies within ``distance`` metres of the school. ``on`` is
    the date the measures must be in force (default today). Returns
    ``(rows, warnings)``: one ``CoverageRow`` per affected school. ``feedback``
    may cancel (AnalysisCanceled) and gets progress. ``cover(school, measures)``,
    when given, is the Coverage of an AffectedSchool by its measures (over a
    period: period_coverage.py) in place of the one on the date ``on``.
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
                number
                for number in index.intersects(box)
                if linked[number].geometry.distance(place) <= distance
            )
        measures = [linked[number].measure for number in sorted(found)]
        result = (
            cover(school, measures)
            if cover is not None
            else coverage(school.needs, measures, include_planned, on)
        )
        rows.append(CoverageRow(school.school_fid, school.school_name, result))
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
