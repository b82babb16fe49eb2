"""drogscen:measurecoverage over a period: the needs of the analysis over the same
period, each measure counted on the days it exists; minutes worked out by hand."""

import processing
import pytest
from layer_helpers import memory_layer
from qgis.core import QgsGeometry
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDate

from drogscen_plugin.qgis_io.expressions import register_functions
from drogscen_plugin.qgis_io.measures_layer import add_measure_features, create_measures_layers

SCHOOL = "Ekskolan"
# Two weeks of March 2026: no public holiday.
PERIOD = dict(PERIOD_START="2026-03-02", PERIOD_END="2026-03-15")


def analysis(**period):
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string"), ("opening_hours", "string")],
        [("Point (674000 6580000)", [SCHOOL, "grundskola", "Mo-Fr 07:00-18:00"])],
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [
            (
                "Polygon ((674050 6580050, 674150 6580050, 674150 6580150, 674050 6580050))",
                ["Parken", "Mo-Fr 11:00-14:00"],
            ),
            (
                "Polygon ((673900 6579850, 673950 6579850, 673950 6579900, 673900 6579850))",
                ["Tunneln", "Mo-Fr 22:00-03:00"],
            ),
        ],
    )
    return processing.run(
        "drogscen:overlap",
        {
            "SCENES": scenes,
            "SCHOOLS": schools,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
            **period,
        },
    )["OUTPUT"]


@pytest.fixture
def measures(tmp_path):
    register_functions()
    layers = create_measures_layers(str(tmp_path / "measures.gpkg"))
    here = QgsGeometry.fromWkt("Point (674000 6580000)")
    add_measure_features(
        layers.points,
        [
            # Ends after the first week.
            {
                "measure_type": "presence",
                "school": SCHOOL,
                "hours": "Mo-Fr 11:00-14:00",
                "status": "done",
                "end_date": QDate(2026, 3, 8),
                "geometry": here,
            },
            # Always on from Thursday 12 March.
            {
                "measure_type": "camera",
                "school": SCHOOL,
                "status": "ongoing",
                "start_date": QDate(2026, 3, 12),
                "geometry": here,
            },
            {
                "measure_type": "round",
                "school": SCHOOL,
                "hours": "Mo-Fr 06:00-06:30",
                "status": "done",
                "start_date": QDate(2026, 3, 4),
                "end_date": QDate(2026, 3, 10),
                "geometry": here,
            },
        ],
    )
    assert layers.points.commitChanges(), layers.points.commitErrors()
    yield layers
    for layer in layers.layers():
        if not sip.isdeleted(layer):
            sip.delete(layer)


def coverage(overlap, measures, **parameters):
    results = processing.run(
        "drogscen:measurecoverage",
        {
            "OVERLAP": overlap,
            "MEASURES": measures.layers(),
            "OUTPUT": "TEMPORARY_OUTPUT",
            **parameters,
        },
    )
    (row,) = results["OUTPUT"].getFeatures()
    return {
        name: (
            None
            if row[name] is None
            or row[name] == ""
            or (hasattr(row[name], "isNull") and row[name].isNull())
            else row[name]
        )
        for name in row.fields().names()
    }


def test_needs_and_measures_over_two_weeks(measures):
    row = coverage(analysis(**PERIOD), measures, **PERIOD)
    # Presence 11-14 on ten weekdays (1800 min, 900 per 7 days); the measure ends
    # after the first week: half stays uncovered.
    assert (row["presence_needed_min"], row["presence_uncovered_min"]) == (900, 450)
    assert row["presence_uncovered_hours"] == "2026 Mar 9-2026 Mar 13 Mo-Fr 11:00-14:00"
    # Guard: ten nights of 5 h (3000 min); the camera covers from 12 March 00:00:
    # the first week's five nights, 9 and 10 March, and 22-24 on 11 March are left
    # (1500 + 600 + 120 = 2220 min, 1110 per 7 days).
    assert (row["guard_needed_min"], row["guard_uncovered_min"]) == (1500, 1110)
    assert row["needed_min"] == 2400
    assert row["uncovered_min"] == round((900 + 2220) * 7 / 14)
    # A round before every weekday opening; the round measure exists 4 to 10 March.
    assert row["round_days"] == "2026-03-02/2026-03-06, 2026-03-09/2026-03-13"
    assert row["round_days_missing"] == "2026-03-02/2026-03-03, 2026-03-11/2026-03-13"
    assert row["measure_count"] == 3


def test_a_measure_outside_the_period_does_not_count(measures):
    later = dict(PERIOD_START="2026-03-16", PERIOD_END="2026-03-22")
    overlap = analysis(**later)
    row = coverage(overlap, measures, **later)
    # Only the camera exists then: presence and rounds uncovered, guard covered.
    assert row["measure_count"] == 1
    assert (row["presence_uncovered_min"], row["guard_uncovered_min"]) == (900, 0)
    assert row["round_days_missing"] == "Mo,Tu,We,Th,Fr"
    # A one-week period whose measures exist all week: the weekly coverage on a
    # date of it, field for field.
    assert coverage(overlap, measures, DATE=QDate(2026, 3, 18)) == row


def test_in_a_week_a_measure_counts_on_its_days_not_on_one_date(measures):
    week = dict(PERIOD_START="2026-03-09", PERIOD_END="2026-03-15")
    overlap = analysis(**week)
    # On Wednesday 11 March no measure is in force: the presence and the round
    # have ended, the camera starts on the 12th.
    assert coverage(overlap, measures, DATE=QDate(2026, 3, 11))["measure_count"] == 0
    row = coverage(overlap, measures, **week)
    assert row["measure_count"] == 2  # the round and the camera
    # The round covers Monday and Tuesday, the camera the nights from Thursday 00:00.
    assert row["round_days_missing"] == "We,Th,Fr"
    assert row["guard_uncovered_min"] == 2 * 300 + 120
    assert row["guard_uncovered_hours"] == "Mo-Tu 22:00-03:00, We 22:00-24:00"
