"""drogscen:overlap through processing.run, against QGIS's own algorithms."""

import math
import random

import processing
import pytest
from layer_helpers import memory_layer, to_geopackage
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from drogscen_plugin.core.fields import PAIR_FIELDS, SUMMARY_FIELDS, field_alias
from drogscen_plugin.core.schedule import WeeklySchedule

REL_TOL = 1e-4  # 0.01 %


def star_polygon(rng, cx, cy, radius):
    """A random simple polygon: one vertex per equal sector around a centre."""
    count = rng.randint(5, 12)
    angles = [2 * math.pi * (i + rng.uniform(0.1, 0.9)) / count for i in range(count)]
    radii = [radius * rng.uniform(0.4, 1.0) for _ in angles]
    points = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a, r in zip(angles, radii)]
    points.append(points[0])
    return "POLYGON(({}))".format(", ".join("{:.3f} {:.3f}".format(x, y) for x, y in points))


def random_layout(seed=2, schools=80, scenes=30, size=3000.0):
    """Schools (points and school-ground polygons) and scenes scattered over ``size`` metres."""
    rng = random.Random(seed)
    x0, y0 = 674000.0, 6580000.0  # Stockholm, EPSG:3006
    school_rows = []
    polygon_rows = []
    for i in range(schools):
        x, y = x0 + rng.uniform(0, size), y0 + rng.uniform(0, size)
        if i % 3:
            school_rows.append(("POINT({} {})".format(x, y), ["S{}".format(i), "grundskola"]))
        else:
            polygon_rows.append(
                (star_polygon(rng, x, y, rng.uniform(30, 90)), ["S{}".format(i), "förskola"])
            )
    scene_rows = [
        (
            star_polygon(
                rng, x0 + rng.uniform(0, size), y0 + rng.uniform(0, size), rng.uniform(25, 200)
            ),
            ["C{}".format(i), rng.choice(["Mo-Fr 20:00-02:00", "Sa,Su 12:00-18:00", "24/7", None])],
        )
        for i in range(scenes)
    ]
    fields = [("name", "string"), ("type", "string")]
    return (
        memory_layer("Point", fields, school_rows, name="school points"),
        memory_layer("Polygon", fields, polygon_rows, name="school grounds"),
        memory_layer(
            "Polygon", [("name", "string"), ("active_hours", "string")], scene_rows, name="scenes"
        ),
    )


def run_overlap(schools, scenes, **parameters):
    parameters = dict(
        {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": "memory:", "SUMMARY": "memory:"},
        **parameters,
    )
    result = processing.run("drogscen:overlap", parameters)
    for name in ("OUTPUT", "SUMMARY"):
        if isinstance(result[name], str):
            result[name] = QgsVectorLayer(result[name], name, "ogr")
    return result


def true_overlaps(schools, scenes, distance):
    """{(school name, scene name): (piece, is point)} for the pairs within ``distance``
    by GEOS's distance; each piece drawn with 1,024 segments per quarter circle."""
    pieces = {}
    for school in schools.getFeatures():
        fine = school.geometry().buffer(distance, 1024)
        point = school.geometry().type() == QgsWkbTypes.PointGeometry
        for scene in scenes.getFeatures():
            if school.geometry().distance(scene.geometry()) <= distance:
                piece = fine.intersection(scene.geometry())
                pieces[school["name"], scene["name"]] = (piece, point)
    return pieces


def our_overlaps(layer):
    return {(f["school_name"], f["scene_name"]): f["overlap_m2"] for f in layer.getFeatures()}


def names_by_fid(layer):
    return {f.id(): f["name"] for f in layer.getFeatures()}


@pytest.mark.parametrize("storage", ["memory", "gpkg"])
@pytest.mark.parametrize("distance", [300.0, 120.0])
def test_pairs_and_areas_are_those_of_the_true_circles(storage, distance, tmp_path):
    points, grounds, scenes = random_layout()
    parameters = {}
    if storage == "gpkg":
        points = to_geopackage(points, tmp_path / "input.gpkg", "points")
        grounds = to_geopackage(grounds, tmp_path / "input.gpkg", "grounds")
        scenes = to_geopackage(scenes, tmp_path / "input.gpkg", "scenes")
    for schools in (points, grounds):
        if storage == "gpkg":
            parameters = {
                "OUTPUT": str(tmp_path / "pairs_{}.gpkg".format(schools.name())),
                "SUMMARY": str(tmp_path / "summary_{}.gpkg".format(schools.name())),
            }
        result = run_overlap(schools, scenes, DISTANCE=distance, **parameters)
        expected = true_overlaps(schools, scenes, distance)
        ours = our_overlaps(result["OUTPUT"])

        assert len(expected) > 10  # a layout where the comparison means something
        assert result["PAIR_COUNT"] == result["OUTPUT"].featureCount() == len(expected)
        assert set(ours) == set(expected)
        for key, (piece, point) in expected.items():
            # Points exact (the oracle's chords lie up to 0.1 mm inside the circle);
            # grounds buffered with arcs within 5 cm of the true offset.
            edge = piece.length()  # a polygon's perimeter
            slack = 1e-4 * edge if point else max(1e-3 * piece.area(), 0.05 * edge)
            assert abs(ours[key] - piece.area()) <= slack, key
        # The geometry written draws the overlap whose area is reported.
        for feature in result["OUTPUT"].getFeatures():
            assert feature.geometry().isGeosValid()
            assert feature.geometry().area() == pytest.approx(feature["overlap_m2"], rel=0.02)

        school_names, scene_names = names_by_fid(schools), names_by_fid(scenes)
        for feature in result["OUTPUT"].getFeatures():
            assert school_names[feature["school_fid"]] == feature["school_name"]
            assert scene_names[feature["scene_fid"]] == feature["scene_name"]
        summary = result["SUMMARY"]
        assert sorted(f["school_fid"] for f in summary.getFeatures()) == sorted(school_names)
        counts = {}
        for school_name, _ in expected:
            counts[school_name] = counts.get(school_name, 0) + 1
        assert {
            f["school_name"]: f["scene_count"] for f in summary.getFeatures() if f["scene_count"]
        } == counts


def test_outputs_are_in_the_analysis_crs_with_school_geometry_type():
    points, grounds, scenes = random_layout(schools=9, scenes=5)
    for schools, geometry_type in (
        (points, QgsWkbTypes.PointGeometry),
        (grounds, QgsWkbTypes.PolygonGeometry),
    ):
        result = run_overlap(schools, scenes, ANALYSIS_CRS="EPSG:3152")
        assert result["OUTPUT"].crs().authid() == "EPSG:3152"
        assert result["SUMMARY"].crs().authid() == "EPSG:3152"
        assert result["OUTPUT"].geometryType() == QgsWkbTypes.PolygonGeometry
        assert result["SUMMARY"].geometryType() == geometry_type


def named_in_crs(layer, crs):
    """The geometry of each feature with one, by its name, transformed to ``crs``."""
    transform = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
    found = {}
    for feature in layer.getFeatures():
        if feature.hasGeometry():
            geometry = QgsGeometry(feature.geometry())
            geometry.transform(transform)
            found[feature["name"]] = geometry
    return found


def test_summary_geometry_is_each_school_in_the_analysis_crs():
    # Grounds in SWEREF 99 TM analysed in a local zone, after a school without
    # geometry; the bowtie is repaired (as QGIS's makeValid repairs it) and
    # written as repaired.
    x0, y0 = 674000.0, 6580000.0
    bowtie = "POLYGON(({0} {1}, {2} {3}, {2} {1}, {0} {3}, {0} {1}))".format(
        x0 + 500, y0, x0 + 600, y0 + 100
    )
    schools = memory_layer(
        "Polygon",
        [("name", "string")],
        [
            (None, ["Nowhere"]),
            (star_polygon(random.Random(4), x0, y0, 60), ["Star"]),
            (bowtie, ["Bowtie"]),
        ],
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string")],
        [
            (
                "POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))".format(
                    x0 - 50, y0 - 50, x0 + 50, y0 + 50
                ),
                ["Torget"],
            )
        ],
    )
    analysis_crs = QgsCoordinateReferenceSystem("EPSG:3152")
    result = run_overlap(schools, scenes, ANALYSIS_CRS=analysis_crs.authid())
    expected = {
        name: geometry.makeValid() for name, geometry in named_in_crs(schools, analysis_crs).items()
    }
    summary = {f["school_name"]: f.geometry() for f in result["SUMMARY"].getFeatures()}
    assert set(summary) == {"Star", "Bowtie"}
    assert result["SKIPPED_COUNT"] == 1 and result["REPAIRED_COUNT"] == 1
    for name, geometry in summary.items():
        assert geometry.wkbType() == QgsWkbTypes.MultiPolygon
        assert geometry.isGeosValid()
        assert geometry.area() == pytest.approx(expected[name].area(), rel=1e-9)
        assert geometry.symDifference(expected[name]).area() < 1e-9 * geometry.area()


@pytest.mark.parametrize("without_geometry", [0, 1])
def test_summary_points_are_the_schools_read_in_the_analysis_crs(without_geometry):
    # Point schools keep only their WKB while read: the summary's points are
    # written from it, in another CRS, also after a school without geometry.
    x0, y0 = 674000.0, 6580000.0
    schools = memory_layer(
        "Point",
        [("name", "string")],
        [
            ("POINT({} {})".format(x0 + 0.123, y0 - 7.5), ["Ek"]),
            *[(None, ["Nowhere"])] * without_geometry,
            ("POINT({} {})".format(x0 + 2500.25, y0 + 40), ["Björk"]),
        ],
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string")],
        [("POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {1}))".format(x0, y0, x0 + 80, y0 + 80), ["T"])],
    )
    analysis_crs = QgsCoordinateReferenceSystem("EPSG:3152")
    result = run_overlap(schools, scenes, ANALYSIS_CRS=analysis_crs.authid())
    expected = {
        name: (geometry.asPoint().x(), geometry.asPoint().y())
        for name, geometry in named_in_crs(schools, analysis_crs).items()
    }
    summary = {f["school_name"]: f.geometry() for f in result["SUMMARY"].getFeatures()}
    assert result["SKIPPED_COUNT"] == without_geometry
    assert set(summary) == {"Ek", "Björk"}
    for name, geometry in summary.items():
        assert geometry.wkbType() == QgsWkbTypes.Point
        point = geometry.asPoint()
        assert (point.x(), point.y()) == pytest.approx(expected[name], abs=1e-6)


def hand_checked_layers():
    """One school with two scenes within 300 m, a preschool with one, a school with none."""
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string"), ("opening_hours", "string")],
        [
            ("POINT(0 0)", ["Ekskolan", "grundskola", "Mo-Fr 08:00-16:00"]),
            ("POINT(5000 0)", ["Björkens förskola", "Förskola", None]),
            ("POINT(0 9000)", ["Långtbortaskolan", "grundskola", None]),
        ],
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [
            # 50 x 50 m, wholly inside the school's buffer: overlap 2500 m².
            (
                "POLYGON((100 -25, 150 -25, 150 25, 100 25, 100 -25))",
                ["Torget", "Mo-Fr 15:00-20:00; Sa 22:00-02:00"],
            ),
            (
                "POLYGON((-60 -260, -40 -260, -40 -240, -60 -240, -60 -260))",
                ["Parken", "Su 10:00-12:00"],
            ),
            (
                "POLYGON((5000 100, 5020 100, 5020 120, 5000 120, 5000 100))",
                ["Stationen", "Mo-Fr 06:00-07:00"],
            ),
        ],
    )
    return schools, scenes


def test_time_fields_on_a_hand_checked_case():
    schools, scenes = hand_checked_layers()
    result = run_overlap(schools, scenes)
    pairs = {f["scene_name"]: f for f in result["OUTPUT"].getFeatures()}
    assert set(pairs) == {"Torget", "Parken", "Stationen"}

    torget = pairs["Torget"]
    assert torget["school_name"] == "Ekskolan"
    assert torget["distance_m"] == pytest.approx(100.0)
    assert torget["overlap_m2"] == pytest.approx(2500.0)
    # Scene: 5 x 5 h on weekdays + 4 h from Saturday night into Sunday.
    assert torget["scene_min"] == 5 * 300 + 240
    # While the school is open: 15:00-16:00 on weekdays.
    assert torget["concurrent_min"] == 5 * 60
    assert torget["afterhours_min"] == 5 * 240 + 240
    assert torget["conflict"] == "concurrent"
    assert WeeklySchedule.parse(torget["presence_hours"]) == WeeklySchedule.parse(
        "Mo-Fr 15:00-16:00"
    )
    assert WeeklySchedule.parse(torget["guard_hours"]) == WeeklySchedule.parse(
        "Mo-Fr 16:00-20:00, Sa 22:00-02:00"
    )
    # Every weekday morning follows scene activity since the school closed.
    assert torget["round_days"] == "Mo,Tu,We,Th,Fr"
    assert torget["round_before"] == "08:00"

    parken = pairs["Parken"]
    assert parken["distance_m"] == pytest.approx(math.hypot(40, 240))
    assert parken["scene_min"] == 120
    assert parken["concurrent_min"] == 0
    assert parken["afterhours_min"] == 120
    assert parken["conflict"] == "after_hours"
    assert parken["presence_hours"] == "off"
    assert parken["round_days"] == "Mo"
    assert parken["round_before"] == "08:00"

    # The preschool has no hours: Mo-Fr 06:30-18:30 by default.
    stationen = pairs["Stationen"]
    assert stationen["school_type"] == "Förskola"
    assert stationen["concurrent_min"] == 5 * 30
    assert stationen["afterhours_min"] == 5 * 30

    # The share of the true circle.
    assert torget["overlap_share"] == pytest.approx(2500.0 / (math.pi * 300**2), rel=1e-12)

    summary = {f["school_name"]: f for f in result["SUMMARY"].getFeatures()}
    assert set(summary) == {"Ekskolan", "Björkens förskola", "Långtbortaskolan"}
    assert result["SUMMARY"].featureCount() == 3
    ek = summary["Ekskolan"]
    assert ek["scene_count"] == 2
    assert ek["worst_conflict"] == "concurrent"
    assert ek["nearest_m"] == pytest.approx(100.0)
    assert ek["concurrent_min"] == 5 * 60
    assert ek["afterhours_min"] == 5 * 240 + 240 + 120
    assert summary["Långtbortaskolan"]["scene_count"] == 0
    assert summary["Långtbortaskolan"]["worst_conflict"] == "none"
    assert summary["Ekskolan"].geometry().equals(schools.getFeature(1).geometry())


def test_default_hours_parameters_change_the_result():
    schools, scenes = hand_checked_layers()
    result = run_overlap(schools, scenes, DEFAULT_PRESCHOOL_HOURS="Mo-Fr 06:00-18:00")
    stationen = next(f for f in result["OUTPUT"].getFeatures() if f["scene_name"] == "Stationen")
    assert stationen["concurrent_min"] == 5 * 60
    assert stationen["afterhours_min"] == 0


def test_distance_field_overrides_the_distance_per_school():
    schools = memory_layer(
        "Point",
        [("name", "string"), ("dist", "double")],
        [
            ("POINT(0 0)", ["near", 50.0]),
            ("POINT(1000 0)", ["far", None]),
        ],
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string")],
        [
            ("POLYGON((80 -10, 120 -10, 120 10, 80 10, 80 -10))", ["A"]),
            ("POLYGON((1080 -10, 1120 -10, 1120 10, 1080 10, 1080 -10))", ["B"]),
        ],
    )
    result = run_overlap(schools, scenes, DISTANCE=100, DISTANCE_FIELD="dist")
    assert {f["school_name"] for f in result["OUTPUT"].getFeatures()} == {"far"}


def progress_cancels_at(feedback, percent):
    """Cancel the feedback once progress passes ``percent``; returns the progress seen."""
    seen = []

    def on_progress(value):
        seen.append(value)
        if value > percent:
            feedback.cancel()

    feedback.progressChanged.connect(on_progress)
    return seen


@pytest.mark.parametrize("when", ["before", "while running"])
def test_cancel_writes_no_output(when, tmp_path):
    points, _, scenes = random_layout(schools=1500, scenes=40)
    feedback = QgsProcessingFeedback()
    if when == "before":
        feedback.cancel()
        seen = []
    else:
        seen = progress_cancels_at(feedback, 20)
    output = tmp_path / "pairs.gpkg"
    summary = tmp_path / "summary.gpkg"
    with pytest.raises(QgsProcessingException, match="canceled"):
        processing.run(
            "drogscen:overlap",
            {"SCHOOLS": points, "SCENES": scenes, "OUTPUT": str(output), "SUMMARY": str(summary)},
            feedback=feedback,
        )
    if when == "while running":
        # Canceled during the analysis (15-90 %), before writing began.
        assert 20 < max(seen) <= 90
    for path in (output, summary):
        assert not path.exists() or QgsVectorLayer(str(path)).featureCount() == 0


def test_every_algorithm_and_parameter_has_help():
    provider = QgsApplication.processingRegistry().providerById("drogscen")
    assert provider.algorithms()
    for algorithm in provider.algorithms():
        assert algorithm.shortHelpString().strip(), algorithm.name()
        for parameter in algorithm.parameterDefinitions():
            assert parameter.help().strip(), (algorithm.name(), parameter.name())


def test_outputs_loaded_into_the_project_carry_the_field_aliases():
    schools, scenes = hand_checked_layers()
    result = processing.runAndLoadResults(
        "drogscen:overlap",
        {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": "memory:", "SUMMARY": "memory:"},
    )
    project = QgsProject.instance()
    try:
        for output, spec in (("OUTPUT", PAIR_FIELDS), ("SUMMARY", SUMMARY_FIELDS)):
            layer = project.mapLayer(result[output])
            aliases = {
                field.name(): layer.attributeAlias(i) for i, field in enumerate(layer.fields())
            }
            assert aliases == {name: field_alias(name) for name, _ in spec}
    finally:
        project.removeMapLayers([result["OUTPUT"], result["SUMMARY"]])


@pytest.mark.parametrize("skipped", [None, ""])
def test_a_skipped_summary_leaves_the_overlaps_as_they_are(skipped, tmp_path):
    points, grounds, scenes = random_layout()
    both = run_overlap(points, scenes)
    summary = tmp_path / "summary.gpkg"

    only = processing.run(
        "drogscen:overlap",
        {"SCHOOLS": points, "SCENES": scenes, "OUTPUT": "memory:", "SUMMARY": skipped},
    )

    def pairs(layer):
        return sorted(
            (feature.attributes(), feature.geometry().asWkt(3)) for feature in layer.getFeatures()
        )

    assert "SUMMARY" not in only
    assert only["PAIR_COUNT"] == both["PAIR_COUNT"] > 0
    assert pairs(only["OUTPUT"]) == pairs(both["OUTPUT"])
    assert not summary.exists()
