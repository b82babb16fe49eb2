"""What differs between the QGIS versions the plugin runs on (3.22 to 4.x), in one place.

Field types: QgsField takes (and its type() returns) a QMetaType.Type from
QGIS 3.38 on, the only kind QGIS 4 (Qt6) knows; earlier versions a
QVariant.Type. Both enums number the types alike, so one table serves both.
"""

from qgis.core import Qgis, QgsEditFormConfig
from qgis.PyQt.QtCore import QT_VERSION, QMetaType, QVariant

USES_META_TYPE = Qgis.QGIS_VERSION_INT >= 33800


def _field_type(meta_type):
    return meta_type if USES_META_TYPE else QVariant.Type(meta_type)


class FieldType:
    """Field types for QgsField, in the form this QGIS takes and QgsField.type() returns."""

    STRING = _field_type(QMetaType.Type.QString)
    INT = _field_type(QMetaType.Type.Int)
    LONG = _field_type(QMetaType.Type.LongLong)
    DOUBLE = _field_type(QMetaType.Type.Double)
    BOOL = _field_type(QMetaType.Type.Bool)
    DATE = _field_type(QMetaType.Type.QDate)
    DATETIME = _field_type(QMetaType.Type.QDateTime)


# QVariant.convert takes a QMetaType in Qt6, a type number in Qt5.
_LONG_TARGET = (
    QMetaType(QMetaType.Type.LongLong) if QT_VERSION >= 0x060000 else int(QMetaType.Type.LongLong)
)


def long_variant(value):
    """A Python int as a QVariant holding a 64-bit integer, as LONG fields store it."""
    variant = QVariant(value)
    variant.convert(_LONG_TARGET)
    return variant


# The form init function as "a function in the environment": an enum of Qgis from 3.32 on.
FORM_INIT_FROM_ENVIRONMENT = (
    Qgis.AttributeFormPythonInitCodeSource.Environment
    if hasattr(Qgis, "AttributeFormPythonInitCodeSource")
    else QgsEditFormConfig.PythonInitCodeSource.CodeSourceEnvironment
)
