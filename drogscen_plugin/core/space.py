"""The space side of the overlap: which scenes lie within each school's distance,
how much of them, and an outline for the map.

A school and a scene form a pair when their true distance is at most the
school's distance. For a point school the area inside the circle is exact
(``disc``) and the outline mostly drawn without GEOS (``outline``); school
grounds and multi-point schools are buffered by GEOS with arcs within
``disc.SAGITTA`` of the true offset (``geos_grounds``). A scene surely inside
a buffer is its own piece (``grounds``), one whose ring crosses the buffer's
twice is cut directly (``cut``), and GEOS intersects the rest.
"""

import math
from itertools import chain

import numpy as np
from shapely.ops import clip_by_rect

from ..i18n import tr
from . import cancel
from .cut import BufferRings, cut
from .disc import crossings, disc_triangle_areas, segment_distances
from .errors import InputError
from .geos_grounds import (
    _areas,
    _bounds,
    _buffers,
    _distances,
    _overlays,
    _single_rings,
    _take,
)

# Where the buffers layer and the tests take it from.
from .geos_grounds import buffer_geometry as buffer_geometry
from .grounds import surely_inside
from .outline import PairEdges, circle, classify, direct, overlaid, ring_wkb, to_wkb
from .outline_pieces import many_crossings
from .records import PointXY
from .scenes import SceneEdges, SceneIndex

SCHOOL_GEOMETRY_TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
SCENE_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")

# Relative to the coordinates: a margin far above rounding, so that the
# envelope search never drops a pair the exact distance would keep.
_SLACK = 1e-9
# Scenes of more edges are cut to the ground's surroundings for distances.
_CLIPPED_EDGES = 4096
# Scene edges a piece of point schools may meet (see ``_point_pieces``): a few milliseconds.
_PIECE_EDGES = 50000


def _valid_distance(value):
    return isinstance(value, (int, float)) and math.isfinite(value) and value >= 0


def _check_inputs(schools, scenes, distance):
    """The schools' geometry types, once the inputs are found usable."""
    if not _valid_distance(distance):
        raise InputError(
            tr("Distance {distance} is not a number of metres of at least 0").format(
                distance=distance
            )
        )
    kinds = []
    for school in cancel.each(schools):
        if school.distance is not None and not _valid_distance(school.distance):
            raise InputError(
                tr(
                    "School {fid}: distance {distance} is not a number of metres of at least 0"
                ).format(fid=school.fid, distance=school.distance)
            )
        kind = school.geometry.geom_type
        if kind not in SCHOOL_GEOMETRY_TYPES:
            raise InputError(
                tr(
                    "School {fid}: {kind} geometry is not supported, only points and polygons"
                ).format(fid=school.fid, kind=kind)
            )
        kinds.append(kind)
    for scene in cancel.each(scenes):
        kind = scene.geometry.geom_type
        if kind not in SCENE_GEOMETRY_TYPES:
            raise InputError(
                tr("Scene {fid}: {kind} geometry is not supported, only polygons").format(
                    fid=scene.fid, kind=kind
                )
            )
    return kinds


def _single_point(geometry, kind):
    """The point of a Point, or of a MultiPoint of one point (as PostGIS may
    store schools); None for anything else. ``kind``: the geometry's type."""
    if kind == "Point":
        return None if geometry.is_empty else geometry
    if kind == "MultiPoint" and len(geometry.geoms) == 1:
        return geometry.geoms[0]
    return None


def _point_coordinates(schools, kinds, points):
    """x, y of the point schools (NaN for the others); refuses coordinates that are not numbers."""
    xy = np.full((len(schools), 2), np.nan)
    chosen = np.flatnonzero(points)
    # One array from a list: row by row would cost a numpy call per school.
    found = [_single_point(schools[k].geometry, kinds[k]) for k in cancel.each(chosen.tolist())]
    # Flat: numpy reads a flat iterable of numbers far faster than a list of pairs.
    coordinates = chain.from_iterable(
        point if point.__class__ is PointXY else (point.x, point.y) for point in cancel.each(found)
    )
    xy[chosen] = np.fromiter(coordinates, dtype=float, count=2 * len(found)).reshape(-1, 2)
    bad = np.flatnonzero(points & ~np.isfinite(xy).all(axis=1))
    if len(bad):
        raise InputError(
            tr("School {fid}: the point has coordinates that are not numbers").format(
                fid=schools[bad[0]].fid
            )
        )
    return xy


def _envelope_gaps(boxes, others):
    """The distance between envelopes (rows of west, south, east, north), row by row."""
    dx = np.maximum(np.maximum(others[:, 0] - boxes[:, 2], boxes[:, 0] - others[:, 2]), 0.0)
    dy = np.maximum(np.maximum(others[:, 1] - boxes[:, 3], boxes[:, 1] - others[:, 3]), 0.0)
    return np.hypot(dx, dy)


def _edge_slices(edges):
    """Slices of consecutive items whose ``edges`` add up to at most _PIECE_EDGES
    (or one item), with a look at cancel between two."""
    first, total = 0, 0.0
    for k, count in enumerate(edges.tolist()):
        if total + count > _PIECE_EDGES and k > first:
            yield slice(first, k)
            cancel.check()
            first, total = k, 0.0
        total += count
    yield slice(first, len(edges))


class Space:
    """The geometric side of the analysis, batch by batch of schools."""

    def __init__(self, schools, scenes, distance):
        kinds = _check_inputs(schools, scenes, distance)
        self.schools = [school.geometry for school in schools]
        self.scenes = [scene.geometry for scene in scenes]
        self.reaches = np.array(
            [
                distance if school.distance is None else school.distance
                for school in cancel.each(schools)
            ],
            dtype=float,
        )
        self.points = np.array(
            [
                _single_point(*school) is not None
                for school in zip(cancel.each(self.schools), kinds)
            ],
            dtype=bool,
        )
        self.xy = _point_coordinates(schools, kinds, self.points)
        self.edges = SceneEdges(scenes)
        self.index = SceneIndex(self.edges.bounds)
        self._most_edges = int(self.edges.count.max(initial=0))
        self._areas_of_scenes = None

    def overlaps(self, start, stop):
        """Pairs of schools ``start``..``stop`` with the scenes within their distance.

        Returns school positions, scene positions, distances, areas, shares of
        the buffer (arrays) and outlines (a list of WKB, None without area),
        sorted by school, then scene.
        """
        batch = np.arange(start, stop)
        found = [
            *self._point_pieces(batch[self.points[start:stop]]),
            self._other_pairs(batch[~self.points[start:stop]]),
        ]
        rows, cols, gaps, areas, shares = (
            np.concatenate([part[k] for part in found]) for k in range(5)
        )
        outlines = [outline for part in found for outline in part[5]]
        order = np.lexsort((cols, rows))
        return (
            rows[order],
            cols[order],
            gaps[order],
            areas[order],
            shares[order],
            [outlines[k] for k in order],
        )

    def _point_pieces(self, schools):
        """The point pairs (as ``_point_pairs``), in pieces of schools meeting at most
        _PIECE_EDGES scene edges (or one school), with a look at cancel between:
        near scenes of 100,000 vertices one call would work for seconds."""
        if self._most_edges * len(schools) <= _PIECE_EDGES:
            return [self._point_pairs(schools)]
        x, y, reach = self.xy[schools, 0], self.xy[schools, 1], self.reaches[schools]
        grow = reach + _SLACK * (np.abs(x) + np.abs(y) + reach)
        rows, cols = self.index.overlapping(
            np.column_stack((x - grow, y - grow, x + grow, y + grow))
        )
        edges = np.bincount(rows, weights=self.edges.count[cols], minlength=len(schools))
        return [self._point_pairs(schools[part]) for part in _edge_slices(edges)]

    def _point_pairs(self, schools):
        """Pairs of point schools: true distances, exact areas, outlines."""
        x, y, reach = self.xy[schools, 0], self.xy[schools, 1], self.reaches[schools]
        grow = reach + _SLACK * (np.abs(x) + np.abs(y) + reach)
        rows, cols = self.index.overlapping(
            np.column_stack((x - grow, y - grow, x + grow, y + grow))
        )
        edges, pair, firsts = self.edges.gather(cols)
        table = self.edges
        px, py = x[rows][pair], y[rows][pair]
        ax, ay, bx, by = table.ax[edges], table.ay[edges], table.bx[edges], table.by[edges]
        gaps = (
            np.minimum.reduceat(segment_distances(px, py, ax, ay, bx, by), firsts)
            if len(edges)
            else np.zeros(0)
        )
        if len(edges):
            inside = (
                np.add.reduceat(crossings(px, py, ax, ay, bx, by).astype(np.int64), firsts) % 2 == 1
            )
            gaps[inside] = 0.0
        keep = gaps <= reach[rows]
        rows, cols, gaps = rows[keep], cols[keep], gaps[keep]
        kept_edges = keep[pair]
        renumber = np.cumsum(keep) - 1
        pair, edges = renumber[pair[kept_edges]], edges[kept_edges]
        counts = table.count[cols]
        firsts = np.cumsum(counts) - counts
        centre_x, centre_y, radius = x[rows], y[rows], reach[rows]
        ax, ay = table.ax[edges] - centre_x[pair], table.ay[edges] - centre_y[pair]
        bx, by = table.bx[edges] - centre_x[pair], table.by[edges] - centre_y[pair]
        signed = table.weight[edges] * disc_triangle_areas(ax, ay, bx, by, radius[pair])
        disc_areas = math.pi * radius * radius
        # Exact up to rounding, which must not leave the possible range.
        areas = np.clip(np.bincount(pair, weights=signed, minlength=len(rows)), 0.0, disc_areas)
        # A scene at exactly the distance only touches the circle.
        areas[gaps >= radius] = 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.where(disc_areas > 0, areas / disc_areas, 0.0)
        edge_table = PairEdges(ax, ay, bx, by, pair, firsts, radius)
        outlines = self._point_outlines(
            edge_table, cols, areas, gaps, np.column_stack((centre_x, centre_y))
        )
        return schools[rows], cols, gaps, areas, np.clip(shares, 0.0, 1.0), outlines

    def _point_outlines(self, edges, cols, areas, gaps, centres):
        """WKB outline per point pair: the scene, the drawn ring, the circle, or GEOS."""
        kind, points = classify(edges, self.edges.simple[cols], areas, gaps == 0)
        outlines = [None] * len(cols)
        scenes = self.edges.wkb
        for k, col in zip(np.flatnonzero(kind == 1).tolist(), cols[kind == 1].tolist()):
            outlines[k] = scenes[col]
        orientation = np.sign(self.edges.weight[self.edges.start[cols]])
        drawn = np.flatnonzero(kind == 2)
        ring, starts, lengths, good = direct(edges, drawn, points, areas, orientation[drawn])
        for k, wkb in zip(drawn.tolist(), to_wkb(ring, starts, lengths, good, centres[drawn])):
            outlines[k] = wkb
        kind[drawn[~good]] = 4
        many = np.flatnonzero(kind == 5)
        found = many_crossings(edges, many, areas, points, orientation[many], centres[many])
        for k, wkb in zip(many.tolist(), found):
            outlines[k] = wkb
        kind[many[[wkb is None for wkb in found]]] = 4
        for k in np.flatnonzero(kind == 3).tolist():
            outlines[k] = ring_wkb(circle(centres[k, 0], centres[k, 1], edges.radius[k]))
        for k in np.flatnonzero(kind == 4).tolist():
            cancel.check()
            x, y = centres[k]
            outlines[k] = overlaid(self.scenes[cols[k]], x, y, edges.radius[k], areas[k])
        return outlines

    def _other_pairs(self, schools):
        """Pairs of school grounds and multi-point schools, through GEOS."""
        geometries = _take(self.schools, schools)
        reach = self.reaches[schools]
        bounds = _bounds(geometries)
        grow = reach + _SLACK * (np.abs(bounds).max(axis=1) + reach)
        rows, cols = self.index.overlapping(bounds + np.column_stack((-grow, -grow, grow, grow)))
        # Envelopes farther apart than the reach (across a corner) hold no pair.
        close = _envelope_gaps(bounds[rows], self.edges.bounds[cols]) <= grow[rows]
        rows, cols = rows[close], cols[close]
        near, outside = self._scenes_near(cols, bounds[rows], grow[rows])
        gaps = _distances(_take(geometries, rows), near)
        gaps[outside] = math.inf
        keep = gaps <= reach[rows]
        rows, cols, gaps = rows[keep], cols[keep], gaps[keep]
        buffered = np.unique(rows)
        buffers = _buffers(_take(geometries, buffered), reach[buffered])
        owner = np.searchsorted(buffered, rows)
        grounds = _take(geometries, buffered)
        areas, outlines = np.empty(len(cols)), []
        # In pieces of pairs by scene edges: near scenes of 100,000 vertices the
        # vectorised steps of one call would work for seconds without a look at cancel.
        edges = self.edges.count[cols]
        whole = self._most_edges * len(cols) <= _PIECE_EDGES
        for part in [slice(0, len(cols))] if whole else _edge_slices(edges):
            areas[part], found = self._ground_overlays(
                grounds, bounds[buffered], reach[buffered], buffers, owner[part], cols[part]
            )
            outlines.extend(found)
        buffer_areas = _areas(buffers)[owner]
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.clip(np.where(buffer_areas > 0, areas / buffer_areas, 0.0), 0.0, 1.0)
        return schools[rows], cols, gaps, areas, shares, outlines

    def _scenes_near(self, cols, bounds, grow):
        """The scenes ``cols`` for distances to grounds within ``bounds`` grown by
        ``grow``, and which of them have nothing there (farther than ``grow``).

        Scenes of many edges are cut to that box: whatever of a scene lies
        within ``grow`` of the ground lies in it, and GEOS's distance compares
        every edge with every edge (a tenth of a second for 100,000 vertices).
        """
        scenes = _take(self.scenes, cols)
        outside = np.zeros(len(cols), dtype=bool)
        for k in np.flatnonzero(self.edges.count[cols] > _CLIPPED_EDGES).tolist():
            cancel.check()
            (west, south, east, north), margin = bounds[k].tolist(), float(grow[k])
            scenes[k] = clip_by_rect(
                scenes[k], west - margin, south - margin, east + margin, north + margin
            )
            outside[k] = scenes[k].is_empty
        return scenes, outside

    def _ground_overlays(self, grounds, bounds, reach, buffers, owner, cols):
        """Areas and outlines of buffer ∩ scene per pair (buffer ``owner[k]`` of
        ``grounds`` at ``reach``): the scene itself where it surely lies inside
        the buffer, drawn directly where the two rings cross twice (``cut``),
        a GEOS overlay for the rest."""
        inside = surely_inside(grounds, bounds, reach, owner, self.edges, cols, _single_rings)
        areas, outlines = np.empty(len(cols)), [None] * len(cols)
        whole = np.flatnonzero(inside)
        areas[whole] = self._scene_areas()[cols[whole]]
        for k, col, area in zip(whole.tolist(), cols[whole].tolist(), areas[whole].tolist()):
            outlines[k] = self.edges.wkb[col] if area > 0 else None
        rest = np.flatnonzero(~inside)
        used, local = np.unique(owner[rest], return_inverse=True)
        rings = BufferRings(*_single_rings(_take(buffers, used)))
        drawn, cut_areas, cut_outlines = cut(rings, local, self.edges, cols[rest])
        for k, area, outline in zip(rest[drawn].tolist(), cut_areas[drawn].tolist(), cut_outlines):
            areas[k], outlines[k] = area, outline
        rest = rest[~drawn]
        # Boxes a little larger than the scenes: no edge of theirs on a box's side.
        boxes = self.edges.bounds[cols[rest]] + (-1.0, -1.0, 1.0, 1.0)
        areas[rest], overlaid = _overlays(
            _take(buffers, owner[rest]), _take(self.scenes, cols[rest]), boxes
        )
        for k, outline in zip(rest.tolist(), overlaid):
            outlines[k] = outline
        return areas, outlines

    def _scene_areas(self):
        """The scenes' areas, as GEOS measures them; once per analysis."""
        if self._areas_of_scenes is None:
            self._areas_of_scenes = _areas(self.scenes)
        return self._areas_of_scenes
