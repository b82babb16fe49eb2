"""SWEREF 99 TM to WGS 84 in pure Python (core.sweref) against PROJ, through QGIS."""

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsPointXY,
)

from drogscen_plugin.core.sweref import to_wgs84

# Corners and middle of Sweden, and the register's own kind of positions (northing, easting).
POSITIONS = [
    (6580000.0, 674000.0),  # Stockholm
    (6402000.0, 319000.0),  # Göteborg
    (6164000.0, 374000.0),  # Malmö
    (7454000.0, 913000.0),  # Haparanda, far east of the central meridian
    (7652000.0, 643000.0),  # Treriksröset
    (6250000.0, 460000.0),  # near the central meridian
    (6580150.5, 674120.25),  # tests/net/data/skolverket_school_unit_50010002.json
]


@pytest.mark.parametrize("northing, easting", POSITIONS)
def test_the_inverse_projection_agrees_with_proj_to_a_millimetre(northing, easting):
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:3006"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(),
    )
    expected = transform.transform(QgsPointXY(easting, northing))

    latitude, longitude = to_wgs84(northing, easting)

    # 1e-8 degrees is about a millimetre.
    assert latitude == pytest.approx(expected.y(), abs=1e-8)
    assert longitude == pytest.approx(expected.x(), abs=1e-8)
