"""Features out: the core's records written to Processing sinks."""

from operator import attrgetter

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsGeometry, QgsWkbTypes
from qgis.PyQt.QtCore import QDate

from ..core.errors import AnalysisCanceled
from ..core.fields import field_alias
from ..i18n import tr
from .compat import FieldType
from .layers import PROGRESS_STEP, qgs_geometry, to_wkb

_VARIANT_TYPES = {"int": FieldType.LONG, "double": FieldType.DOUBLE, "string": FieldType.STRING,
                  "date": FieldType.DATE}


def qgs_fields(spec):
    """QgsFields with aliases from core.fields' ``(name, kind)`` pairs."""
    fields = QgsFields()
    for name, kind in spec:
        field = QgsField(name, _VARIANT_TYPES[kind])
        field.setAlias(field_alias(name))
        fields.append(field)
    return fields


def set_field_aliases(layer):
    """Translated aliases on a layer with output fields of core.fields.

    Sinks drop the aliases of the fields they are given, so outputs get them
    again once they are layers.
    """
    for index, field in enumerate(layer.fields()):
        try:
            layer.setFieldAlias(index, field_alias(field.name()))
        except KeyError:
            continue  # a field that is not an analysis output


def output_wkb_type(wkb_type):
    """The sink type for geometries read from ``wkb_type``: 2D, linear; polygons multi-part."""
    flat = QgsWkbTypes.flatType(QgsWkbTypes.linearType(wkb_type))
    if QgsWkbTypes.geometryType(flat) == QgsWkbTypes.PointGeometry:
        return flat
    return QgsWkbTypes.multiType(flat)


def _as_sink_type(geometry, multi):
    if multi and not geometry.isMultipart():
        geometry = QgsGeometry(geometry)
        geometry.convertToMultiType()
    return geometry


def to_qgs(geometry, wkb_type):
    """A shapely geometry as a QgsGeometry that a sink of ``wkb_type`` accepts."""
    return qgs_geometry(to_wkb([geometry])[0], QgsWkbTypes.isMultiType(wkb_type))


def _refilled(wkbs, multi):
    """A QgsGeometry per WKB: one object, refilled each time (features copy it)."""
    shape = QgsGeometry()
    for wkb in wkbs:
        if wkb is None:
            yield QgsGeometry()
            continue
        shape.fromWkb(wkb)
        if multi and not shape.isMultipart():
            shape.convertToMultiType()
        yield shape


def write_records(sink, records, fields, wkb_type, feedback, span, geometries=None):
    """Add core results (PairResult or SchoolSummary) to ``sink``; False when the sink refuses.

    The records' geometries are WKB (a pair's outline). ``geometries``, when
    given, are the QgsGeometry objects to write, one per record, instead of
    the records' own (a summary's schools as read).
    Raises AnalysisCanceled when canceled; the caller removes what was written.
    """
    start, end = span
    multi = QgsWkbTypes.isMultiType(wkb_type)
    # The field names are the records' attribute names.
    row = attrgetter(*fields.names())
    # Python dates as QDate, which every provider takes (the summary's period: a few per run).
    dates = [index for index, field in enumerate(fields) if field.type() == FieldType.DATE]
    # One feature, refilled: the sink keeps a copy of each.
    feature = QgsFeature(fields)
    for first in range(0, len(records), PROGRESS_STEP):
        if feedback.isCanceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        chunk = records[first : first + PROGRESS_STEP]
        if geometries is None:
            shapes = _refilled([record.geometry for record in chunk], multi)
        else:
            shapes = (_as_sink_type(g, multi) for g in geometries[first : first + PROGRESS_STEP])
        for record, shape in zip(chunk, shapes):
            values = list(row(record))
            for index in dates:
                if values[index] is not None:
                    values[index] = QDate(values[index])
            feature.setAttributes(values)
            feature.setGeometry(shape)
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                return False
        feedback.setProgress(start + (end - start) * (first + len(chunk)) / len(records))
    return True
