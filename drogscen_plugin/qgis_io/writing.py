"""Features out: the core's records written to Processing sinks."""

import operator

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsGeometry, QgsWkbTypes
from qgis.PyQt.QtCore import QDate, QVariant

from ..core.cancel import check
from ..core.errors import AnalysisCanceled
from ..core.fields import field_alias
from ..i18n import tr
from .compat import FieldType, long_variant
from .layers import CHECK_STEP, PROGRESS_STEP
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
    convert = _converters(fields, rows)
    # One feature and one geometry, refilled: the sink keeps a copy of each.
    feature, shape, empty = QgsFeature(fields), QgsGeometry(), QgsGeometry()
    add, fast = sink.addFeature, QgsFeatureSink.FastInsert
    # Bound once: looked up on every row they cost a few percent of the writing.
    set_values, set_geometry = feature.setAttributes, feature.setGeometry
    from_wkb, is_multi, to_multi = shape.fromWkb, shape.isMultipart, shape.convertToMultiType
    for first in range(0, len(rows), PROGRESS_STEP):
        if feedback.isCanceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        last = min(first + PROGRESS_STEP, len(rows))
        for values, geometry in _checked(rows, geometries, first, last):
            set_values(list(map(_call, convert, values)))
            if geometry.__class__ is bytes:
                from_wkb(geometry)
                if multi and not is_multi():
                    to_multi()
                set_geometry(shape)
            elif geometry is None:
                set_geometry(empty)
            else:
                set_geometry(_as_sink_type(geometry, multi))
            if not add(feature, fast):
                return False
        feedback.setProgress(start + (end - start) * last / len(rows))
    return True


def _checked(rows, geometries, first, last):
    """Rows ``first``..``last`` with their geometries, a look at the run's cancel
    clock every CHECK_STEP of them: some rows of huge outlines take a while."""
    for start in range(first, last, CHECK_STEP):
        check()
        stop = min(start + CHECK_STEP, last)
        yield from zip(rows[start:stop], geometries[start:stop])


class _Variants(dict):
    """One column's values as QVariants of the field's type, each made once.

    A run repeats most values (names, hours, minutes, labels): passing their
    QVariant spares the conversion from Python on every feature and the
    sink's conversion to the field's type.
    """

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, value):
        variant = self[value] = None if value is None else self._make(value)
        return variant


# Rows looked at to tell which columns repeat their values.
_SAMPLE = 1000
# Calls in C where Python has it (3.11 on).
_call = getattr(operator, "call", lambda function, value: function(value))


def _same(value):
    return value


def _converters(fields, rows):
    """Per field, a function from a Python value to what setAttributes takes fastest:
    a cached QVariant for values that repeat (judged on a sample of the rows), the
    value itself for those that mostly do not (ids, names) and for doubles."""
    sample = rows[:: max(1, len(rows) // _SAMPLE)]
    makers = {
        FieldType.STRING: QVariant,
        FieldType.LONG: long_variant,
        FieldType.DATE: lambda day: QVariant(QDate(day)),
    }
    convert = []
    for index, field in enumerate(fields):
        kind = field.type()
        # Dates always: a sink cannot take Python's.
        repeated = kind == FieldType.DATE or (
            kind in makers and 2 * len({row[index] for row in sample}) <= len(sample)
        )
        convert.append(_Variants(makers[kind]).__getitem__ if repeated else _same)
    return convert
