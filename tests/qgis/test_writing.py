"""write_rows: every value arrives as written, in the field's type, whatever repeats."""

import datetime
import random

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsProcessingFeedback,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from drogscen_plugin.core.fields import SUMMARY_FIELDS
from drogscen_plugin.qgis_io.compat import FieldType, long_variant
from drogscen_plugin.qgis_io.layers import PROGRESS_STEP
from drogscen_plugin.qgis_io.writing import qgs_fields, write_rows

FIELDS = qgs_fields(SUMMARY_FIELDS)


def random_rows(count, seed=3):
    """Rows of the summary's kinds: some columns mostly repeated, some mostly unique,
    NULLs among them, integers beyond 32 bits, dates repeated and unique."""
    rng = random.Random(seed)
    rows = []
    for k in range(count):
        row = []
        for name, kind in SUMMARY_FIELDS:
            if name == "school_fid":
                row.append(k * 3 + 2**40)  # unique, the order read back
            elif rng.random() < 0.1:
                row.append(None)
            elif kind == "int":
                row.append(rng.choice([0, 5, 600]))
            elif kind == "double":
                row.append(rng.uniform(0, 1000))
            elif name == "period_end":
                row.append(datetime.date(2000, 1, 1) + datetime.timedelta(days=k))  # unique
            elif kind == "date":
                row.append(datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 3)))
            elif name == "school_name":
                row.append("Skola {}".format(k))  # unique: passed as it is
            else:
                row.append(rng.choice(["", "a", "Mo-Fr 08:00-16:00", "åäö"]))
        rows.append(row)
    return rows


def plain(value):
    """A read value as Python: QDate as date, NULL as None."""
    if hasattr(value, "isNull") and value.isNull():
        return None
    if hasattr(value, "toPyDate"):
        return value.toPyDate()
    return value


def written(layer):
    request = QgsFeatureRequest().addOrderBy("school_fid")
    # A GeoPackage adds its own fid field.
    return [
        [plain(feature[name]) for name in FIELDS.names()] for feature in layer.getFeatures(request)
    ]


@pytest.fixture
def rows():
    # Over two progress steps.
    return random_rows(2 * PROGRESS_STEP + 37)


def test_memory_output_holds_every_value(rows):
    layer = QgsVectorLayer("Point?crs=EPSG:3006", "summary", "memory")
    layer.dataProvider().addAttributes(list(FIELDS))
    layer.updateFields()

    done = write_rows(
        layer.dataProvider(),
        rows,
        [None] * len(rows),
        FIELDS,
        QgsWkbTypes.Point,
        QgsProcessingFeedback(),
        (0, 100),
    )

    assert done
    assert written(layer) == rows


def test_geopackage_output_holds_every_value(rows, tmp_path):
    path = str(tmp_path / "summary.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    crs = QgsCoordinateReferenceSystem("EPSG:3006")
    writer = QgsVectorFileWriter.create(
        path, FIELDS, QgsWkbTypes.Point, crs, QgsCoordinateTransformContext(), options
    )
    assert write_rows(
        writer,
        rows,
        [None] * len(rows),
        FIELDS,
        QgsWkbTypes.Point,
        QgsProcessingFeedback(),
        (0, 100),
    )
    del writer

    layer = QgsVectorLayer(path, "summary", "ogr")
    assert written(layer) == rows


def test_long_variant_holds_64_bit_integers():
    for value in (0, -1, 2**31, -(2**62)):
        variant = long_variant(value)
        assert variant.typeName() == "qlonglong"
        assert variant.value() == value


def test_int_fields_are_long():
    assert {field.type() for field in FIELDS if field.name().endswith("_min")} == {FieldType.LONG}
