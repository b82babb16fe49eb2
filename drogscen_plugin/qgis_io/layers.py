"""Layers in, features out: QGIS features <-> the core's records.

Geometries cross as WKB: read in the analysis CRS, flattened to 2D, curves
segmentized and invalid polygons repaired; the input layers are only read.
"""

import math

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from shapely import wkb as shapely_wkb
from shapely.ops import unary_union

try:
    from shapely import to_wkb as _to_wkb_array  # shapely 2
except ImportError:  # shapely 1.8
    from shapely.geos import WKBWriter, lgeos

    _to_wkb_array = None

from ..core.errors import AnalysisCanceled, InputError
from ..core.fields import as_row, field_alias
from ..core.hours import scene_schedule, school_schedule
from ..core.records import SceneRecord, SchoolRecord
from ..i18n import tr

POLYGONS = (QgsWkbTypes.PolygonGeometry,)
POINTS_OR_POLYGONS = (QgsWkbTypes.PointGeometry, QgsWkbTypes.PolygonGeometry)

_VARIANT_TYPES = {"int": QVariant.LongLong, "double": QVariant.Double, "string": QVariant.String}

# Features between progress updates and cancel checks.
PROGRESS_STEP = 500
# Feature ids listed in one log line; the rest are counted.
_LISTED_IDS = 20


def plain(value):
    """An attribute value as plain Python: QGIS NULL becomes None."""
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def is_blank(value):
    """True for NULL and for text that is empty or only spaces."""
    value = plain(value)
    return value is None or not str(value).strip()


def require_metric_crs(crs):
    """Raise InputError unless ``crs`` is a projected CRS in metres."""
    if not crs.isValid():
        raise InputError(tr("no valid CRS given."))
    if crs.isGeographic() or crs.mapUnits() != QgsUnitTypes.DistanceMeters:
        raise InputError(
            tr(
                "{crs} does not measure in metres: choose a projected CRS such as "
                "EPSG:3006 (SWEREF 99 TM)."
            ).format(crs=crs.userFriendlyIdentifier())
        )


def require_geometry_type(source, allowed):
    """Raise InputError naming the layer unless its geometry type is in ``allowed``."""
    found = QgsWkbTypes.geometryType(source.wkbType())
    if found in allowed:
        return
    expected = tr("polygons") if tuple(allowed) == POLYGONS else tr("points or polygons")
    raise InputError(
        tr("Layer '{layer}' has geometry type {found}: {expected} expected.").format(
            layer=source.sourceName(),
            found=QgsWkbTypes.geometryDisplayString(found),
            expected=expected,
        )
    )


def _id_list(ids):
    listed = ", ".join(str(fid) for fid in ids[:_LISTED_IDS])
    if len(ids) > _LISTED_IDS:
        listed += tr(" and {count} more").format(count=len(ids) - _LISTED_IDS)
    return listed


def _polygonal(geometry):
    """The polygon parts of a geometry (a repair can add lines), or None."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [
        part
        for part in getattr(geometry, "geoms", ())
        if part.geom_type in ("Polygon", "MultiPolygon")
    ]
    return unary_union(parts) if parts else None


def to_shapely(geometry):
    return shapely_wkb.loads(bytes(geometry.asWkb()))


def to_wkb(geometries):
    """WKB of a list of shapely geometries; None stays None."""
    if _to_wkb_array is not None:
        return list(_to_wkb_array(geometries))
    # One GEOS writer for the whole list, not one per geometry as in wkb.dumps.
    writer = WKBWriter(lgeos)
    return [None if geometry is None else writer.write(geometry) for geometry in geometries]


class LayerReader:
    """Reads one layer's features into core records in the analysis CRS.

    Collects the feature ids it repaired, skipped and flagged; ``report``
    writes them to the feedback log.
    """

    def __init__(self, source, allowed_types, crs, context, feedback):
        require_geometry_type(source, allowed_types)
        self.source = source
        self.name = source.sourceName()
        # Only polygons can be invalid in a way that matters here.
        self.polygons = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.PolygonGeometry
        self.crs = crs
        self.context = context
        self.feedback = feedback
        self.repaired = []
        self.skipped = []
        self.hours_unknown = []
        self.hours_invalid = []
        if not source.sourceCrs().isValid():
            feedback.pushWarning(
                tr("Layer '{layer}' has no CRS: its coordinates are taken to be in {crs}.").format(
                    layer=self.name, crs=crs.userFriendlyIdentifier()
                )
            )

    def field(self, name):
        """Index of a field by name, or None when no name is given."""
        if not name:
            return None
        index = self.source.fields().lookupField(name)
        if index < 0:
            raise InputError(
                tr("Layer '{layer}' has no field '{field}'.").format(layer=self.name, field=name)
            )
        return index

    def features(self, fields, span=(0.0, 100.0)):
        """``(feature, shapely geometry)`` for each feature with a usable geometry.

        ``fields`` are the attribute names to fetch (None for all); progress
        is reported within ``span`` (percent) of the feedback.
        """
        request = QgsFeatureRequest().setDestinationCrs(self.crs, self.context.transformContext())
        if fields is not None:
            request.setSubsetOfAttributes(list(fields), self.source.fields())
        if isinstance(self.source, QgsProcessingFeatureSource):
            # Invalid polygons are repaired below; the context's check would drop them.
            iterator = self.source.getFeatures(
                request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks
            )
        else:
            iterator = self.source.getFeatures(request)
        total = max(self.source.featureCount(), 1)
        start, end = span
        for count, feature in enumerate(iterator):
            if count % PROGRESS_STEP == 0:
                if self.feedback.isCanceled():
                    raise AnalysisCanceled(tr("The analysis was canceled."))
                self.feedback.setProgress(start + (end - start) * min(count / total, 1.0))
            geometry = self._geometry(feature)
            if geometry is not None:
                yield feature, geometry
        self.feedback.setProgress(end)

    def _geometry(self, feature):
        geometry = feature.geometry()
        if geometry.isEmpty():
            self.skipped.append(feature.id())
            return None
        wkb_type = geometry.wkbType()
        if QgsWkbTypes.isCurvedType(wkb_type):
            geometry = QgsGeometry(geometry.constGet().segmentize())
        if QgsWkbTypes.hasZ(wkb_type) or QgsWkbTypes.hasM(wkb_type):
            # get() detaches: the feature is this iterator's copy, the layer is untouched.
            geometry.get().dropZValue()
            geometry.get().dropMValue()
        shape = to_shapely(geometry)
        if self.polygons and not shape.is_valid:
            shape = _polygonal(to_shapely(geometry.makeValid()))
            if shape is None or shape.is_empty:
                self.skipped.append(feature.id())
                return None
            self.repaired.append(feature.id())
        return shape

    def scenes(self, name_field, hours_field, span):
        """SceneRecords; missing or unreadable hours count as always active (flagged)."""
        name_index = self.field(name_field)
        hours_index = self.field(hours_field)
        records = []
        for feature, geometry in self.features([f for f in (name_field, hours_field) if f], span):
            value = None if hours_index is None else plain(feature.attribute(hours_index))
            schedule, note = scene_schedule(value)
            if note and hours_index is not None:
                self._flag(feature.id(), hours_field, value, note)
            records.append(
                SceneRecord(feature.id(), self._text(feature, name_index), geometry, schedule, note)
            )
        if hours_index is None:
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}' has no hours field: every scene is treated as always active."
                ).format(layer=self.name)
            )
        return records

    def schools(
        self,
        name_field,
        type_field,
        hours_field,
        distance_field,
        default_school,
        default_preschool,
        span,
    ):
        """SchoolRecords; missing hours take the default of the school type."""
        name_index = self.field(name_field)
        type_index = self.field(type_field)
        hours_index = self.field(hours_field)
        distance_index = self.field(distance_field)
        wanted = [f for f in (name_field, type_field, hours_field, distance_field) if f]
        # Few distinct (hours, type) values among many schools: look each up once.
        schedules = {}
        records = []
        for feature, geometry in self.features(wanted, span):
            school_type = self._text(feature, type_index)
            value = None if hours_index is None else plain(feature.attribute(hours_index))
            key = (None if value is None else str(value), school_type)
            if key not in schedules:
                schedules[key] = school_schedule(
                    key[0], school_type, default_school, default_preschool
                )
            schedule, note = schedules[key]
            if note:
                self._flag(feature.id(), hours_field, value, note)
            distance = None
            if distance_index is not None:
                distance = self.distance(feature, distance_index, distance_field)
            records.append(
                SchoolRecord(
                    feature.id(),
                    self._text(feature, name_index),
                    school_type,
                    geometry,
                    schedule,
                    note,
                    distance,
                )
            )
        return records

    @staticmethod
    def _text(feature, index):
        value = None if index is None else plain(feature.attribute(index))
        return "" if value is None else str(value)

    def _flag(self, fid, field, value, note):
        if is_blank(value):
            self.hours_unknown.append(fid)
            return
        self.hours_invalid.append(fid)
        self.feedback.pushWarning(
            tr("Layer '{layer}', feature {fid}, field '{field}': {note}").format(
                layer=self.name, fid=fid, field=field, note=note
            )
        )

    def distance(self, feature, index, field):
        """A feature's own distance in metres, or None for the analysis distance.

        A value that is not a distance is reported and replaced by None.
        """
        value = plain(feature.attribute(index))
        if value is None:
            return None
        try:
            distance = float(value)
        except (TypeError, ValueError):
            distance = -1.0
        if not math.isfinite(distance) or distance < 0:
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}', feature {fid}, field '{field}': {value!r} is not a distance "
                    "in metres; the analysis distance is used."
                ).format(layer=self.name, fid=feature.id(), field=field, value=value)
            )
            return None
        return distance

    def report(self):
        """Log what was repaired, skipped and flagged."""
        if self.repaired:
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}': invalid geometries repaired: {count} (feature ids {ids})."
                ).format(layer=self.name, count=len(self.repaired), ids=_id_list(self.repaired))
            )
        if self.skipped:
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}': features without geometry skipped: {count} (feature ids "
                    "{ids})."
                ).format(layer=self.name, count=len(self.skipped), ids=_id_list(self.skipped))
            )
        if self.hours_unknown:
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}': features without hours, treated as always active: {count} "
                    "(feature ids {ids})."
                ).format(
                    layer=self.name, count=len(self.hours_unknown), ids=_id_list(self.hours_unknown)
                )
            )
        if self.hours_invalid:
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}': features whose hours were not understood: {count} (see "
                    "hours_note)."
                ).format(layer=self.name, count=len(self.hours_invalid))
            )


# --- writing -----------------------------------------------------------------


def qgs_fields(spec):
    """QgsFields with aliases from core.fields' ``(name, kind)`` pairs."""
    fields = QgsFields()
    for name, kind in spec:
        field = QgsField(name, _VARIANT_TYPES[kind])
        field.setAlias(field_alias(name))
        fields.append(field)
    return fields


def output_wkb_type(wkb_type):
    """The sink type for geometries read from ``wkb_type``: 2D, linear; polygons multi-part."""
    flat = QgsWkbTypes.flatType(QgsWkbTypes.linearType(wkb_type))
    if QgsWkbTypes.geometryType(flat) == QgsWkbTypes.PointGeometry:
        return flat
    return QgsWkbTypes.multiType(flat)


def _qgs_geometry(wkb, multi):
    result = QgsGeometry()
    if wkb is not None:
        result.fromWkb(wkb)
        if multi and not result.isMultipart():
            result.convertToMultiType()
    return result


def to_qgs(geometry, wkb_type):
    """A shapely geometry as a QgsGeometry that a sink of ``wkb_type`` accepts."""
    return _qgs_geometry(to_wkb([geometry])[0], QgsWkbTypes.isMultiType(wkb_type))


def write_records(sink, records, fields, wkb_type, feedback, span, batch=2000):
    """Add core results (PairResult or SchoolSummary) to ``sink``; False when the sink refuses.

    Not cancelable: the analysis is done and a half-written output would mislead.
    """
    start, end = span
    multi = QgsWkbTypes.isMultiType(wkb_type)
    for first in range(0, len(records), batch):
        chunk = records[first : first + batch]
        features = []
        for record, wkb in zip(chunk, to_wkb([record.geometry for record in chunk])):
            feature = QgsFeature(fields)
            feature.setAttributes(as_row(record))
            feature.setGeometry(_qgs_geometry(wkb, multi))
            features.append(feature)
        if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
            return False
        feedback.setProgress(start + (end - start) * (first + len(chunk)) / len(records))
    return True
