"""Layers that mix geometry types, such as an overpass-turbo GeoJSON export of schools.

QGIS reports such a layer by one type (often the first feature's), yet its
features may be points, polygons and their multi-types. The analysis uses
each school's own geometry; only the summary, one feature per school in one
layer, needs one geometry type that every output format can hold.
"""

from qgis.core import QgsWkbTypes

from ..i18n import tr


def summary_geometries(geometries, reported_type, output_type):
    """``(wkb_type, geometries, note)`` for the summary of schools read as ``geometries``.

    Schools all of one kind keep their geometry (points as Point or
    MultiPoint, grounds as MultiPolygon). Points mixed with grounds are
    written as points: each grounds as a point inside it, so that the layer
    holds one type; ``note`` then says so, else it is empty.
    ``output_type(wkb_type)`` is the sink type for one kind of geometry;
    ``reported_type`` is the layer's own type, used when no school was read.
    """
    kinds = {geometry.type() for geometry in geometries}
    is_point = [geometry.type() == QgsWkbTypes.PointGeometry for geometry in geometries]
    multi_points = any(g.isMultipart() for g, point in zip(geometries, is_point) if point)
    point_type = QgsWkbTypes.MultiPoint if multi_points else QgsWkbTypes.Point
    if not kinds:
        return output_type(reported_type), geometries, ""
    if kinds == {QgsWkbTypes.PolygonGeometry}:
        return output_type(QgsWkbTypes.Polygon), geometries, ""
    if kinds == {QgsWkbTypes.PointGeometry}:
        return point_type, geometries, ""
    points = [g if point else g.pointOnSurface() for g, point in zip(geometries, is_point)]
    count = is_point.count(False)
    note = tr(
        "The schools are points and school grounds mixed in one layer: each was analysed by its "
        "own geometry; the summary shows the {count} school grounds as points within them, so "
        "that it holds one geometry type."
    ).format(count=count)
    return point_type, points, note
