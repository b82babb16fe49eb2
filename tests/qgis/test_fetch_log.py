"""What drogscen:fetchschools tells in its log about data as it comes: merged duplicates,
malformed elements, units left out, XML answers, places outside the output CRS."""

import json

import processing

from tests.net.servers import data_json, data_text
from tests.qgis.layer_helpers import LogFeedback
from tests.qgis.test_fetch_schools import (  # noqa: F401 (fixtures)
    OVERPASS,
    REGISTER,
    features,
    network,
    server,
)

BUCHAREST = "26.09,26.13,44.42,44.45 [EPSG:4326]"


def fetch(server, body, extent, content_type="application/json", **parameters):
    server.expect_request(OVERPASS, method="POST").respond_with_data(
        body, content_type=content_type
    )
    log = LogFeedback()
    result = processing.run(
        "drogscen:fetchschools",
        dict(
            {
                "SOURCE": 0,
                "EXTENT": extent,
                "OVERPASS_URL": server.url_for(OVERPASS),
                "OUTPUT": "memory:",
                "GROUNDS": "memory:",
            },
            **parameters,
        ),
        feedback=log,
    )
    return result, log


def test_duplicates_are_merged_and_told_in_one_line_and_the_grid_is_checked(server):
    result, log = fetch(server, data_text("overpass_duplicates.json"), BUCHAREST)

    assert sorted(features(result["GROUNDS"])) == ["way/7001", "way/7002", "way/7004", "way/7006"]
    assert sorted(features(result["OUTPUT"])) == ["node/6003", "node/6004", "node/6005"]
    (merged,) = [line for line in log.infos if "same school as another" in line]
    assert merged.startswith(
        "4 features were the same school as another and were merged (points within their "
        "school's grounds: 1; grounds within larger grounds of the same school: 2; points near "
        "grounds of the same name: 1): "
    )
    assert "node/6001 → way/7001" in merged
    (grid,) = [line for line in log.warnings if "area of use" in line]
    assert "EPSG:3006" in grid and "EPSG:32635" in grid

    _, again = fetch(
        server, data_text("overpass_duplicates.json"), BUCHAREST, OUTPUT_CRS="EPSG:32635"
    )
    assert not [line for line in again.warnings if "area of use" in line]


def test_malformed_elements_are_counted_in_one_warning(server):
    payload = data_json("overpass_schools.json")
    payload["elements"] += [
        {"type": "node", "id": 9001, "lat": "abc", "lon": 18.07, "tags": {"amenity": "school"}},
        {"type": "node", "id": 9002, "lat": 59.31, "lon": 18.07, "tags": "amenity=school"},
        42,
    ]
    extent = "18.06,18.09,59.31,59.32 [EPSG:4326]"

    result, log = fetch(server, json.dumps(payload), extent)

    assert result["SCHOOL_COUNT"] + result["GROUNDS_COUNT"] == 7
    # Two with unusable geometry, three malformed.
    assert result["SKIPPED_COUNT"] == 2 + 3
    (warning,) = [line for line in log.warnings if "malformed" in line]
    assert warning == (
        "3 malformed elements of the answer were left out: node/9001 (lat 'abc' is not a number "
        "of degrees); node/9002 (its tags are not a list of texts); element 13 (it is not an "
        "element)."
    )


def test_an_xml_answer_is_read_and_said_so(server):
    extent = "18.06,18.09,59.31,59.32 [EPSG:4326]"
    result, log = fetch(server, data_text("overpass_schools.xml"), extent, "application/xml")

    assert result["SCHOOL_COUNT"] + result["GROUNDS_COUNT"] == 7
    assert "The server answered XML, not the JSON asked for; it was read as XML." in log.infos


def test_skolverket_units_that_fail_are_named_in_one_warning(server):
    server.expect_request(REGISTER + "/school-units").respond_with_json(
        data_json("skolverket_school_units_storskolan.json")
    )
    for code in ("50010001", "50010002"):
        server.expect_request("{}/school-units/{}".format(REGISTER, code)).respond_with_json(
            data_json("skolverket_school_unit_{}.json".format(code))
        )
    log = LogFeedback()

    result = processing.run(
        "drogscen:fetchschools",
        {
            "SOURCE": 1,
            "MUNICIPALITY": "0180",
            "SKOLVERKET_URL": server.url_for(REGISTER),
            "OUTPUT": "memory:",
            "GROUNDS": "memory:",
        },
        feedback=log,
    )

    points = features(result["OUTPUT"])
    assert sorted((code, f["name"]) for code, f in points.items()) == [
        ("50010001", "Storskolan F-3"),
        ("50010002", "Storskolan 4-9"),
    ]
    # Two units whose details failed, three malformed in the list.
    assert result["SKIPPED_COUNT"] == 2 + 3
    (failed,) = [line for line in log.warnings if "details could not be fetched" in line]
    assert failed.startswith(
        "2 school units were left out because their details could not be "
        "fetched: 50010003 (Gamla skolan: "
    )
    assert "50010004 (Trasiga skolan: " in failed
