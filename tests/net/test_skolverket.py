"""The Skolenhetsregistret v2 client against a local server serving the register's real formats."""

import pytest
from shapely.geometry import Point

from drogscen_plugin.core.errors import AnalysisCanceled, InputError
from drogscen_plugin.net import skolverket
from drogscen_plugin.net.http import FetchError
from tests.net.servers import data_json

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
    assert [request.path for request in requests] == [BASE + "/school-units"] + [
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
        fetch(httpserver, client)
    assert len(httpserver.log) == 3


def test_a_failing_unit_names_the_unit(httpserver, make_client):
    serve_register(httpserver, details=LISTED[:1])
    httpserver.expect_request("{}/school-units/{}".format(BASE, LISTED[1])).respond_with_data(
        "Internal Server Error", status=500
    )

    with pytest.raises(FetchError, match=r"School unit 45671238 \(Tallgymnasiet\): .*HTTP 500"):
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
