"""Data outside the analysis CRS's area of use: a warning naming a CRS that fits, in the log
and in the dock, which offers to use it."""

import processing
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSettings,
)
from qgis.PyQt.QtWidgets import QPushButton

from drogscen_plugin.qgis_io.grid import ANALYSIS_CRS_KEY, grid_advice, utm_crs
from tests.qgis.layer_helpers import LogFeedback, memory_layer
from tests.qgis.test_dock import (  # noqa: F401 (fixtures)
    clean_settings,
    dock,
    result_groups,
    run,
    sample,
)
from tests.qgis.test_mixed_schools import analysing_dock  # noqa: F401 (fixture)

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
SWEREF = QgsCoordinateReferenceSystem("EPSG:3006")
# Bucharest: UTM zone 35 north.
SCENE = (
    "POLYGON((26.1000 44.4300, 26.1020 44.4300, 26.1020 44.4315, 26.1000 44.4315, 26.1000 44.4300))"
)
SCHOOL = "POINT(26.0990 44.4310)"


def bucharest():
    scenes = memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [(SCENE, ["Piața", "Mo-Su 20:00-02:00"])],
        crs="EPSG:4326",
        name="scenes",
    )
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string")],
        [(SCHOOL, ["Școala Nr. 111", "grundskola"])],
        crs="EPSG:4326",
        name="schools",
    )
    return scenes, schools


@pytest.fixture
def no_analysis_crs():
    QgsSettings().remove(ANALYSIS_CRS_KEY)
    yield
    QgsSettings().remove(ANALYSIS_CRS_KEY)


@pytest.mark.parametrize(
    "longitude, latitude, expected",
    [
        (18.07, 59.33, "EPSG:32634"),
        (26.10, 44.43, "EPSG:32635"),
        (-58.38, -34.60, "EPSG:32721"),
        (179.9, 10.0, "EPSG:32660"),
        (-180.0, 10.0, "EPSG:32601"),
    ],
)
def test_the_utm_zone_of_a_place_contains_it_by_qgis_own_bounds(longitude, latitude, expected):
    crs = utm_crs(longitude, latitude)
    assert crs.authid() == expected
    assert crs.bounds().contains(QgsPointXY(longitude, latitude))


def test_data_within_sweden_get_no_advice_data_abroad_get_their_utm_zone():
    context = QgsCoordinateTransformContext()
    sweden = [(QgsRectangle(670000, 6570000, 680000, 6590000), SWEREF)]
    assert grid_advice(SWEREF, sweden, context) == ("", None)

    abroad = [(QgsRectangle(26.09, 44.43, 26.11, 44.44), WGS84)]
    message, fitting = grid_advice(SWEREF, abroad, context)
    assert fitting.authid() == "EPSG:32635"
    assert "outside the area of use of EPSG:3006" in message
    assert "EPSG:32635 - WGS 84 / UTM zone 35N" in message
    assert grid_advice(fitting, abroad, context) == ("", None)


def test_the_overlap_warns_and_the_fitting_crs_measures_as_the_ellipsoid_does():
    scenes, schools = bucharest()
    results = {}
    for crs in ("EPSG:3006", "EPSG:32635"):
        log = LogFeedback()
        results[crs] = processing.run(
            "drogscen:overlap",
            {
                "SCENES": scenes,
                "SCHOOLS": schools,
                "DISTANCE": 300,
                "ANALYSIS_CRS": crs,
                "OUTPUT": "TEMPORARY_OUTPUT",
                "SUMMARY": "TEMPORARY_OUTPUT",
            },
            feedback=log,
        )
        results[crs] = (results[crs], [w for w in log.warnings if "area of use" in w])
    assert len(results["EPSG:3006"][1]) == 1 and "EPSG:32635" in results["EPSG:3006"][1][0]
    assert results["EPSG:32635"][1] == []

    # The oracle: the distance on the ellipsoid (QgsDistanceArea) from school to scene.
    ellipsoid = QgsDistanceArea()
    ellipsoid.setSourceCrs(WGS84, QgsProject.instance().transformContext())
    ellipsoid.setEllipsoid("WGS84")
    corner = QgsPointXY(26.1000, 44.4310)
    true_distance = ellipsoid.measureLine(QgsPointXY(26.0990, 44.4310), corner)
    measured = {
        crs: next(result["OUTPUT"].getFeatures())["distance_m"]
        for crs, (result, _) in results.items()
    }
    assert abs(measured["EPSG:32635"] - true_distance) < 0.001 * true_distance
    assert abs(measured["EPSG:3006"] - true_distance) > 0.005 * true_distance


def test_the_dock_offers_the_fitting_crs_and_uses_it_from_the_next_run(
    qtbot, analysing_dock, no_analysis_crs
):
    dock = analysing_dock
    scenes, schools = bucharest()
    QgsProject.instance().addMapLayers([scenes, schools])
    dock.form.scenes.setLayer(scenes)
    dock.form.schools.setLayer(schools)
    bar = dock.iface.messageBar()
    bar.clearWidgets()

    run(qtbot, dock)

    # The run's own message may lie on top of the warning.
    (item,) = [
        item
        for item in bar.items()
        if item.text()
        == ("The layers lie outside the area of use of EPSG:3006: distances may be a percent off.")
    ]
    (button,) = item.findChildren(QPushButton)
    assert "EPSG:32635" in button.text()
    (group,) = result_groups()
    overlaps = {node.layer().name(): node.layer() for node in group.findLayers()}["Overlaps"]
    assert overlaps.crs().authid() == "EPSG:3006"

    button.click()
    assert QgsSettings().value(ANALYSIS_CRS_KEY) == "EPSG:32635"
    run(qtbot, dock)
    newest = result_groups()[0]
    layers = {node.layer().name(): node.layer() for node in newest.findLayers()}
    assert {layers[name].crs().authid() for name in ("Overlaps", "School buffers")} == {
        "EPSG:32635"
    }
