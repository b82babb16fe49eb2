"""Bad input to drogscen:overlap: a clear message, nothing lost, inputs untouched."""

import math

import processing
import pytest
from layer_helpers import memory_layer
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
)

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.schedule import WeeklySchedule

REL_TOL = 1e-4  # 0.01 %

SCHOOL_FIELDS = [("name", "string"), ("type", "string"), ("opening_hours", "string")]
SCENE_FIELDS = [("name", "string"), ("active_hours", "string")]
BOW_TIE = "POLYGON((100 -50, 200 50, 200 -50, 100 50, 100 -50))"


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, message):  # noqa: N802 (QGIS API)
        self.warnings.append(message)
        super().pushWarning(message)


def run_overlap(schools, scenes, feedback=None, **parameters):
    parameters = dict(
        {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": "memory:", "SUMMARY": "memory:"},
        **parameters,
    )
    return processing.run("drogscen:overlap", parameters, feedback=feedback)


def overlaps(result):
    return {(f["school_name"], f["scene_name"]): f for f in result["OUTPUT"].getFeatures()}


def one_school(crs="EPSG:3006", hours=None):
    return memory_layer(
        "Point", SCHOOL_FIELDS, [("POINT(0 0)", ["Ekskolan", "grundskola", hours])], crs=crs
    )


def test_invalid_scene_is_repaired_and_counted():
    scenes = memory_layer("Polygon", SCENE_FIELDS, [(BOW_TIE, ["Fjärilen", "24/7"])], name="scenes")
    schools = one_school()
    feedback = RecordingFeedback()
    result = run_overlap(schools, scenes, feedback)

    assert result["REPAIRED_COUNT"] == 1
    assert "Layer 'scenes': invalid geometries repaired: 1 (feature ids 1)." in feedback.warnings
    # QGIS's own chain on QGIS's own repair: fix geometries, buffer, intersect.
    fixed = processing.run("native:fixgeometries", {"INPUT": scenes, "OUTPUT": "memory:"})["OUTPUT"]
    buffers = processing.run(
        "native:buffer", {"INPUT": schools, "DISTANCE": 300, "SEGMENTS": 5, "OUTPUT": "memory:"}
    )["OUTPUT"]
    expected = processing.run(
        "native:intersection", {"INPUT": buffers, "OVERLAY": fixed, "OUTPUT": "memory:"}
    )["OUTPUT"]
    expected_area = sum(f.geometry().area() for f in expected.getFeatures())
    assert expected_area > 0
    assert overlaps(result)[("Ekskolan", "Fjärilen")]["overlap_m2"] == pytest.approx(
        expected_area, rel=REL_TOL
    )


def test_null_geometries_are_skipped_and_counted():
    scenes = memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            (None, ["Ingenstans", "24/7"]),
            ("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["Torget", "24/7"]),
        ],
    )
    schools = memory_layer(
        "Point",
        SCHOOL_FIELDS,
        [
            ("POINT(0 0)", ["Ekskolan", "grundskola", None]),
            (None, ["Okänd skola", "grundskola", None]),
            ("POINT(2000 0)", ["Björkskolan", "grundskola", None]),
        ],
        name="schools",
    )
    feedback = RecordingFeedback()
    result = run_overlap(schools, scenes, feedback)
    assert result["SKIPPED_COUNT"] == 2
    assert (
        "Layer 'schools': features without geometry skipped: 1 (feature ids 2)."
        in feedback.warnings
    )
    assert set(overlaps(result)) == {("Ekskolan", "Torget")}
    assert sorted(f["school_name"] for f in result["SUMMARY"].getFeatures()) == [
        "Björkskolan",
        "Ekskolan",
    ]


def transformed_copy(layer, crs):
    """The same features in another CRS."""
    transform = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem(crs), QgsProject.instance()
    )
    copy = memory_layer("Point", SCHOOL_FIELDS, [], crs=crs)
    features = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        assert geometry.transform(transform) == 0
        features.append(QgsFeature(feature))
        features[-1].setGeometry(geometry)
    assert copy.dataProvider().addFeatures(features)
    return copy


def test_layers_in_other_crs_give_true_metres():
    x0, y0 = 674000.0, 6580000.0
    schools = memory_layer(
        "Point",
        SCHOOL_FIELDS,
        [
            ("POINT({} {})".format(x0 + dx, y0 + dy), ["S{}".format(i), "grundskola", None])
            for i, (dx, dy) in enumerate([(0, 0), (400, 120), (-250, 300), (900, -700)])
        ],
    )
    scenes = memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            (
                "POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))".format(
                    x0 + a, y0 + b, x0 + a + 180, y0 + b + 90
                ),
                ["C{}".format(i), "24/7"],
            )
            for i, (a, b) in enumerate([(100, -50), (200, 250), (700, -600)])
        ],
    )
    in_3006 = overlaps(run_overlap(schools, scenes))
    in_4326 = overlaps(run_overlap(transformed_copy(schools, "EPSG:4326"), scenes))

    assert len(in_3006) >= 4
    assert set(in_4326) == set(in_3006)
    for key, feature in in_3006.items():
        assert in_4326[key]["overlap_m2"] == pytest.approx(feature["overlap_m2"], rel=REL_TOL)
        assert in_4326[key]["distance_m"] == pytest.approx(feature["distance_m"], abs=0.01)


def test_null_hours_mean_always_active_and_are_flagged():
    scenes = memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            ("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["Okänd", None]),
            ("POLYGON((0 100, 50 100, 50 150, 0 150, 0 100))", ["Tom", "  "]),
        ],
    )
    result = run_overlap(one_school(), scenes)
    assert result["HOURS_UNKNOWN_COUNT"] == 2
    for feature in overlaps(result).values():
        assert feature["scene_min"] == 7 * 24 * 60
        assert feature["hours_note"]
    summary = next(result["SUMMARY"].getFeatures())
    assert "Okänd" in summary["hours_note"] and "Tom" in summary["hours_note"]


def parser_message(text):
    with pytest.raises(ScheduleError) as error:
        WeeklySchedule.parse(text)
    return str(error.value)


def test_unparsable_hours_are_reported_flagged_and_the_run_goes_on():
    scenes = memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            ("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["Trasig", "Mo-Fr 25:00-03:00"]),
            ("POLYGON((0 100, 50 100, 50 150, 0 150, 0 100))", ["Hel", "Mo-Fr 20:00-03:00"]),
        ],
        name="scenes",
    )
    schools = one_school(hours="Mo-Fx 08:00-16:00")
    feedback = RecordingFeedback()
    result = run_overlap(schools, scenes, feedback)

    assert result["HOURS_INVALID_COUNT"] == 2
    scene_warning = [
        w for w in feedback.warnings if "feature 1" in w and "scenes" in w and "active_hours" in w
    ]
    assert len(scene_warning) == 1 and parser_message("Mo-Fr 25:00-03:00") in scene_warning[0]
    school_warning = [w for w in feedback.warnings if "opening_hours" in w]
    assert len(school_warning) == 1 and parser_message("Mo-Fx 08:00-16:00") in school_warning[0]

    pairs = overlaps(result)
    assert set(pairs) == {("Ekskolan", "Trasig"), ("Ekskolan", "Hel")}
    trasig = pairs[("Ekskolan", "Trasig")]
    assert trasig["scene_min"] == 7 * 24 * 60
    assert parser_message("Mo-Fr 25:00-03:00") in trasig["hours_note"]
    hel = pairs[("Ekskolan", "Hel")]
    assert hel["scene_min"] == 5 * 7 * 60
    # The school's unreadable hours are flagged on each of its pairs; default school hours apply.
    assert parser_message("Mo-Fx 08:00-16:00") in hel["hours_note"]
    assert hel["concurrent_min"] == 0


def test_scenes_as_lines_are_refused_naming_the_layer():
    lines = memory_layer(
        "LineString",
        SCENE_FIELDS,
        [("LINESTRING(0 0, 100 100)", ["Gatan", "24/7"])],
        name="scene lines",
    )
    with pytest.raises(QgsProcessingException, match="scene lines.*polygons"):
        run_overlap(one_school(), lines)


def test_invalid_default_school_hours_name_the_parameter():
    scenes = memory_layer(
        "Polygon", SCENE_FIELDS, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["T", None])]
    )
    with pytest.raises(QgsProcessingException, match="DEFAULT_SCHOOL_HOURS") as error:
        run_overlap(one_school(), scenes, DEFAULT_SCHOOL_HOURS="Mo-Fr 7-")
    assert parser_message("Mo-Fr 7-") in str(error.value)


def test_geographic_analysis_crs_is_refused():
    scenes = memory_layer(
        "Polygon", SCENE_FIELDS, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["T", None])]
    )
    with pytest.raises(QgsProcessingException, match="ANALYSIS_CRS.*metres"):
        run_overlap(one_school(), scenes, ANALYSIS_CRS="EPSG:4326")


def test_a_chosen_field_that_does_not_exist_is_an_error_but_a_missing_default_is_not():
    scenes = memory_layer(
        "Polygon", [("name", "string")], [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["T"])]
    )
    schools = memory_layer("Point", [("name", "string")], [("POINT(0 0)", ["Ekskolan"])])
    # No active_hours, type or opening_hours fields: the defaults are simply not used.
    result = run_overlap(schools, scenes)
    assert result["PAIR_COUNT"] == 1
    with pytest.raises(QgsProcessingException, match="SCHOOL_HOURS_FIELD.*'oppettider'"):
        run_overlap(schools, scenes, SCHOOL_HOURS_FIELD="oppettider")


def test_a_bad_distance_value_is_reported_and_the_distance_used():
    schools = memory_layer(
        "Point", [("name", "string"), ("dist", "double")], [("POINT(0 0)", ["Ekskolan", -5.0])]
    )
    scenes = memory_layer(
        "Polygon", [("name", "string")], [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["T"])]
    )
    feedback = RecordingFeedback()
    result = run_overlap(schools, scenes, feedback, DISTANCE_FIELD="dist")
    assert result["PAIR_COUNT"] == 1
    assert any("feature 1" in w and "dist" in w for w in feedback.warnings)


def test_curved_and_3d_geometries_are_read_as_2d_polygons():
    flat = memory_layer(
        "Polygon", SCENE_FIELDS, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["T", None])]
    )
    in_3d = memory_layer(
        "PolygonZM",
        SCENE_FIELDS,
        [("POLYGON ZM((100 0 5 1, 150 0 5 1, 150 50 7 1, 100 50 7 1, 100 0 5 1))", ["T", None])],
    )
    assert overlaps(run_overlap(one_school(), in_3d))[("Ekskolan", "T")][
        "overlap_m2"
    ] == pytest.approx(overlaps(run_overlap(one_school(), flat))[("Ekskolan", "T")]["overlap_m2"])

    curved = memory_layer(
        "CurvePolygon",
        SCENE_FIELDS,
        [("CURVEPOLYGON(CIRCULARSTRING(100 0, 150 50, 100 100, 50 50, 100 0))", ["Rund", None])],
    )
    ours = overlaps(run_overlap(one_school(), curved))[("Ekskolan", "Rund")]["overlap_m2"]
    # A circle of radius 50 wholly inside the buffer; segments lose a sliver of it.
    assert ours == pytest.approx(math.pi * 50**2, rel=1e-3)


def snapshot(layer):
    return [(f.id(), f.attributes(), f.geometry().asWkt()) for f in layer.getFeatures()]


def test_input_layers_are_not_modified():
    scenes = memory_layer(
        "PolygonZ",
        SCENE_FIELDS,
        [
            (
                "POLYGON Z((100 -50 1, 200 50 1, 200 -50 1, 100 50 1, 100 -50 1))",
                ["Fjärilen", None],
            ),
            (None, ["Ingenstans", "Mo-Fx"]),
            (
                "POLYGON Z((0 100 2, 50 100 2, 50 150 2, 0 150 2, 0 100 2))",
                ["Torget", "Mo-Fr 20-03"],
            ),
        ],
    )
    schools = memory_layer(
        "Point",
        SCHOOL_FIELDS + [("dist", "double")],
        [
            ("POINT(0 0)", ["Ekskolan", "grundskola", None, -1.0]),
            (None, ["Okänd", "förskola", "trasig", None]),
        ],
    )
    before = {layer.id(): snapshot(layer) for layer in (scenes, schools)}
    result = run_overlap(schools, scenes, DISTANCE_FIELD="dist")
    assert result["PAIR_COUNT"] == 2
    for layer in (scenes, schools):
        assert snapshot(layer) == before[layer.id()]
        assert not layer.isEditable()
        assert not layer.isModified()
        assert layer.editBuffer() is None
