"""Hard inputs to drogscen:overlap, checked against the true figures and QGIS's algorithms.

test_bad_input.py already covers a self-intersecting (bow tie) polygon, null
geometries, scenes given as lines, a layer in EPSG:4326, curved and 3D
polygons in memory layers, and that the inputs are never modified; this file
adds multi-part geometries with holes, overlapping parts, empty geometries,
curves and Z/M values read from GeoPackage, schools as multipoints or lines,
layers without features and layers in several CRSs at once; then canceling
at any moment, and outputs that already exist.
"""

import hashlib
import math
import os
import random

import processing
import pytest
from layer_helpers import memory_layer, to_geopackage
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProject,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from drogscen_plugin.core.disc import quad_segments
from drogscen_plugin.core.fields import PAIR_FIELDS, SUMMARY_FIELDS

REL_TOL = 1e-4  # 0.01 %
X0, Y0 = 674000.0, 6580000.0  # Stockholm, EPSG:3006
SCHOOL_FIELDS = [("name", "string"), ("type", "string"), ("opening_hours", "string")]
SCENE_FIELDS = [("name", "string"), ("active_hours", "string")]


# --- layers ---------------------------------------------------------------------


def square(x, y, half):
    return "POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))".format(
        x - half, y - half, x + half, y + half
    )


def ring_wkt(x, y, half):
    return "({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1})".format(
        x - half, y - half, x + half, y + half
    )


def star_polygon(rng, cx, cy, radius):
    """A random simple polygon: one vertex per equal sector around a centre."""
    count = rng.randint(5, 12)
    angles = [2 * math.pi * (i + rng.uniform(0.1, 0.9)) / count for i in range(count)]
    radii = [radius * rng.uniform(0.4, 1.0) for _ in angles]
    points = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a, r in zip(angles, radii)]
    points.append(points[0])
    return "POLYGON(({}))".format(", ".join("{:.3f} {:.3f}".format(x, y) for x, y in points))


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []
        self.infos = []
        self.errors = []

    def reportError(self, error, fatal=False):  # noqa: N802 (QGIS API)
        self.errors.append(error)
        super().reportError(error, fatal)

    def pushWarning(self, message):  # noqa: N802 (QGIS API)
        self.warnings.append(message)
        super().pushWarning(message)

    def pushInfo(self, message):  # noqa: N802 (QGIS API)
        self.infos.append(message)
        super().pushInfo(message)


def run_overlap(schools, scenes, feedback=None, **parameters):
    parameters = dict(
        {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": "memory:", "SUMMARY": "memory:"},
        **parameters,
    )
    result = processing.run("drogscen:overlap", parameters, feedback=feedback)
    for name in ("OUTPUT", "SUMMARY"):
        if isinstance(result[name], str):
            result[name] = QgsVectorLayer(result[name], name, "ogr")
    return result


def run_to_failure(parameters, feedback=None, context=None):
    """Run drogscen:overlap, which must fail; its error message.

    QGIS's bindings never free an exception that leaves an algorithm, nor
    the frames of its callers: a test that calls this keeps its local
    variables until the interpreter exits, after QGIS. GeoPackage layers
    freed then crash the exit, so such a test holds none: it names them by
    path, and Processing loads them into ``context``, emptied here.
    """
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
    feedback = feedback or RecordingFeedback()
    context = context or QgsProcessingContext()
    results, ok = algorithm.run(parameters, context, feedback)
    context.temporaryLayerStore().removeAllMapLayers()
    assert not ok and not results
    assert feedback.errors
    return feedback.errors[-1]


def pairs_of(result):
    return {(f["school_name"], f["scene_name"]): f for f in result["OUTPUT"].getFeatures()}


def rows(layer):
    """Every feature's attributes by name, with its geometry as WKT, sorted."""
    names = [name for name in layer.fields().names() if name != "fid"]
    return sorted(
        (tuple((name, feature[name]) for name in names), feature.geometry().asWkt(3))
        for feature in layer.getFeatures()
    )


def native(algorithm, **parameters):
    return processing.run("native:" + algorithm, dict(parameters, OUTPUT="memory:"))["OUTPUT"]


def true_overlaps(schools, scenes, distance=300.0):
    """{(school name, scene name): (area, buffer area, tolerance)} for the pairs
    whose true distance (GEOS) is at most ``distance``.

    Areas on circles of 1,024 segments per quarter (their chords up to 0.1 mm
    inside the circle at 300 m); a point's buffer is the circle π r², other
    schools' the buffer the analysis draws. Tolerances: points exact, up to
    the reference's own chords; grounds within 0.1 % or 5 cm along the edge.
    """
    result = {}
    for school in schools.getFeatures():
        shape = school.geometry()
        single_point = (
            shape.type() == QgsWkbTypes.PointGeometry and len(shape.asGeometryCollection()) == 1
        )
        fine = shape.buffer(distance, 1024)
        if single_point:
            buffer_area = math.pi * distance**2
        else:
            buffer_area = shape.buffer(distance, quad_segments(distance)).area()
        for scene in scenes.getFeatures():
            # A scene without area is skipped by the analysis.
            if scene.geometry().area() > 0 and shape.distance(scene.geometry()) <= distance:
                piece = fine.intersection(scene.geometry())
                edge = piece.length()  # a polygon's perimeter
                tolerance = 1e-4 * edge if single_point else max(1e-3 * piece.area(), 0.05 * edge)
                result[school["name"], scene["name"]] = (piece.area(), buffer_area, tolerance)
    return result


def geometries_by_name(layer):
    return {f["name"]: f.geometry() for f in layer.getFeatures()}


def assert_true_figures(result, schools, scenes, distance=300.0):
    """Pairs by true distance, their areas, shares and distances."""
    expected = true_overlaps(schools, scenes, distance)
    ours = pairs_of(result)
    assert expected, "a layout where the comparison means something"
    assert set(ours) == set(expected)
    school_shapes, scene_shapes = geometries_by_name(schools), geometries_by_name(scenes)
    for key, (area, buffer_area, tolerance) in expected.items():
        assert abs(ours[key]["overlap_m2"] - area) <= tolerance, key
        assert ours[key]["overlap_share"] == pytest.approx(
            ours[key]["overlap_m2"] / buffer_area, rel=1e-9
        ), key
        gap = school_shapes[key[0]].distance(scene_shapes[key[1]])
        assert ours[key]["distance_m"] == pytest.approx(gap, abs=0.01), key
    return ours


# --- multi-part geometries, holes, self-intersections ------------------------------


def test_multipart_scenes_with_holes_have_their_true_figures():
    # A square scene around the school with a hole where the school stands,
    # and a scene of two islands on either side of another school.
    ring = "POLYGON({}, {})".format(ring_wkt(X0, Y0, 400), ring_wkt(X0, Y0, 60))
    islands = "MULTIPOLYGON(({}), ({}))".format(
        ring_wkt(X0 + 2000 - 150, Y0, 40), ring_wkt(X0 + 2000 + 200, Y0 + 50, 70)
    )
    two_rings = "MULTIPOLYGON(({}, {}), ({}))".format(
        ring_wkt(X0 + 4000, Y0, 150), ring_wkt(X0 + 4000, Y0, 100), ring_wkt(X0 + 4300, Y0, 30)
    )
    scenes = memory_layer(
        "MultiPolygon",
        SCENE_FIELDS,
        [(ring, ["Ring", "24/7"]), (islands, ["Öarna", "24/7"]), (two_rings, ["Ringarna", None])],
        name="scenes",
    )
    schools = memory_layer(
        "Point",
        SCHOOL_FIELDS,
        [
            ("POINT({} {})".format(X0 + 10, Y0 - 5), ["I hålet", "grundskola", None]),
            ("POINT({} {})".format(X0 + 2000, Y0), ["Mellan öarna", "förskola", None]),
            ("POINT({} {})".format(X0 + 4120, Y0), ["Vid ringarna", "grundskola", None]),
        ],
    )
    result = run_overlap(schools, scenes)
    ours = assert_true_figures(result, schools, scenes)
    # The school in the hole: the scene starts at the hole's edge, 50 m away.
    assert ours[("I hålet", "Ring")]["distance_m"] == pytest.approx(50.0)
    assert set(ours) == {
        ("I hålet", "Ring"),
        ("Mellan öarna", "Öarna"),
        ("Vid ringarna", "Ringarna"),
    }

    # School grounds with a courtyard (a hole), as one of two parts of a multipolygon.
    grounds = memory_layer(
        "MultiPolygon",
        SCHOOL_FIELDS,
        [
            (
                "MULTIPOLYGON(({}, {}), ({}))".format(
                    ring_wkt(X0 + 2000, Y0 + 350, 80),
                    ring_wkt(X0 + 2000, Y0 + 350, 30),
                    ring_wkt(X0 + 2300, Y0 + 350, 20),
                ),
                ["Gården", "grundskola", None],
            )
        ],
    )
    assert_true_figures(run_overlap(grounds, scenes), grounds, scenes)


def test_overlapping_parts_are_repaired_and_counted_once():
    # Two parts of one multipolygon cover the same ground: invalid, and the
    # overlap must not be counted twice. QGIS's repair is the reference.
    overlapping = "MULTIPOLYGON(({}), ({}))".format(
        ring_wkt(X0 + 100, Y0, 60), ring_wkt(X0 + 140, Y0 + 20, 60)
    )
    flat = "POLYGON(({0} {1}, {2} {1}, {3} {1}, {0} {1}))".format(X0, Y0 + 100, X0 + 50, X0 + 80)
    scenes = memory_layer(
        "MultiPolygon",
        SCENE_FIELDS,
        [(overlapping, ["Dubbel", "24/7"]), (flat, ["Platt", "24/7"])],
        name="scenes",
    )
    schools = memory_layer(
        "Point", SCHOOL_FIELDS, [("POINT({} {})".format(X0, Y0), ["Ekskolan", "grundskola", None])]
    )
    feedback = RecordingFeedback()
    result = run_overlap(schools, scenes, feedback)

    assert result["REPAIRED_COUNT"] == 1
    assert result["SKIPPED_COUNT"] == 1  # the flat one has no area left
    assert "Layer 'scenes': invalid geometries repaired: 1 (feature ids 1)." in feedback.warnings
    assert "Layer 'scenes': features without geometry skipped: 1 (feature ids 2)." in (
        feedback.warnings
    )
    fixed = native("fixgeometries", INPUT=scenes)
    expected = true_overlaps(schools, fixed)
    assert set(expected) == {("Ekskolan", "Dubbel")}
    area = pairs_of(result)[("Ekskolan", "Dubbel")]["overlap_m2"]
    assert area == pytest.approx(expected[("Ekskolan", "Dubbel")][0], rel=REL_TOL)
    # Less than the two parts added up.
    assert area < 2 * 120 * 120 - 1


# --- empty geometries ----------------------------------------------------------------


@pytest.mark.parametrize("storage", ["memory", "gpkg"])
def test_empty_geometries_are_skipped_and_counted(storage, tmp_path):
    scenes = memory_layer(
        "MultiPolygon",
        SCENE_FIELDS,
        [
            ("MULTIPOLYGON EMPTY", ["Tom", "24/7"]),
            ("MULTIPOLYGON(({}))".format(ring_wkt(X0 + 100, Y0, 20)), ["Torget", "24/7"]),
            ("POLYGON EMPTY", ["Också tom", "24/7"]),
        ],
        name="scenes",
    )
    schools = memory_layer(
        "MultiPoint",
        SCHOOL_FIELDS,
        [
            ("MULTIPOINT EMPTY", ["Ingenstans", "grundskola", None]),
            ("MULTIPOINT(({} {}))".format(X0, Y0), ["Ekskolan", "grundskola", None]),
        ],
        name="schools",
    )
    if storage == "gpkg":
        scenes = to_geopackage(scenes, tmp_path / "empty.gpkg", "scenes")
        schools = to_geopackage(schools, tmp_path / "empty.gpkg", "schools")
        assert all(f.geometry().isEmpty() for f in scenes.getFeatures() if f.id() != 2)
    feedback = RecordingFeedback()
    result = run_overlap(schools, scenes, feedback)

    assert result["SKIPPED_COUNT"] == 3
    assert "Layer 'scenes': features without geometry skipped: 2 (feature ids 1, 3)." in (
        feedback.warnings
    )
    assert "Layer 'schools': features without geometry skipped: 1 (feature ids 1)." in (
        feedback.warnings
    )
    assert set(pairs_of(result)) == {("Ekskolan", "Torget")}
    assert [f["school_name"] for f in result["SUMMARY"].getFeatures()] == ["Ekskolan"]


# --- curves and Z/M values from GeoPackage -------------------------------------------


def test_curved_geometries_from_geopackage_have_their_true_figures(tmp_path):
    circle = "CURVEPOLYGON(CIRCULARSTRING({0} {1}, {2} {3}, {0} {4}, {5} {3}, {0} {1}))".format(
        X0 + 150, Y0 - 50, X0 + 200, Y0, Y0 + 50, X0 + 100
    )
    rounded = (
        "CURVEPOLYGON(COMPOUNDCURVE(({0} {1}, {2} {1}), CIRCULARSTRING({2} {1}, {3} {4}, "
        "{2} {5}), ({2} {5}, {0} {5}, {0} {1})))"
    ).format(X0 - 250, Y0 - 40, X0 - 150, X0 - 110, Y0, Y0 + 40)
    scenes = memory_layer(
        "MultiSurface",
        SCENE_FIELDS,
        [("MULTISURFACE({})".format(circle), ["Cirkeln", "24/7"]), (rounded, ["Rundat", None])],
    )
    grounds = memory_layer(
        "CurvePolygon",
        SCHOOL_FIELDS,
        [
            (
                "CURVEPOLYGON(CIRCULARSTRING({0} {1}, {2} {3}, {0} {4}, {5} {3}, {0} {1}))".format(
                    X0, Y0 - 60, X0 + 60, Y0, Y0 + 60, X0 - 60
                ),
                ["Rundskolan", "grundskola", None],
            )
        ],
    )
    path = tmp_path / "curved.gpkg"
    scenes = to_geopackage(scenes, path, "scenes")
    grounds = to_geopackage(grounds, path, "grounds")
    assert QgsWkbTypes.isCurvedType(scenes.wkbType())
    assert QgsWkbTypes.isCurvedType(grounds.wkbType())

    result = run_overlap(grounds, scenes, OUTPUT=str(tmp_path / "out.gpkg"))
    assert_true_figures(result, grounds, scenes)
    assert result["OUTPUT"].wkbType() == QgsWkbTypes.MultiPolygon
    summary = next(result["SUMMARY"].getFeatures()).geometry()
    assert summary.wkbType() == QgsWkbTypes.MultiPolygon  # written linear
    assert summary.area() == pytest.approx(math.pi * 60**2, rel=1e-3)


def as_multi(wkt):
    geometry = QgsGeometry.fromWkt(wkt)
    assert geometry.convertToMultiType()
    return geometry.asWkt()


def z_and_m(wkt_2d, kind):
    """``wkt_2d`` with a Z and/or M value added to every vertex."""
    geometry = QgsGeometry.fromWkt(wkt_2d)
    if "Z" in kind:
        geometry.get().addZValue(12.5)
    if "M" in kind:
        geometry.get().addMValue(3.0)
    return geometry.asWkt()


@pytest.mark.parametrize("kind", ["Z", "M", "ZM"])
def test_z_and_m_values_from_geopackage_give_the_2d_result(kind, tmp_path):
    rng = random.Random(5)
    scene_rows = [
        (
            as_multi(star_polygon(rng, X0 + rng.uniform(0, 1500), Y0 + rng.uniform(0, 1500), 120)),
            ["C{}".format(i), rng.choice(["Mo-Fr 20:00-02:00", "24/7", None])],
        )
        for i in range(12)
    ]
    school_rows = [
        (
            "MULTIPOINT(({} {}), ({} {}))".format(
                X0 + rng.uniform(0, 1500),
                Y0 + rng.uniform(0, 1500),
                X0 + rng.uniform(0, 1500),
                Y0 + rng.uniform(0, 1500),
            ),
            ["S{}".format(i), "grundskola", None],
        )
        for i in range(15)
    ]
    flat_scenes = memory_layer("MultiPolygon", SCENE_FIELDS, scene_rows)
    flat_schools = memory_layer("MultiPoint", SCHOOL_FIELDS, school_rows)
    path = tmp_path / "zm.gpkg"
    scenes = to_geopackage(
        memory_layer(
            "MultiPolygon" + kind,
            SCENE_FIELDS,
            [(z_and_m(wkt, kind), values) for wkt, values in scene_rows],
        ),
        path,
        "scenes",
    )
    schools = to_geopackage(
        memory_layer(
            "MultiPoint" + kind,
            SCHOOL_FIELDS,
            [(z_and_m(wkt, kind), values) for wkt, values in school_rows],
        ),
        path,
        "schools",
    )
    assert QgsWkbTypes.hasZ(scenes.wkbType()) == ("Z" in kind)
    assert QgsWkbTypes.hasM(schools.wkbType()) == ("M" in kind)

    expected = run_overlap(flat_schools, flat_scenes)
    result = run_overlap(
        schools, scenes, OUTPUT=str(tmp_path / "pairs.gpkg"), SUMMARY=str(tmp_path / "sum.gpkg")
    )
    assert result["PAIR_COUNT"] == expected["PAIR_COUNT"] > 5
    assert rows(result["OUTPUT"]) == rows(expected["OUTPUT"])
    assert rows(result["SUMMARY"]) == rows(expected["SUMMARY"])
    assert result["SUMMARY"].wkbType() == QgsWkbTypes.MultiPoint


# --- schools as multipoints or lines --------------------------------------------------


def test_schools_as_multipoints_have_their_true_figures():
    # One school on two sites 600 m apart: its buffer is both circles.
    schools = memory_layer(
        "MultiPoint",
        SCHOOL_FIELDS,
        [
            (
                "MULTIPOINT(({0} {1}), ({2} {1}))".format(X0, Y0, X0 + 600),
                ["Två hus", "grundskola", None],
            ),
            ("MULTIPOINT(({} {}))".format(X0 + 300, Y0 + 2000), ["Ett hus", "förskola", None]),
        ],
    )
    scenes = memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            (square(X0 + 200, Y0, 30), ["Väster", "24/7"]),
            (square(X0 + 800, Y0 + 100, 40), ["Öster", "Sa,Su 12:00-18:00"]),
            # Between the sites, in both circles.
            (square(X0 + 300, Y0 + 100, 25), ["Mitten", "24/7"]),
            (square(X0 + 300, Y0 + 1750, 50), ["Norr", "24/7"]),
        ],
    )
    result = run_overlap(schools, scenes)
    ours = assert_true_figures(result, schools, scenes)
    assert {key[1] for key in ours if key[0] == "Två hus"} == {"Väster", "Öster", "Mitten"}
    summary = {f["school_name"]: f for f in result["SUMMARY"].getFeatures()}
    assert summary["Två hus"]["scene_count"] == 3
    assert result["SUMMARY"].wkbType() == QgsWkbTypes.MultiPoint
    assert summary["Två hus"].geometry().equals(next(schools.getFeatures()).geometry())


def test_schools_as_lines_are_refused_naming_the_layer():
    # Scenes as lines: test_bad_input.test_scenes_as_lines_are_refused_naming_the_layer.
    lines = memory_layer(
        "LineString",
        SCHOOL_FIELDS,
        [("LINESTRING({} {}, {} {})".format(X0, Y0, X0 + 100, Y0), ["Vägen", "skola", None])],
        name="school lines",
    )
    scenes = memory_layer("Polygon", SCENE_FIELDS, [(square(X0, Y0, 20), ["T", None])])
    with pytest.raises(QgsProcessingException, match="school lines.*points or polygons expected"):
        run_overlap(lines, scenes)


# --- layers without features ----------------------------------------------------------


def school_layer(count=3):
    return memory_layer(
        "Point",
        SCHOOL_FIELDS,
        [
            ("POINT({} {})".format(X0 + 500 * i, Y0), ["S{}".format(i), "grundskola", None])
            for i in range(count)
        ],
        name="schools",
    )


def scene_layer(count=2):
    return memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [(square(X0 + 500 * i + 100, Y0, 30), ["C{}".format(i), "24/7"]) for i in range(count)],
        name="scenes",
    )


@pytest.mark.parametrize(
    "schools, scenes, summaries",
    [
        (0, 2, 0),
        (3, 0, 3),
        (0, 0, 0),
        ("no geometry", 2, 0),
        (3, "no geometry", 3),
    ],
)
@pytest.mark.parametrize("storage", ["memory", "gpkg"])
def test_layers_without_features_give_empty_but_complete_outputs(
    schools, scenes, summaries, storage, tmp_path
):
    def layer(make, value):
        if value != "no geometry":
            return make(value)
        shaped = make(2)
        return memory_layer(
            QgsWkbTypes.displayString(shaped.wkbType()),
            SCHOOL_FIELDS if make is school_layer else SCENE_FIELDS,
            [(None, f.attributes()) for f in shaped.getFeatures()],
        )

    parameters = {}
    if storage == "gpkg":
        parameters = {"OUTPUT": str(tmp_path / "pairs.gpkg"), "SUMMARY": str(tmp_path / "s.gpkg")}
    result = run_overlap(layer(school_layer, schools), layer(scene_layer, scenes), **parameters)

    assert result["PAIR_COUNT"] == 0
    for name, spec in (("OUTPUT", PAIR_FIELDS), ("SUMMARY", SUMMARY_FIELDS)):
        output = result[name]
        assert output.isValid()
        assert [field for field in output.fields().names() if field != "fid"] == [
            field for field, _ in spec
        ]
    assert result["OUTPUT"].featureCount() == 0
    assert result["SUMMARY"].featureCount() == summaries
    for feature in result["SUMMARY"].getFeatures():
        assert feature["scene_count"] == 0 and feature["worst_conflict"] == "none"


# --- several CRSs at once -------------------------------------------------------------


def stockholm_layout(seed=8, schools=40, scenes=15, size=2500.0):
    rng = random.Random(seed)
    school_rows = [
        (
            "POINT({} {})".format(X0 + rng.uniform(0, size), Y0 + rng.uniform(0, size)),
            ["S{}".format(i), rng.choice(["grundskola", "förskola"]), None],
        )
        for i in range(schools)
    ]
    scene_rows = [
        (
            star_polygon(
                rng, X0 + rng.uniform(0, size), Y0 + rng.uniform(0, size), rng.uniform(40, 200)
            ),
            ["C{}".format(i), rng.choice(["Mo-Fr 20:00-02:00", "Sa,Su 12:00-18:00", None])],
        )
        for i in range(scenes)
    ]
    return (
        memory_layer("Point", SCHOOL_FIELDS, school_rows, name="schools"),
        memory_layer("Polygon", SCENE_FIELDS, scene_rows, name="scenes"),
    )


def reprojected(layer, crs):
    copy = native("reprojectlayer", INPUT=layer, TARGET_CRS=QgsCoordinateReferenceSystem(crs))
    assert copy.crs().authid() == crs
    return copy


@pytest.mark.parametrize("analysis_crs", ["EPSG:3006", "EPSG:3011"])
def test_layers_in_wgs84_and_a_local_sweref_zone_mixed(analysis_crs):
    # Schools in WGS 84 degrees, scenes in SWEREF 99 18 00 (Stockholm's local
    # zone), analysed in SWEREF 99 TM or in the local zone. The reference is
    # QGIS's own reprojection of both layers into the analysis CRS, then the
    # true figures there.
    schools_3006, scenes_3006 = stockholm_layout()
    schools = reprojected(schools_3006, "EPSG:4326")
    scenes = reprojected(scenes_3006, "EPSG:3011")
    result = run_overlap(schools, scenes, ANALYSIS_CRS=analysis_crs)

    assert result["OUTPUT"].crs().authid() == analysis_crs
    assert (
        len(
            assert_true_figures(
                result, reprojected(schools, analysis_crs), reprojected(scenes, analysis_crs)
            )
        )
        > 10
    )
    if analysis_crs == "EPSG:3006":
        # The same as the layers before they were reprojected.
        in_3006 = pairs_of(run_overlap(schools_3006, scenes_3006))
        ours = pairs_of(result)
        assert set(ours) == set(in_3006)
        for key, feature in in_3006.items():
            assert ours[key]["overlap_m2"] == pytest.approx(feature["overlap_m2"], rel=REL_TOL)


def test_geometries_that_cannot_be_transformed_are_skipped_and_counted():
    # Beyond the pole: no coordinates in SWEREF 99 TM.
    scenes = memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            (
                "POLYGON((18.0 59.3, 18.002 59.3, 18.002 59.302, 18.0 59.302, 18.0 59.3))",
                ["Torget", "24/7"],
            ),
            ("POLYGON((18.0 95, 18.1 95, 18.1 96, 18.0 96, 18.0 95))", ["Bortom polen", "24/7"]),
        ],
        crs="EPSG:4326",
        name="scenes",
    )
    schools = memory_layer(
        "Point",
        SCHOOL_FIELDS,
        [("POINT(18.001 59.301)", ["Ekskolan", "grundskola", None])],
        crs="EPSG:4326",
    )
    feedback = RecordingFeedback()
    result = run_overlap(schools, scenes, feedback)
    assert result["SKIPPED_COUNT"] == 1
    assert "Layer 'scenes': features without geometry skipped: 1 (feature ids 2)." in (
        feedback.warnings
    )
    assert set(pairs_of(result)) == {("Ekskolan", "Torget")}


# --- cancel at any moment --------------------------------------------------------------


def busy_layout():
    """Enough schools and pairs that reading, analysing and writing each report progress often."""
    rng = random.Random(11)
    size = 2500.0
    schools = memory_layer(
        "Point",
        SCHOOL_FIELDS,
        [
            (
                "POINT({} {})".format(X0 + rng.uniform(0, size), Y0 + rng.uniform(0, size)),
                ["S{}".format(i), "grundskola", None],
            )
            for i in range(1600)
        ],
        name="schools",
    )
    scenes = memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            (
                star_polygon(rng, X0 + rng.uniform(0, size), Y0 + rng.uniform(0, size), 200),
                ["C{}".format(i), "Mo-Fr 20:00-02:00"],
            )
            for i in range(30)
        ],
        name="scenes",
    )
    return schools, scenes


def tree(folder):
    """Every file and folder below ``folder``."""
    found = set()
    for root, folders, files in os.walk(folder):
        found.update(os.path.relpath(os.path.join(root, name), folder) for name in folders + files)
    return found


def user_geopackage(path):
    """A GeoPackage holding a layer of the user's, 'mine'."""
    mine = memory_layer(
        "Point", [("note", "string")], [("POINT({} {})".format(X0, Y0), ["do not lose me"])]
    )
    to_geopackage(mine, path, "mine")


def layer_names(path):
    return sorted(d.name() for d in QgsProviderRegistry.instance().querySublayers(str(path)))


def table(path, name):
    return "ogr:dbname='{}' table=\"{}\" (geom)".format(path, name)


# Progress (percent) past which the run is canceled: None cancels before it
# starts; reading is 0-15 %, analysing 15-90 %, writing the overlaps 90-95 %
# and the summary 95-100 %.
CANCEL_AT = [None, 1.0, 10.0, 40.0, 89.0, 90.5, 93.0, 95.5, 98.0, 99.9]


@pytest.mark.parametrize("destination", ["files", "layers in a user's GeoPackage", "temporary"])
def test_cancel_at_any_moment_leaves_no_output_and_no_temporary_file(destination, tmp_path):
    schools, scenes = busy_layout()
    user = tmp_path / "user.gpkg"
    user_geopackage(user)
    outputs = {
        "files": (str(tmp_path / "pairs.gpkg"), str(tmp_path / "summary.gpkg")),
        "layers in a user's GeoPackage": (table(user, "overlap"), table(user, "summary")),
        "temporary": (QgsProcessing.TEMPORARY_OUTPUT, QgsProcessing.TEMPORARY_OUTPUT),
    }[destination]
    temporary = QgsProcessingUtils.tempFolder()
    before = (tree(tmp_path), tree(temporary))
    for percent in CANCEL_AT:
        feedback = RecordingFeedback()
        seen = []

        def on_progress(value, feedback=feedback, seen=seen, percent=percent):
            seen.append(value)
            if value > percent:
                feedback.cancel()

        if percent is None:
            feedback.cancel()
        else:
            feedback.progressChanged.connect(on_progress)
        context = QgsProcessingContext()
        error = run_to_failure(
            {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": outputs[0], "SUMMARY": outputs[1]},
            feedback,
            context,
        )
        assert "canceled" in error
        if percent is not None:
            assert max(seen) > percent  # canceled where meant, not at the end
        assert (tree(tmp_path), tree(temporary)) == before, percent
        assert layer_names(user) == ["mine"]
        assert notes(user) == ["do not lose me"]
        assert not context.layersToLoadOnCompletion()
    assert_written_in_full(schools, scenes, outputs)


def notes(path):
    return [f["note"] for f in QgsVectorLayer("{}|layername=mine".format(path)).getFeatures()]


def assert_written_in_full(schools, scenes, outputs):
    """The same run, not canceled, writes both outputs in full."""
    result = processing.run(
        "drogscen:overlap",
        {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": outputs[0], "SUMMARY": outputs[1]},
    )
    assert result["PAIR_COUNT"] > 2 * 500  # several chunks written per output
    summary = result["SUMMARY"]
    if isinstance(summary, str):
        summary = QgsVectorLayer(summary)
    assert summary.featureCount() == schools.featureCount()


def test_the_error_of_a_failed_run_holds_none_of_its_data():
    # QGIS's bindings never free the exception that leaves processAlgorithm,
    # nor the frames it holds: those must not keep the run's layers, readers
    # and records alive (a canceled run on 100,000 schools would keep them all).
    schools, scenes = busy_layout()
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda value: value > 50 and feedback.cancel())
    parameters = {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": "memory:", "SUMMARY": "memory:"}
    with pytest.raises(QgsProcessingException, match="canceled") as raised:
        algorithm.processAlgorithm(parameters, QgsProcessingContext(), feedback)
    error = raised.value
    assert error.__cause__ is None and error.__context__ is None
    frames = []
    traceback = error.__traceback__
    while traceback is not None:
        frames.append(traceback.tb_frame)
        traceback = traceback.tb_next
    ours = [frame for frame in frames if "drogscen_plugin" in frame.f_code.co_filename]
    assert [frame.f_code.co_name for frame in ours] == ["processAlgorithm"]
    assert set(ours[0].f_locals) <= {"self", "message"}


# --- outputs that exist ----------------------------------------------------------------


def small_layout():
    schools = school_layer(3)
    scenes = scene_layer(3)
    return schools, scenes


def test_an_existing_output_file_is_replaced_as_processing_does_and_the_user_told(tmp_path):
    path = tmp_path / "user.gpkg"
    user_geopackage(path)
    to_geopackage(school_layer(1), path, "theirs")
    schools, scenes = small_layout()
    feedback = RecordingFeedback()
    result = run_overlap(schools, scenes, feedback, OUTPUT=str(path))

    assert (
        "Overlaps (OUTPUT): the file {} exists and is replaced whole, with its layers mine, "
        "theirs.".format(path)
        in feedback.warnings
    )
    # QGIS Processing writes a file path as a new file: the old layers are gone.
    assert layer_names(path) == ["user"]
    assert result["OUTPUT"].featureCount() == result["PAIR_COUNT"] == 3

    # A file with one layer: said shorter.
    feedback = RecordingFeedback()
    run_overlap(schools, scenes, feedback, OUTPUT=str(path))
    assert "Overlaps (OUTPUT): the file {} exists and is replaced.".format(path) in (
        feedback.warnings
    )


def test_an_existing_layer_of_a_geopackage_is_replaced_and_the_other_layers_kept(tmp_path):
    path = tmp_path / "user.gpkg"
    user_geopackage(path)
    schools, scenes = small_layout()
    first = RecordingFeedback()
    run_overlap(schools, scenes, first, OUTPUT=table(path, "overlap"))
    assert not [w for w in first.warnings if "replaced" in w]

    second = RecordingFeedback()
    result = run_overlap(schools, scenes, second, OUTPUT=table(path, "overlap"), DISTANCE=50)
    assert (
        "Overlaps (OUTPUT): the layer 'overlap' in {} exists and is replaced; the other layers "
        "of the file are kept.".format(path)
        in second.warnings
    )
    assert layer_names(path) == ["mine", "overlap"]
    assert result["PAIR_COUNT"] == 0
    assert QgsVectorLayer("{}|layername=overlap".format(path)).featureCount() == 0
    assert notes(path) == ["do not lose me"]


def file_hash(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inputs_geopackage(path):
    """Schools and scenes as layers of one GeoPackage; their sources by name."""
    schools, scenes = small_layout()
    to_geopackage(schools, path, "schools")
    to_geopackage(scenes, path, "scenes")
    return {name: "{}|layername={}".format(path, name) for name in ("schools", "scenes")}


def test_an_output_that_would_replace_an_input_layer_is_refused(tmp_path):
    path = tmp_path / "inputs.gpkg"
    sources = inputs_geopackage(path)
    before = file_hash(path)
    inputs = {
        "SCHOOLS": sources["schools"],
        "SCENES": sources["scenes"],
        "OUTPUT": "memory:",
        "SUMMARY": "memory:",
    }
    for output, layer, parameter in (
        (str(path), "scenes", "SCENES"),  # the whole file
        (table(path, "scenes"), "scenes", "SCENES"),
        (table(path, "schools"), "schools", "SCHOOLS"),
    ):
        error = run_to_failure(dict(inputs, OUTPUT=output))
        assert error == (
            "Overlaps (OUTPUT): '{}' would replace the input layer {} ({}); choose another "
            "output.".format(output, sources[layer], parameter)
        )
        assert file_hash(path) == before
    error = run_to_failure(dict(inputs, SUMMARY=table(path, "schools")))
    assert error.startswith("School summary (SUMMARY): ") and sources["schools"] in error
    assert file_hash(path) == before


def test_another_layer_of_an_input_geopackage_is_a_fine_output(tmp_path):
    path = tmp_path / "inputs.gpkg"
    sources = inputs_geopackage(path)
    snapshot = {name: rows(QgsVectorLayer(source)) for name, source in sources.items()}
    result = run_overlap(sources["schools"], sources["scenes"], OUTPUT=table(path, "overlap"))
    assert result["OUTPUT"].featureCount() == 3
    assert layer_names(path) == ["overlap", "scenes", "schools"]
    for name, source in sources.items():
        assert rows(QgsVectorLayer(source)) == snapshot[name]


def test_running_twice_gives_new_layers_and_keeps_the_first(tmp_path):
    # As the Processing dialog runs it: temporary outputs, loaded into the project.
    schools, scenes = small_layout()
    parameters = {
        "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
        "SUMMARY": QgsProcessing.TEMPORARY_OUTPUT,
    }
    first = run_overlap(schools, scenes, **parameters)
    project = QgsProject.instance()
    project.addMapLayers([first["OUTPUT"], first["SUMMARY"]])
    kept = {name: rows(first[name]) for name in ("OUTPUT", "SUMMARY")}
    try:
        feedback = RecordingFeedback()
        second = run_overlap(schools, scenes, feedback, DISTANCE=50, **parameters)
        assert not [w for w in feedback.warnings if "replaced" in w]
        for name in ("OUTPUT", "SUMMARY"):
            assert second[name].id() != first[name].id()
            assert project.mapLayer(first[name].id()) is first[name]
            assert rows(first[name]) == kept[name]
        assert second["OUTPUT"].featureCount() == 0 < first["OUTPUT"].featureCount()
    finally:
        project.removeMapLayers([first["OUTPUT"].id(), first["SUMMARY"].id()])
