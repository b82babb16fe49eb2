"""drogscen:fetchschools on the services' real answers from local servers, into the analysis."""

import threading
from urllib.parse import parse_qs

import processing
import pytest
from pytest_httpserver import HTTPServer
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt
from werkzeug import Response

from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.gui.fetch_dialog import fetch_steps
from drogscen_plugin.gui.runner import TaskRunner
from drogscen_plugin.net import overpass
from tests.net.servers import data_json, data_text

OVERPASS = "/api/interpreter"
REGISTER = "/skolenhetsregistret/v2"
EXTENT = "18.06,18.09,59.31,59.32 [EPSG:4326]"
BBOX = (59.31, 18.06, 59.32, 18.09)
FIELDS = ["name", "type", "opening_hours", "source_id", "source", "fetched_at"]
# Keys the plugin reads; emptied for each test and restored afterwards.
NETWORK_KEYS = (
    "proxy/proxyEnabled",
    "drogscen/ca_bundle",
    "drogscen/overpass_url",
    "drogscen/cache_dir",
)
TASK_TIMEOUT_MS = 20000


@pytest.fixture(scope="module")
def server():
    server = HTTPServer(host="127.0.0.1")
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(autouse=True)
def network(server, monkeypatch, tmp_path):
    """No proxy from QGIS or the environment, no CA bundle, a new cache; the server emptied."""
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
        "no_proxy",
        "NO_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in NETWORK_KEYS if settings.contains(key)}
    for key in NETWORK_KEYS:
        settings.remove(key)
    settings.setValue("drogscen/cache_dir", str(tmp_path / "cache"))
    server.clear()
    yield
    for key in NETWORK_KEYS:
        settings.remove(key)
    for key, value in saved.items():
        settings.setValue(key, value)


def serve_overpass(server, name="overpass_schools.json", status=200):
    server.expect_request(OVERPASS, method="POST").respond_with_data(
        data_text(name), status=status, content_type="application/json"
    )


def serve_register(server):
    listing = data_json("skolverket_school_units.json")
    server.expect_request(REGISTER + "/school-units").respond_with_json(listing)
    for unit in listing["data"]["attributes"]:
        code = unit["schoolUnitCode"]
        if unit["status"] == "AKTIV":
            server.expect_request("{}/school-units/{}".format(REGISTER, code)).respond_with_json(
                data_json("skolverket_school_unit_{}.json".format(code))
            )


def fetch_osm(server, **parameters):
    parameters = dict(
        {
            "SOURCE": 0,
            "EXTENT": EXTENT,
            "OVERPASS_URL": server.url_for(OVERPASS),
            "OUTPUT": "memory:",
            "GROUNDS": "memory:",
        },
        **parameters,
    )
    return processing.run("drogscen:fetchschools", parameters)


def to_3006(lon, lat):
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:3006"),
        QgsProject.instance().transformContext(),
    )
    return transform.transform(QgsPointXY(lon, lat))


def features(layer):
    return {feature["source_id"]: feature for feature in layer.getFeatures()}


def test_openstreetmap_points_and_school_grounds_in_epsg_3006(server):
    serve_overpass(server)

    result = fetch_osm(server)

    points, grounds = result["OUTPUT"], result["GROUNDS"]
    for layer in (points, grounds):
        assert layer.fields().names() == FIELDS
        assert layer.crs().authid() == "EPSG:3006"
    assert points.wkbType() == QgsWkbTypes.Point
    assert grounds.wkbType() == QgsWkbTypes.MultiPolygon
    assert sorted(features(points)) == ["node/1001", "node/1003", "node/1004", "node/1006"]
    assert sorted(features(grounds)) == ["relation/3001", "way/2001", "way/2003"]
    assert (result["SCHOOL_COUNT"], result["GROUNDS_COUNT"], result["SKIPPED_COUNT"]) == (4, 3, 2)

    ekorren = features(points)["node/1001"]
    assert ekorren["name"] == "Förskolan Ekorren"
    assert ekorren["type"] == "förskola"
    assert ekorren["opening_hours"] == "Mo-Fr 06:30-18:00"
    assert ekorren["source"] == "OpenStreetMap"
    assert ekorren["fetched_at"].isValid() and ekorren["fetched_at"].timeSpec() == Qt.TimeSpec.UTC
    expected = to_3006(18.07, 59.315)
    assert ekorren.geometry().asPoint().distance(expected) < 0.001

    # The relation's two rings and its hole, transformed by QGIS as the oracle.
    tall = features(grounds)["relation/3001"].geometry()
    oracle = QgsGeometry.fromWkt(
        "MULTIPOLYGON(((18.080 59.3170, 18.083 59.3170, 18.083 59.3185, 18.080 59.3185, "
        "18.080 59.3170), (18.081 59.3175, 18.082 59.3175, 18.082 59.3180, 18.081 59.3180, "
        "18.081 59.3175)), ((18.084 59.3170, 18.085 59.3170, 18.085 59.3175, 18.084 59.3175, "
        "18.084 59.3170)))"
    )
    oracle.transform(
        QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:4326"),
            QgsCoordinateReferenceSystem("EPSG:3006"),
            QgsProject.instance().transformContext(),
        )
    )
    assert tall.area() == pytest.approx(oracle.area(), rel=1e-9)
    assert tall.symDifference(oracle).area() < 1e-6


def test_only_the_extent_is_sent(server):
    serve_overpass(server)

    fetch_osm(server)

    ((request, _),) = server.log
    assert request.query_string == b""
    assert parse_qs(request.get_data(as_text=True), strict_parsing=True) == {
        "data": [overpass.build_query(bbox=BBOX)]
    }


def test_skolverket_units_as_points(server):
    serve_register(server)

    result = processing.run(
        "drogscen:fetchschools",
        {
            "SOURCE": 1,
            "MUNICIPALITY": "0180",
            "SKOLVERKET_URL": server.url_for(REGISTER),
            "OUTPUT": "memory:",
            "GROUNDS": "memory:",
        },
    )

    points = features(result["OUTPUT"])
    assert sorted(points) == ["29154722", "45671238", "70123455"]
    assert [points[code]["type"] for code in sorted(points)] == [
        "grundskola",
        "gymnasieskola",
        "annan",
    ]
    # The register has no opening hours: the analysis takes the default hours.
    assert not any(feature["opening_hours"] for feature in points.values())
    assert result["GROUNDS"].featureCount() == 0
    assert result["SKIPPED_COUNT"] == 1


def test_the_fetched_layers_feed_the_overlap_analysis(server):
    serve_overpass(server)
    fetched = fetch_osm(server)
    ekorren = to_3006(18.07, 59.315)
    bjork_corner = to_3006(18.076, 59.3165)
    scenes = QgsVectorLayer(
        "Polygon?crs=EPSG:3006&field=name:string&field=active_hours:string", "scenes", "memory"
    )
    rows = [
        ("Parken", "Mo-Fr 17:00-23:00", ekorren.x() + 100, ekorren.y()),
        ("Trappan", "Mo-Fr 15:00-19:00", bjork_corner.x() + 50, bjork_corner.y() + 50),
    ]
    additions = []
    for name, hours, x, y in rows:
        feature = QgsFeature(scenes.fields())
        feature.setAttributes([name, hours])
        feature.setGeometry(
            QgsGeometry.fromWkt(
                "POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))".format(
                    x - 20, y - 20, x + 20, y + 20
                )
            )
        )
        additions.append(feature)
    assert scenes.dataProvider().addFeatures(additions)

    pairs = {}
    for schools in (fetched["OUTPUT"], fetched["GROUNDS"]):
        result = processing.run(
            "drogscen:overlap",
            {
                "SCHOOLS": schools,
                "SCENES": scenes,
                "DISTANCE": 150,
                "OUTPUT": "memory:",
                "SUMMARY": "memory:",
            },
        )
        for pair in result["OUTPUT"].getFeatures():
            pairs[(pair["school_name"], pair["scene_name"])] = pair

    # The schools' own hours from OpenStreetMap are the ones the analysis uses.
    for school, scene, school_hours, scene_hours in [
        ("Förskolan Ekorren", "Parken", "Mo-Fr 06:30-18:00", "Mo-Fr 17:00-23:00"),
        ("Björkskolan", "Trappan", "Mo-Fr 07:30-17:00", "Mo-Fr 15:00-19:00"),
    ]:
        pair = pairs[(school, scene)]
        both = WeeklySchedule.parse(school_hours) & WeeklySchedule.parse(scene_hours)
        assert pair["concurrent_min"] == both.minutes
        assert pair["hours_note"] in (None, "")
    assert pairs[("Förskolan Ekorren", "Parken")]["school_type"] == "förskola"
    assert pairs[("Björkskolan", "Trappan")]["school_type"] == "grundskola"


@pytest.mark.parametrize(
    "parameters, message",
    [
        ({"MUNICIPALITY": "0180"}, "either an extent or a municipality code, not both"),
        ({"EXTENT": None}, "Give an extent or a municipality code"),
        ({"SOURCE": 1, "EXTENT": None}, "Skolverket's register is searched by municipality"),
        ({"EXTENT": None, "MUNICIPALITY": "Sthlm"}, "four digits"),
    ],
)
def test_parameter_mistakes_get_a_clear_message_and_send_nothing(server, parameters, message):
    with pytest.raises(QgsProcessingException, match=message):
        fetch_osm(server, **parameters)
    assert server.log == []


def test_a_failed_fetch_creates_no_layer(server, tmp_path):
    serve_overpass(server, "overpass_remark.json")
    points = tmp_path / "points.gpkg"
    grounds = tmp_path / "grounds.gpkg"

    with pytest.raises(QgsProcessingException, match="stopped the query"):
        fetch_osm(server, OUTPUT=str(points), GROUNDS=str(grounds))
    assert not points.exists() and not grounds.exists()


def test_a_custom_ca_bundle_that_does_not_exist_is_named(server, tmp_path):
    QgsSettings().setValue("drogscen/ca_bundle", str(tmp_path / "missing.pem"))

    with pytest.raises(QgsProcessingException, match="missing.pem' \\(setting drogscen/ca_bundle"):
        fetch_osm(server)
    assert server.log == []


def test_the_overpass_address_setting_is_the_default(server):
    serve_overpass(server)
    QgsSettings().setValue("drogscen/overpass_url", server.url_for(OVERPASS))

    result = fetch_osm(server, OVERPASS_URL=None)

    assert result["SCHOOL_COUNT"] == 4


# --- in the background --------------------------------------------------------------


def run_in_background(qtbot, parameters):
    """Start the fetch on the dock's runner; ``finished`` gets (layers, error) at its end."""
    finished = []
    runner = TaskRunner()
    runner.succeeded.connect(lambda layers: finished.append((layers, "")))
    runner.failed.connect(lambda error: finished.append(([], error)))
    runner.canceled.connect(lambda: finished.append(([], "canceled")))
    runner.start_steps(*fetch_steps(parameters))
    return runner, finished


def test_a_background_fetch_hands_over_named_layers(qtbot, server):
    serve_overpass(server)
    _, finished = run_in_background(
        qtbot, {"EXTENT": EXTENT, "OVERPASS_URL": server.url_for(OVERPASS)}
    )

    qtbot.waitUntil(lambda: bool(finished), timeout=TASK_TIMEOUT_MS)

    ((layers, error),) = finished
    assert error == ""
    assert [layer.name() for layer in layers] == [
        "Schools and preschools (OpenStreetMap)",
        "School grounds (OpenStreetMap)",
    ]
    assert [layer.featureCount() for layer in layers] == [4, 3]
    assert all(layer.isValid() for layer in layers)


def test_a_failed_background_fetch_gives_the_message_and_no_layers(qtbot, server):
    serve_overpass(server, "overpass_remark.json")
    _, finished = run_in_background(
        qtbot, {"EXTENT": EXTENT, "OVERPASS_URL": server.url_for(OVERPASS)}
    )

    qtbot.waitUntil(lambda: bool(finished), timeout=TASK_TIMEOUT_MS)

    ((layers, error),) = finished
    assert layers == []
    assert "stopped the query" in error


def test_a_background_fetch_can_be_canceled_while_the_server_works(qtbot, server):
    arrived = threading.Event()
    release = threading.Event()

    def slow(request):
        arrived.set()
        release.wait(20)
        return Response(data_text("overpass_schools.json"), content_type="application/json")

    server.expect_request(OVERPASS, method="POST").respond_with_handler(slow)
    try:
        runner, finished = run_in_background(
            qtbot, {"EXTENT": EXTENT, "OVERPASS_URL": server.url_for(OVERPASS)}
        )
        qtbot.waitUntil(arrived.is_set, timeout=TASK_TIMEOUT_MS)
        runner.cancel()
        qtbot.waitUntil(lambda: bool(finished), timeout=TASK_TIMEOUT_MS)
        assert not release.is_set()
    finally:
        release.set()

    ((layers, error),) = finished
    assert layers == []
    assert "canceled" in error
