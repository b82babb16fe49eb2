"""Overpass answers as servers give them: error pages, XML, malformed elements, duplicates."""

import json

import pytest

from drogscen_plugin.net import overpass
from drogscen_plugin.net.http_errors import FetchError
from drogscen_plugin.net.overpass_answer import server_words
from tests.net.servers import data_json, data_text
from tests.net.test_overpass import by_id, fetch, serve


def summary(result):
    return sorted(
        (school.source_id, school.name, school.type, school.opening_hours, school.geometry.wkt)
        for school in result.schools
    )


# --- error pages -----------------------------------------------------------------------


def test_a_refused_query_is_reported_in_the_servers_words_without_the_page(httpserver, make_client):
    serve(httpserver, (data_text("overpass_bad_request.html"), 400, "text/html"))

    with pytest.raises(FetchError) as caught:
        fetch(httpserver, make_client())

    message = str(caught.value)
    assert message.startswith(
        'The Overpass server did not accept the query (\'line 2: parse error: Unknown type "nwx" '
        "line 2: parse error: An empty query is not allowed')"
    )
    assert "&quot;" not in message and "ODbL" not in message and "<" not in message
    assert "\n" not in message


def test_an_error_page_with_status_200_is_an_error_in_the_servers_words(httpserver, make_client):
    serve(httpserver, (data_text("overpass_bad_request.html"), 200, "text/html"))

    with pytest.raises(
        FetchError,
        match=r"answered with an error page: 'line 2: parse error: "
        r"Unknown type \"nwx\"",
    ):
        fetch(httpserver, make_client())


@pytest.mark.parametrize(
    "page, words",
    [
        (
            "overpass_bad_request.html",
            'line 2: parse error: Unknown type "nwx" line 2: parse error: '
            "An empty query is not allowed",
        ),
        (
            "overpass_rate_limited.html",
            "runtime error: open64: 0 Success /osm3s_osm_base "
            "Dispatcher_Client::request_read_and_idx::rate_limited. Please "
            "check /api/status for the quota of your IP address.",
        ),
        (
            "overpass_remark.xml",
            'runtime error: Query timed out in "query" at line 2 after 91 seconds.',
        ),
        # A proxy's page, not Overpass's: its text, without the head.
        (
            "<html><head><title>Proxy</title><style>p {}</style></head><body><h1>Access denied</h1>"
            "<p>Ask your administrator &amp; try again.</p></body></html>",
            "Access denied Ask your administrator & try again.",
        ),
    ],
)
def test_server_words(page, words):
    text = data_text(page) if page.startswith("overpass_") else page
    assert server_words(text) == words


# --- XML ------------------------------------------------------------------------------


def test_an_xml_answer_is_read_as_the_json_one(httpserver, make_client):
    serve(httpserver, (data_text("overpass_schools.xml"), 200, "application/osm3s+xml"))

    result = fetch(httpserver, make_client())

    expected = overpass.parse(data_json("overpass_schools.json"))
    assert summary(result) == summary(expected) and len(result.schools) == 7
    assert result.skipped == expected.skipped
    assert result.merged == expected.merged
    assert result.notes == ["The server answered XML, not the JSON asked for; it was read as XML."]


def test_an_xml_answer_with_a_remark_is_an_error(httpserver, make_client):
    serve(httpserver, (data_text("overpass_remark.xml"), 200, "application/osm3s+xml"))

    with pytest.raises(FetchError, match=r"stopped the query: 'runtime error: Query timed out"):
        fetch(httpserver, make_client())


@pytest.mark.parametrize(
    "body, detail",
    [
        ('<?xml version="1.0"?>\n<error code="17">quota</error>', "its root element is <error>"),
        ('<?xml version="1.0"?>\n<osm><node id="1" lat="59"', "unclosed token: line 2"),
    ],
)
def test_xml_that_is_no_osm_answer_is_reported_as_xml(httpserver, make_client, body, detail):
    serve(httpserver, (body, 200, "application/xml"))

    with pytest.raises(FetchError) as caught:
        fetch(httpserver, make_client())

    message = str(caught.value)
    assert message.startswith(
        "The server answered XML, not the JSON asked for, and it cannot be "
        "read as an OpenStreetMap answer"
    )
    assert detail in message


# --- malformed elements ---------------------------------------------------------------------


BAD_ELEMENTS = [
    (
        {"type": "node", "id": 9001, "lat": "abc", "lon": 18.07, "tags": {"amenity": "school"}},
        "node/9001",
        "lat 'abc' is not a number of degrees",
    ),
    (
        {"type": "node", "id": 9002, "lat": "NaN", "lon": 18.07, "tags": {"amenity": "school"}},
        "node/9002",
        "lat 'NaN' is not a number of degrees",
    ),
    (
        {
            "type": "node",
            "id": 9003,
            "lat": 59.3,
            "lon": float("inf"),
            "tags": {"amenity": "school"},
        },
        "node/9003",
        "lon inf is not a number of degrees",
    ),
    (
        {"type": "node", "id": 9004, "lat": 91.0, "lon": 18.0, "tags": {"amenity": "school"}},
        "node/9004",
        "lat 91.0 is not a number of degrees",
    ),
    (
        {"type": "node", "id": 9005, "lat": 59.3, "lon": 18.0, "tags": "amenity=school"},
        "node/9005",
        "its tags are not a list of texts",
    ),
    (
        {
            "type": "node",
            "id": 9006,
            "lat": 59.3,
            "lon": 18.0,
            "tags": {"amenity": "school", "capacity": 300},
        },
        "node/9006",
        "its tags are not a list of texts",
    ),
    (17, "element 17", "it is not an element"),
    (
        {"type": "node", "lat": 59.3, "lon": 18.0, "tags": {"amenity": "school"}},
        "element 18",
        "its id None is not a positive whole number",
    ),
    (
        {
            "type": "way",
            "id": 9009,
            "tags": {"amenity": "school"},
            "geometry": [
                {"lat": 59.3, "lon": 18.0},
                {"lat": 59.31, "lon": "x"},
                {"lat": 59.31, "lon": 18.01},
                {"lat": 59.3, "lon": 18.0},
            ],
        },
        "way/9009",
        "lon 'x' is not a number of degrees",
    ),
    (
        {
            "type": "relation",
            "id": 9010,
            "tags": {"amenity": "school", "type": "multipolygon"},
            "members": "outer",
        },
        "relation/9010",
        "its members are not a list",
    ),
    (
        {"type": "way", "id": 9011, "tags": {"amenity": "school"}, "geometry": {"lat": 59.3}},
        "way/9011",
        "its geometry is not a list of points",
    ),
]


def test_malformed_elements_are_left_out_and_counted_the_rest_kept(httpserver, make_client):
    payload = data_json("overpass_schools.json")
    good = len(payload["elements"])
    # After the ten good elements: positions 11 to 21, as the log counts them.
    payload["elements"].extend(element for element, _, _ in BAD_ELEMENTS)
    serve(httpserver, (json.dumps(payload), 200, "application/json"))

    result = fetch(httpserver, make_client())

    expected = overpass.parse(data_json("overpass_schools.json"))
    assert summary(result) == summary(expected)
    assert result.malformed == [(source_id, reason) for _, source_id, reason in BAD_ELEMENTS]
    assert good == 10


def test_a_name_that_is_not_utf8_leaves_out_only_its_element(httpserver, make_client):
    body = data_text("overpass_schools.json").encode("utf-8")
    # Latin-1 "ö" where UTF-8 was promised, in the name of one element.
    body = body.replace("Förskolan Ekorren".encode("utf-8"), b"F\xf6rskolan Ekorren")
    serve(httpserver, (body, 200, "application/json"))

    result = fetch(httpserver, make_client())

    assert result.malformed == [("node/1001", "its tag 'name' is not valid UTF-8")]
    assert "node/1001" not in by_id(result)
    assert len(result.schools) == 6


# --- one school, one feature ----------------------------------------------------------------


def test_points_and_nested_grounds_of_one_school_become_one(httpserver, make_client):
    serve(httpserver, (data_text("overpass_duplicates.json"), 200, "application/json"))

    result = fetch(httpserver, make_client())

    assert sorted(result.merged) == [
        ("node/6001", "way/7001", "point in grounds"),
        ("node/6002", "way/7002", "same name nearby"),
        ("way/7003", "way/7002", "grounds in grounds"),
        ("way/7005", "way/7004", "grounds in grounds"),
    ]
    schools = by_id(result)
    assert sorted(schools) == [
        "node/6003",
        "node/6004",
        "node/6005",
        "way/7001",
        "way/7002",
        "way/7004",
        "way/7006",
    ]
    # The grounds keep their own name; the point gives what they lack.
    assert (schools["way/7001"].name, schools["way/7001"].type) == (
        "Școala Gimnazială Nr. 111",
        "grundskola",
    )
    campus = schools["way/7002"]
    assert (campus.name, campus.type, campus.opening_hours) == (
        "Liceul Teoretic Nr. 5",
        "gymnasieskola",
        "Mo-Fr 07:30-15:00",
    )
    # A preschool in a school's grounds, another school in the same grounds, and a school of
    # the same name two kilometres away are schools of their own.
    assert schools["node/6003"].type == "förskola"
    assert schools["node/6004"].name == "Școala Gimnazială Nr. 112"
    assert schools["node/6005"].name == "Școala Gimnazială Nr. 111"
    # An unnamed campus takes the name of the largest school in it; another named one stays.
    assert (schools["way/7004"].name, schools["way/7006"].name) == ("Școala A", "Școala B")
