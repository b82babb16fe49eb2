"""The right grid: does the data lie within the analysis CRS's area of use?

SWEREF 99 TM (EPSG:3006) measures Sweden to within 0.2 %; far outside its
area of use, distances and areas come out a percent or more off. QGIS knows
each CRS's area of use; the data's UTM zone (WGS 84 / UTM zone N: EPSG:326NN
north of the equator, 327NN south) fits any place.
"""

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsRectangle,
    QgsSettings,
)

from ..definitions.defaults import ANALYSIS_CRS, WGS84
from ..i18n import tr

ANALYSIS_CRS_KEY = "drogscen/analysis_crs"


def analysis_crs_setting(settings=None):
    """The dock's analysis CRS: drogscen/analysis_crs, else SWEREF 99 TM."""
    value = (settings or QgsSettings()).value(ANALYSIS_CRS_KEY, "")
    return str(value or "").strip() or ANALYSIS_CRS


def utm_crs(longitude, latitude):
    """WGS 84 / UTM zone of a position, as a CRS."""
    zone = min(max(int(math.floor((longitude + 180.0) / 6.0)) + 1, 1), 60)
    code = (32600 if latitude >= 0 else 32700) + zone
    return QgsCoordinateReferenceSystem("EPSG:{}".format(code))


def source_extent(source):
    """A layer's or feature source's extent, or None where it has none to give: a
    NaN or infinite coordinate, which the reader skips and reports."""
    try:
        return source.sourceExtent()
    except Exception:  # noqa: BLE001 (sip raises a bare Exception for such an extent)
        return None


def extent_in_degrees(extents, transform_context):
    """The union of ``(QgsRectangle, crs)`` extents in longitude and latitude, or None."""
    wgs84 = QgsCoordinateReferenceSystem(WGS84)
    union = QgsRectangle()
    union.setMinimal()
    for extent, crs in extents:
        # A layer of one point has an extent of no area, but not a null one.
        if extent is None or extent.isNull() or not crs.isValid():
            continue
        try:
            box = QgsCoordinateTransform(crs, wgs84, transform_context).transformBoundingBox(extent)
        except QgsCsException:
            continue
        if all(
            math.isfinite(value)
            for value in (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
        ):
            union.combineExtentWith(box)
    return None if union.isNull() or union.xMinimum() > union.xMaximum() else union


def grid_advice(crs, extents, transform_context):
    """``(message, fitting CRS)`` when the data lie outside ``crs``'s area of use, else ("", None).

    ``extents`` are ``(QgsRectangle, QgsCoordinateReferenceSystem)`` pairs.
    """
    bounds = crs.bounds()
    data = extent_in_degrees(extents, transform_context)
    if data is None or bounds.isNull() or bounds.isEmpty():
        return "", None
    if bounds.contains(data):
        return "", None
    centre = data.center()
    fitting = utm_crs(centre.x(), centre.y())
    message = tr(
        "The data ({west:.2f}° to {east:.2f}° E, {south:.2f}° to {north:.2f}° N) lie outside "
        "the area of use of {crs}: distances and areas there may be a percent or more off. "
        "A CRS that fits the data: {fitting}."
    ).format(
        west=data.xMinimum(),
        east=data.xMaximum(),
        south=data.yMinimum(),
        north=data.yMaximum(),
        crs=crs.userFriendlyIdentifier(),
        fitting=fitting.userFriendlyIdentifier(),
    )
    return message, fitting
