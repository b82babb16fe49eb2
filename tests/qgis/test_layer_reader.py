"""LayerReader keeps the WKB it read: each record's WKB, its shapely geometry and
the QgsGeometry made for the outputs are one and the same 2D, linear geometry.
Shapely geometries are made from that WKB as shapely itself makes them."""

import pytest
from layer_helpers import memory_layer
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsWkbTypes,
)
from shapely import wkb

from drogscen_plugin.qgis_io.checks import POLYGONS
from drogscen_plugin.qgis_io.layers import POINTS_OR_POLYGONS, LayerReader
from drogscen_plugin.qgis_io.shapes import from_wkb

CRS = QgsCoordinateReferenceSystem("EPSG:3006")
LAYERS = {
    "Polygon": [
        ("POLYGON((0 0, 100 0, 100 100, 0 100, 0 0), (20 20, 20 40, 40 40, 20 20))", "holed"),
        (None, "nowhere"),
        ("POLYGON((200 0, 300 100, 300 0, 200 100, 200 0))", "bowtie"),
        ("POLYGON EMPTY", "empty"),
    ],
    "CurvePolygon": [("CURVEPOLYGON(CIRCULARSTRING(400 0, 450 50, 400 100, 350 50, 400 0))", "c")],
    "PolygonZ": [("POLYGON Z((500 0 3, 600 0 3, 600 90 4, 500 0 3))", "3d")],
    "MultiPolygon": [
        ("MULTIPOLYGON(((700 0, 750 0, 750 50, 700 0)), ((800 0, 850 0, 850 50, 800 0)))", "m")
    ],
}


def reader_of(layer, allowed):
    context = QgsProcessingContext()
    source = QgsProcessingFeatureSource(layer, context)
    return LayerReader(source, allowed, CRS, context, QgsProcessingFeedback())


@pytest.mark.parametrize("kind", list(LAYERS))
def test_scene_records_carry_the_wkb_of_their_geometry(kind):
    layer = memory_layer(kind, [("name", "string")], [(wkt, [name]) for wkt, name in LAYERS[kind]])
    reader = reader_of(layer, POLYGONS)
    records = reader.scenes("name", None, (0, 100))
    names = [name for wkt, name in LAYERS[kind] if wkt and "EMPTY" not in wkt]
    assert [r.name for r in records] == names
    for record, geometry in zip(records, reader.geometries):
        read = wkb.loads(record.wkb)
        assert read.geom_type in ("Polygon", "MultiPolygon") and not read.has_z
        assert read.is_valid and read.equals_exact(record.geometry, 0)
        assert geometry.equals(QgsGeometry.fromWkt(read.wkt))
        assert geometry.wkbType() in (QgsWkbTypes.Polygon, QgsWkbTypes.MultiPolygon)
    if kind == "Polygon":
        assert reader.skipped == [2, 4] and reader.repaired == [3]


def test_points_with_one_missing_are_read_from_their_wkb():
    layer = memory_layer(
        "Point",
        [("name", "string")],
        [("POINT(1 2)", ["a"]), (None, ["b"]), ("POINT(3.5 -4)", ["c"])],
    )
    reader = reader_of(layer, POINTS_OR_POLYGONS)
    records = reader.schools("name", None, None, None, None, None, (0, 100))
    assert [(r.name, r.geometry.x, r.geometry.y) for r in records] == [
        ("a", 1.0, 2.0),
        ("c", 3.5, -4.0),
    ]
    assert reader.skipped == [2]
    assert [g.asWkt() for g in reader.geometries] == ["Point (1 2)", "Point (3.5 -4)"]


@pytest.mark.parametrize(
    "wkt",
    [
        "POINT(1 2)",
        "POINT Z(1 2 3)",
        "LINESTRING(0 0, 5 5)",
        "POLYGON((0 0, 100 0, 100 100, 0 100, 0 0), (20 20, 20 40, 40 40, 20 20))",
        "MULTIPOINT((1 1), (2 2))",
        "MULTIPOLYGON(((700 0, 750 0, 750 50, 700 0)), ((800 0, 850 0, 850 50, 800 0)))",
        "GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))",
        "POLYGON EMPTY",
    ],
)
def test_geometries_made_from_wkb_are_shapely_s_own(wkt):
    data = bytes(QgsGeometry.fromWkt(wkt).asWkb())

    made = from_wkb([data, data])
    expected = wkb.loads(data)

    for shape in made:
        assert type(shape) is type(expected)
        assert (shape.has_z, shape.is_empty) == (expected.has_z, expected.is_empty)
        assert shape.wkb == expected.wkb
        assert shape.buffer(1).area == pytest.approx(expected.buffer(1).area)
    # Each owns its own GEOS geometry: freeing one leaves the other whole.
    del made[0]
    assert made[0].wkb == expected.wkb


def test_unreadable_wkb_is_refused_as_shapely_refuses_it():
    data = bytes(QgsGeometry.fromWkt("POLYGON((0 0, 1 0, 1 1, 0 0))").asWkb())[:-8]
    with pytest.raises(Exception) as refused:
        wkb.loads(data)
    with pytest.raises(type(refused.value)):
        from_wkb([data])
