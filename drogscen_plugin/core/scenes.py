"""The scenes as the overlap engine sees them: edge tables and an envelope index."""

import math
import struct

import numpy as np
import shapely
import shapely.wkb

from ..i18n import tr
from . import cancel
from .errors import InputError


def wkb_rings(wkb):
    """(coordinates, role) of each ring of a Polygon or MultiPolygon's 2D WKB:
    +1 for shells, -1 for holes. Read with numpy: no shapely object per ring."""
    rings = []

    def polygon(offset):
        order = "<" if wkb[offset] == 1 else ">"
        count = struct.unpack_from(order + "I", wkb, offset + 5)[0]
        offset += 9
        for ring in range(count):
            points = struct.unpack_from(order + "I", wkb, offset)[0]
            coordinates = np.frombuffer(wkb, order + "f8", 2 * points, offset + 4).reshape(-1, 2)
            rings.append((coordinates.astype(float), -1.0 if ring else 1.0))
            offset += 4 + 16 * points
        return offset

    order = "<" if wkb[0] == 1 else ">"
    kind = struct.unpack_from(order + "I", wkb, 1)[0]
    if kind == 3:
        polygon(0)
    else:
        offset = 9
        for _ in range(struct.unpack_from(order + "I", wkb, 5)[0]):
            offset = polygon(offset)
    return [(ring, role) for ring, role in rings if len(ring)]


if int(shapely.__version__.split(".")[0]) >= 2:

    def wkb_of(geometry):
        """WKB of a shapely geometry."""
        return geometry.wkb

else:
    from shapely.geos import WKBWriter, lgeos

    # One writer for all: shapely 1.8 makes a new one for each ``wkb``.
    wkb_of = WKBWriter(lgeos).write


def wkb_vertices(geometry):
    """The vertices (n x 2 array) of a point, multipoint or polygonal geometry,
    read from its WKB: shapely 1.8 would make an object per ring and per point."""
    wkb = _flat_wkb(geometry)
    order = "<" if wkb[0] == 1 else ">"
    kind = struct.unpack_from(order + "I", wkb, 1)[0]
    if kind == 1:
        return np.frombuffer(wkb, order + "f8", 2, 5).reshape(1, 2)
    if kind == 4:
        # Each point: byte order, type, x, y.
        count = struct.unpack_from(order + "I", wkb, 5)[0]
        points = np.frombuffer(wkb, np.dtype([("head", "V5"), ("xy", order + "f8", 2)]), count, 9)
        return points["xy"]
    rings = wkb_rings(wkb)
    return np.concatenate([ring for ring, _ in rings]) if rings else np.zeros((0, 2))


def wkb_bounds(geometry):
    """(west, south, east, north) of a point, multipoint or polygonal geometry,
    read from its WKB: shapely 1.8's ``bounds`` makes several objects."""
    xy = wkb_vertices(geometry)
    if not len(xy):
        return (math.nan,) * 4
    return (*xy.min(axis=0).tolist(), *xy.max(axis=0).tolist())


def wkb_finite(wkb):
    """Whether every coordinate of a 2D Point, MultiPoint, Polygon or
    MultiPolygon's WKB is a number; None for other types. Read with numpy:
    shapely 1.8 would make an object per ring and per coordinate."""
    order = "<" if wkb[0] == 1 else ">"
    kind = struct.unpack_from(order + "I", wkb, 1)[0]
    if kind == 1:
        return bool(np.isfinite(np.frombuffer(wkb, order + "f8", 2, 5)).all())
    if kind == 4:
        count = struct.unpack_from(order + "I", wkb, 5)[0]
        points = np.frombuffer(wkb, np.dtype([("head", "V5"), ("xy", order + "f8", 2)]), count, 9)
        return bool(np.isfinite(points["xy"]).all())
    if kind in (3, 6):
        return all(np.isfinite(ring).all() for ring, _ in wkb_rings(wkb))
    return None


def _flat_wkb(geometry):
    """2D WKB of a geometry (the reader's are 2D already)."""
    wkb = wkb_of(geometry)
    kind = struct.unpack_from("<I" if wkb[0] == 1 else ">I", wkb, 1)[0]
    return wkb if kind in (1, 3, 4, 6) else shapely.wkb.dumps(geometry, output_dimension=2)


class SceneEdges:
    """Every scene's rings as one table of edges, scene after scene.

    ``weight`` turns a ring's signed sums into its contribution to the
    scene: +1 or -1 so that shells add and holes subtract, whatever the
    rings' orientation. ``simple`` marks scenes of one ring without holes.
    """

    def __init__(self, scenes):
        self.wkb = [scene.wkb or _flat_wkb(scene.geometry) for scene in cancel.each(scenes)]
        rings, roles, owners = [], [], []
        for position, wkb in enumerate(cancel.each(self.wkb)):
            for ring, role in wkb_rings(wkb):
                rings.append(ring)
                roles.append(role)
                owners.append(position)
        owners = np.array(owners, dtype=np.int64)
        # Edges per ring; the rings' first edges; which ring each edge is on.
        lengths = np.array([len(ring) - 1 for ring in rings], dtype=np.int64)
        self.simple = np.bincount(owners, minlength=len(scenes)) == 1
        self.count = np.bincount(owners, weights=lengths, minlength=len(scenes)).astype(np.int64)
        self.start = np.cumsum(self.count) - self.count
        if rings:
            points = np.concatenate(rings)
            # Every ring's last point closes it: an edge starts at every other point.
            closing = np.cumsum(lengths + 1) - 1
            starts = np.delete(np.arange(len(points)), closing)
            self.ax, self.ay = points[starts, 0], points[starts, 1]
            self.bx, self.by = points[starts + 1, 0], points[starts + 1, 1]
            self._refuse_non_finite(scenes, points, np.repeat(owners, lengths + 1))
            ring_of = np.repeat(np.arange(len(rings)), lengths)
            # +1 for a counterclockwise ring, -1 for a clockwise one: the signed area's sign.
            twice_area = np.bincount(
                ring_of, weights=self.ax * self.by - self.bx * self.ay, minlength=len(rings)
            )
            self.weight = (np.array(roles) * np.sign(twice_area))[ring_of]
        else:
            self.ax = self.ay = self.bx = self.by = self.weight = np.zeros(0)
        self.bounds = self._bounds()

    @staticmethod
    def _refuse_non_finite(scenes, points, owner):
        bad = ~np.isfinite(points).all(axis=1)
        if bad.any():
            raise InputError(
                tr("Scene {fid}: the geometry has coordinates that are not numbers").format(
                    fid=scenes[owner[np.argmax(bad)]].fid
                )
            )

    def _bounds(self):
        """Envelopes; NaN for scenes without edges, which then meet nothing."""
        bounds = np.full((len(self.count), 4), np.nan)
        present = np.flatnonzero(self.count > 0)
        if len(present):
            starts = self.start[present]
            bounds[present, 0] = np.minimum.reduceat(self.ax, starts)[: len(present)]
            bounds[present, 1] = np.minimum.reduceat(self.ay, starts)[: len(present)]
            bounds[present, 2] = np.maximum.reduceat(self.ax, starts)[: len(present)]
            bounds[present, 3] = np.maximum.reduceat(self.ay, starts)[: len(present)]
        return bounds

    def gather(self, cols):
        """(edge indices, pair of each edge, first edge of each pair) for pairs with scenes
        ``cols``."""
        counts = self.count[cols]
        firsts = np.cumsum(counts) - counts
        pair = np.repeat(np.arange(len(cols)), counts)
        edges = np.arange(counts.sum()) - firsts[pair] + self.start[cols][pair]
        return edges, pair, firsts


def _expand(first, count):
    """Concatenated ranges first[k] .. first[k] + count[k] - 1, and the k of each."""
    owner = np.repeat(np.arange(len(count)), count)
    return first[owner] + np.arange(len(owner)) - (np.cumsum(count) - count)[owner], owner


# A scene spanning more cells than this across (a long street among small
# squares) is not filed but offered to every box: it would fill many cells.
_WIDE_CELLS = 64


class _Grid:
    """Scene envelopes filed in square cells of one size."""

    def __init__(self, bounds, usable, size):
        self.size = size
        self.origin = bounds[usable, :2].min(axis=0)
        cells = self.cells(bounds[usable])
        wide = (cells[:, 2:] - cells[:, :2]).max(axis=1) >= _WIDE_CELLS
        self.wide = usable[wide]
        usable, cells = usable[~wide], cells[~wide]
        self.columns = int(cells[:, 2].max()) + 1 if len(cells) else 0
        self.rows = int(cells[:, 3].max()) + 1 if len(cells) else 0
        keys, scenes = self._keys(cells)
        order = np.argsort(keys, kind="stable")
        self.keys, self.scenes = keys[order], usable[scenes[order]]

    def cells(self, boxes):
        """First and last cell column and row of each box, as integers."""
        first = np.floor((boxes[:, :2] - self.origin) / self.size)
        last = np.floor((boxes[:, 2:] - self.origin) / self.size)
        return np.column_stack((first, last)).astype(np.int64)

    def _keys(self, cells):
        """(cell key, box) for every cell each box covers."""
        widths = cells[:, 2] - cells[:, 0] + 1
        heights = cells[:, 3] - cells[:, 1] + 1
        flat, owner = _expand(np.zeros(len(cells), dtype=np.int64), widths * heights)
        column = cells[owner, 0] + flat // heights[owner]
        row = cells[owner, 1] + flat % heights[owner]
        return column * self.rows + row, owner

    def candidates(self, boxes):
        """(box, scene) of scenes filed in a cell that a box covers; a pair may repeat."""
        cells = self.cells(boxes)
        cells[:, :2] = np.maximum(cells[:, :2], 0)
        cells[:, 2] = np.minimum(cells[:, 2], self.columns - 1)
        cells[:, 3] = np.minimum(cells[:, 3], self.rows - 1)
        inside = (cells[:, 2] >= cells[:, 0]) & (cells[:, 3] >= cells[:, 1])
        keys, owner = self._keys(cells[inside])
        owner = np.flatnonzero(inside)[owner]
        first = np.searchsorted(self.keys, keys, "left")
        count = np.searchsorted(self.keys, keys, "right") - first
        entries, which = _expand(first, count)
        every = np.repeat(np.arange(len(boxes)), len(self.wide))
        return (
            np.concatenate((owner[which], every)),
            np.concatenate((self.scenes[entries], np.tile(self.wide, len(boxes)))),
        )


class SceneIndex:
    """Scene envelopes in a grid of square cells, to find those meeting boxes.

    Numpy only: the same code under shapely 1.8 and 2.x, and no geometry
    objects for the boxes. The cell size follows the boxes and the scenes,
    so that a box meets a few cells and a cell holds a few scenes.
    """

    def __init__(self, bounds):
        self.bounds = bounds
        self._usable = np.flatnonzero(np.isfinite(bounds).all(axis=1))
        extents = bounds[self._usable, 2:] - bounds[self._usable, :2]
        self._scene_size = float(np.median(extents.max(axis=1))) if len(extents) else 0.0
        self._grids = {}

    def _grid(self, boxes):
        box_size = float(np.median((boxes[:, 2:] - boxes[:, :2]).max(axis=1)))
        # Powers of two, so that batches of similar boxes share one grid.
        size = 2.0 ** math.ceil(math.log2(max(box_size, self._scene_size, 1e-3)))
        if size not in self._grids:
            self._grids[size] = _Grid(self.bounds, self._usable, size)
        return self._grids[size]

    def overlapping(self, boxes):
        """(box index, scene index) arrays of envelopes meeting boxes (edges included), sorted."""
        finite = np.flatnonzero(np.isfinite(boxes).all(axis=1))
        if not len(finite) or not len(self._usable):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        rows, cols = self._grid(boxes[finite]).candidates(boxes[finite])
        box, scene = boxes[finite][rows], self.bounds[cols]
        meet = (
            (scene[:, 0] <= box[:, 2])
            & (scene[:, 2] >= box[:, 0])
            & (scene[:, 1] <= box[:, 3])
            & (scene[:, 3] >= box[:, 1])
        )
        rows, cols = finite[rows[meet]], cols[meet]
        # A pair found in several cells counts once.
        pairs = np.unique(rows * len(self.bounds) + cols)
        return pairs // len(self.bounds), pairs % len(self.bounds)
