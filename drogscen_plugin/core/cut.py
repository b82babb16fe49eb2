"""Scene ∩ drawn buffer of school grounds without a GEOS overlay, where the
scene's ring crosses the buffer's ring exactly twice (most partial overlaps).

The piece is then one ring: the scene's vertices from where it enters the
buffer to where it leaves, and the buffer's vertices from there back; its
area is the ring's. A pair whose two boundaries come within ``_CLEARANCE``
of each other anywhere but at two clean crossings goes through GEOS, so
every ring drawn here is simple. Coordinates are taken relative to each
scene's south-west corner, so that differences keep their digits.
"""

import numpy as np

from .outline import rings_wkb

_CLEARANCE = 1e-6  # metres
# Buffer edges are looked up chunk by chunk of this many.
_CHUNK = 8
# Scenes of more edges go to GEOS: its sweep beats comparing chunks with every
# edge, and one pair then is one call, between two looks at cancel.
_MOST_EDGES = 4096


def _ragged(counts, starts):
    """Rows ``(owner, index)``: for each k, ``starts[k] .. starts[k] + counts[k] - 1``."""
    owner = np.repeat(np.arange(len(counts)), counts)
    local = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, local + np.repeat(starts, counts)


class BufferRings:
    """The rings of buffers of one ring as one table of vertices (``xy``
    without the closing ones, ``count`` per buffer, 0 for buffers of several
    rings, ``anticlockwise`` per buffer), ring after ring, cut in chunks of
    ``_CHUNK`` edges with their envelopes."""

    def __init__(self, xy, count, anticlockwise):
        self.count, self.usable = count, count >= 3
        self.start = np.cumsum(count) - count
        self.x, self.y = xy[:, 0].copy(), xy[:, 1].copy()
        self.sign = np.where(anticlockwise, 1.0, -1.0)
        # The next vertex along each ring.
        self.next = np.arange(len(xy)) + 1
        present = np.flatnonzero(count > 0)
        self.next[self.start[present] + count[present] - 1] = self.start[present]
        self.chunks = -(-count // _CHUNK)
        self.chunk_start = np.cumsum(self.chunks) - self.chunks
        owner, local = _ragged(self.chunks, np.zeros(len(count), dtype=np.int64))
        self.chunk_first = self.start[owner] + _CHUNK * local
        self.chunk_size = np.minimum(_CHUNK, self.start[owner] + count[owner] - self.chunk_first)
        self.chunk_box = np.zeros((0, 4))
        if len(present):
            # A chunk's edges end at the vertex after its last.
            after = self.next[self.chunk_first + self.chunk_size - 1]
            self.chunk_box = np.column_stack(
                [
                    reduce(reduce.reduceat(values, self.chunk_first), values[after])
                    for values, reduce in (
                        (self.x, np.minimum),
                        (self.y, np.minimum),
                        (self.x, np.maximum),
                        (self.y, np.maximum),
                    )
                ]
            )


def cut(rings, owner, scenes, cols):
    """Per pair (buffer ``owner[k]`` of ``rings``, scene ``cols[k]`` of the
    ``SceneEdges``): whether it was drawn here and its area; and the outlines
    (WKB) of those drawn, in order."""
    done, areas = np.zeros(len(cols), dtype=bool), np.zeros(len(cols))
    counts = scenes.count[cols]
    pairs = np.flatnonzero(
        rings.usable[owner] & scenes.simple[cols] & (counts >= 3) & (counts <= _MOST_EDGES)
    )
    crossing = _crossings(rings, owner[pairs], scenes, cols[pairs]) if len(pairs) else None
    if crossing is None:
        return done, areas, []
    chosen, ring, lengths, area = _assemble(rings, owner[pairs], scenes, cols[pairs], crossing)
    ring = ring + np.repeat(scenes.bounds[cols[pairs[chosen]], :2], lengths, axis=0)
    starts = np.cumsum(lengths) - lengths
    # Pairs come in order, each once.
    done[pairs[chosen]], areas[pairs[chosen]] = True, area
    return done, areas, rings_wkb(ring, starts, lengths)


def _meet(boxes, others):
    """Whether envelopes (rows of west, south, east, north) meet, row by row."""
    return (
        (boxes[:, 0] <= others[:, 2])
        & (boxes[:, 2] >= others[:, 0])
        & (boxes[:, 1] <= others[:, 3])
        & (boxes[:, 3] >= others[:, 1])
    )


def _edge_boxes(ax, ay, bx, by, grow=0.0):
    """Envelopes of segments, grown by ``grow``."""
    return np.column_stack(
        (
            np.minimum(ax, bx) - grow,
            np.minimum(ay, by) - grow,
            np.maximum(ax, bx) + grow,
            np.maximum(ay, by) + grow,
        )
    )


def _near_edges(rings, owner, scenes, cols):
    """Rows (pair, scene edge, buffer vertex starting an edge) of edges whose
    envelopes come within the clearance: chunks against the scene's envelope,
    then against each scene edge, then their edges."""
    grow = _CLEARANCE
    pair, chunk = _ragged(rings.chunks[owner], rings.chunk_start[owner])
    meet = _meet(rings.chunk_box[chunk], scenes.bounds[cols][pair] + (-grow, -grow, grow, grow))
    pair, chunk = pair[meet], chunk[meet]
    row, edge = _ragged(scenes.count[cols][pair], scenes.start[cols][pair])
    pair, chunk = pair[row], chunk[row]
    boxes = _edge_boxes(
        scenes.ax[edge], scenes.ay[edge], scenes.bx[edge], scenes.by[edge], _CLEARANCE
    )
    meet = _meet(rings.chunk_box[chunk], boxes)
    pair, chunk, edge, boxes = pair[meet], chunk[meet], edge[meet], boxes[meet]
    row, vertex = _ragged(rings.chunk_size[chunk], rings.chunk_first[chunk])
    following = rings.next[vertex]
    own = _edge_boxes(rings.x[vertex], rings.y[vertex], rings.x[following], rings.y[following])
    meet = np.flatnonzero(_meet(own, boxes[row]))
    return pair[row[meet]], edge[row[meet]], vertex[meet]


def _crossings(rings, owner, scenes, cols):
    """The two crossing rows of each pair that crosses cleanly twice: (pair, scene
    edge, buffer vertex, scene parameter, buffer parameter, entering), or None."""
    pair, edge, vertex = _near_edges(rings, owner, scenes, cols)
    origin = scenes.bounds[cols, :2]
    ox, oy = origin[pair, 0], origin[pair, 1]
    ax, ay = scenes.ax[edge] - ox, scenes.ay[edge] - oy
    bx, by = scenes.bx[edge] - ox, scenes.by[edge] - oy
    cx, cy = rings.x[vertex] - ox, rings.y[vertex] - oy
    following = rings.next[vertex]
    dx, dy = rings.x[following] - ox, rings.y[following] - oy
    # Orientation of each end against the other segment's line.
    a_side = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx)
    b_side = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx)
    c_side = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    d_side = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax)
    proper = (a_side * b_side < 0) & (c_side * d_side < 0)
    touching = _ends_close(ax, ay, bx, by, cx, cy, dx, dy)
    count = len(owner)
    clean = (np.bincount(pair[proper], minlength=count) == 2) & (
        np.bincount(pair[touching], minlength=count) == 0
    )
    chosen = np.flatnonzero(proper & clean[pair])
    if not len(chosen):
        return None
    # Two by two: the rows of a pair come together, pairs in order.
    order = np.argsort(pair[chosen], kind="stable")
    chosen = chosen[order]
    entering = rings.sign[owner][pair[chosen]] * b_side[chosen] > 0
    return (
        pair[chosen],
        edge[chosen],
        vertex[chosen],
        a_side[chosen] / (a_side[chosen] - b_side[chosen]),
        c_side[chosen] / (c_side[chosen] - d_side[chosen]),
        entering,
    )


def _point_segment(px, py, ax, ay, bx, by):
    """Distance from points to segments."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    with np.errstate(divide="ignore", invalid="ignore"):
        along = np.clip(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0)
    along = np.where(length2 > 0, along, 0.0)
    return np.hypot(px - ax - along * dx, py - ay - along * dy)


def _ends_close(ax, ay, bx, by, cx, cy, dx, dy):
    """Whether an end of either segment lies within the clearance of the other."""
    return (
        (_point_segment(ax, ay, cx, cy, dx, dy) < _CLEARANCE)
        | (_point_segment(bx, by, cx, cy, dx, dy) < _CLEARANCE)
        | (_point_segment(cx, cy, ax, ay, bx, by) < _CLEARANCE)
        | (_point_segment(dx, dy, ax, ay, bx, by) < _CLEARANCE)
    )


def _ends(crossing):
    """Per pair (rows two by two): its entering and leaving crossings, where it has one of each."""
    pair, edge, vertex, t, u, entering = (np.asarray(v).reshape(-1, 2) for v in crossing)
    good = np.flatnonzero(entering.sum(axis=1) == 1)
    first = np.where(entering[good, 0], 0, 1)
    into = [v[good, first] for v in (edge, vertex, t, u)]
    out = [v[good, 1 - first] for v in (edge, vertex, t, u)]
    return pair[good, 0], into, out


def _chain(count, forward, step_from, size, start):
    """Absolute vertex indices of chains: ``count`` vertices around rings of
    ``size`` after ``step_from`` (forward) or from it on (backward)."""
    owner, step = _ragged(count, np.ones(len(count), dtype=np.int64))
    position = np.where(forward[owner], step_from[owner] + step, step_from[owner] - step + 1)
    return owner, start[owner] + position % size[owner]


def _assemble(rings, owner, scenes, cols, crossing):
    """(pairs drawn, rings relative to each scene's corner, their lengths, areas):
    entry, scene chain, exit, buffer chain, entry."""
    chosen, (e_in, v_in, t_in, u_in), (e_out, v_out, t_out, u_out) = _ends(crossing)
    col, buffer = cols[chosen], owner[chosen]
    n, s0 = scenes.count[col], scenes.start[col]
    m, r0 = rings.count[buffer], rings.start[buffer]
    scene_steps = (e_out - e_in) % n
    scene_steps = np.where(scene_steps == 0, np.where(t_out > t_in, 0, n), scene_steps)
    # Along the buffer as the scene turns: the piece's inside stays on one side.
    forward = np.sign(scenes.weight[s0]) == rings.sign[buffer]
    ahead = (v_in - v_out) % m
    ahead = np.where(ahead == 0, np.where(u_in > u_out, 0, m), ahead)
    behind = (v_out - v_in) % m
    behind = np.where(behind == 0, np.where(u_in < u_out, 0, m), behind)
    buffer_steps = np.where(forward, ahead, behind)
    lengths = scene_steps + buffer_steps + 3
    starts = np.cumsum(lengths) - lengths
    origin = scenes.bounds[col, :2]
    ring = np.empty((lengths.sum(), 2))
    for edge, t, at in ((e_in, t_in, starts), (e_out, t_out, starts + scene_steps + 1)):
        ax, ay = scenes.ax[edge], scenes.ay[edge]
        ring[at, 0] = ax + t * (scenes.bx[edge] - ax) - origin[:, 0]
        ring[at, 1] = ay + t * (scenes.by[edge] - ay) - origin[:, 1]
    ring[starts + lengths - 1] = ring[starts]
    # Edge k of a scene starts at its vertex k.
    which, edges = _chain(scene_steps, np.ones(len(col), dtype=bool), e_in - s0, n, s0)
    at = _ragged(scene_steps, starts + 1)[1]
    ring[at, 0] = scenes.ax[edges] - origin[which, 0]
    ring[at, 1] = scenes.ay[edges] - origin[which, 1]
    which, vertices = _chain(buffer_steps, forward, v_out - r0, m, r0)
    at = _ragged(buffer_steps, starts + scene_steps + 2)[1]
    ring[at, 0] = rings.x[vertices] - origin[which, 0]
    ring[at, 1] = rings.y[vertices] - origin[which, 1]
    return chosen, ring, lengths, _ring_areas(ring, starts, lengths)


def _ring_areas(ring, starts, lengths):
    """Areas of closed rings laid one after another."""
    x, y = ring[:, 0], ring[:, 1]
    twice = np.zeros(len(x))
    twice[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
    # The term from each ring's last point to the next ring's first is not the ring's.
    twice[starts + lengths - 1] = 0.0
    return 0.5 * np.abs(np.add.reduceat(twice, starts)) if len(starts) else np.zeros(0)
