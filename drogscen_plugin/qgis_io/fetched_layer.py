"""Fetched schools as QGIS features: the fields, and geometries in the requested CRS.

Schools arrive in EPSG:4326 as points or polygons (school grounds); a layer
holds one geometry type, so points and grounds go to separate layers, with
the same fields: the fields the overlap analysis reads (name, type,
opening_hours) and where each school comes from.
"""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime
from shapely import wkb as shapely_wkb

from ..core.errors import InputError
from ..definitions.defaults import WGS84
from ..i18n import tr
from .compat import FieldType

POINT_TYPE = QgsWkbTypes.Point
GROUNDS_TYPE = QgsWkbTypes.MultiPolygon

_FIELDS = (
    ("name", FieldType.STRING),
    ("type", FieldType.STRING),
    ("opening_hours", FieldType.STRING),
    ("source_id", FieldType.STRING),
    ("source", FieldType.STRING),
    ("fetched_at", FieldType.DATETIME),
)


def _aliases():
    return {
        "name": tr("Name"),
        "type": tr("School type"),
        "opening_hours": tr("Opening hours"),
        "source_id": tr("Id in the source"),
        "source": tr("Source"),
        "fetched_at": tr("Fetched at (UTC)"),
    }


def fetched_fields():
    """The fields of both layers: name, type, opening_hours, source_id, source, fetched_at."""
    aliases = _aliases()
    fields = QgsFields()
    for name, variant in _FIELDS:
        field = QgsField(name, variant)
        field.setAlias(aliases[name])
        fields.append(field)
    return fields


def is_point(school):
    return school.geometry.geom_type == "Point"


def split_by_geometry(schools):
    """``(points, grounds)``: the schools mapped as points and those with school grounds."""
    points = [school for school in schools if is_point(school)]
    grounds = [school for school in schools if not is_point(school)]
    return points, grounds


def wgs84_transform(crs, transform_context):
    """The transform from the sources' EPSG:4326 to ``crs``."""
    return QgsCoordinateTransform(QgsCoordinateReferenceSystem(WGS84), crs, transform_context)


def _utc(moment):
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
        Qt.TimeSpec.UTC,
    )


def to_feature(school, fields, transform):
    """A QgsFeature of ``fields`` for a FetchedSchool, its geometry transformed."""
    geometry = QgsGeometry()
    geometry.fromWkb(shapely_wkb.dumps(school.geometry))
    try:
        geometry.transform(transform)
    except QgsCsException as error:
        raise InputError(
            tr("{source} {id} ({name}) cannot be transformed to {crs}: {message}").format(
                source=school.source,
                id=school.source_id,
                name=school.name,
                crs=transform.destinationCrs().userFriendlyIdentifier(),
                message=error,
            )
        ) from error
    if not is_point(school):
        geometry.convertToMultiType()
    feature = QgsFeature(fields)
    feature.setGeometry(geometry)
    feature.setAttributes(
        [
            school.name,
            school.type,
            school.opening_hours,
            school.source_id,
            school.source,
            _utc(school.fetched_at),
        ]
    )
    return feature
