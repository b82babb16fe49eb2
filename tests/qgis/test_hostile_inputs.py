"""Inputs a careless or unlucky user gives: non-finite coordinates, fields of the wrong
type, a CRS that does not measure on a plane, distances beyond reason."""

import math
from pathlib import Path

import processing
import pytest
from layer_helpers import memory_layer, run_cli
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
)
from qgis.PyQt.QtCore import QDate

ROOT = Path(__file__).resolve().parents[2]
SCHOOL_FIELDS = [("name", "string"), ("type", "string"), ("opening_hours", "string")]
SCENE_FIELDS = [("name", "string"), ("active_hours", "string")]


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, message):  # noqa: N802 (QGIS API)
        self.warnings.append(message)


def run_overlap(schools, scenes, feedback=None, **parameters):
    return processing.run(
        "drogscen:overlap",
        dict(
            {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": "memory:", "SUMMARY": "memory:"},
            **parameters,
        ),
        feedback=feedback,
    )


def schools():
    return memory_layer(
        "Point",
        SCHOOL_FIELDS,
        [
            ("POINT(0 0)", ["Ekskolan", "grundskola", None]),
            ("POINT(5000 0)", ["Ekbo", "grundskola", None]),
        ],
    )


def square(x):
    return [
        QgsPointXY(x, 0),
        QgsPointXY(x + 50, 0),
        QgsPointXY(x + 50, 50),
        QgsPointXY(x, 50),
        QgsPointXY(x, 0),
    ]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_scene_with_a_non_finite_vertex_is_skipped_and_counted(bad):
    scenes = memory_layer("Polygon", SCENE_FIELDS, [])
    rings = [square(100), square(5100)]
    rings[1][2] = QgsPointXY(5150, bad)
    features = []
    for number, ring in enumerate(rings):
        feature = QgsFeature(scenes.fields())
        feature.setGeometry(QgsGeometry.fromPolygonXY([ring]))
        feature.setAttributes(["C{}".format(number), "24/7"])
        features.append(feature)
    assert scenes.dataProvider().addFeatures(features)
    feedback = RecordingFeedback()

    result = run_overlap(schools(), scenes, feedback)

    assert result["SKIPPED_COUNT"] == 1
    assert result["PAIR_COUNT"] == 1
    assert [(f["school_name"], f["scene_name"]) for f in result["OUTPUT"].getFeatures()] == [
        ("Ekskolan", "C0")
    ]
    assert "Layer 'layer': features without geometry skipped: 1 (feature ids 2)." in (
        feedback.warnings
    )


def test_a_school_with_a_non_finite_coordinate_is_skipped_and_counted():
    school_layer = memory_layer("Point", SCHOOL_FIELDS, [])
    features = []
    for number, point in enumerate((QgsPointXY(0, 0), QgsPointXY(math.nan, 0))):
        feature = QgsFeature(school_layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(point))
        feature.setAttributes(["S{}".format(number), "grundskola", None])
        features.append(feature)
    assert school_layer.dataProvider().addFeatures(features)
    scenes = memory_layer(
        "Polygon", SCENE_FIELDS, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["C", "24/7"])]
    )

    result = run_overlap(school_layer, scenes)

    assert result["SKIPPED_COUNT"] == 1
    assert result["SUMMARY"].featureCount() == 1


@pytest.mark.parametrize(
    "field, kind, value, parameter",
    [
        ("name", "date", QDate(2024, 1, 1), "SCENE_NAME_FIELD"),
        ("active_hours", "integer", 7, "SCENE_HOURS_FIELD"),
        ("name", "double", 1.5, "SCENE_NAME_FIELD"),
    ],
)
def test_names_and_hours_are_read_only_from_text_fields(field, kind, value, parameter):
    fields = [("name", "string"), ("active_hours", "string")]
    fields = [(name, kind if name == field else type_) for name, type_ in fields]
    row = ["T", "24/7"]
    row[0 if field == "name" else 1] = value
    scenes = memory_layer(
        "Polygon", fields, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", row)]
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"field '{}' holds .*, not text; choose a text field".format(field),
    ):
        run_overlap(schools(), scenes, **{parameter: field})


def test_a_date_typed_school_name_is_refused_not_written_as_python():
    school_layer = memory_layer("Point", [("name", "date")], [("POINT(0 0)", [QDate(2024, 1, 1)])])
    scenes = memory_layer(
        "Polygon", SCENE_FIELDS, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["C", "24/7"])]
    )
    with pytest.raises(QgsProcessingException, match=r"field 'name' holds [Dd]ate"):
        run_overlap(school_layer, scenes)


@pytest.mark.parametrize("crs", ["EPSG:4978", "EPSG:4326", "EPSG:4979"])
def test_an_analysis_crs_that_is_not_projected_is_refused(crs):
    scenes = memory_layer(
        "Polygon", SCENE_FIELDS, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["C", "24/7"])]
    )
    with pytest.raises(QgsProcessingException, match=r"ANALYSIS_CRS.*does not measure in metres"):
        run_overlap(schools(), scenes, ANALYSIS_CRS=crs)
    # A projected CRS in metres other than the default is fine.
    assert run_overlap(schools(), scenes, ANALYSIS_CRS="EPSG:3857")["PAIR_COUNT"] == 1


@pytest.mark.parametrize("distance", [1e308, 100_001.0])
def test_a_distance_beyond_100_km_is_refused(distance):
    scenes = memory_layer(
        "Polygon", SCENE_FIELDS, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["C", "24/7"])]
    )
    with pytest.raises(QgsProcessingException, match="DISTANCE"):
        run_overlap(schools(), scenes, DISTANCE=distance)
    assert run_overlap(schools(), scenes, DISTANCE=100_000.0)["PAIR_COUNT"] == 2


def test_a_school_distance_beyond_100_km_is_reported_and_the_distance_used():
    school_layer = memory_layer(
        "Point", [("name", "string"), ("dist", "double")], [("POINT(0 0)", ["Ekskolan", 1e12])]
    )
    scenes = memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            ("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["C", "24/7"]),
            ("POLYGON((900 0, 950 0, 950 50, 900 50, 900 0))", ["D", "24/7"]),
        ],
    )
    feedback = RecordingFeedback()
    result = run_overlap(school_layer, scenes, feedback, DISTANCE_FIELD="dist")
    assert result["PAIR_COUNT"] == 1  # within the 300 m of the parameter only
    assert any("feature 1" in w and "from 0 to 100000" in w for w in feedback.warnings)


def cli(*arguments):
    return run_cli("analyse", *arguments)


@pytest.mark.parametrize(
    "option, value, words",
    [
        ("--distance", "1e308", ["--distance", "at most 100000 metres"]),
        ("--distance", "inf", ["--distance", "at most"]),
        ("--distance", "nan", ["--distance", "more than 0"]),
        ("--crs", "EPSG:4978", ["--crs", "metres"]),
    ],
)
def test_the_command_line_refuses_in_one_line_and_nothing_else(
    sample_gpkg, tmp_path, option, value, words
):
    out = tmp_path / "out.gpkg"
    result = cli(
        "--scenes",
        sample_gpkg + "|layername=scenes",
        "--schools",
        sample_gpkg + "|layername=schools",
        "--out",
        str(out),
        option,
        value,
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("drogscen: error: "), result.stderr
    assert all(word in lines[0] for word in words), lines[0]
    assert not out.exists()


@pytest.mark.parametrize("content", [b"not a geopackage", b"SQLite format 3\x00" + b"\x00" * 90])
def test_an_unreadable_input_gives_one_line_and_no_gdal_messages(sample_gpkg, tmp_path, content):
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(content)
    result = cli(
        "--scenes",
        str(broken),
        "--schools",
        sample_gpkg + "|layername=schools",
        "--out",
        str(tmp_path / "out.gpkg"),
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "--scenes" in lines[0] and "broken.gpkg" in lines[0], result.stderr


def _hole(x, bad):
    """A small square hole inside ``square(x)`` with one vertex at ``bad``."""
    ring = [
        QgsPointXY(x + 10, 10),
        QgsPointXY(x + 20, 10),
        QgsPointXY(x + 20, 20),
        QgsPointXY(x + 10, 20),
        QgsPointXY(x + 10, 10),
    ]
    ring[2] = QgsPointXY(x + 20, bad)
    return ring


@pytest.mark.parametrize(
    "kind, broken",
    [
        (
            "MultiPolygon",
            QgsGeometry.fromMultiPolygonXY([[square(0)], [square(100), _hole(100, math.inf)]]),
        ),
        (
            "MultiPolygon",
            QgsGeometry.fromMultiPolygonXY([[square(0)], [square(100), _hole(100, math.nan)]]),
        ),
        ("MultiPoint", QgsGeometry.fromMultiPointXY([QgsPointXY(0, 0), QgsPointXY(math.nan, 0)])),
    ],
)
def test_school_parts_with_a_non_finite_coordinate_are_skipped_and_counted(kind, broken):
    school_layer = memory_layer(kind, SCHOOL_FIELDS, [])
    good = QgsGeometry.fromWkt(
        "MultiPolygon(((0 0, 50 0, 50 50, 0 0)))"
        if kind == "MultiPolygon"
        else "MultiPoint((0 0), (10 0))"
    )
    features = []
    for number, geometry in enumerate((good, broken)):
        feature = QgsFeature(school_layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(["S{}".format(number), "grundskola", None])
        features.append(feature)
    assert school_layer.dataProvider().addFeatures(features)
    scenes = memory_layer(
        "Polygon", SCENE_FIELDS, [("POLYGON((100 0, 150 0, 150 50, 100 50, 100 0))", ["C", "24/7"])]
    )
    feedback = RecordingFeedback()

    result = run_overlap(school_layer, scenes, feedback)

    assert result["SKIPPED_COUNT"] == 1
    assert [f["school_name"] for f in result["SUMMARY"].getFeatures()] == ["S0"]
    assert "Layer 'layer': features without geometry skipped: 1 (feature ids 2)." in (
        feedback.warnings
    )


@pytest.mark.parametrize("algorithm", ["drogscen:overlap", "drogscen:bufferschools"])
@pytest.mark.parametrize("kind, value", [("date", QDate(2024, 1, 1)), ("boolean", True)])
def test_a_distance_field_of_dates_is_refused_naming_it(algorithm, kind, value):
    school_layer = memory_layer(
        "Point",
        SCHOOL_FIELDS + [("reach", kind)],
        [("POINT(0 0)", ["Ekskolan", "grundskola", None, value])],
    )
    parameters = {"SCHOOLS": school_layer, "DISTANCE_FIELD": "reach", "OUTPUT": "memory:"}
    if algorithm == "drogscen:overlap":
        parameters.update(SCENES=memory_layer("Polygon", SCENE_FIELDS, []), SUMMARY="memory:")
    with pytest.raises(
        QgsProcessingException,
        match="field 'reach' holds .*, not distances in metres; choose a field",
    ):
        processing.run(algorithm, parameters)


@pytest.mark.parametrize("kind, value", [("integer", 150), ("double", 150.0), ("string", "150")])
def test_a_distance_field_of_numbers_or_text_is_read(kind, value):
    school_layer = memory_layer(
        "Point",
        SCHOOL_FIELDS + [("reach", kind)],
        [("POINT(0 0)", ["Ekskolan", "grundskola", None, value])],
    )
    result = processing.run(
        "drogscen:bufferschools",
        {"SCHOOLS": school_layer, "DISTANCE_FIELD": "reach", "OUTPUT": "memory:"},
    )
    assert [f["distance_m"] for f in result["OUTPUT"].getFeatures()] == [150.0]
