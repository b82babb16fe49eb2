"""The Overpass client against a local server serving answers in Overpass's real formats."""

import threading
from urllib.parse import parse_qs

import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box
from werkzeug import Response

from drogscen_plugin.core.errors import AnalysisCanceled, InputError
from drogscen_plugin.net import overpass
from drogscen_plugin.net.http_errors import FetchError
from tests.net.servers import data_json, data_text

PATH = "/api/interpreter"
BBOX = (59.31, 18.06, 59.32, 18.09)
# What a request may carry besides its body; nothing else about the user leaves the machine.
ALLOWED_HEADERS = {
    "host",
    "user-agent",
    "accept",
    "accept-encoding",
    "connection",
    "content-length",
    "content-type",
}


def serve(httpserver, *answers):
    """Serve ``answers`` ((body, status, content type)) in turn, the last one from then on."""
    for body, status, content_type in answers[:-1]:
        httpserver.expect_oneshot_request(PATH, method="POST").respond_with_data(
            body, status=status, content_type=content_type
        )
    body, status, content_type = answers[-1]
    httpserver.expect_request(PATH, method="POST").respond_with_data(
        body, status=status, content_type=content_type
    )


def fetch(httpserver, client, **where):
    return overpass.fetch(client, httpserver.url_for(PATH), **(where or {"bbox": BBOX}))


def by_id(result):
    return {school.source_id: school for school in result.schools}


def test_the_bbox_query_asks_for_schools_and_preschools_with_full_geometry():
    assert overpass.build_query(bbox=BBOX) == (
        "[out:json][timeout:90];\n"
        'nwr["amenity"~"^(school|kindergarten)$"](59.310000,18.060000,59.320000,18.090000);\n'
        "out geom;\n"
    )


def test_the_municipality_query_selects_the_boundary_by_its_scb_code():
    assert overpass.build_query(municipality=" 0180 ") == (
        "[out:json][timeout:90];\n"
        'area["boundary"="administrative"]["admin_level"="7"]["ref:scb"="0180"]->.municipality;\n'
        ".municipality out ids;\n"
        'nwr["amenity"~"^(school|kindergarten)$"](area.municipality);\n'
        "out geom;\n"
    )


@pytest.mark.parametrize("code", ["180", "01800", "Stockholm", '0180"];out;', ""])
def test_a_municipality_code_must_be_four_digits(code):
    with pytest.raises(InputError, match="four digits"):
        overpass.build_query(municipality=code)


@pytest.mark.parametrize("bbox", [(59.32, 18.06, 59.31, 18.09), (59.31, 18.06, 95.0, 18.09)])
def test_an_impossible_extent_is_refused(bbox):
    with pytest.raises(InputError, match="empty or lies outside the world"):
        overpass.build_query(bbox=bbox)


def test_nodes_closed_ways_and_a_multipolygon_relation(httpserver, make_client):
    serve(httpserver, (data_text("overpass_schools.json"), 200, "application/json"))

    result = fetch(httpserver, make_client())

    schools = by_id(result)
    assert sorted(schools) == [
        "node/1001",
        "node/1003",
        "node/1004",
        "node/1006",
        "relation/3001",
        "way/2001",
        "way/2003",
    ]
    ekorren = schools["node/1001"]
    assert (ekorren.name, ekorren.type, ekorren.opening_hours) == (
        "Förskolan Ekorren",
        "förskola",
        "Mo-Fr 06:30-18:00",
    )
    assert ekorren.geometry.equals(Point(18.07, 59.315))
    assert ekorren.source == "OpenStreetMap"

    bjork = schools["way/2001"]
    assert bjork.type == "grundskola"
    assert bjork.geometry.equals(box(18.074, 59.3155, 18.076, 59.3165))
    # The point of the same school inside its grounds is merged, giving its hours.
    assert result.merged == [("node/1002", "way/2001", "point in grounds")]
    assert bjork.opening_hours == "Mo-Fr 07:30-17:00"

    tall = schools["relation/3001"]
    assert (tall.name, tall.type) == ("Tallgymnasiet", "gymnasieskola")
    expected = MultiPolygon(
        [
            Polygon(
                box(18.080, 59.3170, 18.083, 59.3185).exterior.coords,
                [box(18.081, 59.3175, 18.082, 59.3180).exterior.coords],
            ),
            box(18.084, 59.3170, 18.085, 59.3175),
        ]
    )
    assert tall.geometry.is_valid
    assert tall.geometry.symmetric_difference(expected).area < 1e-12
    assert len(tall.geometry.geoms) == 2

    # A differently named preschool inside another preschool's grounds stays.
    assert schools["node/1006"].name == "Förskolan Eken"
    assert schools["way/2003"].type == "förskola"
    assert (schools["node/1003"].name, schools["node/1003"].type) == ("", "skola")
    assert dict(result.skipped).keys() == {"way/2002", "relation/3002"}
    assert "open way" in dict(result.skipped)["way/2002"]
    assert "type 'site'" in dict(result.skipped)["relation/3002"]
    assert len({school.fetched_at for school in result.schools}) == 1


def test_only_the_bounding_box_leaves_the_machine(httpserver, make_client):
    serve(httpserver, (data_text("overpass_schools.json"), 200, "application/json"))

    fetch(httpserver, make_client())

    ((request, _),) = httpserver.log
    assert request.method == "POST"
    assert request.query_string == b""
    assert parse_qs(request.get_data(as_text=True), strict_parsing=True) == {
        "data": [overpass.build_query(bbox=BBOX)]
    }
    assert {name.lower() for name, _ in request.headers.items()} <= ALLOWED_HEADERS


def test_a_municipality_is_fetched_by_its_code(httpserver, make_client):
    serve(httpserver, (data_text("overpass_municipality.json"), 200, "application/json"))

    result = fetch(httpserver, make_client(), municipality="0180")

    assert sorted(by_id(result)) == ["node/1001", "way/2001"]
    ((request, _),) = httpserver.log
    assert parse_qs(request.get_data(as_text=True)) == {
        "data": [overpass.build_query(municipality="0180")]
    }


def test_a_municipality_code_osm_does_not_know_gets_a_clear_message(httpserver, make_client):
    serve(httpserver, (data_text("overpass_no_area.json"), 200, "application/json"))

    with pytest.raises(FetchError, match="no municipality with the code 2599"):
        fetch(httpserver, make_client(), municipality="2599")


def test_a_rate_limit_is_waited_out_then_the_query_succeeds(httpserver, make_client):
    serve(
        httpserver,
        (data_text("overpass_rate_limited.html"), 429, "text/html"),
        (data_text("overpass_schools.json"), 200, "application/json"),
    )

    result = fetch(httpserver, make_client(min_rate_limit_wait=0.05))

    assert len(result.schools) == 7
    assert len(httpserver.log) == 2


def test_a_rate_limit_that_lasts_gets_a_message_about_the_limit(httpserver, make_client):
    serve(httpserver, (data_text("overpass_rate_limited.html"), 429, "text/html"))

    with pytest.raises(FetchError, match=r"the limit is reached \(HTTP 429\)\. Wait a few minutes"):
        fetch(httpserver, make_client(retries=1))
    assert len(httpserver.log) == 2


def test_an_overloaded_server_gets_a_message_saying_so(httpserver, make_client):
    serve(httpserver, (data_text("overpass_busy.html"), 504, "text/html"))

    with pytest.raises(FetchError) as caught:
        fetch(httpserver, make_client(retries=2))

    assert len(httpserver.log) == 3
    message = str(caught.value)
    assert message.startswith("The Overpass server is too busy to run the query now")
    assert "The server is probably too busy to handle your request." in message
    assert "ODbL" not in message
    assert "Try again in a few minutes or with a smaller area" in message


def test_the_busy_page_with_status_200_is_an_error_too(httpserver, make_client):
    serve(httpserver, (data_text("overpass_busy.html"), 200, "text/html"))

    with pytest.raises(FetchError, match="too busy to run the query now"):
        fetch(httpserver, make_client())


def test_a_remark_with_status_200_is_an_error(httpserver, make_client):
    serve(httpserver, (data_text("overpass_remark.json"), 200, "application/json"))

    with pytest.raises(FetchError, match=r"stopped the query: 'runtime error: Query timed out"):
        fetch(httpserver, make_client())


def test_json_nested_beyond_reason_gets_the_same_clear_message(httpserver, make_client):
    # Small enough for any size limit, too deep for Python's JSON reader.
    serve(httpserver, ('{"elements": ' + "[" * 200_000, 200, "application/json"))

    with pytest.raises(FetchError, match="Overpass sent an answer that is not valid JSON"):
        fetch(httpserver, make_client())


def test_malformed_json_gets_a_clear_message(httpserver, make_client):
    truncated = data_text("overpass_schools.json")[:500]
    serve(httpserver, (truncated, 200, "application/json"))

    with pytest.raises(FetchError, match="Overpass sent an answer that is not valid JSON"):
        fetch(httpserver, make_client())


def test_json_that_is_not_an_overpass_answer_gets_a_clear_message(httpserver, make_client):
    serve(httpserver, ('{"status": "ok"}', 200, "application/json"))

    with pytest.raises(FetchError, match="not from an Overpass API"):
        fetch(httpserver, make_client())


def test_a_server_that_never_answers_times_out(httpserver, make_client):
    release = threading.Event()

    def silent(request):
        release.wait(1.0)
        return Response("{}", content_type="application/json")

    httpserver.expect_request(PATH, method="POST").respond_with_handler(silent)

    try:
        with pytest.raises(FetchError, match="did not answer within 0.2 s"):
            fetch(httpserver, make_client(read_timeout=0.2))
    finally:
        release.set()


def test_cancel_while_the_query_runs(httpserver, make_client):
    arrived = threading.Event()
    release = threading.Event()

    def slow(request):
        arrived.set()
        release.wait(10)
        return Response("{}", content_type="application/json")

    httpserver.expect_request(PATH, method="POST").respond_with_handler(slow)
    try:
        with pytest.raises(AnalysisCanceled):
            fetch(httpserver, make_client(read_timeout=30.0, is_canceled=arrived.is_set))
    finally:
        release.set()


# --- rings and types ----------------------------------------------------------------


def test_open_ways_join_end_to_end_whatever_their_direction_and_order():
    a, b, c, d = (0, 0), (4, 0), (4, 3), (0, 3)
    ways = [[c, b], [a, d], [a, b], [d, c]]

    (ring,) = overpass.assemble_rings(ways)

    assert ring[0] == ring[-1]
    assert Polygon(ring).equals(box(0, 0, 4, 3))


def test_ways_that_leave_a_gap_are_not_a_ring():
    assert overpass.assemble_rings([[(0, 0), (4, 0), (4, 3)], [(0, 3), (0, 1)]]) is None


def test_an_island_in_a_hole_is_part_of_the_area_whatever_the_roles():
    rings = [list(box(*b).exterior.coords) for b in [(4, 4, 6, 6), (0, 0, 10, 10), (2, 2, 8, 8)]]

    shape = overpass.polygons_from_rings(rings)

    expected = box(0, 0, 10, 10).difference(box(2, 2, 8, 8)).union(box(4, 4, 6, 6))
    assert shape.symmetric_difference(expected).area == 0
    assert shape.area == 100 - 36 + 4


@pytest.mark.parametrize(
    "tags, expected",
    [
        ({"amenity": "kindergarten", "name": "Solgläntan"}, "förskola"),
        ({"amenity": "school", "isced:level": "0-2"}, "grundskola"),
        ({"amenity": "school", "isced:level": "1"}, "grundskola"),
        ({"amenity": "school", "isced:level": "3"}, "gymnasieskola"),
        ({"amenity": "school", "isced:level": "0"}, "förskola"),
        ({"amenity": "school", "name": "Kungsholmens gymnasium"}, "gymnasieskola"),
        ({"amenity": "school", "name": "Förskolan Myran"}, "förskola"),
        ({"amenity": "school", "name": "Ekbackens förskoleklass"}, "skola"),
        ({"amenity": "school", "name": "Björkskolan"}, "skola"),
    ],
)
def test_school_types_from_tags(tags, expected):
    assert overpass.school_type(tags) == expected


def test_a_way_with_missing_points_is_left_out_with_a_reason():
    payload = data_json("overpass_schools.json")
    way = next(element for element in payload["elements"] if element["id"] == 2001)
    way["geometry"][2] = None

    result = overpass.parse(payload)

    assert "way/2001" not in by_id(result)
    assert dict(result.skipped)["way/2001"] == "part of its geometry is missing from the answer"
    # Without the grounds, the point of the same school is kept.
    assert "node/1002" in by_id(result)
