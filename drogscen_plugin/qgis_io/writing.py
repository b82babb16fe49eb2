"""Features out: the core's records written to Processing sinks."""

from operator import attrgetter

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsGeometry, QgsWkbTypes

from ..core.errors import AnalysisCanceled
from ..core.fields import field_alias
from ..i18n import tr
from .compat import FieldType
from .layers import PROGRESS_STEP, qgs_geometry, to_wkb

_VARIANT_TYPES = {"int": FieldType.LONG, "double": FieldType.DOUBLE, "string": FieldType.STRING}


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
    # One feature and one geometry, refilled: the sink keeps a copy of each.
    feature, shape, empty = QgsFeature(fields), QgsGeometry(), QgsGeometry()
    add, fast = sink.addFeature, QgsFeatureSink.FastInsert
    for first in range(0, len(records), PROGRESS_STEP):
        if feedback.isCanceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        chunk = records[first : first + PROGRESS_STEP]
        if geometries is None:
            for record in chunk:
                feature.setAttributes(list(row(record)))
                if record.geometry is None:
                    feature.setGeometry(empty)
                else:
                    shape.fromWkb(record.geometry)
                    if multi and not shape.isMultipart():
                        shape.convertToMultiType()
                    feature.setGeometry(shape)
                if not add(feature, fast):
                    return False
        else:
            for record, geometry in zip(chunk, geometries[first : first + PROGRESS_STEP]):
                feature.setAttributes(list(row(record)))
                feature.setGeometry(_as_sink_type(geometry, multi))
                if not add(feature, fast):
                    return False
        feedback.setProgress(start + (end - start) * (first + len(chunk)) / len(records))
    return True
