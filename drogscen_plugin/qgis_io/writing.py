"""Features out: the core's records written to Processing sinks."""

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsGeometry, QgsWkbTypes
from qgis.PyQt.QtCore import QDate

from ..core.cancel import check
from ..core.errors import AnalysisCanceled
from ..core.fields import field_alias
from ..i18n import tr
from .compat import FieldType
from .layers import PROGRESS_STEP
from .shapes import qgs_geometry, to_wkb

_VARIANT_TYPES = {
    "int": FieldType.LONG,
    "double": FieldType.DOUBLE,
    "string": FieldType.STRING,
    "date": FieldType.DATE,
}


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


def write_rows(sink, rows, geometries, fields, wkb_type, feedback, span):
    """Add rows of attribute values (in ``fields``' order) with their
    geometries to ``sink``; False when the sink refuses.

    A geometry is WKB (a pair's outline), a QgsGeometry (a summary's school
    as read) or None.
    Raises AnalysisCanceled when canceled; the caller removes what was written.
    """
    start, end = span
    multi = QgsWkbTypes.isMultiType(wkb_type)
    # Python dates as QDate, which every provider takes (the summary's period).
    dates = [index for index, field in enumerate(fields) if field.type() == FieldType.DATE]
    # A run's dates are few (the period's): each converted once.
    qdates = {}
    # One feature and one geometry, refilled: the sink keeps a copy of each.
    feature, shape, empty = QgsFeature(fields), QgsGeometry(), QgsGeometry()
    add, fast = sink.addFeature, QgsFeatureSink.FastInsert
    for first in range(0, len(rows), PROGRESS_STEP):
        if feedback.isCanceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        last = min(first + PROGRESS_STEP, len(rows))
        for values, geometry in zip(rows[first:last], geometries[first:last]):
            # A row of a huge outline takes a while: the run's clock looks when due.
            check()
            feature.setAttributes(_with_qdates(values, dates, qdates) if dates else values)
            if geometry is None:
                feature.setGeometry(empty)
            elif isinstance(geometry, bytes):
                shape.fromWkb(geometry)
                if multi and not shape.isMultipart():
                    shape.convertToMultiType()
                feature.setGeometry(shape)
            else:
                feature.setGeometry(_as_sink_type(geometry, multi))
            if not add(feature, fast):
                return False
        feedback.setProgress(start + (end - start) * last / len(rows))
    return True


def _with_qdates(values, dates, qdates):
    """A copy of ``values`` with the dates at indexes ``dates`` as QDate, converted
    through ``qdates`` (date -> QDate)."""
    values = list(values)
    for index in dates:
        day = values[index]
        if day is not None:
            qdate = qdates.get(day)
            if qdate is None:
                qdate = qdates[day] = QDate(day)
            values[index] = qdate
    return values
