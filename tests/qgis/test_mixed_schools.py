"""Schools as one layer of points and polygons: an overpass-turbo GeoJSON export.

The oracle is the same analysis run on the layer split by geometry type
(one layer of points, one of polygons), which QGIS handles as plain layers.
"""

import json
from collections import Counter
from pathlib import Path

import processing
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from tests.qgis.layer_helpers import LogFeedback
from tests.qgis.test_cli import cli, layer
from tests.qgis.test_dock import (  # noqa: F401 (fixtures)
    clean_settings,
    dock,
    result_groups,
    run,
    sample,
)

MIXED = str(Path(__file__).resolve().parent / "data" / "overpass_turbo_schools.geojson")
PAIR_KEY = ("school_name", "scene_name", "concurrent_min", "afterhours_min", "overlap_m2")
# The open way, exported by overpass-turbo as a line.
LINE_NAME = "Skolstigen"


def mixed_layer():
    result = QgsVectorLayer(MIXED, "schools", "ogr")
    assert result.isValid()
    return result


def split(source, geometry_type):
    """The features of one geometry type as a memory layer with the same fields and fids."""
    wkb = "MultiPoint" if geometry_type == QgsWkbTypes.PointGeometry else "MultiPolygon"
    part = QgsVectorLayer("{}?crs=EPSG:4326".format(wkb), "part", "memory")
    part.dataProvider().addAttributes(source.fields().toList())
    part.updateFields()
    features = []
    for feature in source.getFeatures():
        if feature.geometry().type() == geometry_type:
            copy = QgsFeature(feature)
            geometry = copy.geometry()
            geometry.convertToMultiType()
            copy.setGeometry(geometry)
            features.append(copy)
    assert part.dataProvider().addFeatures(features)
    return part


def pairs(output, ndigits=3):
    return Counter(
        tuple(round(f[k], ndigits) if isinstance(f[k], float) else f[k] for k in PAIR_KEY)
        for f in output.getFeatures()
    )


def overlap(schools, sample_gpkg, feedback=None):
    return processing.run(
        "drogscen:overlap",
        {
            "SCENES": sample_gpkg + "|layername=scenes",
            "SCHOOLS": schools,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
        feedback=feedback,
    )


@pytest.fixture
def analysing_dock(dock):  # noqa: F811 (fixture)
    """The dock, put back on its Settings tab afterwards, where the other dock tests find it."""
    yield dock
    dock.tabs.setCurrentIndex(0)


@pytest.fixture(scope="module")
def oracle(sample_gpkg):
    source = mixed_layer()
    points = overlap(split(source, QgsWkbTypes.PointGeometry), sample_gpkg)
    grounds = overlap(split(source, QgsWkbTypes.PolygonGeometry), sample_gpkg)
    expected = pairs(points["OUTPUT"]) + pairs(grounds["OUTPUT"])
    counts = (points["SUMMARY"].featureCount(), grounds["SUMMARY"].featureCount())
    return expected, counts


def test_the_file_is_what_overpass_turbo_gives(oracle):
    source = mixed_layer()
    kinds = Counter(QgsWkbTypes.displayString(f.geometry().wkbType()) for f in source.getFeatures())
    assert kinds == {"Point": 15, "Polygon": 6, "MultiPolygon": 3, "MultiPoint": 1, "LineString": 1}
    # QGIS takes the first feature's type for the whole layer.
    assert source.geometryType() == QgsWkbTypes.PolygonGeometry
    expected, _ = oracle
    assert sum(expected.values()) > 0


def test_processing_analyses_each_school_by_its_own_geometry(sample_gpkg, oracle):
    expected, (point_count, grounds_count) = oracle
    feedback = LogFeedback()

    results = overlap(MIXED, sample_gpkg, feedback)

    assert pairs(results["OUTPUT"]) == expected
    summary = results["SUMMARY"]
    assert summary.featureCount() == point_count + grounds_count == 25
    assert summary.geometryType() == QgsWkbTypes.PointGeometry
    # Each grounds' summary point lies within its grounds.
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), summary.crs(), QgsProject.instance()
    )
    grounds = {}
    for feature in mixed_layer().getFeatures():
        if feature.geometry().type() == QgsWkbTypes.PolygonGeometry:
            geometry = feature.geometry()
            geometry.transform(transform)
            grounds[feature["name"]] = geometry
    inside = [
        f.geometry().within(grounds[f["school_name"]])
        for f in summary.getFeatures()
        if f["school_name"] in grounds
    ]
    assert inside == [True] * grounds_count
    line_fid = next(f.id() for f in mixed_layer().getFeatures() if f["name"] == LINE_NAME)
    refused = [
        line for line in (feedback.infos + feedback.warnings) if "another geometry type" in line
    ]
    assert len(refused) == 1 and "1 (feature ids {})".format(line_fid) in refused[0]
    assert any(
        "9 school grounds as points" in line for line in (feedback.infos + feedback.warnings)
    )


def test_the_cli_writes_every_output_of_a_mixed_layer(sample_gpkg, tmp_path, oracle):
    expected, (point_count, grounds_count) = oracle
    out = tmp_path / "mixed.gpkg"

    # The week the in-process oracle analyses (tests/conftest.py).
    result = cli(
        "analyse",
        "--scenes",
        sample_gpkg + "|layername=scenes",
        "--schools",
        MIXED,
        "--out",
        str(out),
        "--period-start",
        "2026-03-02",
        "--period-end",
        "2026-03-08",
    )

    assert result.returncode == 0, result.stderr
    assert pairs(layer(out, "overlap")) == expected
    assert layer(out, "summary").featureCount() == point_count + grounds_count
    assert "another geometry type (such as lines) left out: 1" in result.stdout


def test_the_dock_runs_a_mixed_layer(qtbot, analysing_dock, oracle):
    dock = analysing_dock
    expected, (point_count, grounds_count) = oracle
    schools = mixed_layer()
    QgsProject.instance().addMapLayer(schools)
    dock.form.schools.setLayer(schools)

    run(qtbot, dock)

    (group,) = result_groups()
    layers = {node.layer().name(): node.layer() for node in group.findLayers()}
    assert pairs(layers["Overlaps"]) == expected
    assert layers["Schools and preschools"].featureCount() == point_count + grounds_count
    assert dock.model.rowCount() == sum(expected.values())


def test_a_point_among_scenes_is_left_out_and_named(tmp_path, sample_gpkg):
    scenes = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Torget", "active_hours": "Fr,Sa 22:00-03:00"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [18.0125, 59.3515],
                            [18.0140, 59.3515],
                            [18.0140, 59.3525],
                            [18.0125, 59.3525],
                            [18.0125, 59.3515],
                        ]
                    ],
                },
            },
            {
                "type": "Feature",
                "properties": {"name": "Bänken", "active_hours": "24/7"},
                "geometry": {"type": "Point", "coordinates": [18.0130, 59.3520]},
            },
        ],
    }
    path = tmp_path / "scenes.geojson"
    path.write_text(json.dumps(scenes), encoding="utf-8")
    feedback = LogFeedback()

    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": str(path),
            "SCHOOLS": sample_gpkg + "|layername=schools",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
        feedback=feedback,
    )

    assert {f["scene_name"] for f in results["OUTPUT"].getFeatures()} == {"Torget"}
    (refused,) = [line for line in feedback.warnings if "another geometry type" in line]
    assert "left out: 1 (feature ids 1); polygons expected." in refused
