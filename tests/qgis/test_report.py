"""The situation report exported headless from the sample data, read back with poppler.

Page rule: the overview page, then a trend and districts page when scenes
or districts are given, then one page per affected school.
"""

import base64
import datetime
import gc
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import processing
import pytest
from layer_helpers import run_cli as cli
from qgis.core import (
    NULL,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsFeedback,
    QgsGeometry,
    QgsLayoutExporter,
    QgsMapLayerStyle,
    QgsPrintLayout,
    QgsProcessingException,
    QgsProject,
    QgsReadWriteContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from drogscen_plugin.core import weekchart
from drogscen_plugin.core.errors import AnalysisCanceled
from drogscen_plugin.qgis_io import styling
from drogscen_plugin.report import (
    ReportLayers,
    ReportOptions,
    export_error_message,
    export_report,
)

ROOT = Path(__file__).resolve().parents[2]
REPORT_DATE = "2025-06-01"
SVG = "{http://www.w3.org/2000/svg}"


def sample_layer(sample_gpkg, name):
    layer = QgsVectorLayer("{}|layername={}".format(sample_gpkg, name), name, "ogr")
    assert layer.isValid()
    return layer


def pdf_info(path):
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in output.stdout.splitlines() if ":" in line)


def page_count(path):
    return int(pdf_info(path)["Pages"])


def page_text(path, page, layout=False):
    command = ["pdftotext", "-f", str(page), "-l", str(page)]
    if layout:
        command.append("-layout")
    return subprocess.run(
        command + [str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def words(text):
    return " ".join(text.split())


def value(feature, name):
    found = feature[name]
    return None if found == NULL else found


@pytest.fixture(scope="module")
def sample(sample_gpkg):
    layers = {name: sample_layer(sample_gpkg, name) for name in ("scenes", "schools", "districts")}
    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": layers["scenes"],
            "SCHOOLS": layers["schools"],
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    layers["overlap"] = results["OUTPUT"]
    layers["summary"] = results["SUMMARY"]
    project = QgsProject.instance()
    before = set(project.mapLayers())
    layouts_before = {layout.name() for layout in project.layoutManager().layouts()}
    project.addMapLayers(
        [layers[name] for name in ("scenes", "schools", "districts", "overlap", "summary")]
    )
    layers["affected"] = [f for f in layers["summary"].getFeatures() if f["scene_count"] > 0]
    assert len(layers["affected"]) > 5
    yield layers
    # Only what this module added: other tests' layers stay.
    for layout in project.layoutManager().layouts():
        if layout.name() not in layouts_before:
            project.layoutManager().removeLayout(layout)
    group = project.layerTreeRoot().findGroup("Situation report layers")
    if group is not None:
        project.layerTreeRoot().removeChildNode(group)
    project.removeMapLayers(
        [layer_id for layer_id in project.mapLayers() if layer_id not in before]
    )


def run_report(sample, path, **extra):
    parameters = {
        "OVERLAP": sample["overlap"],
        "SUMMARY": sample["summary"],
        "SCENES": sample["scenes"],
        "DISTRICTS": sample["districts"],
        "REPORT_DATE": REPORT_DATE,
        "OUTPUT": str(path),
    }
    parameters.update(extra)
    return processing.run("drogscen:exportreport", parameters)


@pytest.fixture(scope="module")
def report_pdf(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "lägesbild.pdf"
    results = run_report(sample, path)
    return path, results


def school_pages(path, first, count):
    """{school name: page}, read from the first line of each school page."""
    pages = {}
    for page in range(first, first + count):
        name = page_text(path, page).strip().splitlines()[0]
        assert name not in pages, name
        pages[name] = page
    return pages


def test_one_page_per_affected_school_after_the_overview_and_trend_pages(sample, report_pdf):
    path, results = report_pdf
    affected = len(sample["affected"])
    assert page_count(path) == 2 + affected == results["PAGE_COUNT"]
    width, _, height = pdf_info(path)["Page size"].split()[:3]
    assert (round(float(width)), round(float(height))) == (842, 595)  # A4 landscape
    assert "Trend and districts" in page_text(path, 2)


def test_without_scenes_and_districts_the_overview_is_one_page(sample, tmp_path):
    path = tmp_path / "report.pdf"
    results = run_report(sample, path, SCENES=None, DISTRICTS=None, ADD_LAYOUTS=False)
    assert page_count(path) == 1 + len(sample["affected"]) == results["PAGE_COUNT"]
    first_line = page_text(path, 2).strip().splitlines()[0]
    assert first_line in {f["school_name"] for f in sample["affected"]}


def test_every_school_page_holds_its_name_and_measure_times(sample, report_pdf):
    path, _ = report_pdf
    pages = school_pages(path, 3, len(sample["affected"]))
    assert set(pages) == {f["school_name"] for f in sample["affected"]}
    for feature in sample["affected"]:
        text = words(page_text(path, pages[feature["school_name"]]))
        for field in ("presence_hours", "guard_hours"):
            hours = value(feature, field)
            if hours != "off":
                assert hours in text, (feature["school_name"], field, hours, text)
        if value(feature, "round_days"):
            assert "{} before {}".format(feature["round_days"], feature["round_before"]) in text
        else:
            assert "Yard round before opening: none" in text
        assert "SENSITIVE" in text


def test_overview_lists_the_affected_schools_with_their_pages(sample, report_pdf):
    path, _ = report_pdf
    pages = school_pages(path, 3, len(sample["affected"]))
    lines = page_text(path, 1, layout=True).splitlines()
    for name, page in pages.items():
        # The table row; the map labels the schools too.
        rows = [line for line in lines if name in line and line.split()[-1] == str(page)]
        assert len(rows) == 1, (name, page)
    text = words(page_text(path, 1))
    assert "report date {}".format(REPORT_DATE) in text
    assert "Distance 300 m" in text and "Mo-Fr 07:00-18:00" in text
    assert "SENSITIVE" in text and "Data sources" in text
    # Worst first: pages of schools with a scene active while open come first.
    concurrent = [
        pages[f["school_name"]] for f in sample["affected"] if f["worst_conflict"] == "concurrent"
    ]
    assert sorted(concurrent) == list(range(3, 3 + len(concurrent)))


def test_trend_and_district_tables(sample, report_pdf):
    path, _ = report_pdf
    text = page_text(path, 2, layout=True)
    trend = processing.run(
        "drogscen:scenetrend",
        {"SCENES": sample["scenes"], "REPORT_DATE": REPORT_DATE, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    for row in trend["OUTPUT"].getFeatures():
        assert re.search(
            r"\b{}\s+{}\s+{}\s+{}\b".format(
                row["period"], row["active"], row["opened"], row["closed"]
            ),
            text,
        ), row.attributes()
    for district in sample["districts"].getFeatures():
        assert district["name"] in text


def test_layouts_are_in_the_layout_manager_with_atlas_coverage(sample, report_pdf):
    manager = QgsProject.instance().layoutManager()
    names = [layout.name() for layout in manager.printLayouts()]
    overview = manager.layoutByName(next(n for n in names if n.endswith("overview")))
    schools = manager.layoutByName(next(n for n in names if n.endswith("schools")))
    assert overview.pageCollection().pageCount() == 2
    # The legend owns its layer tree: it outlives the report that built it.
    gc.collect()
    nodes = overview.itemById("legend").model().rootGroup().findLayers()
    assert [node.layer() for node in nodes][:2] == [sample["summary"], sample["overlap"]]
    assert all(node.customProperty("legend/title-label") for node in nodes)
    atlas = schools.atlas()
    assert atlas.enabled() and atlas.filterFeatures()
    assert atlas.coverageLayer() is sample["summary"]
    assert atlas.filterExpression() == '"scene_count" > 0'
    assert atlas.updateFeatures() == len(sample["affected"])
    # Each page's week chart is embedded in the layout: that school's chart, no file.
    picture = schools.itemById("chart")
    atlas.beginRender()
    while atlas.next():
        picture.refreshPicture()
        assert not picture.isMissingImage()
        assert picture.evaluatedPath().startswith("base64:")
        chart = base64.b64decode(picture.evaluatedPath()[len("base64:") :]).decode("utf-8")
        name = atlas.layout().reportContext().feature()["school_name"]
        assert ET.fromstring(chart).find(SVG + "title").text == "Week chart: " + name
    atlas.endRender()


def test_a_saved_template_keeps_the_week_charts(sample, report_pdf, tmp_path):
    manager = QgsProject.instance().layoutManager()
    schools = next(layout for layout in manager.printLayouts() if layout.name().endswith("schools"))
    template = tmp_path / "schools.qpt"
    assert schools.saveAsTemplate(str(template), QgsReadWriteContext())
    copy = QgsPrintLayout(QgsProject.instance())
    document = QDomDocument()
    assert document.setContent(template.read_text(encoding="utf-8"))[0]
    assert copy.loadFromTemplate(document, QgsReadWriteContext())[1]
    copy.atlas().setCoverageLayer(sample["summary"])
    picture = copy.itemById("chart")
    atlas = copy.atlas()
    atlas.beginRender()
    pages = 0
    while atlas.next():
        picture.refreshPicture()
        assert not picture.isMissingImage() and picture.evaluatedPath().startswith("base64:")
        pages += 1
    atlas.endRender()
    assert pages == len(sample["affected"])


def test_the_input_layers_are_not_changed(sample, tmp_path):
    def state(layer):
        style = QgsMapLayerStyle()
        style.readFromLayer(layer)
        return layer.name(), layer.featureCount(), style.xmlData()

    layers = [sample[name] for name in ("overlap", "summary", "scenes", "districts")]
    before = [state(layer) for layer in layers]
    run_report(sample, tmp_path / "report.pdf", ADD_LAYOUTS=False)
    assert [state(layer) for layer in layers] == before


def style_colours(kind, layer):
    """{category value: colour} of the plugin's style for ``kind`` on a copy of ``layer``."""
    copy = QgsVectorLayer("Polygon?crs=EPSG:3006", "copy", "memory")
    copy.dataProvider().addAttributes(layer.fields().toList())
    copy.updateFields()
    styling.apply_style(copy, kind)
    renderer = copy.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    return {c.value(): c.symbol().color().name() for c in renderer.categories()}


def test_week_chart_colours_match_the_map_styles(sample, tmp_path):
    report = export_report(
        ReportLayers(sample["overlap"], sample["summary"], sample["scenes"]),
        str(tmp_path / "report.pdf"),
        ReportOptions(),
        add_to_project=False,
    )
    overlaps = style_colours("overlaps", sample["overlap"])
    # The chart's defaults are the styles' colours too.
    assert weekchart.CONCURRENT_COLOR == overlaps["concurrent"]
    assert weekchart.AFTER_HOURS_COLOR == overlaps["after_hours"]
    kinds = set()
    for school in sample["affected"]:
        svg = report.week_charts[school["school_fid"]]
        for rect in ET.fromstring(svg).iter(SVG + "rect"):
            kind = rect.get("data-kind")
            if kind in overlaps:
                assert rect.get("fill") == overlaps[kind]
                kinds.add(kind)
    assert kinds == {"concurrent", "after_hours"}


def test_the_school_lane_has_the_colour_of_the_schools_symbol(sample, tmp_path):
    report = export_report(
        ReportLayers(sample["overlap"], sample["summary"]),
        str(tmp_path / "report.pdf"),
        add_to_project=False,
    )
    fills = {}
    for school in sample["affected"]:
        svg = report.week_charts[school["school_fid"]]
        lanes = {
            r.get("fill")
            for r in ET.fromstring(svg).iter(SVG + "rect")
            if r.get("data-kind") == "open"
        }
        fills.setdefault(school["school_type"] == "förskola", set()).update(lanes)
    # Preschools and schools have different symbols, and so different lanes.
    assert len(fills[True]) == len(fills[False]) == 1 and fills[True] != fills[False]


def test_a3_paper(sample, tmp_path):
    path = tmp_path / "report.pdf"
    run_report(sample, path, PAPER=1, ADD_LAYOUTS=False)
    width, _, height = pdf_info(path)["Page size"].split()[:3]
    assert (round(float(width)), round(float(height))) == (1191, 842)
    assert page_count(path) == 2 + len(sample["affected"])


def test_the_hours_the_analysis_used_are_shown_from_its_outputs(tmp_path):
    schools = QgsVectorLayer(
        "Point?crs=EPSG:3006&field=name:string&field=type:string"
        "&field=opening_hours:string&field=source:string",
        "schools",
        "memory",
    )
    scenes = QgsVectorLayer(
        "Polygon?crs=EPSG:3006&field=name:string&field=active_hours:string"
        "&field=source:string&field=first_seen:date&field=closed_on:date",
        "scenes",
        "memory",
    )
    school = QgsFeature(schools.fields())
    school.setAttributes(["Testskolan", "grundskola", "Mo-Fr 09:00-15:00", "OpenStreetMap"])
    school.setGeometry(QgsGeometry.fromWkt("POINT(0 0)"))
    scene = QgsFeature(scenes.fields())
    scene.setAttributes(["Backen", "Mo-Fr 14:00-17:00", "OpenStreetMap", None, None])
    scene.setGeometry(QgsGeometry.fromWkt("POLYGON((50 0,90 0,90 40,50 40,50 0))"))
    assert schools.dataProvider().addFeature(school) and scenes.dataProvider().addFeature(scene)
    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": scenes,
            "SCHOOLS": schools,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    # Without the schools layer: its own hours come from the outputs.
    own = export_report(
        ReportLayers(results["OUTPUT"], results["SUMMARY"], scenes=scenes),
        str(tmp_path / "own.pdf"),
        add_to_project=False,
    )
    assert own.warnings == []
    assert "Opening hours: Mo-Fr 09:00-15:00" in words(page_text(tmp_path / "own.pdf", 3))
    assert "Mo-Fr 14:00-17:00" in words(page_text(tmp_path / "own.pdf", 3))
    overview = words(page_text(tmp_path / "own.pdf", 1))
    assert "most common opening hours: schools Mo-Fr 09:00-15:00" in overview
    # Scenes from OpenStreetMap: the overview gives the attribution.
    assert "© OpenStreetMap contributors, ODbL" in overview


def test_progress_runs_up_to_100(sample, tmp_path):
    feedback = QgsFeedback()
    seen = []
    feedback.progressChanged.connect(seen.append)
    export_report(
        ReportLayers(sample["overlap"], sample["summary"]),
        str(tmp_path / "report.pdf"),
        feedback=feedback,
        add_to_project=False,
    )
    assert seen == sorted(seen) and seen[-1] == 100
    assert len(seen) > len(sample["affected"])


def test_cancel_stops_the_export(sample, tmp_path):
    feedback = QgsFeedback()
    feedback.progressChanged.connect(lambda percent: percent > 30 and feedback.cancel())
    with pytest.raises(AnalysisCanceled):
        export_report(
            ReportLayers(sample["overlap"], sample["summary"]),
            str(tmp_path / "report.pdf"),
            feedback=feedback,
            add_to_project=False,
        )


@pytest.mark.parametrize(
    "output, words_",
    [
        ("missing/report.pdf", "does not exist"),
        ("", "is a folder"),
    ],
)
def test_unwritable_output_is_said_in_words(sample, tmp_path, output, words_):
    target = tmp_path / output if output else tmp_path
    with pytest.raises(QgsProcessingException, match=words_):
        run_report(sample, target, ADD_LAYOUTS=False)


@pytest.mark.parametrize(
    "code, words_",
    [
        (QgsLayoutExporter.FileError, "open in another program (locked)"),
        (QgsLayoutExporter.FileError, "disk may be full"),
        (QgsLayoutExporter.MemoryError, "Not enough memory"),
        (QgsLayoutExporter.PrintError, "PDF writer"),
        (QgsLayoutExporter.IteratorError, "school pages"),
        (QgsLayoutExporter.Canceled, "canceled"),
    ],
)
def test_exporter_errors_in_words(code, words_):
    message = export_error_message(code, "/x/report.pdf")
    assert words_ in message and "/x/report.pdf" in message


def test_cli_report(sample, sample_gpkg, tmp_path):
    inputs = [
        "--scenes",
        sample_gpkg + "|layername=scenes",
        "--schools",
        sample_gpkg + "|layername=schools",
        "--out",
        str(tmp_path / "out.gpkg"),
    ]
    pdf = tmp_path / "lagesbild.pdf"
    # The week the in-process sample analyses (tests/conftest.py).
    result = cli(
        "analyse",
        *inputs,
        "--report",
        str(pdf),
        "--districts",
        sample_gpkg + "|layername=districts",
        "--period-start",
        "2026-03-02",
        "--period-end",
        "2026-03-08",
    )
    assert result.returncode == 0, result.stderr
    assert page_count(pdf) == 2 + len(sample["affected"])
    assert result.stdout.splitlines()[-1] == "Wrote {} ({} pages).".format(
        pdf, 2 + len(sample["affected"])
    )
    for arguments, message in (
        (["--districts", sample_gpkg + "|layername=districts"], "--districts"),
        (["--report", str(tmp_path / "report.txt")], "--report"),
    ):
        result = cli("analyse", *inputs, *arguments)
        assert result.returncode == 2
        assert result.stderr.strip().startswith("drogscen: error: " + message), result.stderr


def test_the_overview_states_the_default_week_and_that_no_calendar_was_given(report_pdf):
    path, _ = report_pdf
    overview = words(page_text(path, 1))
    # The tests' current week (tests/conftest.py).
    assert "Period: 2–8 Mar 2026" in overview
    assert "School calendar: none given (every day a term day, no school holidays)" in overview


def existed_in(scene, first, last):
    """Whether a sample scene existed on a day of ``first``..``last`` (computed here
    from its fields: from first_seen up to the day before closed_on)."""
    return (value(scene, "first_seen") is None or scene["first_seen"].toPyDate() <= last) and (
        value(scene, "closed_on") is None or scene["closed_on"].toPyDate() > first
    )


def test_the_overview_map_names_every_scene_of_the_period(sample, report_pdf):
    """Scene names go first on the map; school names no longer crowd them out. Scenes
    that did not exist in the analysed week (tests/conftest.py) are not drawn."""
    path, _ = report_pdf
    text = words(page_text(path, 1))
    first, last = datetime.date(2026, 3, 2), datetime.date(2026, 3, 8)
    drawn = [s["name"] for s in sample["scenes"].getFeatures() if existed_in(s, first, last)]
    gone = [s["name"] for s in sample["scenes"].getFeatures() if not existed_in(s, first, last)]
    assert drawn and gone
    assert all(name in text for name in drawn)
    assert not any(name in text for name in gone)
