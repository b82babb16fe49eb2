"""Outlines of scenes whose ring crosses the circle four times or more, drawn
without GEOS (``core.outline_pieces``): against closed forms, and against the
4,096-gon oracle of test_exact_space on random spiky scenes."""

import math
import random

import pytest
from shapely import wkb
from shapely.geometry import Point, Polygon
from shapely.geometry.polygon import orient
from test_exact_space import ORACLE_CORNERS, X0, Y0, check_outline, disc_bracket, scene, school

from drogscen_plugin.core import space
from drogscen_plugin.core.overlap import analyse

R = 300.0


@pytest.fixture
def geos_calls(monkeypatch):
    """The pairs whose outline GEOS drew."""
    calls = []

    def counted(scene_geometry, x, y, radius, area):
        calls.append((x, y))
        return overlaid(scene_geometry, x, y, radius, area)

    overlaid = space.overlaid
    monkeypatch.setattr(space, "overlaid", counted)
    return calls


def strip_area(a, b):
    """Area of the disc of radius R at the origin between x = a and x = b (|a|, |b| <= R)."""

    def integral(x):
        return x * math.sqrt(R * R - x * x) + R * R * math.asin(x / R)

    return integral(b) - integral(a)


def only_pair(shape):
    pairs = analyse([school(0, Point(X0, Y0))], [scene(0, shape)], R).pairs
    assert len(pairs) == 1
    return pairs[0]


def shifted(coordinates):
    return [(X0 + x, Y0 + y) for x, y in coordinates]


@pytest.mark.parametrize("clockwise", [False, True])
def test_a_band_whose_two_sides_dip_into_the_circle_is_one_piece(geos_calls, clockwise):
    # Both long sides cross the circle within one edge each: four crossings.
    band = orient(Polygon(shifted([(-250, -1000), (250, -1000), (250, 1000), (-250, 1000)])))
    band = orient(band, -1.0) if clockwise else band
    pair = only_pair(band)
    assert pair.overlap_m2 == pytest.approx(strip_area(-250, 250), rel=1e-12)
    outline = wkb.loads(pair.geometry)
    assert outline.is_valid and len(outline.geoms) == 1
    assert outline.area == pytest.approx(pair.overlap_m2, rel=0.02)
    assert not geos_calls


@pytest.mark.parametrize("clockwise", [False, True])
def test_a_fork_through_the_circle_is_two_pieces(geos_calls, clockwise):
    fork = Polygon(
        shifted(
            [
                (-400, -400),
                (400, -400),
                (400, -350),
                (200, -350),
                (200, 400),
                (100, 400),
                (100, -350),
                (-100, -350),
                (-100, 400),
                (-200, 400),
                (-200, -350),
                (-400, -350),
            ]
        )
    )
    fork = orient(fork, -1.0 if clockwise else 1.0)
    pair = only_pair(fork)
    assert pair.overlap_m2 == pytest.approx(2 * strip_area(100, 200), rel=1e-12)
    outline = wkb.loads(pair.geometry)
    assert outline.is_valid and len(outline.geoms) == 2
    assert outline.area == pytest.approx(pair.overlap_m2, rel=0.02)
    exact = Point(X0, Y0).buffer(R, ORACLE_CORNERS // 4).intersection(fork)
    assert outline.symmetric_difference(exact).area <= 0.02 * pair.overlap_m2
    assert not geos_calls


def spiky(rng, x, y, radius):
    """A star of 4 to 12 long spikes, one way round or the other."""
    spikes = rng.randint(4, 12)
    points = []
    for k in range(2 * spikes):
        angle = 2 * math.pi * (k + rng.uniform(-0.3, 0.3)) / (2 * spikes)
        reach = radius * (rng.uniform(0.7, 1.0) if k % 2 == 0 else rng.uniform(0.05, 0.4))
        points.append((x + reach * math.cos(angle), y + reach * math.sin(angle)))
    return orient(Polygon(points), rng.choice([1.0, -1.0]))


def crossing_count(centre, shape):
    ring = centre.buffer(R, ORACLE_CORNERS // 4).exterior
    found = ring.intersection(shape.exterior)
    return len(getattr(found, "geoms", [found])) if not found.is_empty else 0


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_spiky_scenes_across_the_circle_match_the_oracle(geos_calls, seed):
    rng = random.Random(seed)
    centre = Point(X0, Y0)
    shapes = []
    for _ in range(40):
        angle, offset = rng.uniform(0, 2 * math.pi), rng.uniform(0.3, 1.2) * R
        x, y = X0 + offset * math.cos(angle), Y0 + offset * math.sin(angle)
        shapes.append(spiky(rng, x, y, rng.uniform(0.5, 1.5) * R))
    pairs = {
        p.scene_fid: p
        for p in analyse([school(0, centre)], [scene(k, s) for k, s in enumerate(shapes)], R).pairs
    }
    many = [k for k, shape in enumerate(shapes) if crossing_count(centre, shape) >= 4]
    assert len(many) >= 20
    for k in many:
        pair = pairs[k]
        low, high = disc_bracket(centre, R, shapes[k])
        assert low * (1 - 1e-12) <= pair.overlap_m2 <= high * (1 + 1e-12)
        exact_piece = centre.buffer(R, ORACLE_CORNERS // 4).intersection(shapes[k])
        check_outline(pair, centre, R, shapes[k], exact_piece if high - low <= 1e-5 * low else None)
    # GEOS drew only the few whose crossings or stretches come too close to the chords.
    assert len(geos_calls) <= len(many) // 10


def comb(teeth, tip, base=-400.0):
    """A comb below the centre whose ``teeth`` reach up to ``tip`` (metres from the centre)."""
    width = 2 * R / (2 * teeth + 1)
    coordinates = [(-R - 50, base), (R + 50, base), (R + 50, base + 30)]
    for k in reversed(range(teeth)):
        left = -R + width * (2 * k + 1)
        coordinates += [
            (left + width, base + 30),
            (left + width, tip),
            (left, tip),
            (left, base + 30),
        ]
    coordinates.append((-R - 50, base + 30))
    return Polygon(shifted(coordinates))


def test_a_comb_of_many_teeth_through_the_circle_is_a_piece_per_tooth(geos_calls):
    teeth = comb(100, 1000.0)
    pair = only_pair(teeth)
    outline = wkb.loads(pair.geometry)
    assert outline.is_valid and len(outline.geoms) == 100
    exact = Point(X0, Y0).buffer(R, ORACLE_CORNERS // 4).intersection(teeth)
    assert pair.overlap_m2 == pytest.approx(exact.area, rel=1e-5)
    assert outline.symmetric_difference(exact).area <= 0.02 * pair.overlap_m2
    assert not geos_calls


@pytest.mark.parametrize("tip", [R - 0.01, R, R + 1e-9])
def test_teeth_ending_at_the_circle_are_drawn_valid(tip):
    # Tips among the chords, on the circle or a hair beyond: the pieces may touch
    # the circle; GEOS draws what the chords cannot.
    teeth = comb(7, tip, base=-R - 100)
    pair = only_pair(teeth)
    outline = wkb.loads(pair.geometry)
    assert outline.is_valid
    assert outline.area == pytest.approx(pair.overlap_m2, rel=0.02)
    assert outline.difference(teeth.buffer(1e-6)).area == pytest.approx(0, abs=1e-6)


def test_repeated_vertices_on_a_crossing_ring_change_nothing():
    band = [(-250, -1000), (250, -1000), (250, 1000), (-250, 1000)]
    doubled = [point for point in band for _ in range(2)]
    plain, repeated = only_pair(Polygon(shifted(band))), only_pair(Polygon(shifted(doubled)))
    assert repeated.overlap_m2 == pytest.approx(plain.overlap_m2, rel=1e-12)
    assert wkb.loads(repeated.geometry).is_valid
    assert wkb.loads(repeated.geometry).area == pytest.approx(plain.overlap_m2, rel=0.02)
