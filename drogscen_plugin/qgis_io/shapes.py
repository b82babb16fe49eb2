"""Geometries between QGIS and shapely, as WKB, for the layer readers and writers."""

import numpy as np
from qgis.core import QgsGeometry, QgsWkbTypes
from shapely import wkb as shapely_wkb
from shapely.ops import unary_union

try:  # shapely 2: whole lists in one call
    from shapely import from_wkb as _from_wkb_array
    from shapely import is_valid as _is_valid_array
    from shapely import to_wkb as _to_wkb_array

    _SHAPELY2 = True
except ImportError:  # shapely 1.8
    import shapely.geometry
    from shapely.geometry.base import GEOMETRY_TYPES
    from shapely.geos import WKBReader, WKBWriter, lgeos

    _SHAPELY2 = False
    # Per GEOS type id, the shapely class of its geometries.
    _CLASSES = [getattr(shapely.geometry, name) for name in GEOMETRY_TYPES]

from ..core.records import PointXY


def polygonal(geometry):
    """The polygon parts of a geometry (a repair can add lines), or None."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [
        part
        for part in getattr(geometry, "geoms", ())
        if part.geom_type in ("Polygon", "MultiPolygon")
    ]
    return unary_union(parts) if parts else None


def to_shapely(geometry):
    return shapely_wkb.loads(bytes(geometry.asWkb()))


def _objects(items):
    array = np.empty(len(items), dtype=object)
    # Item by item: numpy would otherwise look into each item.
    for position, item in enumerate(items):
        array[position] = item
    return array


def to_wkb(geometries):
    """WKB of a list of shapely geometries; None stays None."""
    if _SHAPELY2:
        return list(_to_wkb_array(_objects(geometries)))
    # One GEOS writer for the whole list, not one per geometry as in wkb.dumps.
    writer = WKBWriter(lgeos)
    return [None if geometry is None else writer.write(geometry) for geometry in geometries]


def from_wkb(wkbs):
    """Shapely geometries of a list of WKB bytes."""
    if _SHAPELY2:
        return list(_from_wkb_array(_objects(wkbs)))
    reader = WKBReader(lgeos)
    read, handle = lgeos.GEOSWKBReader_read, reader._reader
    shapes = []
    for wkb in wkbs:
        pointer = read(handle, wkb, len(wkb))
        # Unreadable: shapely's reader raises its own error.
        shapes.append(_shapely_18(pointer) if pointer else reader.read(wkb))
    return shapes


def _shapely_18(pointer):
    """The shapely 1.8 object that owns a GEOS geometry, as shapely's
    ``geom_factory`` makes it: that factory imports a module per geometry,
    two thirds of the time it takes to read a school ground."""
    shape = object.__new__(_CLASSES[lgeos.GEOSGeomTypeId(pointer)])
    # Past the class's __setattr__, which looks up every name it sets.
    vars(shape).update(__geom__=pointer, _ndim=3 if lgeos.GEOSHasZ(pointer) else 2, _is_empty=False)
    return shape


# WKB of a 2D point: byte order, type, x, y.
_POINT_WKB = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def point_records(wkbs):
    """PointXY records straight from WKB when every geometry is a little-endian
    2D point, else None: no shapely object per school."""
    blob = b"".join(wkbs)
    if len(blob) != _POINT_WKB.itemsize * len(wkbs):
        return None
    points = np.frombuffer(blob, dtype=_POINT_WKB)
    if not ((points["order"] == 1).all() and (points["type"] == 1).all()):
        return None
    return list(map(PointXY._make, zip(points["x"].tolist(), points["y"].tolist())))


def validity(geometries):
    if _SHAPELY2:
        return _is_valid_array(_objects(geometries)).tolist()
    return [geometry.is_valid for geometry in geometries]


def linear_2d(geometry, wkb_type):
    """A copy of ``geometry`` without Z, M and curves."""
    if QgsWkbTypes.isCurvedType(wkb_type):
        geometry = QgsGeometry(geometry.constGet().segmentize())
    else:
        geometry = QgsGeometry(geometry)
    geometry.get().dropZValue()
    geometry.get().dropMValue()
    return geometry


def qgs_geometry(wkb, multi):
    """A QgsGeometry from WKB (None: an empty one), multi-part when ``multi``."""
    result = QgsGeometry()
    if wkb is not None:
        result.fromWkb(wkb)
        if multi and not result.isMultipart():
            result.convertToMultiType()
    return result
