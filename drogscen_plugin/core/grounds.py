"""School grounds against scenes on numpy arrays: the scenes that surely lie
inside a ground's drawn buffer, and need no GEOS overlay.

The drawn buffer of distance ``r`` covers every point within ``r'`` of the
ground, ``r'`` being ``r`` less the deepest chord of its arcs (GEOS joins
with chords of up to 1.5 angle quanta; a whole quantum leaves a margin).
A scene edge whose two ends lie within ``r'`` of one ground vertex lies
within it all along (a disc is convex), so the scene's outline is covered
when every edge has such a vertex. Its inside then is too when the ground
is less than √3·r' across: a point farther from the ground than everything
around it needs nearest ground points at least √3 times its distance apart.
"""

import math

import numpy as np

from .disc import quad_segments_of
from .scenes import wkb_vertices


class Grounds:
    """The vertices of some grounds as one table: ``start`` and ``count`` per
    ground. ``single_rings(geometries)`` gives (vertices, count, turning) of
    those of one ring (count 0 for the others, read from their WKB)."""

    def __init__(self, geometries, single_rings):
        xy, self.count, _ = single_rings(geometries)
        self.start = np.cumsum(self.count) - self.count
        others = np.flatnonzero(self.count == 0)
        extra = [wkb_vertices(geometries[k]) for k in others.tolist()]
        if extra:
            sizes = np.array([len(vertices) for vertices in extra], dtype=np.int64)
            self.start[others] = len(xy) + np.cumsum(sizes) - sizes
            self.count[others] = sizes
            xy = np.concatenate([xy, *extra])
        self.x, self.y = xy[:, 0].copy(), xy[:, 1].copy()


def inner_reach(reach):
    """Per ``reach``: the distance within which its drawn buffer surely covers all."""
    quantum = (math.pi / 2) / quad_segments_of(reach)
    return reach * np.cos(quantum)


def surely_inside(geometries, bounds, reach, owner, scenes, cols, single_rings):
    """Per pair (ground ``owner[k]`` of ``geometries``, with envelope ``bounds``,
    buffered by ``reach``; scene ``cols[k]`` of the ``SceneEdges``): whether the
    scene surely lies inside the drawn buffer. False says only that the test
    cannot tell. ``single_rings`` as for ``Grounds``."""
    inner = inner_reach(reach)
    half = 0.5 * np.hypot(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    small = (2 * half <= math.sqrt(3) * inner) & (inner > 0)
    box, ground, grow = scenes.bounds[cols], bounds[owner], inner[owner]
    # Only a scene within the ground's envelope grown by r' can pass.
    candidates = np.flatnonzero(
        small[owner]
        & (box[:, 0] >= ground[:, 0] - grow)
        & (box[:, 1] >= ground[:, 1] - grow)
        & (box[:, 2] <= ground[:, 2] + grow)
        & (box[:, 3] <= ground[:, 3] + grow)
    )
    inside = np.zeros(len(cols), dtype=bool)
    if not len(candidates):
        return inside
    # First the scenes whose every vertex lies within r' of the whole envelope.
    near = _vertices_within(scenes, cols[candidates], ground[candidates], grow[candidates])
    inside[candidates[near]] = True
    rest = candidates[~near]
    if len(rest):
        chosen, local = np.unique(owner[rest], return_inverse=True)
        grounds = Grounds([geometries[k] for k in chosen.tolist()], single_rings)
        inside[rest] = _edges_covered(grounds, inner[chosen], local, scenes, cols[rest])
    return inside


def _vertices_within(scenes, cols, boxes, radius):
    """Per pair: whether every vertex of scene ``cols[k]`` lies within ``radius[k]``
    of every point of ``boxes[k]``: of its farthest corner."""
    edges, pair, firsts = scenes.gather(cols)
    x, y, box = scenes.ax[edges], scenes.ay[edges], boxes[pair]
    dx = np.maximum(np.abs(x - box[:, 0]), np.abs(x - box[:, 2]))
    dy = np.maximum(np.abs(y - box[:, 1]), np.abs(y - box[:, 3]))
    return np.logical_and.reduceat(dx * dx + dy * dy <= (radius * radius)[pair], firsts)


def _edges_covered(grounds, inner, owner, scenes, cols):
    """Per pair: whether each scene edge has both ends within r' of one ground vertex."""
    edges, pair, firsts = scenes.gather(cols)
    ground = owner[pair]
    counts = grounds.count[ground]
    # One row per edge and vertex of its pair's ground.
    edge_firsts = np.cumsum(counts) - counts
    row = np.repeat(np.arange(len(edges)), counts)
    vertex = np.arange(counts.sum()) - edge_firsts[row] + grounds.start[ground][row]
    qx, qy, edge = grounds.x[vertex], grounds.y[vertex], edges[row]
    limit = (inner[ground] ** 2)[row]
    ax, ay = scenes.ax[edge] - qx, scenes.ay[edge] - qy
    bx, by = scenes.bx[edge] - qx, scenes.by[edge] - qy
    near = (ax * ax + ay * ay <= limit) & (bx * bx + by * by <= limit)
    covered = np.logical_or.reduceat(near, edge_firsts)
    return np.logical_and.reduceat(covered, firsts)
