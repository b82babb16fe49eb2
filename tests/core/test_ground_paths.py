"""The school grounds' ways around a GEOS overlay, against GEOS itself.

A scene the test calls inside the drawn buffer is inside it (GEOS
``covers``), and a piece drawn directly (``cut``) is GEOS's piece of the
same buffer: the same area up to rounding, valid, the same shape. Then the
whole analysis against GEOS, pair by pair, including scenes touching the
buffer's outline, where the direct drawing must step aside.
"""

import math
import random

import numpy as np
import pytest
from shapely import wkb
from shapely.geometry import MultiPoint, MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient
from test_exact_space import X0, Y0, scene, school
from test_overlap import star

from drogscen_plugin.core.cut import BufferRings, cut
from drogscen_plugin.core.disc import quad_segments
from drogscen_plugin.core.geos_grounds import _buffers, _single_rings, _take
from drogscen_plugin.core.grounds import surely_inside
from drogscen_plugin.core.overlap import analyse
from drogscen_plugin.core.scenes import SceneEdges
from drogscen_plugin.core.space import buffer_geometry

REACHES = [0.0, 5.0, 50.0, 300.0, 1000.0]


def enclosure(x, y, size):
    """A ground around a yard wider than the slot into it: within the yard the
    distance to the ground has a local maximum."""
    walls = box(x - size, y - size, x + size, y + size).difference(
        box(x - 0.8 * size, y - 0.8 * size, x + 0.8 * size, y + 0.8 * size)
    )
    return walls.difference(box(x - 0.05 * size, y, x + 0.05 * size, y + 2 * size))


def grounds_case(seed, grounds=120, scenes=100, spread=2000):
    rng = random.Random(seed)
    shapes = []
    for k in range(grounds):
        x, y = X0 + rng.uniform(0, spread), Y0 + rng.uniform(0, spread)
        kind = k % 4
        if kind == 0:
            shapes.append(star(rng, x, y, rng.uniform(10, 120)))
        elif kind == 1:
            shapes.append(MultiPolygon([star(rng, x, y, 40), star(rng, x + 150, y, 30)]))
        elif kind == 2:
            shapes.append(
                MultiPoint([(x + rng.uniform(-60, 60), y + rng.uniform(-60, 60)) for _ in range(3)])
            )
        else:
            shapes.append(enclosure(x, y, rng.uniform(20, 150)))
    areas = []
    for k in range(scenes):
        shape = star(
            rng, X0 + rng.uniform(0, spread), Y0 + rng.uniform(0, spread), 5 + 200 * rng.random()
        )
        # Both turning directions.
        areas.append(orient(shape, 1.0 if k % 2 else -1.0))
    reach = np.array([rng.choice(REACHES) for _ in shapes])
    return shapes, areas, reach


def within(shapes, areas, reach):
    """(ground, scene) positions of every pair within the reach, by GEOS."""
    pairs = [
        (g, c)
        for g, ground in enumerate(shapes)
        for c, shape in enumerate(areas)
        if ground.distance(shape) <= reach[g]
    ]
    return np.array([g for g, _ in pairs]), np.array([c for _, c in pairs])


def test_single_rings_are_the_outlines_of_the_polygons_of_one_ring():
    rng = random.Random(5)
    grounds, _, _ = grounds_case(5, grounds=12)
    shapes = [
        orient(star(rng, X0, Y0, 50), 1.0),
        orient(star(rng, X0, Y0, 80), -1.0),
        *grounds,
        Polygon(),
        MultiPolygon([box(0, 0, 1, 1)]),
        box(0, 0, 10, 10).difference(box(2, 2, 3, 3)),
    ]
    # GEOS's own buffers too, as the analysis takes their rings.
    reaches = [300.0, 5.0, 40.0]
    outlines = shapes + [buffer_geometry(shape, reach) for shape, reach in zip(shapes, reaches)]
    shapes += list(_buffers(_take(shapes, np.arange(3)), np.array(reaches)))

    xy, counts, anticlockwise = _single_rings(shapes)

    expected = [
        shape.geom_type == "Polygon" and not shape.is_empty and not shape.interiors
        for shape in outlines
    ]
    assert (counts > 0).tolist() == expected
    rings = [np.array(shape.exterior.coords)[:-1] for shape, one in zip(outlines, expected) if one]
    assert counts[counts > 0].tolist() == [len(ring) for ring in rings]
    assert np.array_equal(xy, np.concatenate(rings))
    turning = [shape.exterior.is_ccw for shape, one in zip(outlines, expected) if one]
    assert anticlockwise[counts > 0].tolist() == turning
    assert not anticlockwise[counts == 0].any()


@pytest.mark.parametrize("seed", [1, 2])
def test_a_scene_called_inside_lies_inside_the_drawn_buffer(seed):
    shapes, areas, reach = grounds_case(seed)
    owner, cols = within(shapes, areas, reach)
    edges = SceneEdges([scene(k, shape) for k, shape in enumerate(areas)])
    bounds = np.array([shape.bounds for shape in shapes])
    inside = surely_inside(shapes, bounds, reach, owner, edges, cols, _single_rings)
    buffers = [buffer_geometry(ground, r) for ground, r in zip(shapes, reach.tolist())]
    covered = np.array([buffers[g].covers(areas[c]) for g, c in zip(owner, cols)])
    assert not (inside & ~covered).any()
    # And it is of use: most scenes inside are found.
    assert inside.sum() >= 0.6 * covered.sum() > 20


def dense_square(x, y, half, step=5.0):
    """The corners of a square, with a vertex every ``step`` metres along its sides."""
    ticks = np.arange(-half, half, step).tolist()
    return (
        [(x + t, y - half) for t in ticks]
        + [(x + half, y + t) for t in ticks]
        + [(x - t, y + half) for t in ticks]
        + [(x - half, y - t) for t in ticks]
    )


def test_a_yard_beyond_the_distance_is_not_called_inside():
    # A ground around a yard: the scene's outline runs within 5 m of the
    # walls, every edge near a wall vertex, but its middle is 80 m from them.
    ground = Polygon(dense_square(X0, Y0, 100.0), [dense_square(X0, Y0, 80.0)])
    yard = Polygon(dense_square(X0, Y0, 75.0))
    edges = SceneEdges([scene(0, yard)])
    assert not buffer_geometry(ground, 50.0).covers(yard)
    called = surely_inside(
        [ground],
        np.array([ground.bounds]),
        np.array([50.0]),
        np.array([0]),
        edges,
        np.array([0]),
        _single_rings,
    )
    assert not called[0]


def test_a_scene_between_a_chord_and_the_true_circle_is_not_called_inside():
    # Halfway between two corners of the drawn arc around the ground's corner,
    # half the chord's depth inside the true circle: outside the drawn buffer.
    reach, ground = 300.0, box(X0, Y0, X0 + 1, Y0 + 1)
    step = (math.pi / 2) / quad_segments(reach)
    depth = reach * (1 - math.cos(step / 2))
    corner = (X0 + 1, Y0 + 1)

    def at(distance, angle):
        return (corner[0] + distance * math.cos(angle), corner[1] + distance * math.sin(angle))

    tip = at(reach - depth / 2, step / 2)
    shape = Polygon([tip, at(reach - 20, step / 2 - 0.01), at(reach - 20, step / 2 + 0.01)])
    assert not buffer_geometry(ground, reach).covers(shape)
    called = surely_inside(
        [ground],
        np.array([ground.bounds]),
        np.array([reach]),
        np.array([0]),
        SceneEdges([scene(0, shape)]),
        np.array([0]),
        _single_rings,
    )
    assert not called[0]


def rings_of(buffers, reverse=False):
    """The one-ring buffers as a ``BufferRings`` table (others left out)."""
    parts, counts, turns = [], [], []
    for buffer in buffers:
        single = buffer.geom_type == "Polygon" and not buffer.interiors and not buffer.is_empty
        xy = np.array(buffer.exterior.coords)[:-1] if single else np.zeros((0, 2))
        parts.append(xy[::-1] if reverse else xy)
        counts.append(len(xy))
        turns.append(single and buffer.exterior.is_ccw != reverse)
    return BufferRings(np.concatenate(parts), np.array(counts, dtype=np.int64), np.array(turns))


@pytest.mark.parametrize("seed, reverse", [(3, False), (4, True)])
def test_a_piece_drawn_directly_is_the_overlay_of_the_same_buffer(seed, reverse):
    shapes, areas, reach = grounds_case(seed)
    owner, cols = within(shapes, areas, reach)
    edges = SceneEdges([scene(k, shape) for k, shape in enumerate(areas)])
    buffers = [buffer_geometry(ground, r) for ground, r in zip(shapes, reach.tolist())]
    done, found, outlines = cut(rings_of(buffers, reverse), owner, edges, cols)
    assert len(outlines) == done.sum() > 50
    for k, outline in zip(np.flatnonzero(done).tolist(), outlines):
        piece = buffers[owner[k]].intersection(areas[cols[k]])
        drawn = wkb.loads(outline)
        assert drawn.is_valid
        assert found[k] == pytest.approx(piece.area, rel=1e-9, abs=1e-6)
        assert drawn.area == pytest.approx(piece.area, rel=1e-9, abs=1e-6)
        assert drawn.symmetric_difference(piece).area <= 1e-9 * piece.area + 1e-6


def touching_scenes(ground, reach):
    """Scenes meeting the drawn buffer's outline at its vertices and along its edges."""
    ring = list(buffer_geometry(ground, reach).exterior.coords)
    x, y = ground.centroid.x, ground.centroid.y
    shapes = []
    for k in range(0, len(ring) - 2, max(1, len(ring) // 12)):
        (ax, ay), (bx, by) = ring[k], ring[k + 1]
        # A triangle on an edge of the outline, inside; one with a corner on a vertex, outside.
        shapes.append(Polygon([(ax, ay), (bx, by), (x, y)]))
        shapes.append(
            Polygon([(ax, ay), (2 * ax - x + 30, 2 * ay - y), (2 * ax - x, 2 * ay - y + 30)])
        )
        # One crossing the outline through a vertex.
        shapes.append(Polygon([(x, y), (2 * ax - x, 2 * ay - y), (2 * bx - x, 2 * by - y + 1)]))
    return [shape for shape in shapes if shape.is_valid and shape.area > 0]


def test_the_analysis_of_grounds_gives_the_overlay_s_figures():
    shapes, areas, reach = grounds_case(5, grounds=80, scenes=80, spread=1500)
    areas = areas + touching_scenes(shapes[0], 300.0) + touching_scenes(shapes[4], 300.0)
    reach[0] = reach[4] = 300.0
    schools = [
        school(k, shape, distance=r) for k, (shape, r) in enumerate(zip(shapes, reach.tolist()))
    ]
    analysis = analyse(schools, [scene(k, shape) for k, shape in enumerate(areas)], 300)
    owner, cols = within(shapes, areas, reach)
    assert [(p.school_fid, p.scene_fid) for p in analysis.pairs] == list(
        zip(owner.tolist(), cols.tolist())
    )
    buffers = [buffer_geometry(ground, r) for ground, r in zip(shapes, reach.tolist())]
    touching = 0
    for pair in analysis.pairs:
        buffer, shape = buffers[pair.school_fid], areas[pair.scene_fid]
        piece = buffer.intersection(shape)
        assert pair.overlap_m2 == pytest.approx(piece.area, rel=1e-9, abs=1e-6)
        if buffer.area > 0:
            assert pair.overlap_share == pytest.approx(pair.overlap_m2 / buffer.area, rel=1e-12)
        if pair.geometry is None:
            assert pair.overlap_m2 <= 1e-6
            continue
        drawn = wkb.loads(pair.geometry)
        assert drawn.is_valid
        assert drawn.area == pytest.approx(pair.overlap_m2, rel=1e-9, abs=1e-6)
        assert drawn.symmetric_difference(piece).area <= 1e-9 * piece.area + 1e-6
        touching += pair.scene_fid >= 80
    assert touching > 20
    assert math.isfinite(sum(p.overlap_m2 for p in analysis.pairs))
