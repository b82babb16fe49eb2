"""The space side of the overlap: which scenes lie within each school's distance,
how much of them, and an outline for the map.

A school and a scene form a pair when their true distance is at most the
school's distance. For a point school the area inside the circle is exact
(``disc``) and the outline mostly drawn without GEOS (``outline``); school
grounds and multi-point schools are buffered with arcs within
``disc.SAGITTA`` of the true offset and intersected by GEOS.
"""

import math

import numpy as np
import shapely
from shapely.geometry import Point

from ..i18n import tr
from . import cancel
from .disc import crossings, disc_triangle_areas, quad_segments, segment_distances
from .errors import InputError
from .outline import PairEdges, circle, classify, direct, overlaid, polygonal, ring_wkb, to_wkb
from .records import PointXY
from .scenes import SceneEdges, SceneIndex, wkb_bounds, wkb_of

SCHOOL_GEOMETRY_TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
SCENE_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")

# Relative to the coordinates: a margin far above rounding, so that the
# envelope search never drops a pair the exact distance would keep.
_SLACK = 1e-9
# Scene edges a piece of point schools may meet (see ``_point_pieces``): a few milliseconds.
_PIECE_EDGES = 50000

# --- shapely 1.8 / 2.x, for school grounds ------------------------------------
# Shapely 2 runs whole arrays in C; 1.8 needs Python loops. Numeric results
# are numpy arrays either way.

if int(shapely.__version__.split(".")[0]) >= 2:

    def _take(geometries, index):
        array = np.empty(len(index), dtype=object)
        # Item by item: assigning a list would make numpy inspect every geometry.
        for position, k in enumerate(index.tolist()):
            array[position] = geometries[k]
        return array

    def _bounds(geometries):
        return shapely.bounds(geometries).reshape(-1, 4)

    def _buffers(geometries, distances):
        # One call per segment count: shapely takes only one.
        segments = np.array([quad_segments(d) for d in distances.tolist()])
        buffers = np.empty(len(geometries), dtype=object)
        for count in np.unique(segments).tolist():
            chosen = np.flatnonzero(segments == count)
            # In pieces, so that cancel is looked at between them.
            for part in cancel.pieces(len(chosen)):
                some = chosen[part]
                buffers[some] = shapely.buffer(geometries[some], distances[some], quad_segs=count)
        return buffers

    def _overlays(left, right):
        """Areas and outlines (WKB, None without area) of ``left[k] ∩ right[k]``."""
        pieces = np.empty(len(left), dtype=object)
        for part in cancel.pieces(len(left)):
            pieces[part] = shapely.intersection(left[part], right[part])
        areas = shapely.area(pieces)
        return areas, [_outline(piece, area) for piece, area in zip(pieces, areas.tolist())]

    def _areas(geometries):
        return shapely.area(geometries)

    def _distances(left, right):
        result = np.empty(len(left))
        for part in cancel.pieces(len(left)):
            result[part] = shapely.distance(left[part], right[part])
        return result

else:
    import ctypes

    from shapely.geos import lgeos

    def _take(geometries, index):
        return [geometries[k] for k in index.tolist()]

    # GEOS's envelope getters (GEOS 3.7+) through shapely 1.8's own binding:
    # ``bounds`` makes an envelope geometry and its coordinates, ten times slower.
    _EXTENT = [
        getattr(lgeos._lgeos, "GEOSGeom_get{}_r".format(side), None)
        for side in ("XMin", "YMin", "XMax", "YMax")
    ]
    if None not in _EXTENT:
        for _getter in _EXTENT:
            _getter.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_double)]
            _getter.restype = ctypes.c_int

    def _bounds(geometries):
        # Empty geometries have no bounds: NaN meets nothing.
        if None in _EXTENT:
            return np.array([wkb_bounds(g) for g in geometries], dtype=float).reshape(-1, 4)
        value = ctypes.c_double()
        out, handle = ctypes.byref(value), lgeos.geos_handle
        # A getter returns 0, setting nothing, for an empty geometry.
        rows = [
            [value.value if get(handle, g._geom, out) else math.nan for get in _EXTENT]
            for g in geometries
        ]
        return np.array(rows, dtype=float).reshape(-1, 4)

    def _buffers(geometries, distances):
        return [
            buffer_geometry(g, d) for g, d in zip(cancel.each(geometries, 1), distances.tolist())
        ]

    class _Borrowed:
        """A GEOS geometry pointer, as the WKB writer takes a geometry."""

        __slots__ = ("_geom",)

    # GEOS type ids of what an overlay outline keeps as it is.
    _POLYGONAL = (3, 6)

    def _overlays(left, right):
        """Areas and outlines (WKB, None without area) of ``left[k] ∩ right[k]``.

        Through GEOS directly: shapely 1.8 would wrap every piece in Python
        objects, a third of the time. The same GEOS calls give the same numbers.
        """
        areas, outlines = np.empty(len(left)), [None] * len(left)
        value = ctypes.c_double()
        out, borrowed = ctypes.byref(value), _Borrowed()
        for k, (a, b) in enumerate(zip(left, right)):
            cancel.check()
            first, second = a._geom, b._geom
            piece = lgeos.GEOSIntersection(first, second) if first and second else None
            try:
                if (
                    not piece
                    or not lgeos.GEOSArea(piece, out)
                    or lgeos.GEOSGeomTypeId(piece) not in _POLYGONAL
                ):
                    # Errors, and pieces with lines or points: as shapely does it.
                    shape = a.intersection(b)
                    areas[k] = shape.area
                    outlines[k] = _outline(shape, areas[k])
                    continue
                areas[k] = value.value
                if value.value > 0:
                    borrowed._geom = piece
                    outlines[k] = wkb_of(borrowed)
            finally:
                if piece:
                    lgeos.GEOSGeom_destroy(piece)
        return areas, outlines

    def _areas(geometries):
        return np.array([g.area for g in geometries], dtype=float)

    def _distances(left, right):
        result = np.empty(len(left))
        value = ctypes.c_double()
        out = ctypes.byref(value)
        for k, (a, b) in enumerate(zip(left, right)):
            cancel.check()
            first, second = a._geom, b._geom
            # Directly, as in _overlays; shapely for anything unusual.
            if first and second and lgeos.GEOSDistance(first, second, out):
                result[k] = value.value
            else:
                result[k] = a.distance(b)
        return result


def _outline(piece, area):
    """WKB of an overlay's polygons, or None without area."""
    return wkb_of(polygonal(piece)) if area > 0 else None


def buffer_geometry(geom, distance):
    """The area within ``distance`` of ``geom`` as the analysis draws it.

    Round caps and joins, corners on the true offset and chords at most
    ``disc.SAGITTA`` inside it: the school buffers on the map are the circles
    the analysis measures with.
    """
    if isinstance(geom, PointXY):
        geom = Point(geom.x, geom.y)
    # Positional: the keyword is ``resolution`` in 1.8 and ``quad_segs`` in 2.x.
    return geom.buffer(distance, quad_segments(distance))


def _valid_distance(value):
    return isinstance(value, (int, float)) and math.isfinite(value) and value >= 0


def _check_inputs(schools, scenes, distance):
    if not _valid_distance(distance):
        raise InputError(
            tr("Distance {distance} is not a number of metres of at least 0").format(
                distance=distance
            )
        )
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
    for scene in cancel.each(scenes):
        kind = scene.geometry.geom_type
        if kind not in SCENE_GEOMETRY_TYPES:
            raise InputError(
                tr("Scene {fid}: {kind} geometry is not supported, only polygons").format(
                    fid=scene.fid, kind=kind
                )
            )


def _single_point(geometry):
    """The point of a Point, or of a MultiPoint of one point (as PostGIS may
    store schools); None for anything else."""
    kind = geometry.geom_type
    if kind == "Point":
        return None if geometry.is_empty else geometry
    if kind == "MultiPoint" and len(geometry.geoms) == 1:
        return geometry.geoms[0]
    return None


def _point_coordinates(schools, points):
    """x, y of the point schools (NaN for the others); refuses coordinates that are not numbers."""
    xy = np.full((len(schools), 2), np.nan)
    chosen = np.flatnonzero(points)
    # One array from a list: row by row would cost a numpy call per school.
    found = [_single_point(schools[k].geometry) for k in cancel.each(chosen.tolist())]
    xy[chosen] = np.array(
        [(point.x, point.y) for point in cancel.each(found)], dtype=float
    ).reshape(-1, 2)
    bad = np.flatnonzero(points & ~np.isfinite(xy).all(axis=1))
    if len(bad):
        raise InputError(
            tr("School {fid}: the point has coordinates that are not numbers").format(
                fid=schools[bad[0]].fid
            )
        )
    return xy


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
        _check_inputs(schools, scenes, distance)
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
            [_single_point(g) is not None for g in cancel.each(self.schools)], dtype=bool
        )
        self.xy = _point_coordinates(schools, self.points)
        self.edges = SceneEdges(scenes)
        self.index = SceneIndex(self.edges.bounds)
        self._most_edges = int(self.edges.count.max(initial=0))

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
        for k in np.flatnonzero(kind == 1).tolist():
            outlines[k] = self.edges.wkb[cols[k]]
        drawn = np.flatnonzero(kind == 2)
        orientation = np.sign(self.edges.weight[self.edges.start[cols[drawn]]])
        ring, starts, lengths, good = direct(edges, drawn, points, areas, orientation)
        for k, wkb in zip(drawn.tolist(), to_wkb(ring, starts, lengths, good, centres[drawn])):
            outlines[k] = wkb
        kind[drawn[~good]] = 4
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
        gaps = _distances(_take(geometries, rows), _take(self.scenes, cols))
        keep = gaps <= reach[rows]
        rows, cols, gaps = rows[keep], cols[keep], gaps[keep]
        buffered = np.unique(rows)
        buffers = _buffers(_take(geometries, buffered), reach[buffered])
        owner = np.searchsorted(buffered, rows)
        areas, outlines = _overlays(_take(buffers, owner), _take(self.scenes, cols))
        buffer_areas = _areas(buffers)[owner]
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.clip(np.where(buffer_areas > 0, areas / buffer_areas, 0.0), 0.0, 1.0)
        return schools[rows], cols, gaps, areas, shares, outlines
