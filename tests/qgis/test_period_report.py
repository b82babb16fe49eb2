"""The situation report of a period: the period and calendar on page 1, the
day-by-hour strips, only the scenes that existed in the period, the schools'
sources, and the sample's example calendar and July scene (issue 16)."""

import datetime
import re
import xml.etree.ElementTree as ET

import processing
import pytest
from qgis.core import (
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsField,
    QgsMapLayerStyle,
    QgsRenderContext,
)
from test_report import SVG, page_count, page_text, sample_layer, value, words

from drogscen_plugin.core.school_calendar import (
    EXAMPLE_SCHOOL_HOLIDAYS_2026_27,
    EXAMPLE_TERMS_2026_27,
)
from drogscen_plugin.qgis_io.compat import FieldType
from drogscen_plugin.report import ReportLayers, ReportOptions, export_report


@pytest.fixture(scope="module")
def sample(sample_gpkg):
    """The sample's scenes and point schools; gone before QGIS exits."""
    layers = {name: sample_layer(sample_gpkg, name) for name in ("scenes", "schools")}
    yield layers
    layers.clear()


def existed_in(scene, first, last):
    """Whether a sample scene existed on a day of ``first``..``last`` (computed here
    from its fields: from first_seen up to the day before closed_on)."""
    return (value(scene, "first_seen") is None or scene["first_seen"].toPyDate() <= last) and (
        value(scene, "closed_on") is None or scene["closed_on"].toPyDate() > first
    )


def sample_calendar(sample_gpkg):
    """``{"SCHOOL_TERMS": ..., "SCHOOL_HOLIDAYS": ...}`` from the sample's example
    school_calendar table, as the README says to pass it."""
    ranges = {"term": [], "holiday": []}
    for row in sample_layer(sample_gpkg, "school_calendar").getFeatures():
        ranges[row["kind"]].append(
            "{}/{}".format(
                row["first_day"].toString("yyyy-MM-dd"), row["last_day"].toString("yyyy-MM-dd")
            )
        )
        assert row["note"].startswith("EXEMPEL")
    return {
        "SCHOOL_TERMS": ", ".join(ranges["term"]),
        "SCHOOL_HOLIDAYS": ", ".join(ranges["holiday"]),
    }


def test_the_sample_calendar_is_the_example_school_year(sample_gpkg):
    assert sample_calendar(sample_gpkg) == {
        "SCHOOL_TERMS": EXAMPLE_TERMS_2026_27,
        "SCHOOL_HOLIDAYS": EXAMPLE_SCHOOL_HOLIDAYS_2026_27,
    }


def test_a_scene_active_only_in_july_meets_no_open_school(sample, sample_gpkg):
    july = [
        f
        for f in sample["scenes"].getFeatures()
        if existed_in(f, datetime.date(2026, 7, 1), datetime.date(2026, 7, 31))
        and not existed_in(f, datetime.date(2026, 8, 1), datetime.date(2027, 6, 30))
        and not existed_in(f, datetime.date(2025, 8, 1), datetime.date(2026, 6, 30))
    ]
    assert len(july) == 1
    fid = july[0].id()
    for schools in ("schools", "school_grounds"):
        results = processing.run(
            "drogscen:overlap",
            dict(
                sample_calendar(sample_gpkg),
                SCENES=sample["scenes"],
                SCHOOLS=sample_layer(sample_gpkg, schools),
                PERIOD_START="2026-07-01",
                PERIOD_END="2026-07-31",
                OUTPUT="TEMPORARY_OUTPUT",
                SUMMARY="TEMPORARY_OUTPUT",
            ),
        )
        pairs = [f for f in results["OUTPUT"].getFeatures() if f["scene_fid"] == fid]
        if schools == "schools":
            # Beside a school, which the summer break closes: active only while it is closed.
            assert pairs and all(p["school_type"] != "förskola" for p in pairs)
            assert all(p["period_afterhours_min"] > 0 for p in pairs)
        assert all((p["period_concurrent_min"], p["conflict"]) == (0, "after_hours") for p in pairs)


def test_a_report_of_ht_2026_lists_only_the_scenes_that_existed_then(sample, sample_gpkg, tmp_path):
    """The example calendar 2026/27 (the sample's table) over the autumn term: dated
    hours texts, a week chart of the first week with activity, no closed scene."""
    results = processing.run(
        "drogscen:overlap",
        dict(
            sample_calendar(sample_gpkg),
            SCENES=sample["scenes"],
            SCHOOLS=sample["schools"],
            PERIOD_START="2026-08-17",
            PERIOD_END="2026-12-18",
            OUTPUT="TEMPORARY_OUTPUT",
            SUMMARY="TEMPORARY_OUTPUT",
        ),
    )
    existed = {
        f.id()
        for f in sample["scenes"].getFeatures()
        if existed_in(f, datetime.date(2026, 8, 17), datetime.date(2026, 12, 18))
    }
    analysed = {f["scene_fid"] for f in results["OUTPUT"].getFeatures()}
    assert analysed and analysed <= existed
    assert results["SCENES_OUTSIDE_COUNT"] == sample["scenes"].featureCount() - len(existed)
    assert results["SCENES_OUTSIDE_COUNT"] > 0
    report = export_report(
        ReportLayers(results["OUTPUT"], results["SUMMARY"], sample["scenes"]),
        str(tmp_path / "report.pdf"),
        ReportOptions(today=datetime.date(2026, 12, 18)),
        add_to_project=False,
    )
    assert not [w for w in report.warnings if "closed" in w]
    # The sample's schools have no source field: no sources to name.
    assert {f["school_sources"] for f in results["SUMMARY"].getFeatures()} == {""}
    # The overview map draws only those scenes; the input layer keeps all of them.
    assert sorted(drawn_scenes(report, sample["scenes"])) == sorted(
        f["name"] for f in sample["scenes"].getFeatures() if f.id() in existed
    )
    # No layer of its own: the scenes layer itself, filtered by the maps' style.
    assert report.maps.scenes is sample["scenes"]
    assert sample["scenes"].featureCount() > len(existed)
    # Page 1 states the period and the calendar the outputs carry.
    overview = words(page_text(tmp_path / "report.pdf", 1))
    assert "Period: 17 Aug – 18 Dec 2026" in overview
    assert (
        "School calendar: terms 17 Aug–18 Dec 2026, 8 Jan–11 Jun 2027; school holidays "
        "26–30 Oct 2026, 21 Dec 2026–7 Jan 2027, 1–5 Mar 2027, 29 Mar–2 Apr 2027"
    ) in overview
    closed_names = {f["name"] for f in sample["scenes"].getFeatures() if f.id() not in existed}
    school_names = {
        f["school_name"] for f in results["SUMMARY"].getFeatures() if f["scene_count"] > 0
    }
    pages = page_count(tmp_path / "report.pdf")
    text = words(
        " ".join(
            page_text(tmp_path / "report.pdf", page)
            for page in range(pages - len(school_names) + 1, pages + 1)
        )
    )
    assert all(name in text for name in school_names)
    # The scenes closed before the term (or seen after it) are named nowhere: not in
    # the school pages, not on the overview's map.
    assert closed_names and not any(name in text for name in closed_names)
    assert not any(name in overview for name in closed_names)
    # A week chart per affected school: its first week with scene activity.
    titles = [
        ET.fromstring(chart).find(SVG + "title").text for chart in report.week_charts.values()
    ]
    assert len(titles) == len(school_names)
    assert all(
        re.fullmatch(r"Week chart: .+, week of 2026-(0[89]|1[0-2])-\d\d", title) for title in titles
    ), titles
    # A day-by-hour strip per affected school: its cells add up to the period's minutes.
    summaries = {f["school_fid"]: f for f in results["SUMMARY"].getFeatures()}
    assert set(report.day_strips) == set(report.week_charts)
    for fid, strip in report.day_strips.items():
        root = ET.fromstring(strip)
        cells = {
            (rect.get("data-day"), rect.get("data-hour")): (
                int(rect.get("data-concurrent")),
                int(rect.get("data-afterhours")),
            )
            for rect in root.iter(SVG + "rect")
            if rect.get("data-hour") is not None
        }
        assert all("2026-08-17" <= day <= "2026-12-18" for day, _ in cells)
        assert sum(c for c, _ in cells.values()) == summaries[fid]["period_concurrent_min"]
        assert sum(a for _, a in cells.values()) == summaries[fid]["period_afterhours_min"]
        marks = {
            rect.get("data-day"): rect.get("data-mark")
            for rect in root.iter(SVG + "rect")
            if rect.get("data-mark")
        }
        # All Saints' Day closes every school; höstlov leaves a grundskola its fritidshem.
        assert marks["2026-10-31"] == "holiday"
        if summaries[fid]["school_type"] == "grundskola":
            assert marks["2026-10-26"] == "fritidshem"


def test_the_sources_line_names_the_schools_sources(sample, tmp_path):
    """The summary carries the distinct values of the schools' source field."""
    schools = sample["schools"].materialize(QgsFeatureRequest())
    schools.dataProvider().addAttributes([QgsField("source", FieldType.STRING)])
    schools.updateFields()
    index = schools.fields().lookupField("source")
    values = {
        fid: value
        for fid, value in zip(
            sorted(f.id() for f in schools.getFeatures()),
            ["Skolverkets skolenhetsregister", "OpenStreetMap", None] * 100,
        )
    }
    schools.dataProvider().changeAttributeValues(
        {fid: {index: value} for fid, value in values.items() if value is not None}
    )
    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": sample["scenes"],
            "SCHOOLS": schools,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    assert {f["school_sources"] for f in results["SUMMARY"].getFeatures()} == {
        "OpenStreetMap; Skolverkets skolenhetsregister"
    }
    path = tmp_path / "report.pdf"
    export_report(
        ReportLayers(results["OUTPUT"], results["SUMMARY"]),
        str(path),
        ReportOptions(today=datetime.date(2026, 3, 8)),
        add_to_project=False,
    )
    overview = words(page_text(path, 1))
    assert "schools: Skolverkets skolenhetsregister, OpenStreetMap" in overview
    assert "© OpenStreetMap contributors, ODbL" in overview


def drawn_scenes(report, scenes):
    """The names of the scenes the overview map's style draws, as QGIS renders them."""
    copy = scenes.clone()
    QgsMapLayerStyle(report.maps.overview_overrides[scenes.id()]).writeToLayer(copy)
    renderer = copy.renderer().clone()
    context = QgsRenderContext()
    context.expressionContext().appendScopes(
        QgsExpressionContextUtils.globalProjectLayerScopes(copy)
    )
    renderer.startRender(context, copy.fields())
    drawn = []
    for feature in copy.getFeatures():
        context.expressionContext().setFeature(feature)
        if renderer.willRenderFeature(feature, context):
            drawn.append(feature["name"])
    renderer.stopRender(context)
    return drawn
