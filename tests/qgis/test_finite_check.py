"""The one-look check for NaN and infinite coordinates agrees with parsing each WKB."""

import math
import random

import pytest
from shapely import wkb
from shapely.geometry import MultiPolygon, Point, Polygon

from drogscen_plugin.core.scenes import wkb_finite
from drogscen_plugin.qgis_io.checks import all_finite


def _spoiled(rng, coordinates):
    """The coordinates, one of them NaN or infinite now and then (not the
    first: a ring must stay closed)."""
    coordinates = [list(xy) for xy in coordinates]
    if rng.random() < 0.3:
        xy = rng.choice(coordinates[1:])
        xy[rng.randrange(2)] = rng.choice([math.nan, math.inf, -math.inf])
    return coordinates


def _shape(rng):
    x, y = rng.uniform(-1e7, 1e7), rng.uniform(-1e7, 1e7)
    ring = list(Point(x, y).buffer(rng.uniform(1, 500), 2).exterior.coords)
    kind = rng.randrange(3)
    if kind == 0:
        return Point(*_spoiled(rng, [(x, y), (x, y)])[1])
    if kind == 1:
        return Polygon(_spoiled(rng, ring)[:-1], [_spoiled(rng, [(x, y), (x + 1, y), (x, y + 1)])])
    return MultiPolygon(
        [Polygon(_spoiled(rng, ring)[:-1]), Polygon([(x + 600, y), (x + 601, y), (x + 600, y + 1)])]
    )


@pytest.mark.parametrize("seed", range(5))
def test_finite_as_each_wkb_says(seed):
    rng = random.Random(seed)
    wkbs = []
    for _ in range(300):
        wkbs.append(wkb.dumps(_shape(rng), big_endian=rng.random() < 0.2))
    expected = [wkb_finite(data) for data in wkbs]
    assert not all(expected) and any(expected)
    assert all_finite([wkb.loads(data) for data in wkbs], wkbs) == expected
