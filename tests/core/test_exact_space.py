"""Pairs by true distance and exact areas, against independent oracles.

Point schools: the true area of scene ∩ disc lies between the scene's
overlap with a 4,096-gon inscribed in the circle and with one circumscribed
about it (shapely), a bracket that holds whatever the engine does. School
grounds: shapely's buffer with 1,024 segments per quarter circle.
"""

import math
import random

import pytest
from shapely import affinity, wkb, wkt
from shapely.geometry import MultiPoint, MultiPolygon, Point, Polygon, box
from test_overlap import star

from drogscen_plugin.core.disc import SAGITTA, quad_segments
from drogscen_plugin.core.errors import InputError
from drogscen_plugin.core.overlap import analyse
from drogscen_plugin.core.records import PointXY, SceneRecord, SchoolRecord
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.core.space import buffer_geometry

X0, Y0 = 674000.0, 6580000.0  # SWEREF 99 TM magnitudes
ORACLE_CORNERS = 4096
ALWAYS = WeeklySchedule.always()


def school(fid, geometry, distance=None):
    return SchoolRecord(fid, "s%d" % fid, "grundskola", geometry, ALWAYS, distance=distance)


def scene(fid, geometry):
    return SceneRecord(fid, "c%d" % fid, geometry, ALWAYS)


def random_scene(rng, x, y):
    """Concave, with a hole, in two parts, or a thin sliver reaching just into a circle."""
    kind = rng.choice(["star", "star", "holed", "parts", "sliver"])
    radius = rng.uniform(10, 350)
    if kind == "star":
        return star(rng, x, y, radius)
    if kind == "holed":
        outer = star(rng, x, y, radius)
        hole = affinity.scale(star(rng, x, y, radius), 0.15, 0.15, origin=(x, y))
        shape = Polygon(outer.exterior.coords, [hole.exterior.coords])
        return shape if shape.is_valid else outer
    if kind == "parts":
        return MultiPolygon(
            [star(rng, x, y, radius / 2), star(rng, x + 1.2 * radius, y, radius / 2)]
        )
    return None  # placed against a school below


def sliver(rng, centre, reach):
    """A long box whose near side lies 0.1 mm to 1 m inside the circle, at a random angle."""
    depth = 10 ** rng.uniform(-4, 0)
    angle = rng.uniform(0, 2 * math.pi)
    shape = box(reach - depth, -rng.uniform(5, 80), reach + rng.uniform(1, 50), rng.uniform(5, 80))
    shape = affinity.rotate(shape, angle, origin=(0, 0), use_radians=True)
    return affinity.translate(shape, centre.x, centre.y)


def disc_bracket(centre, reach, geometry):
    """(inscribed, circumscribed) polygon overlap areas: the true area lies between."""
    inner = centre.buffer(reach, ORACLE_CORNERS // 4)
    outer = affinity.scale(inner, *(2 * (1 / math.cos(math.pi / ORACLE_CORNERS),)), origin=centre)
    return inner.intersection(geometry).area, outer.intersection(geometry).area


def point_case(seed, schools=300, scenes=60):
    rng = random.Random(seed)
    points = [Point(X0 + rng.uniform(0, 2500), Y0 + rng.uniform(0, 2500)) for _ in range(schools)]
    shapes = []
    for _ in range(scenes):
        shape = random_scene(rng, X0 + rng.uniform(0, 2500), Y0 + rng.uniform(0, 2500))
        shapes.append(shape if shape is not None else sliver(rng, rng.choice(points), 300.0))
    return [school(k, p) for k, p in enumerate(points)], [scene(k, s) for k, s in enumerate(shapes)]


def check_outline(pair, centre, reach, scene_geometry, exact_piece):
    """Valid, no vertex beyond the circle, area within 2 %, and drawing the exact
    piece (when the oracle's own piece is close enough to the truth to tell)."""
    if pair.geometry is None:
        assert pair.overlap_m2 <= 1e-9 * reach * reach
        return
    outline = wkb.loads(pair.geometry)
    assert outline.is_valid
    assert abs(outline.area - pair.overlap_m2) <= 0.02 * pair.overlap_m2
    assert outline.difference(scene_geometry.buffer(1e-6)).area == pytest.approx(0, abs=1e-6)
    parts = getattr(outline, "geoms", [outline])
    vertices = [
        xy for part in parts for ring in [part.exterior, *part.interiors] for xy in ring.coords
    ]
    assert max(math.hypot(x - centre.x, y - centre.y) for x, y in vertices) <= reach + 1e-6
    if exact_piece is not None:
        assert outline.symmetric_difference(exact_piece).area <= 0.02 * pair.overlap_m2


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_point_pairs_and_areas_match_the_true_circle(seed):
    schools, scenes = point_case(seed)
    analysis = analyse(schools, scenes, 300)
    found = {(p.school_fid, p.scene_fid): p for p in analysis.pairs}
    expected = [
        (s.fid, c.fid) for s in schools for c in scenes if s.geometry.distance(c.geometry) <= 300
    ]
    assert sorted(found) == expected
    assert len(expected) > 100
    tight = 0
    for s_fid, c_fid in expected:
        pair, centre, shape = found[s_fid, c_fid], schools[s_fid].geometry, scenes[c_fid].geometry
        assert pair.distance_m == centre.distance(shape)
        low, high = disc_bracket(centre, 300, shape)
        assert low * (1 - 1e-12) - 1e-9 <= pair.overlap_m2 <= high * (1 + 1e-12) + 1e-9
        exact_piece = None
        if high - low <= 1e-5 * low:
            # The 4,096-gon is itself within 1e-5 of the truth here (not so for thin slivers).
            assert pair.overlap_m2 == pytest.approx(low, rel=1e-4)
            exact_piece = centre.buffer(300, ORACLE_CORNERS // 4).intersection(shape)
            tight += 1
        assert pair.overlap_share == pytest.approx(pair.overlap_m2 / (math.pi * 300**2), rel=1e-12)
        check_outline(pair, centre, 300, shape, exact_piece)
    assert tight > len(expected) / 2


def test_slivers_thinner_than_a_millimetre_pair_with_their_area():
    rng = random.Random(5)
    centre = Point(X0, Y0)
    scenes = [scene(k, sliver(rng, centre, 300.0)) for k in range(40)]
    analysis = analyse([school(0, centre)], scenes, 300)
    assert [p.scene_fid for p in analysis.pairs] == list(range(40))
    for pair in analysis.pairs:
        low, high = disc_bracket(centre, 300, scenes[pair.scene_fid].geometry)
        assert low - 1e-9 <= pair.overlap_m2 <= high + 1e-9
        assert pair.overlap_m2 > 0


@pytest.mark.parametrize("gap", [297.0, 298.0, 299.0, 299.5, 299.9])
def test_scenes_between_the_old_polygon_and_the_circle_pair(gap):
    # Where the old 20-gon's edge lay deepest inside the circle: midway between corners.
    centre = Point(X0, Y0)
    scenes = []
    for k in range(20):
        angle = (k + 0.5) * 2 * math.pi / 20
        near = box(gap, -5, gap + 40, 5)
        scenes.append(
            scene(k, affinity.translate(affinity.rotate(near, angle, (0, 0), True), X0, Y0))
        )
    analysis = analyse([school(0, centre)], scenes, 300)
    assert [p.scene_fid for p in analysis.pairs] == list(range(20))
    for pair in analysis.pairs:
        assert pair.distance_m == pytest.approx(gap, abs=1e-6)
        low, high = disc_bracket(centre, 300, scenes[pair.scene_fid].geometry)
        assert low - 1e-9 <= pair.overlap_m2 <= high + 1e-9


def test_scene_beyond_the_circle_does_not_pair():
    far = affinity.translate(affinity.rotate(box(300.2, -5, 340, 5), 0.157, (0, 0), True), X0, Y0)
    assert analyse([school(0, Point(X0, Y0))], [scene(0, far)], 300).pairs == []


def test_scene_touching_the_circle_pairs_without_area():
    touching = box(X0 + 100, Y0 - 500, X0 + 500, Y0 + 500)
    pairs = analyse([school(0, Point(X0, Y0))], [scene(0, touching)], 100).pairs
    assert [(p.distance_m, p.overlap_m2, p.overlap_share, p.geometry) for p in pairs] == [
        (100.0, 0.0, 0.0, None)
    ]


def test_points_read_as_coordinates_give_the_same_results():
    schools, scenes = point_case(4, schools=100, scenes=30)
    plain = [school(s.fid, PointXY(s.geometry.x, s.geometry.y)) for s in schools]
    assert analyse(plain, scenes, 300).pairs == analyse(schools, scenes, 300).pairs


def test_grounds_pairs_and_areas_match_a_fine_buffer():
    rng = random.Random(9)
    grounds = []
    for fid in range(120):
        x, y = X0 + rng.uniform(0, 2500), Y0 + rng.uniform(0, 2500)
        shape = star(rng, x, y, rng.uniform(20, 90))
        if fid % 5 == 0:
            shape = MultiPolygon([shape, star(rng, x + 200, y, 30)])
        grounds.append(school(fid, shape, distance=rng.choice([None, 50.0, 0.0])))
    scenes = [
        scene(
            k,
            random_scene(rng, X0 + rng.uniform(0, 2500), Y0 + rng.uniform(0, 2500))
            or star(rng, X0 + rng.uniform(0, 2500), Y0 + rng.uniform(0, 2500), 100),
        )
        for k in range(50)
    ]
    analysis = analyse(grounds, scenes, 300)
    found = {(p.school_fid, p.scene_fid): p for p in analysis.pairs}
    reach = {s.fid: 300 if s.distance is None else s.distance for s in grounds}
    expected = [
        (s.fid, c.fid)
        for s in grounds
        for c in scenes
        if s.geometry.distance(c.geometry) <= reach[s.fid]
    ]
    assert sorted(found) == expected
    assert len(expected) > 50
    for s_fid, c_fid in expected:
        pair, shape = found[s_fid, c_fid], scenes[c_fid].geometry
        fine = grounds[s_fid].geometry.buffer(reach[s_fid], 1024)
        piece = fine.intersection(shape)
        # Our arcs lie at most the sagitta inside the oracle's along the piece's edge.
        assert abs(pair.overlap_m2 - piece.area) <= max(1e-3 * piece.area, SAGITTA * piece.length)
        buffer = buffer_geometry(grounds[s_fid].geometry, reach[s_fid])
        assert pair.overlap_share == pytest.approx(pair.overlap_m2 / buffer.area, rel=1e-12)
        if pair.geometry is not None:
            assert wkb.loads(pair.geometry).area == pytest.approx(pair.overlap_m2, rel=1e-9)


@pytest.mark.parametrize("distance", [5.0, 50.0, 300.0, 2000.0])
def test_buffers_keep_their_area_within_a_thousandth_of_the_true_offset(distance):
    grounds = box(0, 0, 40, 20)
    true_area = 800 + 2 * 60 * distance + math.pi * distance**2
    drawn = buffer_geometry(grounds, distance)
    assert drawn.area == pytest.approx(true_area, rel=1e-3)
    circle = buffer_geometry(PointXY(0.0, 0.0), distance)
    corners = 4 * quad_segments(distance)
    # Corners on the circle, chords within the sagitta.
    assert distance * (1 - math.cos(math.pi / corners)) <= SAGITTA + 1e-12
    assert circle.area == pytest.approx(math.pi * distance**2, rel=1e-3)


def test_a_multipoint_of_one_point_is_a_point():
    schools, scenes = point_case(6, schools=60, scenes=20)
    single = [school(s.fid, MultiPoint([s.geometry])) for s in schools]
    assert analyse(single, scenes, 300).pairs == analyse(schools, scenes, 300).pairs


def test_point_with_coordinates_that_are_not_numbers_is_refused_by_id():
    with pytest.raises(InputError, match="School 7"):
        analyse(
            [school(7, PointXY(float("nan"), Y0))], [scene(1, box(X0, Y0, X0 + 1, Y0 + 1))], 300
        )


def test_a_long_scene_among_small_ones_is_found_from_anywhere_along_it():
    street = box(X0 - 50000, Y0, X0 + 50000, Y0 + 10)
    squares = [box(X0 + 100 * k, Y0 + 500, X0 + 100 * k + 5, Y0 + 505) for k in range(50)]
    scenes = [scene(0, street)] + [scene(k + 1, shape) for k, shape in enumerate(squares)]
    points = [school(k, Point(X0 + 7000 * (k - 5), Y0 - 20)) for k in range(11)]
    pairs = analyse(points, scenes, 30).pairs
    assert [(p.school_fid, p.scene_fid) for p in pairs] == [(k, 0) for k in range(11)]
    assert all(p.distance_m == pytest.approx(20.0) for p in pairs)


def test_a_school_with_distance_zero_inside_a_scene_pairs_without_area():
    inside = analyse(
        [school(0, Point(X0, Y0), distance=0.0)],
        [scene(0, box(X0 - 5, Y0 - 5, X0 + 5, Y0 + 5))],
        300,
    )
    assert [(p.distance_m, p.overlap_m2, p.overlap_share, p.geometry) for p in inside.pairs] == [
        (0.0, 0.0, 0.0, None)
    ]


def test_multipoints_and_empty_grounds_pair_by_true_distance():
    rng = random.Random(12)
    shapes = [
        MultiPoint([(X0 + rng.uniform(0, 900), Y0 + rng.uniform(0, 900)) for _ in range(3)])
        for _ in range(40)
    ] + [wkt.loads("POLYGON EMPTY"), wkt.loads("MULTIPOLYGON EMPTY")]
    schools = [school(fid, shape) for fid, shape in enumerate(shapes)]
    scenes = [
        scene(k, star(rng, X0 + rng.uniform(0, 900), Y0 + rng.uniform(0, 900), 60))
        for k in range(30)
    ]
    pairs = analyse(schools, scenes, 100).pairs
    expected = [
        (s.fid, c.fid)
        for s in schools[:40]
        for c in scenes
        if s.geometry.distance(c.geometry) <= 100
    ]
    assert [(p.school_fid, p.scene_fid) for p in pairs] == expected
    assert len(expected) > 20
