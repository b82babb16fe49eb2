"""Dated hours (dates, PH, SH) read from layer fields: drogscen:overlap and drogscen:checkhours."""

import processing
from layer_helpers import LogFeedback, memory_layer, to_geopackage
from qgis.core import NULL

from tests.qgis.test_overlap_period import rows, run

SCHOOL = "POINT(674000 6580000)"
NEAR = "POLYGON((674010 6580010, 674060 6580010, 674060 6580060, 674010 6580060, 674010 6580010))"
LUNCH = "Mo-Fr 12:00-13:00; Jul off"
EVENING = "Mo-Fr 19:00-20:00; 2026 Jun 29-Jul 3 off"
HOLIDAYS = "PH 10:00-12:00"
# Three weeks around midsummer 2026: midsommarafton Friday 19 June and
# midsommardagen Saturday 20 June are public holidays; July begins on a Wednesday.
MIDSUMMER = dict(PERIOD_START="2026-06-15", PERIOD_END="2026-07-05")


def scene_layer(tmp_path, hours):
    scenes = memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [(NEAR, [name, text]) for name, text in hours],
        name="scenes",
    )
    return to_geopackage(scenes, tmp_path / "scenes.gpkg", "scenes")


def test_dated_scene_hours_over_a_period(tmp_path):
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string")],
        [(SCHOOL, ["Gymnasiet", "gymnasieskola"])],
        name="schools",
    )
    scenes = scene_layer(tmp_path, [("Lunch", LUNCH), ("Kväll", EVENING), ("Helg", HOLIDAYS)])
    feedback = LogFeedback()
    result = run(schools, scenes, feedback, **MIDSUMMER)
    assert result["HOURS_INVALID_COUNT"] == 0
    assert not [line for line in feedback.warnings if "not understood" in line]
    pairs = rows(result["OUTPUT"])
    # 12 weekdays before July; the school (default hours, every day a term day)
    # is closed on midsommarafton.
    lunch = pairs["Lunch"]
    assert (lunch["period_concurrent_min"], lunch["period_afterhours_min"]) == (660, 60)
    assert (
        lunch["conflict_dates"] == "2026-06-15/2026-06-18, 2026-06-22/2026-06-26, "
        "2026-06-29/2026-06-30"
    )
    # Ten evenings: the week of 29 June is off.
    evening = pairs["Kväll"]
    assert (evening["period_concurrent_min"], evening["period_afterhours_min"]) == (0, 600)
    # Two public holidays, the school closed on both.
    holidays = pairs["Helg"]
    assert (holidays["period_concurrent_min"], holidays["period_afterhours_min"]) == (0, 240)
    assert holidays["guard_hours"] == "2026 Jun 19-2026 Jun 20 Fr-Sa 10:00-12:00"
    # Dated hours have no one week: the output shows the period's first week.
    assert (lunch["scene_hours"], evening["scene_hours"]) == (
        "Mo-Fr 12:00-13:00",
        "Mo-Fr 19:00-20:00",
    )
    assert all(pair["hours_note"] in ("", NULL) for pair in pairs.values())


def test_a_schools_own_dated_hours(tmp_path):
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string"), ("opening_hours", "string")],
        [(SCHOOL, ["Skolan", "grundskola", "Mo-Fr 08:00-16:00; Jul off"])],
        name="schools",
    )
    scenes = scene_layer(tmp_path, [("Lunch", "Mo-Fr 12:00-13:00")])
    result = run(schools, scenes, PERIOD_START="2026-06-29", PERIOD_END="2026-07-05")
    assert result["HOURS_INVALID_COUNT"] == 0
    lunch = rows(result["OUTPUT"])["Lunch"]
    # Open Monday and Tuesday; closed from 1 July.
    assert (lunch["period_concurrent_min"], lunch["period_afterhours_min"]) == (120, 180)
    assert lunch["school_hours"] == "Mo-Tu 08:00-16:00"
    # A one-week period: its presence hours are weekly.
    assert lunch["presence_hours"] == "Mo-Tu 12:00-13:00"


def test_checkhours_reads_dated_values_and_explains_them():
    values = [
        "Mo-Fr 08:00-16:00; Jul off",
        "PH off",
        "Mo-Fr 08:00-16:00; 2024 Apr 10-16 off",
        "SH Mo-Fr 08:00-12:00",
        "Mo-Fr 08:00-16:00; 21 Apr 10-16 off",
        "Mo-Fr 08:00-16:00; Jul 35 off",
    ]
    layer = memory_layer(
        "Point", [("hours", "string")], [(SCHOOL, [value]) for value in values], name="places"
    )
    feedback = LogFeedback()
    result = processing.run(
        "drogscen:checkhours",
        {"INPUT": layer, "FIELD": "hours", "OUTPUT": "memory:"},
        feedback=feedback,
    )
    assert (result["VALID_COUNT"], result["INVALID_COUNT"]) == (4, 2)
    checked = {f["hours"]: f for f in result["OUTPUT"].getFeatures()}
    july = checked[values[0]]
    assert july["hours_valid"] is True or july["hours_valid"] == 1
    assert july["hours_canonical"] == values[0]
    assert july["hours_message"] == (
        "hours by the calendar: dates as the rules say; other days Mo-Fr 08:00-16:00"
    )
    assert checked["PH off"]["hours_message"] == (
        "hours by the calendar: public holidays (PH) as the rules say; other days off"
    )
    assert "school holidays (SH)" in checked[values[3]]["hours_message"]
    assert checked[values[3]]["hours_message"].endswith("other days off")
    # Invalid ones carry the parser's own message.
    year = checked[values[4]]
    assert not year["hours_valid"]
    assert year["hours_message"].startswith("Years are written with four digits")
    assert year["hours_canonical"] == NULL
    assert any("Years are written" in line for line in feedback.warnings)
    assert checked[values[5]]["hours_valid"] in (False, 0)
