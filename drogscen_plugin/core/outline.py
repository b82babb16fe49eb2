"""Map outlines of scene ∩ circle, as WKB, mostly without a GEOS overlay.

The figures (``overlap_m2``) are exact; the outline only draws them: valid,
its arcs within the sagitta of the true circle (``disc.SAGITTA``), its area
within 2 % of the exact area. Common cases are drawn directly:

- the scene wholly inside the circle: the scene itself;
- a one-ring scene whose ring goes into the circle once and out once: the
  ring's inside part, closed by the arc between the two crossings;
- a one-ring scene around the whole circle: the circle;
- a one-ring scene whose ring crosses more often: ``outline_pieces``.

The rest (holes, several parts, and the rare arcs that would come too close
to the ring) go through GEOS.
"""

import math
import struct
from functools import lru_cache

import numpy as np
from shapely.geometry import MultiPolygon, Polygon

from .disc import arc_step, arc_steps, crossing_points, missing_arc_area
from .scenes import wkb_of

# The outline's area may differ from the exact one by this share at most;
# the direct drawing aims at half of it.
AREA_TOLERANCE = 0.02
AREA_AIM = AREA_TOLERANCE / 2
MAX_ARC_PIECES = 1 << 14
# A MultiPolygon of one polygon of one ring: header up to the point count.
_HEADER = struct.Struct("<BIIBIII")


def ring_wkb(coordinates):
    """WKB of a MultiPolygon whose single ring is ``coordinates`` (closed)."""
    return _HEADER.pack(1, 6, 1, 1, 3, 1, len(coordinates)) + coordinates.tobytes()


def rings_wkb(ring, starts, lengths):
    """``ring_wkb`` of each of the rings laid one after another in ``ring``."""
    blob = np.ascontiguousarray(ring, dtype="<f8").tobytes()
    return [
        _HEADER.pack(1, 6, 1, 1, 3, 1, length) + blob[16 * start : 16 * (start + length)]
        for start, length in zip(starts.tolist(), lengths.tolist())
    ]


@lru_cache(maxsize=64)
def _unit_circle(corners):
    angles = np.linspace(0.0, 2 * math.pi, corners + 1)
    ring = np.column_stack((np.cos(angles), np.sin(angles)))
    ring[-1] = ring[0]
    return ring


def circle(x, y, radius, finer=1):
    """The drawn circle: a regular polygon with corners on the circle, ``finer``
    times as many as the sagitta asks for."""
    corners = 4 * max(1, math.ceil((math.pi / 2) / arc_step(radius))) * finer
    return _unit_circle(corners) * radius + (x, y)


def polygonal(geometry):
    """The polygons of an intersection; a touching scene can add lines or points."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = []
    for part in getattr(geometry, "geoms", ()):
        if part.geom_type == "Polygon":
            polygons.append(part)
        elif part.geom_type == "MultiPolygon":
            polygons.extend(part.geoms)
    return MultiPolygon(polygons)


def overlaid(scene, x, y, radius, area):
    """WKB of scene ∩ circle through GEOS, the circle drawn finer until the
    outline's area is within the tolerance of ``area``."""
    for finer in (1, 4, 16, 64):
        piece = polygonal(scene.intersection(Polygon(circle(x, y, radius, finer))))
        # Each step leaves a sixteenth of the area between arc and chords.
        if abs(piece.area - area) <= AREA_TOLERANCE * area:
            break
    return None if piece.is_empty else wkb_of(piece)


class PairEdges:
    """The edges of some pairs' scenes relative to the school, pair after pair."""

    def __init__(self, ax, ay, bx, by, pair, firsts, radius):
        self.ax, self.ay, self.bx, self.by = ax, ay, bx, by
        self.pair, self.firsts = pair, firsts
        self.counts = np.diff(np.append(firsts, len(ax)))
        self.radius = radius
        r2 = (radius * radius)[pair]
        self.inside_a = ax * ax + ay * ay <= r2
        self.inside_b = bx * bx + by * by <= r2

    def reduce(self, ufunc, values):
        return ufunc.reduceat(values, self.firsts) if len(values) else values[:0]


def classify(edges, simple, areas, centre_inside):
    """Per pair: 0 none (no area), 1 the scene, 2 direct, 3 the circle, 4 GEOS,
    5 several crossings (``outline_pieces``)."""
    everything_inside = edges.reduce(np.logical_and, edges.inside_a)
    anything_inside = edges.reduce(np.logical_or, edges.inside_a)
    x1, y1, x2, y2, s1, s2 = crossing_points(
        edges.ax, edges.ay, edges.bx, edges.by, edges.radius[edges.pair]
    )
    dips = ~edges.inside_a & ~edges.inside_b & (s1 > 0) & (s2 < 1) & (s1 < s2)
    changes = (edges.inside_a != edges.inside_b).astype(np.int64) + 2 * dips
    crossings = edges.reduce(np.add, changes)
    kind = np.full(len(areas), 4, dtype=np.int8)
    kind[simple & (crossings == 2)] = 2
    kind[simple & (crossings >= 4)] = 5
    kind[simple & (crossings == 0) & ~anything_inside & centre_inside] = 3
    kind[everything_inside] = 1
    kind[areas <= 0] = 0
    return kind, (x1, y1, x2, y2, dips)


def direct(edges, rows, points, areas, orientation):
    """Outlines of one-ring scenes crossing the circle twice, or None where the
    arc would come too close to the ring (those go through GEOS).

    ``rows`` are the pairs (positions in ``edges``), ``points`` the crossing
    points of every edge, ``orientation`` +1 or -1 per pair's ring.
    """
    x1, y1, x2, y2, dips = points
    firsts, counts = edges.firsts[rows], edges.counts[rows]
    radius = edges.radius[rows]
    # Per pair: the edge going in and the edge going out (the same for a dip).
    entering = ~edges.inside_a & edges.inside_b | dips
    leaving = edges.inside_a & ~edges.inside_b | dips
    enter = _first_in_pairs(entering, edges.pair, rows)
    leave = _first_in_pairs(leaving, edges.pair, rows)
    in_x, in_y = x1[enter], y1[enter]
    out_x, out_y = x2[leave], y2[leave]
    # Ring vertices strictly between: starts of the edges after ``enter`` up to ``leave``.
    chain = np.where(dips[enter], 0, (leave - enter) % counts)
    # The arc goes from the exit back to the entry, turning as the ring turns.
    turn = orientation * (np.arctan2(in_y, in_x) - np.arctan2(out_y, out_x))
    angle = np.mod(turn, 2 * math.pi)
    step = arc_steps(radius)
    with np.errstate(divide="ignore", invalid="ignore"):
        wanted = np.sqrt(radius * radius * angle**3 / (12 * AREA_AIM * areas[rows]))
    pieces = np.clip(np.maximum(np.ceil(angle / step), np.ceil(wanted)), 1, MAX_ARC_PIECES).astype(
        np.int64
    )
    # Vertices along the chain (edge starts), in order.
    local = np.arange(chain.sum()) - np.repeat(np.cumsum(chain) - chain, chain)
    after_enter = np.repeat(enter - firsts + 1, chain) + local
    chain_edges = np.repeat(firsts, chain) + after_enter % np.repeat(counts, chain)
    cx, cy = edges.ax[chain_edges], edges.ay[chain_edges]
    # The chain stays strictly inside the circle the chords touch: the outline is simple.
    inner = radius * np.cos(angle / pieces / 2)
    deepest = np.full(len(rows), -np.inf)
    np.maximum.at(
        deepest, np.repeat(np.arange(len(rows)), chain), np.hypot(cx, cy) - np.repeat(inner, chain)
    )
    good = (
        (deepest < 0)
        & (angle > 0)
        & (angle < 2 * math.pi)
        & (missing_arc_area(radius, angle, pieces) <= AREA_TOLERANCE * areas[rows])
    )
    return _assemble(
        good, (in_x, in_y, out_x, out_y), chain, (cx, cy), pieces, angle, orientation, radius
    )


def _first_in_pairs(flags, pair, rows):
    """For each pair in ``rows``, the index of its first edge with ``flags``."""
    chosen = np.flatnonzero(flags)
    owners = pair[chosen]
    first = np.full(pair.max() + 1 if len(pair) else 0, -1, dtype=np.int64)
    # Reversed, so that the first index of each pair is written last.
    first[owners[::-1]] = chosen[::-1]
    return first[rows]


def _assemble(good, ends, chain, chain_xy, pieces, angle, orientation, radius):
    """Each pair's ring: entry, chain, exit, arc back to the entry; None where not ``good``."""
    in_x, in_y, out_x, out_y = ends
    arcs = pieces - 1
    lengths = chain + arcs + 3
    starts = np.cumsum(lengths) - lengths
    ring = np.empty((lengths.sum(), 2))
    ring[starts] = np.column_stack((in_x, in_y))
    ring[starts + lengths - 1] = ring[starts]
    ring[starts + chain + 1] = np.column_stack((out_x, out_y))
    local = np.arange(chain.sum()) - np.repeat(np.cumsum(chain) - chain, chain)
    ring[np.repeat(starts + 1, chain) + local] = np.column_stack(chain_xy)
    k = np.arange(arcs.sum()) - np.repeat(np.cumsum(arcs) - arcs, arcs) + 1
    theta = (
        np.repeat(np.arctan2(out_y, out_x), arcs)
        + np.repeat(orientation * angle / pieces, arcs) * k
    )
    r = np.repeat(radius, arcs)
    ring[np.repeat(starts + chain + 2, arcs) + k - 1] = np.column_stack(
        (r * np.cos(theta), r * np.sin(theta))
    )
    return ring, starts, lengths, good


def to_wkb(ring, starts, lengths, good, centres):
    """WKB per pair of the rings made by ``_assemble``, moved to the schools; None where
    not good."""
    ring = ring + np.repeat(centres, lengths, axis=0)
    drawn = iter(rings_wkb(ring, starts[good], lengths[good]))
    return [next(drawn) if ok else None for ok in good.tolist()]
