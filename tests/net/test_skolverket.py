"""The Skolenhetsregistret v2 client against a local server serving the register's real formats."""

import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from shapely.geometry import Point
from werkzeug import Response

from drogscen_plugin.core.errors import AnalysisCanceled, InputError
from drogscen_plugin.core.sweref import to_wgs84
from drogscen_plugin.net import skolverket
from drogscen_plugin.net.http_errors import FetchError
from drogscen_plugin.net.unit_cache import DAY, DetailCache
from tests.net.servers import data_json, data_text

BASE = "/skolenhetsregistret/v2"
LISTED = ["29154722", "45671238", "70123455", "91837264"]


def serve_register(httpserver, details=LISTED):
    httpserver.expect_request(BASE + "/school-units").respond_with_json(
        data_json("skolverket_school_units.json")
    )
    for code in details:
        httpserver.expect_request("{}/school-units/{}".format(BASE, code)).respond_with_json(
            data_json("skolverket_school_unit_{}.json".format(code))
        )


def fetch(httpserver, client, municipality="0180", progress=None):
    return skolverket.fetch(client, httpserver.url_for(BASE), municipality, progress=progress)


def test_active_units_with_coordinates_and_school_types(httpserver, make_client):
    serve_register(httpserver)
    steps = []

    result = fetch(httpserver, make_client(), progress=steps.append)

    schools = {school.source_id: school for school in result.schools}
    assert sorted(schools) == ["29154722", "45671238", "70123455"]
    bjork = schools["29154722"]
    assert (bjork.name, bjork.type, bjork.opening_hours, bjork.source) == (
        "Björkskolan",
        "grundskola",
        None,
        "Skolverket",
    )
    assert bjork.geometry.equals(Point(18.075, 59.316))
    assert schools["45671238"].type == "gymnasieskola"
    assert schools["70123455"].type == "annan"
    # The register writes some coordinates with a decimal comma.
    assert schools["70123455"].geometry.equals(Point(18.072, 59.314))
    assert result.skipped == [("91837264", "Nya skolan: the register has no coordinates")]
    assert "CC0" in result.attribution
    # One step after the list and one per unit.
    assert len(steps) == 1 + len(LISTED)
    assert steps == sorted(steps) and steps[-1] == 100


def test_one_list_request_with_the_municipality_then_one_request_per_active_unit(
    httpserver, make_client
):
    serve_register(httpserver)

    fetch(httpserver, make_client())

    requests = [request for request, _ in httpserver.log]
    assert requests[0].path == BASE + "/school-units"
    # Details are asked for a few at a time, so in any order.
    assert sorted(request.path for request in requests[1:]) == [
        "{}/school-units/{}".format(BASE, code) for code in LISTED
    ]
    # Only the municipality code leaves the machine; the unit codes came from the register.
    assert requests[0].args.to_dict(flat=False) == {
        "municipality_code": ["0180"],
        "status": ["AKTIV"],
    }
    assert all(not request.args for request in requests[1:])
    assert all(request.method == "GET" and request.get_data() == b"" for request in requests)


def test_a_municipality_without_active_units_gets_a_clear_message(httpserver, make_client):
    httpserver.expect_request(BASE + "/school-units").respond_with_json(
        {
            "meta": {"extractDate": "2025-05-08T00:06:10.19+02:00"},
            "data": {"type": "schoolunit", "attributes": []},
        }
    )

    with pytest.raises(FetchError, match="no active school units for the municipality code 0999"):
        fetch(httpserver, make_client(), municipality="0999")


def test_a_wrong_code_is_refused_before_anything_is_sent(httpserver, make_client):
    with pytest.raises(InputError, match="four digits"):
        fetch(httpserver, make_client(), municipality="Stockholm")
    assert httpserver.log == []


def test_cancel_between_units(httpserver, make_client):
    serve_register(httpserver)

    client = make_client(is_canceled=lambda: len(httpserver.log) >= 3)
    with pytest.raises(AnalysisCanceled):
        skolverket.fetch(client, httpserver.url_for(BASE), "0180", workers=1)
    assert len(httpserver.log) == 3


def test_a_failing_unit_is_left_out_and_named_the_others_kept(httpserver, make_client):
    serve_register(httpserver, details=[LISTED[0], LISTED[2], LISTED[3]])
    httpserver.expect_request("{}/school-units/{}".format(BASE, LISTED[1])).respond_with_data(
        "Internal Server Error", status=500
    )

    result = fetch(httpserver, make_client())

    assert sorted(school.source_id for school in result.schools) == ["29154722", "70123455"]
    ((code, reason),) = result.failed
    assert code == "45671238"
    assert reason.startswith("Tallgymnasiet: ") and "HTTP 500" in reason


def test_when_every_unit_fails_the_fetch_fails_with_the_first_reason(httpserver, make_client):
    httpserver.expect_request(BASE + "/school-units").respond_with_json(
        data_json("skolverket_school_units.json")
    )
    for code in LISTED:
        httpserver.expect_request("{}/school-units/{}".format(BASE, code)).respond_with_data(
            "Not Found", status=404
        )

    with pytest.raises(FetchError, match=r"No school unit's details could be fetched \(4 tried\)"):
        fetch(httpserver, make_client())


def test_json_that_is_not_the_register_gets_a_clear_message(httpserver, make_client):
    httpserver.expect_request(BASE + "/school-units").respond_with_json({"items": []})

    with pytest.raises(FetchError, match="not from Skolenhetsregistret v2"):
        fetch(httpserver, make_client())


@pytest.mark.parametrize(
    "forms, expected",
    [
        (["FKLASS", "GR", "FTH"], "grundskola"),
        (["GRAN"], "grundskola"),
        (["GR", "GY"], "grundskola"),
        (["GY"], "gymnasieskola"),
        (["GYAN", "VUX"], "gymnasieskola"),
        (["VUX"], "annan"),
        (["FTH", "OPPFTH"], "annan"),
        (None, "annan"),
    ],
)
def test_school_types_from_school_forms(forms, expected):
    assert skolverket.school_type(forms) == expected


# --- units as the register has them: own names, SWEREF only, 404s, bad answers ----------------

UNITS = "skolverket_school_units_storskolan.json"


def serve_storskolan(httpserver, slow=None):
    """The list with its units: two that answer, one 404, one cut-off answer, malformed entries."""
    httpserver.expect_request(BASE + "/school-units").respond_with_json(data_json(UNITS))
    for code in ("50010001", "50010002"):
        httpserver.expect_request("{}/school-units/{}".format(BASE, code)).respond_with_json(
            data_json("skolverket_school_unit_{}.json".format(code))
        )
    httpserver.expect_request(BASE + "/school-units/50010003").respond_with_data("", status=404)
    cut = data_text("skolverket_school_unit_50010001.json")[:300]
    httpserver.expect_request(BASE + "/school-units/50010004").respond_with_data(
        cut, content_type="application/json"
    )


def test_units_keep_their_own_names_and_sweref_only_units_their_place(httpserver, make_client):
    serve_storskolan(httpserver)

    result = fetch(httpserver, make_client())

    schools = {school.source_id: school for school in result.schools}
    # Both units belong to the school "Storskolan"; each keeps its own name.
    assert schools["50010001"].name == "Storskolan F-3"
    assert schools["50010002"].name == "Storskolan 4-9"
    assert schools["50010001"].geometry.equals(Point(18.0579653, 59.3228732))
    # SWEREF 99 TM only: the position is computed (against PROJ in tests/qgis/test_sweref.py).
    lat, lon = to_wgs84(6580150.5, 674120.25)
    assert schools["50010002"].geometry.equals(Point(lon, lat))
    assert abs(lat - 59.3242) < 0.001 and abs(lon - 18.0601) < 0.001
    failed = dict(result.failed)
    assert sorted(failed) == ["50010003", "50010004"]
    assert failed["50010003"].startswith("Gamla skolan: ") and "HTTP 404" in failed["50010003"]
    assert "not valid JSON" in failed["50010004"]
    malformed = dict(result.malformed)
    assert sorted(malformed) == ["50010007", "unit 5", "unit 6"]
    assert "50010005" in malformed["unit 5"] and "not a school unit code" in malformed["unit 5"]
    assert malformed["unit 6"] == "it is not a school unit"
    assert malformed["50010007"] == "its name is not text"


def test_a_name_that_is_not_utf8_is_reported_naming_the_unit(httpserver, make_client):
    listing = (
        data_text(UNITS)
        .encode("utf-8")
        .replace("Storskolan F-3".encode("utf-8"), "Storskolan F-3 ".encode("utf-8") + b"\xe5")
    )
    httpserver.expect_request(BASE + "/school-units").respond_with_data(
        listing, content_type="application/json"
    )
    httpserver.expect_request(BASE + "/school-units/50010002").respond_with_json(
        data_json("skolverket_school_unit_50010002.json")
    )

    result = fetch(httpserver, make_client())

    expected = "its name 'Storskolan F-3 \ufffd' is not valid UTF-8"
    assert dict(result.malformed)["50010001"] == expected
    assert [school.source_id for school in result.schools] == ["50010002"]


def test_a_second_fetch_within_a_day_asks_only_for_the_list(httpserver, make_client, tmp_path):
    serve_storskolan(httpserver)
    cache = DetailCache(str(tmp_path / "cache"))

    first = skolverket.fetch(make_client(), httpserver.url_for(BASE), "0180", cache=cache)
    asked = len(httpserver.log)
    second = skolverket.fetch(make_client(), httpserver.url_for(BASE), "0180", cache=cache)

    assert asked == 1 + 4
    # Only the list, and again the two units that failed (they are not kept).
    again = [request.path for request, _ in httpserver.log[asked:]]
    assert sorted(again) == [
        BASE + "/school-units",
        BASE + "/school-units/50010003",
        BASE + "/school-units/50010004",
    ]
    assert [(s.source_id, s.name, s.geometry.wkt) for s in second.schools] == [
        (s.source_id, s.name, s.geometry.wkt) for s in first.schools
    ]


def test_details_older_than_a_day_are_asked_for_again(httpserver, make_client, tmp_path):
    serve_storskolan(httpserver)
    clock = [0.0]
    cache = DetailCache(str(tmp_path), clock=lambda: clock[0])
    clock[0] = time.time()
    skolverket.fetch(make_client(), httpserver.url_for(BASE), "0180", cache=cache)
    asked = len(httpserver.log)

    clock[0] = time.time() + DAY + 60
    skolverket.fetch(make_client(), httpserver.url_for(BASE), "0180", cache=cache)

    assert len(httpserver.log) - asked == asked


def serve_units(httpserver, count):
    """A list of ``count`` active units, each with the same details; their codes."""
    codes = ["6{:07d}".format(index) for index in range(count)]
    httpserver.expect_request(BASE + "/school-units").respond_with_json(
        {
            "data": {
                "attributes": [
                    {"schoolUnitCode": code, "name": code, "status": "AKTIV"} for code in codes
                ]
            }
        }
    )
    for code in codes:
        httpserver.expect_request("{}/school-units/{}".format(BASE, code)).respond_with_json(
            data_json("skolverket_school_unit_29154722.json")
        )
    return codes


def test_at_most_four_detail_requests_run_at_once(httpserver, make_client):
    codes = serve_units(httpserver, 16)
    client = make_client()
    running, most = [0], [0]
    lock = threading.Lock()
    request = client.request

    def counted(*arguments, **options):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            # Long enough for the others to start if nothing holds them back.
            threading.Event().wait(0.05)
            return request(*arguments, **options)
        finally:
            with lock:
                running[0] -= 1

    client.request = counted
    steps = []

    result = fetch(httpserver, client, progress=steps.append)

    assert len(result.schools) == len(codes)
    assert most[0] == skolverket.CONCURRENT == 4
    assert len(steps) == 1 + len(codes) and steps == sorted(steps) and steps[-1] == 100


def test_cancel_stops_the_concurrent_requests(httpserver, make_client):
    serve_units(httpserver, 40)

    client = make_client(is_canceled=lambda: len(httpserver.log) >= 8)
    with pytest.raises(AnalysisCanceled):
        fetch(httpserver, client)
    # Those already running may finish; no new ones start.
    assert len(httpserver.log) < 8 + skolverket.CONCURRENT


@pytest.fixture
def threaded_server():
    """A server answering requests at the same time, as the register does."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_a_unit_that_does_not_answer_in_time_is_left_out(threaded_server, make_client):
    httpserver = threaded_server
    serve_register(httpserver, details=[LISTED[0], LISTED[2], LISTED[3]])

    def slow(request):
        threading.Event().wait(1.0)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("{}/school-units/{}".format(BASE, LISTED[1])).respond_with_handler(
        slow
    )

    result = fetch(httpserver, make_client(read_timeout=0.3, retries=0))

    assert sorted(school.source_id for school in result.schools) == ["29154722", "70123455"]
    ((code, reason),) = result.failed
    assert code == "45671238" and "did not answer within 0.3 s" in reason
