"""Layers in: QGIS features read into the core's records (``writing`` writes them out).

Geometries cross as WKB: read in the analysis CRS, flattened to 2D, curves
segmentized and invalid polygons repaired; the input layers are only read.
"""

import math

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsProcessingFeatureSource,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.cancel import check
from ..core.errors import AnalysisCanceled, InputError
from ..core.hours import scene_hours_check, scene_schedule, school_hours_check, school_schedule
from ..core.records import SceneRecord, SchoolRecord
from ..i18n import tr
from .checks import (
    MAX_DISTANCE,
    all_finite,
    require_geometry_type,
    require_text,
)
from .reading_log import log_reading
from .scene_dates import SceneDays
from .shapes import (
    from_wkb,
    linear_2d,
    point_records,
    polygonal,
    qgs_geometry,
    to_shapely,
    to_wkb,
    validity,
)

POINTS_OR_POLYGONS = (QgsWkbTypes.PointGeometry, QgsWkbTypes.PolygonGeometry)

# Features between progress updates and looks at the feedback's cancel, and
# between looks at the run's cancel clock (a multiple of it).
PROGRESS_STEP = 500
CHECK_STEP = 20


def plain(value):
    """An attribute value as plain Python: QGIS NULL becomes None."""
    if value.__class__ is str:  # the most common, at once
        return value
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def is_blank(value):
    """True for NULL and for text that is empty or only spaces."""
    value = plain(value)
    return value is None or not str(value).strip()


def _plain_kind(wkb):
    """PointGeometry for the WKB of a little-endian 2D Point, PolygonGeometry for
    a Polygon or MultiPolygon whose first ring has points (not empty, linear);
    None for any other."""
    if len(wkb) < 21 or wkb[0] != 1 or wkb[2:5] != b"\0\0\0":
        return None
    if wkb[1] == 1:
        # An empty point has NaN coordinates: skipped with the non-finite ones.
        return QgsWkbTypes.PointGeometry if len(wkb) == 21 else None
    if wkb[1] == 3 and wkb[5:9] != b"\0\0\0\0" and wkb[9:13] != b"\0\0\0\0":
        return QgsWkbTypes.PolygonGeometry
    # A MultiPolygon: parts, then the first part's header, rings and points.
    if (
        wkb[1] == 6
        and wkb[5:9] != b"\0\0\0\0"
        and wkb[14:18] != b"\0\0\0\0"
        and wkb[18:22] != b"\0\0\0\0"
    ):
        return QgsWkbTypes.PolygonGeometry
    return None


def _calendar(times):
    """(school holidays, day of the week dated hours show) of TimeSettings or None."""
    if times is None:
        return (), None
    return times.calendar.school_holidays, times.period.start


class ReadFeature(tuple):
    """What the analysis keeps of a feature read: ``(id, attributes)``, a tuple so
    that a list of them is made in C."""

    __slots__ = ()

    def id(self):
        return self[0]

    def attributes(self):
        return self[1]

    def value(self, index):
        return self[1][index]


class LayerReader:
    """Reads one layer's features into core records in the analysis CRS.

    Collects the feature ids it repaired, skipped and flagged; ``report``
    writes them to the feedback log.
    """

    def __init__(self, source, allowed_types, crs, context, feedback):
        require_geometry_type(source, allowed_types)
        self.source = source
        self.name = source.sourceName()
        # Only polygons can be invalid in a way that matters here; a layer said to hold
        # points may hold polygons too (GeoJSON).
        self.polygons = QgsWkbTypes.PolygonGeometry in allowed_types
        self.crs = crs
        self.context = context
        self.feedback = feedback
        self.allowed_types = tuple(allowed_types)
        self.repaired = []
        self.skipped = []
        # Features of a geometry type the layer may not hold (lines among schools).
        self.refused = []
        # The features last read as analysed (see ``features``): their WKB, the
        # QgsGeometry objects made from it when asked, and whether all are points.
        self._wkbs = []
        self._geometries = None
        self._points = False
        self.hours_unknown = []
        self.hours_invalid = []
        self.hours_unlikely = []
        if not source.sourceCrs().isValid():
            feedback.pushWarning(
                tr("Layer '{layer}' has no CRS: its coordinates are taken to be in {crs}.").format(
                    layer=self.name, crs=crs.userFriendlyIdentifier()
                )
            )

    @property
    def geometries(self):
        """QgsGeometry of each feature last read, as analysed (see ``features``).

        Made from the WKB when first asked: keeping a QgsGeometry per feature
        while reading would cost a third of the reading.
        """
        if self._geometries is None:
            self._geometries = [qgs_geometry(wkb, False) for wkb in self._wkbs]
        return self._geometries

    @property
    def point_wkbs(self):
        """WKB of each feature last read when they are all plain 2D points; else None."""
        return self._wkbs if self._points else None

    def _keep(self, features, kept):
        """Keep only the features at positions ``kept``, with their WKB."""
        features[:] = [features[k] for k in kept]
        self._wkbs = [self._wkbs[k] for k in kept]
        self._geometries = None

    def field(self, name, text=False):
        """Index of a field by name, or None when no name is given.

        ``text``: the field must hold text (a name, a type, hours); a date or
        number read as text would be written as Python's notation of it.
        """
        if not name:
            return None
        index = self.source.fields().lookupField(name)
        if index < 0:
            raise InputError(
                tr("Layer '{layer}' has no field '{field}'.").format(layer=self.name, field=name)
            )
        if text:
            require_text(self.name, self.source.fields().at(index))
        return index

    def features(self, fields, span=(0.0, 100.0)):
        """``(feature, shapely geometry)`` for each feature with a usable geometry.

        ``fields`` are the attribute names to fetch (None for all); progress
        is reported within ``span`` (percent) of the feedback. A feature here
        is a :class:`ReadFeature` (id and attributes). Afterwards
        ``geometries`` holds the matching QgsGeometry objects as analysed.
        """
        features, wkbs = self._read(fields, span)
        shapes = point_records(wkbs) if QgsWkbTypes.PointGeometry in self.allowed_types else None
        self._points = shapes is not None
        if shapes is None:
            features, wkbs = self._usable(features, wkbs)
            shapes = from_wkb(wkbs)
            self._drop_non_finite(features, shapes, all_finite(shapes, wkbs))
            if self.polygons:
                self._repair(features, shapes)
        else:
            # Plain 2D points all: none is of another type, none needs repair;
            # an empty point has no finite coordinates.
            finite = [math.isfinite(x) and math.isfinite(y) for x, y in shapes]
            self._drop_non_finite(features, shapes, finite)
        return list(zip(features, shapes))

    def _read(self, fields, span):
        """The features (:class:`ReadFeature`) and the WKB of their geometries as
        read, in the analysis CRS."""
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
        features, wkbs = [], []
        self._wkbs, self._geometries = wkbs, None
        # One feature, refilled: keeping each would cost more than what is read of it.
        feature = QgsFeature()
        # Bound once, as this runs per feature.
        fid, attributes, geometry = feature.id, feature.attributes, feature.geometry
        add_feature, add_wkb = features.append, wkbs.append
        count = 0
        try:
            while iterator.nextFeature(feature):
                if count % CHECK_STEP == 0:
                    # Some huge polygons take a while: the run's clock looks when due.
                    check()
                    if count % PROGRESS_STEP == 0:
                        if self.feedback.isCanceled():
                            raise AnalysisCanceled(tr("The analysis was canceled."))
                        self.feedback.setProgress(start + (end - start) * min(count / total, 1.0))
                count += 1
                add_feature((fid(), attributes()))
                add_wkb(bytes(geometry().asWkb()))
        finally:
            # A canceled run must not keep the data source's connection open.
            iterator.close()
        self.feedback.setProgress(end)
        return list(map(ReadFeature, features)), wkbs

    def _usable(self, features, wkbs):
        """The features with a geometry of an allowed type, and their WKB: 2D and
        linear. Features without are counted."""
        kept, kept_wkbs = [], []
        # Per geometry type: does it need flattening or segmentizing?
        plain_types = {}
        for feature, wkb in zip(features, wkbs):
            check()
            if _plain_kind(wkb) not in self.allowed_types:
                # The rare others through a QgsGeometry.
                wkb = self._usable_wkb(feature, wkb, plain_types)
                if wkb is None:
                    continue
            kept.append(feature)
            kept_wkbs.append(wkb)
        self._wkbs, self._geometries = kept_wkbs, None
        return kept, kept_wkbs

    def _usable_wkb(self, feature, wkb, plain_types):
        """The WKB of a feature's geometry, 2D and linear, or None (counted) for an
        empty one or one of a type not allowed."""
        geometry = qgs_geometry(wkb, False)
        if geometry.isEmpty():
            self.skipped.append(feature.id())
            return None
        # A mixed layer (GeoJSON) may hold types its reported type does not say.
        if geometry.type() not in self.allowed_types:
            self.refused.append(feature.id())
            return None
        wkb_type = geometry.wkbType()
        if wkb_type not in plain_types:
            plain_types[wkb_type] = wkb_type == QgsWkbTypes.flatType(
                QgsWkbTypes.linearType(wkb_type)
            )
        if plain_types[wkb_type]:
            return wkb
        return bytes(linear_2d(geometry, wkb_type).asWkb())

    def _drop_non_finite(self, features, shapes, finite):
        """Skip, like a missing geometry, a feature with a NaN or infinite coordinate
        (``finite`` tells per feature)."""
        if all(finite):
            return
        self.skipped.extend(f.id() for f, ok in zip(features, finite) if not ok)
        kept = [k for k, ok in enumerate(finite) if ok]
        shapes[:] = [shapes[k] for k in kept]
        self._keep(features, kept)

    def _repair(self, features, shapes):
        """Replace invalid polygons by their repaired polygons; drop what is left of none."""
        broken = [k for k, valid in enumerate(validity(shapes)) if not valid]
        for k in broken:
            check()
            fid = features[k].id()
            shapes[k] = polygonal(to_shapely(qgs_geometry(self._wkbs[k], False).makeValid()))
            if shapes[k] is None or shapes[k].is_empty:
                self.skipped.append(fid)
                continue
            self.repaired.append(fid)
            self._wkbs[k] = to_wkb([shapes[k]])[0]
        if broken:
            kept = [k for k, shape in enumerate(shapes) if shape is not None and not shape.is_empty]
            shapes[:] = [shapes[k] for k in kept]
            self._keep(features, kept)

    def scenes(self, name_field, hours_field, span, date_fields=(None, None), times=None):
        """SceneRecords; missing or unreadable hours count as always active (flagged).

        ``date_fields``: the first-seen and closed-on fields, or None; ``times``:
        the run's TimeSettings (SH, and the week dated hours show), or None.
        """
        name_index = self.field(name_field, text=True)
        hours_index = self.field(hours_field, text=True)
        date_indexes = [self.field(name) for name in date_fields]
        days = SceneDays(self.name, *date_fields, self.feedback)
        records = []
        wanted = [f for f in (name_field, hours_field, *date_fields) if f]
        read = self.features(wanted, span)
        # ``features`` leaves the WKB of what it returns in ``_wkbs``, in the same order.
        for (feature, geometry), wkb in zip(read, self._wkbs):
            value = None if hours_index is None else plain(feature.value(hours_index))
            schedule, note = scene_schedule(value, *_calendar(times))
            if note and hours_index is not None:
                self._flag(feature.id(), hours_field, value, note)
            elif not note:
                note = self._check(feature.id(), scene_hours_check(value, schedule))
            first, last = days.read(
                feature.id(),
                [None if index is None else plain(feature.value(index)) for index in date_indexes],
            )
            records.append(
                SceneRecord(
                    feature.id(),
                    self._text(feature.attributes(), name_index),
                    geometry,
                    schedule,
                    note,
                    "" if note or value is None else str(value).strip(),
                    first,
                    last,
                    wkb,
                )
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
        times=None,
    ):
        """SchoolRecords; missing hours take the default of the school type.

        ``times``: the run's TimeSettings (SH, and the week dated hours show), or None.
        """
        name_index = self.field(name_field, text=True)
        type_index = self.field(type_field, text=True)
        hours_index = self.field(hours_field, text=True)
        distance_index = self.field(distance_field)
        wanted = [f for f in (name_field, type_field, hours_field, distance_field) if f]
        # Few distinct (hours, type) values among many schools: look each up once.
        schedules = {}
        records = []
        for feature, geometry in self.features(wanted, span):
            # One call for all attributes: cheaper than one per field.
            values = feature.attributes()
            school_type = self._text(values, type_index)
            value = None if hours_index is None else plain(values[hours_index])
            key = (None if value is None else str(value), school_type)
            known = schedules.get(key)
            if known is None:
                known = schedules[key] = self._school_hours(
                    key, default_school, default_preschool, times
                )
            schedule, note, check, hours_text = known
            if note:
                self._flag(feature.id(), hours_field, value, note)
            elif check:
                note = self._check(feature.id(), check)
            distance = None
            if distance_index is not None:
                distance = self.distance(feature, distance_index, distance_field)
            records.append(
                SchoolRecord(
                    feature.id(),
                    self._text(values, name_index),
                    school_type,
                    geometry,
                    schedule,
                    note,
                    distance,
                    hours_text,
                )
            )
        return records

    @staticmethod
    def _school_hours(key, default_school, default_preschool, times):
        """``(schedule, note, check, hours text)`` of a school's ``(hours, type)``."""
        text, school_type = key
        schedule, note = school_schedule(
            text, school_type, default_school, default_preschool, *_calendar(times)
        )
        check = "" if note else school_hours_check(text, schedule)
        return schedule, note, check, "" if note or check or text is None else text.strip()

    @staticmethod
    def _text(values, index):
        """The value at ``index`` of a feature's attributes, as text."""
        value = None if index is None else plain(values[index])
        return "" if value is None else str(value)

    def _check(self, fid, note):
        """Count a feature whose hours are legal but unlikely; the note it keeps."""
        if note:
            self.hours_unlikely.append(fid)
        return note

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
        value = plain(feature.value(index))
        if value is None:
            return None
        try:
            distance = float(value)
        except (TypeError, ValueError):
            distance = -1.0
        if not math.isfinite(distance) or not 0 <= distance <= MAX_DISTANCE:
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}', feature {fid}, field '{field}': {value!r} is not a distance "
                    "in metres from 0 to {most:g}; the analysis distance is used."
                ).format(
                    layer=self.name, fid=feature.id(), field=field, value=value, most=MAX_DISTANCE
                )
            )
            return None
        return distance

    def report(self):
        """Log what was repaired, skipped and flagged."""
        log_reading(self)
