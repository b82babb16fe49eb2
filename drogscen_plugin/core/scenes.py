"""The scenes as the overlap engine sees them: edge tables and an envelope index."""

import struct

import numpy as np
import shapely.wkb

from ..i18n import tr
from .errors import InputError


def _wkb_rings(wkb):
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


def _flat_wkb(geometry):
    """2D WKB of a geometry (the reader's are 2D already)."""
    wkb = geometry.wkb
    kind = struct.unpack_from("<I" if wkb[0] == 1 else ">I", wkb, 1)[0]
    return wkb if kind in (3, 6) else shapely.wkb.dumps(geometry, output_dimension=2)


class SceneEdges:
    """Every scene's rings as one table of edges, scene after scene.

    ``weight`` turns a ring's signed sums into its contribution to the
    scene: +1 or -1 so that shells add and holes subtract, whatever the
    rings' orientation. ``simple`` marks scenes of one ring without holes.
    """

    def __init__(self, scenes):
        coordinates, weights, counts, simple = [], [], [], []
        self.wkb = [_flat_wkb(scene.geometry) for scene in scenes]
        for scene, wkb in zip(scenes, self.wkb):
            rings = _wkb_rings(wkb)
            edges = 0
            for ring, role in rings:
                if not np.isfinite(ring).all():
                    raise InputError(
                        tr("Scene {fid}: the geometry has coordinates that are not numbers").format(
                            fid=scene.fid
                        )
                    )
                x, y = ring[:, 0], ring[:, 1]
                orientation = np.sign(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))
                coordinates.append(ring)
                weights.append(np.full(len(ring) - 1, role * orientation))
                edges += len(ring) - 1
            counts.append(edges)
            simple.append(len(rings) == 1)
        self.count = np.array(counts, dtype=np.int64)
        self.start = np.cumsum(self.count) - self.count
        self.simple = np.array(simple, dtype=bool)
        if coordinates:
            self.ax = np.concatenate([ring[:-1, 0] for ring in coordinates])
            self.ay = np.concatenate([ring[:-1, 1] for ring in coordinates])
            self.bx = np.concatenate([ring[1:, 0] for ring in coordinates])
            self.by = np.concatenate([ring[1:, 1] for ring in coordinates])
            self.weight = np.concatenate(weights)
        else:
            self.ax = self.ay = self.bx = self.by = self.weight = np.zeros(0)
        self.bounds = self._bounds()

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
        """(edge indices, pair of each edge, first edge of each pair) for pairs with scenes ``cols``."""
        counts = self.count[cols]
        firsts = np.cumsum(counts) - counts
        pair = np.repeat(np.arange(len(cols)), counts)
        edges = np.arange(counts.sum()) - firsts[pair] + self.start[cols][pair]
        return edges, pair, firsts


class SceneIndex:
    """Scene envelopes sorted by their west edge, to find those meeting boxes.

    Sort and sweep with numpy: the same code under shapely 1.8 and 2.x, and
    no geometry objects for the boxes. The few scenes much wider than most
    (a long street, say) are checked against every box instead, so that they
    do not widen the sweep for all the others.
    """

    def __init__(self, bounds):
        self.bounds = bounds
        usable = np.flatnonzero(~np.isnan(bounds).any(axis=1))
        widths = bounds[usable, 2] - bounds[usable, 0]
        wide = widths > 4 * np.median(widths) if len(widths) else widths > 0
        self._wide = usable[wide]
        narrow = usable[~wide]
        self._order = narrow[np.argsort(bounds[narrow, 0], kind="stable")]
        # Edges in sweep order, each contiguous.
        self._west, self._south, self._east, self._north = bounds[self._order].T.copy()
        self._width = (self._east - self._west).max() if len(narrow) else 0.0

    def overlapping(self, boxes):
        """(box index, scene index) arrays of envelopes meeting boxes (edges included), sorted."""
        west, south, east, north = boxes.T
        # A scene reaching a box starts at most the widest scene's width west of it.
        first = np.searchsorted(self._west, west - self._width, "left")
        last = np.searchsorted(self._west, east, "right")
        counts = np.maximum(last - first, 0)
        starts = np.cumsum(counts) - counts
        # Sweep positions of every box's range, one after the other.
        swept = np.arange(counts.sum()) + np.repeat(first - starts, counts)
        meet = np.flatnonzero(
            (self._east[swept] >= np.repeat(west, counts))
            & (self._south[swept] <= np.repeat(north, counts))
            & (self._north[swept] >= np.repeat(south, counts))
        )
        rows = np.repeat(np.arange(len(boxes)), counts)[meet]
        cols = self._order[swept[meet]]

        wide = self.bounds[self._wide]
        wide_rows, wide_cols = np.nonzero(
            (wide[:, 0] <= east[:, None])
            & (wide[:, 2] >= west[:, None])
            & (wide[:, 1] <= north[:, None])
            & (wide[:, 3] >= south[:, None])
        )
        rows = np.concatenate((rows, wide_rows))
        cols = np.concatenate((cols, self._wide[wide_cols]))
        order = np.lexsort((cols, rows))
        return rows[order], cols[order]
