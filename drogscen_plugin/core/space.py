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
from .cut import BufferRings, cut
from .disc import crossings, disc_triangle_areas, quad_segments, segment_distances
from .errors import InputError
from .grounds import surely_inside
from .outline import PairEdges, circle, classify, direct, overlaid, polygonal, ring_wkb, to_wkb
from .records import PointXY
from .scenes import SceneEdges, SceneIndex, wkb_bounds, wkb_of

SCHOOL_GEOMETRY_TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
SCENE_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")

# Relative to the coordinates: a margin far above rounding, so that the
# envelope search never drops a pair the exact distance would keep.
_SLACK = 1e-9

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
            chosen = segments == count
            buffers[chosen] = shapely.buffer(geometries[chosen], distances[chosen], quad_segs=count)
        return buffers

    def _overlays(left, right, boxes):
        """Areas and outlines (WKB, None without area) of ``left[k] ∩ right[k]``.

        Whole: clipping to ``boxes`` first (as under 1.8) takes a Python call each.
        """
        pieces = shapely.intersection(left, right)
        areas = shapely.area(pieces)
        return areas, [_outline(piece, area) for piece, area in zip(pieces, areas.tolist())]

    def _areas(geometries):
        return shapely.area(geometries)

    def _single_rings(geometries):
        """(vertices, count per geometry, anticlockwise) of the polygons of one
        ring, without the closing vertex; count 0 for the others."""
        if not isinstance(geometries, np.ndarray):
            geometries = _take(geometries, np.arange(len(geometries)))
        single = np.flatnonzero(
            (shapely.get_type_id(geometries) == 3)
            & (shapely.get_num_interior_rings(geometries) == 0)
        )
        rings = shapely.get_exterior_ring(geometries[single])
        xy, owner = shapely.get_coordinates(rings, return_index=True)
        counts = np.zeros(len(geometries), dtype=np.int64)
        counts[single] = np.bincount(owner, minlength=len(single))
        keep = np.ones(len(xy), dtype=bool)
        keep[np.cumsum(counts)[counts > 0] - 1] = False
        anticlockwise = np.zeros(len(geometries), dtype=bool)
        anticlockwise[single] = shapely.is_ccw(rings)
        return xy[keep], np.maximum(counts - 1, 0), anticlockwise

    def _distances(left, right):
        return shapely.distance(left, right)

else:
    import ctypes

    from shapely.geometry.base import geom_factory
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

    class _Owned:
        """A GEOS geometry made here, destroyed with this object: shapely 1.8's
        objects would cost a fifth of a buffer's time."""

        __slots__ = ("_geom",)

        def __init__(self, pointer):
            self._geom = pointer

        def __del__(self):
            lgeos.GEOSGeom_destroy(self._geom)

    def _shape(geometry):
        """A shapely geometry of ``geometry`` (shapely's or ``_Owned``)."""
        if isinstance(geometry, _Owned):
            return geom_factory(lgeos.GEOSGeom_clone(geometry._geom))
        return geometry

    def _buffers(geometries, distances):
        # The call shapely's ``buffer`` makes (round caps and joins).
        buffers = []
        for geometry, distance in zip(geometries, distances.tolist()):
            made = geometry._geom and lgeos.GEOSBuffer(
                geometry._geom, distance, quad_segments(distance)
            )
            # Errors as shapely reports them.
            buffers.append(_Owned(made) if made else buffer_geometry(geometry, distance))
        return buffers

    class _Borrowed:
        """A GEOS geometry pointer, as the WKB writer takes a geometry."""

        __slots__ = ("_geom",)

    # GEOS type ids of what an overlay outline keeps as it is.
    _POLYGONAL = (3, 6)

    def _overlays(left, right, boxes):
        """Areas and outlines (WKB, None without area) of ``left[k] ∩ right[k]``,
        ``boxes[k]`` holding ``right[k]``.

        Through GEOS directly: shapely 1.8 would wrap every piece in Python
        objects, a third of the time. ``left`` clipped to the box first (a
        linear pass) leaves the overlay a few of its vertices; the same GEOS
        calls give the same numbers.
        """
        areas, outlines = np.empty(len(left)), [None] * len(left)
        value = ctypes.c_double()
        out, borrowed = ctypes.byref(value), _Borrowed()
        usable = np.isfinite(boxes).all(axis=1).tolist()
        for k, (a, b, box) in enumerate(zip(left, right, boxes.tolist())):
            first, second = a._geom, b._geom
            clipped = lgeos.GEOSClipByRect(first, *box) if first and second and usable[k] else None
            piece = lgeos.GEOSIntersection(clipped or first, second) if first and second else None
            try:
                if (
                    not piece
                    or not lgeos.GEOSArea(piece, out)
                    or lgeos.GEOSGeomTypeId(piece) not in _POLYGONAL
                ):
                    # Errors, and pieces with lines or points: as shapely does it, unclipped.
                    shape = _shape(a).intersection(b)
                    areas[k] = shape.area
                    outlines[k] = _outline(shape, areas[k])
                    continue
                areas[k] = value.value
                if value.value > 0:
                    borrowed._geom = piece
                    outlines[k] = wkb_of(borrowed)
            finally:
                for made in (piece, clipped):
                    if made:
                        lgeos.GEOSGeom_destroy(made)
        return areas, outlines

    def _areas(geometries):
        value = ctypes.c_double()
        out = ctypes.byref(value)
        return np.array(
            [
                value.value if g._geom and lgeos.GEOSArea(g._geom, out) else _shape(g).area
                for g in geometries
            ],
            dtype=float,
        )

    # Copies a coordinate sequence into an array (GEOS 3.10+).
    _COPY = getattr(lgeos._lgeos, "GEOSCoordSeq_copyToBuffer_r", None)
    if _COPY is not None:
        _COPY.argtypes = [
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_int,
        ]
        _COPY.restype = ctypes.c_int
        _CCW = lgeos._lgeos.GEOSCoordSeq_isCCW_r
        _CCW.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        _CCW.restype = ctypes.c_int

    def _ring_sequence(pointer):
        """The coordinate sequence of a polygon of one ring, or None."""
        ring = (
            pointer
            and _COPY is not None
            and lgeos.GEOSGeomTypeId(pointer) == 3
            and lgeos.GEOSGetNumInteriorRings(pointer) == 0
            and lgeos.GEOSGetExteriorRing(pointer)
        )
        return (ring and lgeos.GEOSGeom_getCoordSeq(ring)) or None

    def _single_rings(geometries):
        """(vertices, count per geometry, anticlockwise) of the polygons of one
        ring, without the closing vertex; count 0 for the others (all with GEOS
        before 3.10)."""
        counts, parts, anticlockwise = [], [], []
        size, turn = ctypes.c_uint(), ctypes.c_char()
        handle = lgeos.geos_handle
        for geometry in geometries:
            sequence = _ring_sequence(geometry._geom)
            xy = None
            if (
                sequence
                and lgeos.GEOSCoordSeq_getSize(sequence, ctypes.byref(size))
                and size.value >= 4
                and _CCW(handle, sequence, ctypes.byref(turn))
            ):
                xy = np.empty((size.value, 2))
                if not _COPY(handle, sequence, xy.ctypes.data, 0, 0):
                    xy = None
            counts.append(0 if xy is None else len(xy) - 1)
            anticlockwise.append(xy is not None and turn.value == b"\x01")
            if xy is not None:
                parts.append(xy[:-1])
        return (
            np.concatenate(parts) if parts else np.zeros((0, 2)),
            np.array(counts, dtype=np.int64),
            np.array(anticlockwise, dtype=bool),
        )

    def _distances(left, right):
        result = np.empty(len(left))
        value = ctypes.c_double()
        out = ctypes.byref(value)
        for k, (a, b) in enumerate(zip(left, right)):
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
    for school in schools:
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
    for scene in scenes:
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
    found = [_single_point(schools[k].geometry) for k in chosen.tolist()]
    xy[chosen] = np.array([(point.x, point.y) for point in found], dtype=float).reshape(-1, 2)
    bad = np.flatnonzero(points & ~np.isfinite(xy).all(axis=1))
    if len(bad):
        raise InputError(
            tr("School {fid}: the point has coordinates that are not numbers").format(
                fid=schools[bad[0]].fid
            )
        )
    return xy


class Space:
    """The geometric side of the analysis, batch by batch of schools."""

    def __init__(self, schools, scenes, distance):
        _check_inputs(schools, scenes, distance)
        self.schools = [school.geometry for school in schools]
        self.scenes = [scene.geometry for scene in scenes]
        self.reaches = np.array(
            [distance if school.distance is None else school.distance for school in schools],
            dtype=float,
        )
        self.points = np.array([_single_point(g) is not None for g in self.schools], dtype=bool)
        self.xy = _point_coordinates(schools, self.points)
        self.edges = SceneEdges(scenes)
        self.index = SceneIndex(self.edges.bounds)
        self._areas_of_scenes = None

    def overlaps(self, start, stop):
        """Pairs of schools ``start``..``stop`` with the scenes within their distance.

        Returns school positions, scene positions, distances, areas, shares of
        the buffer (arrays) and outlines (a list of WKB, None without area),
        sorted by school, then scene.
        """
        batch = np.arange(start, stop)
        found = [
            self._point_pairs(batch[self.points[start:stop]]),
            self._other_pairs(batch[~self.points[start:stop]]),
        ]
        rows, cols, gaps, areas, shares = (
            np.concatenate([part[k] for part in found]) for k in range(5)
        )
        outlines = found[0][5] + found[1][5]
        order = np.lexsort((cols, rows))
        return (
            rows[order],
            cols[order],
            gaps[order],
            areas[order],
            shares[order],
            [outlines[k] for k in order],
        )

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
        areas, outlines = self._ground_overlays(
            _take(geometries, buffered), bounds[buffered], reach[buffered], buffers, owner, cols
        )
        buffer_areas = _areas(buffers)[owner]
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.clip(np.where(buffer_areas > 0, areas / buffer_areas, 0.0), 0.0, 1.0)
        return schools[rows], cols, gaps, areas, shares, outlines

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
