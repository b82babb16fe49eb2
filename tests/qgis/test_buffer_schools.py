"""drogscen:bufferschools against the true offset areas and the analysis' own circles."""

import math

import processing
import pytest
from layer_helpers import memory_layer
from qgis.core import QgsWkbTypes

from drogscen_plugin.core.disc import quad_segments

# The drawn arcs keep the area within 0.1 % of the true offset.
REL_TOL = 1e-3

FIELDS = [("name", "string"), ("dist", "double")]
# Per layer: rows, and the distance each school gets with DISTANCE 300 and DISTANCE_FIELD "dist".
SCHOOLS = {
    "points": (
        "Point",
        [
            ("POINT(674000 6580000)", ["Ekskolan", None]),
            ("POINT(674150 6580100)", ["Björkskolan", 80.0]),
            ("POINT(675000 6581000)", ["Lönnskolan", 120.0]),
        ],
        {"Ekskolan": 300, "Björkskolan": 80, "Lönnskolan": 120},
    ),
    "grounds": (
        "Polygon",
        [
            (
                "POLYGON((674000 6580000, 674120 6580010, 674090 6580095, 674000 6580000))",
                ["Ekskolan", 40.0],
            ),
            (
                "POLYGON((675000 6581000, 675060 6581000, 675060 6581050, 675000 6581000))",
                ["Lönnskolan", None],
            ),
        ],
        {"Ekskolan": 40, "Lönnskolan": 300},
    ),
}


def schools_layer(kind):
    geometry_type, rows, _ = SCHOOLS[kind]
    return memory_layer(geometry_type, FIELDS, rows)


def areas_by_name(layer):
    return {f["name"]: f.geometry().area() for f in layer.getFeatures()}


def true_areas(schools, distances):
    """{name: area within the distance}: a disc, or (convex grounds) the polygon,
    its sides pushed out, and one disc of rounded corners."""
    areas = {}
    for feature in schools.getFeatures():
        distance = distances[feature["name"]]
        geometry = feature.geometry()
        areas[feature["name"]] = (
            geometry.area() + geometry.length() * distance + math.pi * distance**2
        )
    return areas


@pytest.mark.parametrize("kind", sorted(SCHOOLS))
def test_buffers_have_the_true_areas_and_the_analysis_circles(kind):
    schools = schools_layer(kind)
    ours = processing.run(
        "drogscen:bufferschools", {"SCHOOLS": schools, "DISTANCE": 250, "OUTPUT": "memory:"}
    )["OUTPUT"]
    # The analysis' circles: GEOS's buffer with the segments the analysis uses.
    same = processing.run(
        "native:buffer",
        {"INPUT": schools, "DISTANCE": 250, "SEGMENTS": quad_segments(250), "OUTPUT": "memory:"},
    )["OUTPUT"]
    assert ours.geometryType() == QgsWkbTypes.PolygonGeometry
    assert ours.featureCount() == schools.featureCount()
    expected = true_areas(schools, {f["name"]: 250 for f in schools.getFeatures()})
    drawn = areas_by_name(same)
    for name, area in areas_by_name(ours).items():
        assert area == pytest.approx(expected[name], rel=REL_TOL)
        assert area == pytest.approx(drawn[name], rel=1e-12)
    for feature in ours.getFeatures():
        assert feature["distance_m"] == 250
        assert feature["dist"] == schools.getFeature(feature.id())["dist"]


@pytest.mark.parametrize("kind", sorted(SCHOOLS))
def test_distance_field_gives_each_school_its_distance(kind):
    schools = schools_layer(kind)
    ours = processing.run(
        "drogscen:bufferschools",
        {"SCHOOLS": schools, "DISTANCE": 300, "DISTANCE_FIELD": "dist", "OUTPUT": "memory:"},
    )["OUTPUT"]
    expected = true_areas(schools, SCHOOLS[kind][2])
    assert {f["name"]: f["distance_m"] for f in ours.getFeatures()} == SCHOOLS[kind][2]
    for feature in ours.getFeatures():
        assert feature.geometry().area() == pytest.approx(expected[feature["name"]], rel=REL_TOL)


def test_buffers_are_drawn_in_the_analysis_crs():
    points = schools_layer("points")
    in_4326 = processing.run(
        "native:reprojectlayer", {"INPUT": points, "TARGET_CRS": "EPSG:4326", "OUTPUT": "memory:"}
    )["OUTPUT"]
    ours = processing.run(
        "drogscen:bufferschools", {"SCHOOLS": in_4326, "DISTANCE": 250, "OUTPUT": "memory:"}
    )["OUTPUT"]
    assert ours.crs().authid() == "EPSG:3006"
    expected = true_areas(points, {f["name"]: 250 for f in points.getFeatures()})
    for name, area in areas_by_name(ours).items():
        assert area == pytest.approx(expected[name], rel=REL_TOL)
