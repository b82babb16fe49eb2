"""Checks of what the analysis reads: the CRS, the geometry type, distances, coordinates."""

import numpy as np
from qgis.core import QgsUnitTypes, QgsWkbTypes

try:  # shapely 2: every coordinate of a list in one call
    from shapely import get_coordinates
except ImportError:  # shapely 1.8
    get_coordinates = None

from ..core.errors import InputError
from ..core.scenes import wkb_finite
from ..i18n import tr
from .compat import FieldType

POLYGONS = (QgsWkbTypes.PolygonGeometry,)

# The largest distance around a school, in metres: beyond it a number is a mistake.
MAX_DISTANCE = 100_000.0


def require_metric_crs(crs):
    """Raise InputError unless ``crs`` is a projected CRS in metres (not geocentric)."""
    if not crs.isValid():
        raise InputError(tr("no valid CRS given."))
    # WKT1 (toWkt's default in QGIS 3 and 4) starts with PROJCS for projected CRSs only.
    projected = crs.toWkt().startswith("PROJCS")
    if not projected or crs.isGeographic() or crs.mapUnits() != QgsUnitTypes.DistanceMeters:
        raise InputError(
            tr(
                "{crs} does not measure in metres: choose a projected CRS such as "
                "EPSG:3006 (SWEREF 99 TM)."
            ).format(crs=crs.userFriendlyIdentifier())
        )


def require_geometry_type(source, allowed):
    """Raise InputError naming the layer unless its geometry type is in ``allowed``."""
    found = QgsWkbTypes.geometryType(source.wkbType())
    if found in allowed:
        return
    raise InputError(
        tr("Layer '{layer}' has geometry type {found}: {expected} expected.").format(
            layer=source.sourceName(),
            found=QgsWkbTypes.geometryDisplayString(found),
            expected=expected_types(allowed),
        )
    )


def expected_types(allowed):
    """The geometry types of ``allowed`` in words."""
    return tr("polygons") if tuple(allowed) == POLYGONS else tr("points or polygons")


def _coordinates(shape):
    """Every coordinate of a shapely 1.8 geometry."""
    if hasattr(shape, "geoms"):
        for part in shape.geoms:
            yield from _coordinates(part)
    elif shape.geom_type == "Polygon":
        yield from shape.exterior.coords
        for ring in shape.interiors:
            yield from ring.coords
    else:
        yield from shape.coords


def all_finite(shapes, wkbs):
    """Per geometry (shapely, and the same as WKB): are all its coordinates finite numbers?"""
    if get_coordinates is not None:
        array = np.empty(len(shapes), dtype=object)
        for position, shape in enumerate(shapes):  # numpy would look into each geometry
            array[position] = shape
        coordinates, owners = get_coordinates(array, return_index=True)
        finite = np.ones(len(shapes), dtype=bool)
        finite[owners[~np.isfinite(coordinates).all(axis=1)]] = False
        return finite.tolist()
    finite = [True] * len(wkbs)
    for k in _maybe_not_finite(wkbs):
        ok = wkb_finite(wkbs[k])
        if ok is None:
            ok = bool(np.isfinite(np.asarray(list(_coordinates(shapes[k])), dtype=float)).all())
        finite[k] = ok
    return finite


def _maybe_not_finite(wkbs):
    """Positions of the WKBs that may hold a NaN or an infinite number.

    Such a double has all exponent bits set: two adjacent bytes ``x7F`` and
    ``xF0`` under the masks, in either byte order. One look at all the bytes
    clears the rest, which is nearly all.
    """
    if not wkbs:
        return []
    data = np.frombuffer(b"".join(wkbs), dtype=np.uint8)
    high = (data & 0x7F) == 0x7F
    low = (data & 0xF0) == 0xF0
    hits = np.flatnonzero((low[:-1] & high[1:]) | (high[:-1] & low[1:]))
    ends = np.cumsum([len(wkb) for wkb in wkbs])
    return np.unique(np.searchsorted(ends, hits, side="right")).tolist()


def require_text(layer_name, field):
    """Refuse a field that is not text: a date or number read as text would be written as
    Python's notation of it."""
    if field.type() != FieldType.STRING:
        raise _field_error(
            tr("Layer '{layer}': field '{field}' holds {kind}, not text; choose a text field."),
            layer_name,
            field,
        )


def require_distance(layer_name, field):
    """Refuse a field of distances that holds neither numbers nor text (a date, say)."""
    if not field.isNumeric() and field.type() != FieldType.STRING:
        raise _field_error(
            tr(
                "Layer '{layer}': field '{field}' holds {kind}, not distances in metres; "
                "choose a field of numbers."
            ),
            layer_name,
            field,
        )


def _field_error(template, layer_name, field):
    kind = field.typeName() or field.displayType()
    return InputError(template.format(layer=layer_name, field=field.name(), kind=kind))
