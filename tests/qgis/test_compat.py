"""Field types in the form the running QGIS takes: QMetaType.Type from 3.38, else QVariant.Type."""

import pytest
from qgis.core import QgsField, QgsFields, QgsMemoryProviderUtils
from qgis.PyQt.QtCore import QMetaType

from drogscen_plugin.qgis_io.compat import FieldType

# Qt's own names of the types (QMetaType::name), the independent oracle.
QT_NAMES = {
    "STRING": "QString",
    "INT": "int",
    "LONG": "qlonglong",
    "DOUBLE": "double",
    "BOOL": "bool",
    "DATE": "QDate",
    "DATETIME": "QDateTime",
}


@pytest.mark.parametrize("name", sorted(QT_NAMES))
def test_each_field_type_is_the_qt_type_of_its_name(name):
    kind = getattr(FieldType, name)

    assert bytes(QMetaType(int(kind)).name()).decode() == QT_NAMES[name]
    # The enum QgsField.type() returns on this QGIS, so comparisons hold.
    assert type(kind) is type(QgsField().type())
    assert QgsField(name.lower(), kind).type() == kind


def test_a_layer_made_with_them_keeps_them():
    fields = QgsFields()
    for name in QT_NAMES:
        fields.append(QgsField(name.lower(), getattr(FieldType, name)))

    layer = QgsMemoryProviderUtils.createMemoryLayer("types", fields)

    assert [field.type() for field in layer.fields()] == [
        getattr(FieldType, name) for name in QT_NAMES
    ]
