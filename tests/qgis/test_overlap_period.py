"""drogscen:overlap over a period: dates, school holidays, scenes that open and close."""

import processing
import pytest
from layer_helpers import LogFeedback, memory_layer, to_geopackage
from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QDate

SCHOOL = "POINT(674000 6580000)"
NEAR = "POLYGON((674010 6580010, 674060 6580010, 674060 6580060, 674010 6580060, 674010 6580010))"


def layers(tmp_path):
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string")],
        [(SCHOOL, ["Gymnasiet", "gymnasieskola"])],
        name="schools",
    )
    scenes = memory_layer(
        "Polygon",
        [
            ("name", "string"),
            ("active_hours", "string"),
            ("first_seen", "date"),
            ("closed_on", "date"),
        ],
        [
            (NEAR, ["Lunch", "Mo-Fr 12:00-13:00; Sa 22:00-23:00", QDate(2026, 1, 5), None]),
            (NEAR, ["Stängd", "24/7", QDate(2024, 3, 1), QDate(2025, 6, 1)]),
            (NEAR, ["Kväll", "SH Mo-Fr 10:00-12:00", None, QDate(2026, 10, 28)]),
        ],
        name="scenes",
    )
    return schools, to_geopackage(scenes, tmp_path / "scenes.gpkg", "scenes")


def run(schools, scenes, feedback=None, **parameters):
    parameters = dict(
        {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": "memory:", "SUMMARY": "memory:"},
        **parameters,
    )
    return processing.run("drogscen:overlap", parameters, feedback=feedback)


def rows(layer):
    return {feature["scene_name"]: feature for feature in layer.getFeatures()}


# Weeks 43 and 44 of 2026, week 44 a lov.
LOV = dict(
    PERIOD_START="2026-10-19", PERIOD_END="2026-11-01", SCHOOL_HOLIDAYS="2026-10-26/2026-10-30"
)


def test_a_term_with_a_lov_week_and_scenes_that_open_and_close(tmp_path):
    feedback = LogFeedback()
    result = run(*layers(tmp_path), feedback=feedback, **LOV)
    # The scene closed in 2025 is left out and counted.
    assert result["SCENES_OUTSIDE_COUNT"] == 1
    assert any("did not exist" in line for line in feedback.infos)
    pairs = rows(result["OUTPUT"])
    assert set(pairs) == {"Lunch", "Kväll"}
    lunch = pairs["Lunch"]
    # The gymnasium is closed in the lov week: 5 lunches open, 5 lunches and 2 Saturdays closed.
    assert (lunch["period_concurrent_min"], lunch["period_afterhours_min"]) == (300, 420)
    assert (lunch["concurrent_min"], lunch["afterhours_min"]) == (150, 210)
    assert lunch["conflict_dates"] == "2026-10-19/2026-10-23"
    assert (lunch["round_count"], lunch["round_days"]) == (1, "2026-10-19")
    assert lunch["presence_hours"] == "2026 Oct 19-2026 Oct 23 Mo-Fr 12:00-13:00"
    # Active on the lov's Monday and Tuesday only: closed on 28 October.
    evening = pairs["Kväll"]
    assert (evening["period_concurrent_min"], evening["period_afterhours_min"]) == (0, 240)
    (summary,) = result["SUMMARY"].getFeatures()
    assert (summary["period_concurrent_min"], summary["period_afterhours_min"]) == (300, 660)


def test_without_the_date_fields_every_scene_counts(tmp_path):
    result = run(*layers(tmp_path), SCENE_FROM_FIELD="", SCENE_TO_FIELD="", **LOV)
    assert result["SCENES_OUTSIDE_COUNT"] == 0
    assert set(rows(result["OUTPUT"])) == {"Lunch", "Stängd", "Kväll"}


def test_a_one_week_period_keeps_the_weekly_text(tmp_path):
    # 2 to 8 March 2026: no public holiday.
    result = run(*layers(tmp_path), PERIOD_START="2026-03-02", PERIOD_END="2026-03-08")
    lunch = rows(result["OUTPUT"])["Lunch"]
    assert (lunch["presence_hours"], lunch["guard_hours"]) == (
        "Mo-Fr 12:00-13:00",
        "Sa 22:00-23:00",
    )
    assert (lunch["concurrent_min"], lunch["period_concurrent_min"]) == (300, 300)
    assert (lunch["round_days"], lunch["round_count"]) == ("Mo", 1)


@pytest.mark.parametrize(
    "parameters, message",
    [
        (dict(SCHOOL_HOLIDAYS="2026-10-26/2026-10-3x"), "School holidays: item 1"),
        (dict(PERIOD_START="2026-10-19", PERIOD_END="19/10"), "PERIOD_END"),
        (dict(PERIOD_START="2026-10-19", PERIOD_END="2026-10-01"), "ends"),
    ],
)
def test_bad_dates_are_named(parameters, message):
    schools = memory_layer("Point", [("name", "string")], [(SCHOOL, ["Skolan"])])
    scenes = memory_layer("Polygon", [("name", "string")], [(NEAR, ["Scen"])])
    with pytest.raises(QgsProcessingException, match=message):
        run(schools, scenes, **parameters)
