"""drogscen:measurecoverage through processing.run, on an analysis of real layers and
measures saved in a GeoPackage; the expected minutes are computed by hand."""

import datetime
import subprocess

import processing
import pytest
from layer_helpers import memory_layer
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDate

from drogscen_plugin.core.coverage import COVERAGE_FIELDS, coverage_field_alias
from drogscen_plugin.qgis_io.expressions import register_functions
from drogscen_plugin.qgis_io.measures_layer import add_measure_features, create_measures_layers

TODAY = datetime.date.today()
A, B = "Ekskolan", "Lönnens förskola"


@pytest.fixture(scope="module")
def scenes():
    return memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [
            # Ekskolan: adult presence Mo-Fr 11-14 (900 min).
            (
                "Polygon ((674050 6580050, 674150 6580050, 674150 6580150, 674050 6580050))",
                ["Parken", "Mo-Fr 11:00-14:00"],
            ),
            # Ekskolan: guard hours 5 x 5 h (1500 min), a round before each weekday opening.
            (
                "Polygon ((673900 6579850, 673950 6579850, 673950 6579900, 673900 6579850))",
                ["Tunneln", "Mo-Fr 22:00-03:00"],
            ),
            # Lönnens förskola: guard hours 2 x 3 h (360 min), a round on Monday.
            (
                "Polygon ((676100 6580000, 676200 6580000, 676200 6580100, 676100 6580000))",
                ["Torget", "Sa-Su 20:00-23:00"],
            ),
        ],
    )


@pytest.fixture(scope="module")
def analysis(scenes):
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string"), ("opening_hours", "string")],
        [
            ("Point (674000 6580000)", [A, "grundskola", "Mo-Fr 07:00-18:00"]),
            ("Point (676000 6580000)", [B, "förskola", None]),
            ("Point (690000 6590000)", ["Fjärran skola", "grundskola", None]),
        ],
    )
    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": scenes,
            "SCHOOLS": schools,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    return results["OUTPUT"], results["SUMMARY"]


def point(x, y):
    return QgsGeometry.fromWkt("Point ({} {})".format(x, y))


@pytest.fixture
def measures(tmp_path):
    """The three measures layers, saved, with the measures each test reads."""
    register_functions()
    layers = create_measures_layers(str(tmp_path / "measures.gpkg"))
    yesterday = QDate(TODAY - datetime.timedelta(days=1))
    add_measure_features(
        layers.points,
        [
            # No school named: linked to Ekskolan only by lying 50 m from it.
            {
                "measure_type": "camera",
                "hours": "Mo-Su 18:00-07:00",
                "status": "ongoing",
                "geometry": point(674050, 6580000),
            },
            # Named, with other case and spaces, and far from the school.
            {
                "measure_type": "presence",
                "school": " ekskolan",
                "hours": "Mo-Fr 12:00-13:00",
                "status": "done",
                "geometry": point(680000, 6585000),
            },
            {
                "measure_type": "guard",
                "school": B,
                "hours": "Sa-Su 20:00-23:00",
                "status": "planned",
                "geometry": point(685000, 6585000),
            },
            # Ended yesterday.
            {
                "measure_type": "round",
                "school": B,
                "hours": "Mo 06:00-06:30",
                "status": "done",
                "end_date": yesterday,
                "geometry": point(685000, 6585000),
            },
        ],
    )
    add_measure_features(
        layers.lines,
        [
            {
                "measure_type": "round",
                "school": A,
                "hours": "Mo-We 06:00-06:30",
                "status": "done",
                "geometry": QgsGeometry.fromWkt(
                    "MultiLineString ((681000 6585000, 681100 6585000))"
                ),
            },
        ],
    )
    add_measure_features(
        layers.polygons,
        [
            # Near Ekskolan, but lighting covers no hours.
            {
                "measure_type": "lighting",
                "hours": "24/7",
                "status": "done",
                "geometry": QgsGeometry.fromWkt(
                    "MultiPolygon (((674000 6580020, 674020 6580020, 674020 6580040, "
                    "674000 6580020)))"
                ),
            },
        ],
    )
    for layer in layers.layers():
        assert layer.commitChanges(), layer.commitErrors()
    yield layers
    # Layers of a GeoPackage that outlive QGIS crash it as they close their file.
    for layer in layers.layers():
        if not sip.isdeleted(layer):
            sip.delete(layer)


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, warning):  # noqa: N802 (QGIS API)
        self.warnings.append(warning)
        super().pushWarning(warning)


def run(analysis, measures, feedback=None, **parameters):
    overlap, _ = analysis
    results = processing.run(
        "drogscen:measurecoverage",
        {
            "OVERLAP": overlap,
            "MEASURES": measures.layers(),
            "OUTPUT": "TEMPORARY_OUTPUT",
            **parameters,
        },
        feedback=feedback,
    )
    rows = {row["school_name"]: row for row in results["OUTPUT"].getFeatures()}
    return results, rows


def value(row, name):
    """A row's value, None for NULL."""
    result = row[name]
    return None if result is None or (hasattr(result, "isNull") and result.isNull()) else result


def test_one_row_per_affected_school_with_every_field(analysis, measures):
    results, rows = run(analysis, measures)
    layer = results["OUTPUT"]
    assert layer.fields().names() == [name for name, _ in COVERAGE_FIELDS]
    assert all(coverage_field_alias(name) for name in layer.fields().names())
    assert sorted(rows) == [A, B]  # Fjärran skola has no scene
    assert results["SCHOOL_COUNT"] == 2
    summary_fids = {
        feature["school_name"]: feature["school_fid"] for feature in analysis[1].getFeatures()
    }
    assert all(rows[name]["school_fid"] == summary_fids[name] for name in rows)


def test_measures_linked_by_name(analysis, measures):
    results, rows = run(analysis, measures)
    school = rows[A]
    assert school["needed_min"] == 900 + 1500
    assert school["presence_needed_min"] == 900
    # Adult presence 12-13 against 11-14: two hours a day uncovered.
    assert school["presence_uncovered_min"] == 600
    assert school["presence_uncovered_hours"] == "Mo-Fr 11:00-12:00,13:00-14:00"
    # The camera names no school: without the summary it is not linked.
    assert school["guard_uncovered_min"] == 1500
    assert school["uncovered_min"] == 2100
    assert school["round_days"] == "Mo,Tu,We,Th,Fr"
    assert school["round_days_missing"] == "Th,Fr"
    assert school["measure_count"] == 2
    assert results["COVERED_COUNT"] == 0


def test_measures_linked_by_place_with_the_summary(analysis, measures):
    _, summary = analysis
    _, rows = run(analysis, measures, SUMMARY=summary, DISTANCE=300)
    school = rows[A]
    # The camera 50 m away covers the guard hours Mo-Fr 22:00-03:00 whole.
    assert school["guard_uncovered_min"] == 0
    assert school["uncovered_min"] == 600
    assert school["uncovered_hours"] == "Mo-Fr 11:00-12:00,13:00-14:00"
    assert school["measure_count"] == 4  # camera, presence, round, lighting
    _, rows = run(analysis, measures, SUMMARY=summary, DISTANCE=40)
    assert rows[A]["guard_uncovered_min"] == 1500
    assert rows[A]["measure_count"] == 3


def test_planned_measures_count_only_when_asked(analysis, measures):
    _, rows = run(analysis, measures)
    preschool = rows[B]
    assert preschool["needed_min"] == 360
    assert preschool["uncovered_min"] == 360
    assert preschool["uncovered_hours"] == "Sa-Su 20:00-23:00"
    assert preschool["round_days"] == "Mo"
    # The round ended yesterday.
    assert value(preschool, "round_days_missing") == "Mo"
    _, rows = run(analysis, measures, INCLUDE_PLANNED=True)
    assert rows[B]["uncovered_min"] == 0
    assert value(rows[B], "uncovered_hours") == "off"
    assert rows[B]["round_days_missing"] == "Mo"


def test_the_date_decides_which_measures_are_in_force(analysis, measures):
    last_week = QDate(TODAY - datetime.timedelta(days=7))
    results, rows = run(analysis, measures, INCLUDE_PLANNED=True, DATE=last_week)
    assert value(rows[B], "round_days_missing") is None
    assert results["COVERED_COUNT"] == 1


def test_measures_that_cannot_be_read_are_left_out_and_reported(analysis, measures):
    layer = measures.points
    # Written past the form, as another program could.
    broken = QgsFeature(layer.fields())
    broken.setAttributes(
        [None, "guard", A, None, "Mo-Fx 22:00-03:00", None, "done", None, None, None, None]
    )
    staffed = QgsFeature(layer.fields())
    staffed.setAttributes([None, "presence", A, None, None, None, "done", None, None, None, None])
    assert layer.dataProvider().addFeatures([broken, staffed])
    feedback = Feedback()
    _, rows = run(analysis, measures, feedback=feedback)
    assert rows[A]["uncovered_min"] == 2100  # as without them
    assert rows[A]["measure_count"] == 3  # with the presence without hours
    unreadable = [w for w in feedback.warnings if "Mo-Fx" in w]
    assert len(unreadable) == 1
    assert layer.sourceName() in unreadable[0] and "'hours'" in unreadable[0]
    assert any("covers nothing" in warning for warning in feedback.warnings)


def test_a_layer_that_is_not_the_overlaps_output_is_refused(analysis, measures, scenes):
    with pytest.raises(QgsProcessingException) as refused:
        processing.run(
            "drogscen:measurecoverage",
            {"OVERLAP": scenes, "MEASURES": measures.layers(), "OUTPUT": "TEMPORARY_OUTPUT"},
        )
    assert "school_fid" in str(refused.value)


def page_words(path, page):
    output = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(output.split())


def test_the_report_shows_the_coverage_on_each_school_page(analysis, measures, tmp_path):
    overlap, summary = analysis
    path = tmp_path / "report.pdf"
    results = processing.run(
        "drogscen:exportreport",
        {
            "OVERLAP": overlap,
            "SUMMARY": summary,
            "MEASURES": measures.layers(),
            "ADD_LAYOUTS": False,
            "OUTPUT": str(path),
        },
    )
    assert results["PAGE_COUNT"] == 3  # the overview and two schools
    _, rows = run(analysis, measures, SUMMARY=summary, DISTANCE=300)
    school = rows[A]
    expected = (
        "Coverage by {count} measures in force: {uncovered:.1f} of {needed:.1f} h/week "
        "uncovered ({hours}); yard round missing on {days}"
    ).format(
        count=school["measure_count"],
        uncovered=school["uncovered_min"] / 60,
        needed=school["needed_min"] / 60,
        hours=school["uncovered_hours"],
        days=school["round_days_missing"],
    )
    assert expected == (
        "Coverage by 4 measures in force: 10.0 of 40.0 h/week uncovered "
        "(Mo-Fr 11:00-12:00,13:00-14:00); yard round missing on Th,Fr"
    )
    pages = [page_words(path, page) for page in (2, 3)]
    assert sum(expected in page for page in pages) == 1
    assert (
        sum(
            "Coverage by 0 measures in force: 6.0 of 6.0 h/week uncovered" in page for page in pages
        )
        == 1
    )


def test_the_report_without_measures_has_no_coverage_line(analysis, tmp_path):
    overlap, summary = analysis
    path = tmp_path / "report.pdf"
    processing.run(
        "drogscen:exportreport",
        {"OVERLAP": overlap, "SUMMARY": summary, "ADD_LAYOUTS": False, "OUTPUT": str(path)},
    )
    assert not any("Coverage by" in page_words(path, page) for page in (2, 3))
