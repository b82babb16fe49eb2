"""GEOS for school grounds and multi-point schools, under shapely 1.8 and 2.x.

Shapely 2 runs whole arrays in C; under 1.8 the calls go to GEOS through
shapely's own ctypes binding (``lgeos``), without a shapely object per
result. Numeric results are numpy arrays either way, and the same GEOS calls
give the same numbers.
"""

import math

import numpy as np
import shapely
from shapely.geometry import Point

from . import cancel
from .disc import quad_segments, quad_segments_of
from .outline import polygonal
from .records import PointXY
from .scenes import wkb_bounds, wkb_of

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
        segments = quad_segments_of(distances)
        buffers = np.empty(len(geometries), dtype=object)
        for count in np.unique(segments).tolist():
            chosen = np.flatnonzero(segments == count)
            # In pieces, so that cancel is looked at between them.
            for part in cancel.pieces(len(chosen)):
                some = chosen[part]
                buffers[some] = shapely.buffer(geometries[some], distances[some], quad_segs=count)
        return buffers

    def _overlays(left, right, boxes):
        """Areas and outlines (WKB, None without area) of ``left[k] ∩ right[k]``.

        Whole: clipping to ``boxes`` first (as under 1.8) takes a Python call each.
        """
        pieces = np.empty(len(left), dtype=object)
        for part in cancel.pieces(len(left)):
            pieces[part] = shapely.intersection(left[part], right[part])
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
        result = np.empty(len(left))
        for part in cancel.pieces(len(left)):
            result[part] = shapely.distance(left[part], right[part])
        return result

else:
    import ctypes

    from shapely.geometry.base import geom_factory
    from shapely.geos import lgeos

    def _take(geometries, index):
        return [geometries[k] for k in index.tolist()]

    # A geometry's envelope in one call (GEOS 3.11+), else in four (3.7+), through
    # shapely 1.8's own binding: ``bounds`` makes an envelope geometry and its
    # coordinates, ten times slower.
    _EXTENT = getattr(lgeos._lgeos, "GEOSGeom_getExtent_r", None)
    _SIDES = [
        getattr(lgeos._lgeos, "GEOSGeom_get{}_r".format(side), None)
        for side in ("XMin", "YMin", "XMax", "YMax")
    ]
    for _getter in [_EXTENT, *_SIDES]:
        if _getter is not None:
            _getter.argtypes = [ctypes.c_void_p] * (6 if _getter is _EXTENT else 3)
            _getter.restype = ctypes.c_int

    # Empty geometries have no bounds: NaN meets nothing.
    _NO_BOX = [math.nan] * 4

    def _bounds(geometries):
        if _EXTENT is None and None in _SIDES:
            return np.array([wkb_bounds(g) for g in geometries], dtype=float).reshape(-1, 4)
        box, handle = (ctypes.c_double * 4)(), lgeos.geos_handle
        sides = [ctypes.addressof(box) + 8 * k for k in range(4)]
        # A getter returns 0, setting nothing, for an empty geometry.
        if _EXTENT is not None:
            rows = [box[:] if _EXTENT(handle, g._geom, *sides) else _NO_BOX for g in geometries]
        else:
            pairs = list(zip(_SIDES, sides))
            rows = [
                box[:] if all([get(handle, g._geom, side) for get, side in pairs]) else _NO_BOX
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
        segments = quad_segments_of(distances).tolist()
        for geometry, distance, count in zip(geometries, distances.tolist(), segments):
            cancel.check()
            made = geometry._geom and lgeos.GEOSBuffer(geometry._geom, distance, count)
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
            cancel.check()
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
        size, turn = ctypes.c_uint(), ctypes.c_char()
        handle = lgeos.geos_handle
        sequences, counts, anticlockwise = [], [], []
        for geometry in geometries:
            sequence = _ring_sequence(geometry._geom)
            found = bool(
                sequence
                and lgeos.GEOSCoordSeq_getSize(sequence, ctypes.byref(size))
                and size.value >= 4
                and _CCW(handle, sequence, ctypes.byref(turn))
            )
            counts.append(size.value - 1 if found else 0)
            anticlockwise.append(found and turn.value == b"\x01")
            if found:
                sequences.append(sequence)
        counts = np.array(counts, dtype=np.int64)
        starts = (np.cumsum(counts) - counts).tolist()
        # Ring after ring in one array, each copied over the closing vertex of the
        # one before (the last one's in a spare row): no copy left to make.
        xy = np.empty((int(counts.sum()) + 1, 2))
        address, row = xy.ctypes.data, xy.strides[0]
        failed = [
            k
            for k, sequence in zip(np.flatnonzero(counts).tolist(), sequences)
            if not _COPY(handle, sequence, address + row * starts[k], 0, 0)
        ]
        keep = np.ones(len(xy) - 1, dtype=bool)
        for k in failed:
            keep[starts[k] : starts[k] + counts[k]], counts[k], anticlockwise[k] = False, 0, False
        return xy[:-1][keep] if failed else xy[:-1], counts, np.array(anticlockwise, dtype=bool)

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
