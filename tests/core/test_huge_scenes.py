"""Scenes of many thousand vertices: the same pairs and distances as GEOS gives
for the whole scene, though the analysis measures only the part near each ground."""

import math
import random

import pytest
from shapely.geometry import Point, Polygon
from test_exact_space import X0, Y0, scene, school

from drogscen_plugin.core.overlap import analyse
from drogscen_plugin.core.space import _CLIPPED_EDGES


def wavy_ring(rng, x, y, radius, corners):
    """A simple polygon of ``corners`` vertices around a centre, its edge in waves."""
    phase, waves = rng.uniform(0, 2 * math.pi), rng.randint(5, 12)
    ring = []
    for k in range(corners):
        angle = 2 * math.pi * k / corners
        r = radius * (1 + 0.05 * math.sin(waves * angle + phase))
        ring.append((x + r * math.cos(angle), y + r * math.sin(angle)))
    return Polygon(ring)


@pytest.mark.parametrize("seed", [1, 2])
def test_grounds_near_a_huge_scene_pair_by_the_whole_scene_s_distance(seed):
    rng = random.Random(seed)
    huge = wavy_ring(rng, X0, Y0, 2000, 3 * _CLIPPED_EDGES)
    grounds = []
    for fid in range(60):
        # Inside, across the edge, just outside and far outside the scene.
        angle, away = rng.uniform(0, 2 * math.pi), rng.uniform(1000, 2800)
        x, y = X0 + away * math.cos(angle), Y0 + away * math.sin(angle)
        grounds.append(school(fid, Point(x, y).buffer(rng.uniform(20, 80), 3)))
    reach = 300.0

    analysis = analyse(grounds, [scene(0, huge)], reach)

    found = {pair.school_fid: pair.distance_m for pair in analysis.pairs}
    expected = {
        ground.fid: ground.geometry.distance(huge)
        for ground in grounds
        if ground.geometry.distance(huge) <= reach
    }
    assert found.keys() == expected.keys()
    assert 0 < len([d for d in expected.values() if d > 0]) < len(expected)
    for fid, distance in expected.items():
        assert found[fid] == pytest.approx(distance, rel=1e-9, abs=1e-9)


def test_a_ground_whose_surroundings_hold_nothing_of_the_scene_is_no_pair():
    rng = random.Random(3)
    # The box grown by the distance meets the scene's envelope, not the scene.
    huge = wavy_ring(rng, X0, Y0, 2000, 2 * _CLIPPED_EDGES)
    corner = school(1, Point(X0 + 1900, Y0 + 1900).buffer(30, 3))

    assert analyse([corner], [scene(0, huge)], 300.0).pairs == []
