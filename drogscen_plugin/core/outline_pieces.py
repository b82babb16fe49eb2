"""Map outlines of a one-ring scene whose ring crosses the circle four times or
more, drawn without a GEOS overlay (``outline`` draws the simpler cases).

The ring's stretches inside the circle are joined by arcs: from where a
stretch leaves the circle, along the circle as the ring turns, to the next
crossing there, where the ring comes back in. Each closed run of stretches
and arcs is one polygon; the disc is convex and the ring simple, so these
polygons neither overlap nor have holes. The chords of an arc stay outside
every other arc's chords; drawn only where each stretch's vertices lie
within the circle every chord touches, the rings stay simple.
"""

import math
import struct
from collections import namedtuple

import numpy as np

from .disc import arc_steps, missing_arc_area
from .outline import AREA_AIM, AREA_TOLERANCE, MAX_ARC_PIECES

# A MultiPolygon header up to its polygon count; a polygon of one ring up to its point count.
_MULTI = struct.Struct("<BII")
_POLYGON = struct.Struct("<BIII")
# Crossings closer than this (metres) along the circle touch: GEOS draws those.
_TOUCH = 1e-6


def _events(edges, rows, points):
    """The ring's crossings of each pair in ``rows``, in ring order: (pair position,
    edge, True where the ring leaves, x, y); an edge dipping into the circle
    gives its entry, then its exit."""
    x1, y1, x2, y2, dips = points
    counts = edges.counts[rows]
    edge = np.repeat(edges.firsts[rows] - (np.cumsum(counts) - counts), counts) + np.arange(
        counts.sum()
    )
    entering = ~edges.inside_a[edge] & edges.inside_b[edge] | dips[edge]
    leaving = edges.inside_a[edge] & ~edges.inside_b[edge] | dips[edge]
    at = np.concatenate((edge[entering], edge[leaving]))
    out = np.concatenate((np.zeros(entering.sum(), bool), np.ones(leaving.sum(), bool)))
    order = np.lexsort((out, at))
    at, out = at[order], out[order]
    x = np.where(out, x2[at], x1[at])
    y = np.where(out, y2[at], y1[at])
    return np.searchsorted(rows, edges.pair[at]), at, out, x, y


def _cyclic_next(group, key):
    """Per item: the position of the next item of its group by ``key``, the first
    after the last (items already sorted by group)."""
    order = np.lexsort((key, group))
    sizes = np.bincount(group, minlength=group.max() + 1 if len(group) else 0)
    starts = np.cumsum(sizes) - sizes
    rank = np.arange(len(order)) - starts[group[order]]
    following = order[starts[group[order]] + (rank + 1) % sizes[group[order]]]
    result = np.empty(len(order), dtype=np.int64)
    result[order] = following
    return result


def many_crossings(edges, rows, areas, points, orientation, centres):
    """WKB outlines of the pairs ``rows`` (one-ring scenes crossing the circle four
    times or more; ``orientation`` +1 or -1 and ``centres`` per pair), None where
    GEOS must draw: crossings that touch, stretches too close to the chords."""
    if not len(rows):
        return []
    pair, at, out, x, y = _events(edges, rows, points)
    ring_next = _cyclic_next(pair, np.arange(len(pair)))
    turn = orientation[pair] * np.arctan2(y, x)
    arc_next = _cyclic_next(pair, turn)
    radius = edges.radius[rows]
    # Along the ring crossings alternate in and out; along the circle each exit's
    # next crossing is an entry, and no two crossings meet.
    angle = np.mod(turn[arc_next] - turn, 2 * math.pi)
    bad = (out == out[ring_next]) | (out & out[arc_next]) | ~(angle * radius[pair] > _TOUCH)
    exits = np.flatnonzero(out)
    owner = pair[exits]
    total = np.bincount(owner, weights=angle[exits], minlength=len(rows))
    # One step for all arcs of a pair: their chords together miss AREA_AIM of its area.
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.minimum(
            arc_steps(radius), np.sqrt(12 * AREA_AIM * areas[rows] / (radius * radius * total))
        )
    pieces = np.ones(len(pair), dtype=np.int64)
    pieces[exits] = np.clip(np.ceil(angle[exits] / step[owner]), 2, MAX_ARC_PIECES)
    missing = np.bincount(
        owner,
        weights=missing_arc_area(radius[owner], angle[exits], pieces[exits]),
        minlength=len(rows),
    )
    inner = np.full(len(rows), np.inf)
    np.minimum.at(inner, owner, radius[owner] * np.cos(angle[exits] / pieces[exits] / 2))
    stretch = _stretches(edges, rows, (pair, at, out, ring_next), inner)
    good = (
        (np.bincount(pair, weights=bad, minlength=len(rows)) == 0)
        & stretch.good
        & (missing <= AREA_TOLERANCE * areas[rows])
        & (np.bincount(owner, weights=pieces[exits], minlength=len(rows)) <= MAX_ARC_PIECES)
    )
    xy, starts, sizes = _vertices((pair, out, x, y), stretch, angle, pieces, orientation, radius)
    xy += np.repeat(centres[pair], sizes, axis=0)
    return _rings_wkb(good, (pair, out, ring_next, arc_next), starts, sizes, xy)


# The ring's vertices strictly inside each stretch (from an entry to its exit),
# the entry each belongs to, and per pair whether all lie within the chords.
_Stretches = namedtuple("_Stretches", "x y owner good")


def _stretches(edges, rows, events, inner):
    """Each entry's stretch: the starts of the edges after its edge up to its exit's
    edge; ``good`` per pair where all lie within ``inner`` of the centre."""
    pair, at, out, ring_next = events
    entries = np.flatnonzero(~out)
    counts = edges.counts[rows][pair[entries]]
    firsts = edges.firsts[rows][pair[entries]]
    length = (at[ring_next[entries]] - at[entries]) % counts
    local = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    after = np.repeat(at[entries] - firsts + 1, length) + local
    vertex = np.repeat(firsts, length) + after % np.repeat(counts, length)
    x, y = edges.ax[vertex], edges.ay[vertex]
    deepest = np.full(len(rows), -np.inf)
    np.maximum.at(deepest, np.repeat(pair[entries], length), np.hypot(x, y))
    return _Stretches(x, y, np.repeat(entries, length), deepest < inner)


def _vertices(events, stretch, angle, pieces, orientation, radius):
    """(vertices, first vertex, vertex count) of each crossing's part of a ring: an
    entry's point and its stretch, an exit's point and its arc's inner corners."""
    pair, out, x, y = events
    corners = np.where(out, pieces - 1, 0)
    inside = np.bincount(stretch.owner, minlength=len(out))
    sizes = 1 + corners + inside
    starts = np.cumsum(sizes) - sizes
    xy = np.empty((sizes.sum(), 2))
    xy[starts] = np.column_stack((x, y))
    local = np.arange(len(stretch.owner)) - np.repeat(np.cumsum(inside) - inside, inside)
    xy[starts[stretch.owner] + 1 + local] = np.column_stack((stretch.x, stretch.y))
    exits = np.flatnonzero(out)
    count = corners[exits]
    k = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + 1
    theta = np.repeat(np.arctan2(y[exits], x[exits]), count) + k * np.repeat(
        orientation[pair[exits]] * angle[exits] / pieces[exits], count
    )
    r = np.repeat(radius[pair[exits]], count)
    xy[np.repeat(starts[exits], count) + k] = np.column_stack(
        (r * np.cos(theta), r * np.sin(theta))
    )
    return xy, starts, sizes


def _rings_wkb(good, events, starts, sizes, xy):
    """MultiPolygon WKB per pair (None where not ``good``): each run of entry,
    its exit, the entry the exit's arc reaches, ... back to the first, a polygon."""
    pair, out, ring_next, arc_next = events
    bounds = np.searchsorted(pair, np.arange(len(good) + 1)).tolist()
    ring_next, arc_next, out = ring_next.tolist(), arc_next.tolist(), out.tolist()
    parts, ring_parts, owners = [], [], []
    for position in np.flatnonzero(good).tolist():
        walked = set()
        for first in range(bounds[position], bounds[position + 1]):
            if out[first] or first in walked:
                continue
            entry, count = first, 0
            while True:
                walked.add(entry)
                parts += (entry, ring_next[entry])
                count += 2
                entry = arc_next[ring_next[entry]]
                if entry == first:
                    break
            ring_parts.append(count)
            owners.append(position)
    outlines = [None] * len(good)
    if not parts:
        return outlines
    parts = np.array(parts, dtype=np.int64)
    lengths = sizes[parts]
    vertex = np.repeat(starts[parts], lengths) + (
        np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    # Each ring closes on its first vertex.
    ring_sizes = np.bincount(
        np.repeat(np.arange(len(ring_parts)), ring_parts), weights=lengths
    ).astype(np.int64)
    ends = np.cumsum(ring_sizes)
    vertex = np.insert(vertex, ends, vertex[ends - ring_sizes])
    blob = np.ascontiguousarray(xy[vertex], dtype="<f8").tobytes()
    offset = 0
    pieces = {}
    for owner, size in zip(owners, (ring_sizes + 1).tolist()):
        pieces.setdefault(owner, []).append(
            _POLYGON.pack(1, 3, 1, size) + blob[offset : offset + 16 * size]
        )
        offset += 16 * size
    for owner, polygons in pieces.items():
        outlines[owner] = _MULTI.pack(1, 6, len(polygons)) + b"".join(polygons)
    return outlines
