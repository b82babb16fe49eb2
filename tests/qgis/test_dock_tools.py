"""The dock's tools around a run, driven as a user drives them: fetching schools from a
local server, the situation report, and safety measures with their coverage."""

import subprocess

import pytest
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsProject,
    QgsRectangle,
    QgsSettings,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QTimer, QUrl
from qgis.PyQt.QtWidgets import QDialogButtonBox, QFileDialog, QProgressBar, QPushButton

from drogscen_plugin.definitions.sources import school_source, source_index
from drogscen_plugin.gui.fetch_dialog import FetchDialog
from drogscen_plugin.gui.measures_panel import COVERAGE_COLUMNS, project_measure_layers
from drogscen_plugin.gui.settings_form import ERROR_STYLE
from drogscen_plugin.qgis_io.measures_coverage import measure_from_pair
from tests.qgis import test_dock, test_fetch_schools
from tests.qgis.test_dock import run
from tests.qgis.test_fetch_schools import OVERPASS, TASK_TIMEOUT_MS, serve_overpass

# Fixtures shared with those modules: the dock on the sample data, and a local server
# standing in for Overpass (with the network settings emptied around each test).
clean_settings = test_dock.clean_settings
sample = test_dock.sample
dock = test_dock.dock
message_bar = test_dock.message_bar
server = test_fetch_schools.server
network = test_fetch_schools.network

OSM, SKOLVERKET = source_index("osm"), source_index("skolverket")
OVERPASS_URL_KEY = school_source("osm").url_setting
PAIR_KINDS = ("presence", "camera", "sensor", "guard", "round")


def value(feature, name):
    found = feature[name]
    return None if found in (None, "") or str(found) == "NULL" else found


# --- fetch schools ------------------------------------------------------------------


def show_stockholm(canvas):
    """The canvas on the area of the canned Overpass answer."""
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setExtent(QgsRectangle(18.06, 59.31, 18.09, 59.32))


def test_fetch_dialog_offers_the_extent_for_openstreetmap_only(dock):
    dialog = FetchDialog(dock)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.extent.isChecked() and ok.isEnabled()

    dialog.source.setCurrentIndex(dialog.source.findData(SKOLVERKET))
    assert not dialog.extent.isEnabled() and dialog.municipality.isChecked()
    assert "preschools" in dialog.note.text()
    assert not ok.isEnabled()
    dialog.code.setText("018")
    assert not ok.isEnabled()
    dialog.code.setText("0180")
    assert ok.isEnabled()
    assert dialog.parameters(dock.iface.mapCanvas()) == {
        "SOURCE": SKOLVERKET,
        "MUNICIPALITY": "0180",
    }


def test_fetched_schools_are_added_and_become_the_schools_layer(
    qtbot, dock, server, qgis_iface, message_bar
):
    serve_overpass(server)
    QgsSettings().setValue(OVERPASS_URL_KEY, server.url_for(OVERPASS))
    show_stockholm(qgis_iface.mapCanvas())
    before = set(QgsProject.instance().mapLayers())
    dialog = FetchDialog(dock)
    parameters = dialog.parameters(qgis_iface.mapCanvas())
    assert parameters["SOURCE"] == OSM and "EXTENT" in parameters

    dock.fetch_button.start(parameters)
    assert not dock.fetch_button.isEnabled()
    qtbot.waitUntil(dock.fetch_button.isEnabled, timeout=TASK_TIMEOUT_MS)

    added = [
        QgsProject.instance().mapLayer(layer_id)
        for layer_id in set(QgsProject.instance().mapLayers()) - before
    ]
    assert sorted((layer.name(), layer.featureCount()) for layer in added) == [
        ("School grounds (OpenStreetMap)", 3),
        ("Schools and preschools (OpenStreetMap)", 4),
    ]
    chosen = dock.form.schools.currentLayer()
    assert chosen.name() == "Schools and preschools (OpenStreetMap)"
    assert chosen.geometryType() == QgsWkbTypes.PointGeometry
    assert dock.form.school_hours.currentField() == "opening_hours"
    assert "4" in dock.status.text() and chosen.name() in dock.status.text()
    assert [item.level() for item in message_bar.items()] == [Qgis.Success]


def test_a_failed_fetch_is_shown_in_the_dock_and_the_message_bar(
    qtbot, dock, server, qgis_iface, message_bar
):
    serve_overpass(server, "overpass_remark.json")
    QgsSettings().setValue(OVERPASS_URL_KEY, server.url_for(OVERPASS))
    show_stockholm(qgis_iface.mapCanvas())
    before = set(QgsProject.instance().mapLayers())

    dock.fetch_button.start(FetchDialog(dock).parameters(qgis_iface.mapCanvas()))
    qtbot.waitUntil(dock.fetch_button.isEnabled, timeout=TASK_TIMEOUT_MS)

    assert set(QgsProject.instance().mapLayers()) == before
    assert dock.status.styleSheet() == ERROR_STYLE
    (message,) = message_bar.get_messages(Qgis.Critical)
    assert message.endswith(dock.status.text()) and "Traceback" not in message


# --- report -------------------------------------------------------------------------


@pytest.fixture
def layouts():
    manager = QgsProject.instance().layoutManager()
    before = set(manager.layouts())
    yield manager
    for layout in manager.layouts():
        if layout not in before:
            manager.removeLayout(layout)


def result_groups_named(name):
    root = QgsProject.instance().layerTreeRoot()
    return [node for node in root.children() if node.name() == name]


def pdf_pages(path):
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    info = dict(line.split(":", 1) for line in output.stdout.splitlines() if ":" in line)
    return int(info["Pages"])


def export(qtbot, dock, path):
    """Start the export and wait for its end; the report, or None when it failed.

    Counts the turns of the event loop during the export: the main thread is free
    between pages.
    """
    turns = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: turns.append(1))
    ticker.start(0)
    button = dock.report_button
    try:
        with qtbot.waitSignals(
            [button.runner.succeeded], raising=False, order="none", timeout=test_dock.RUN_TIMEOUT_MS
        ) as blocker:
            if not button.export_to(str(path)):
                return None, 0
            # Nothing waits for the pages: the export has only started.
            assert button.is_exporting() and not button.isEnabled()
    finally:
        ticker.stop()
    return (
        blocker.all_signals_and_args[0].args[0] if blocker.signal_triggered else None,
        len(turns),
    )


def test_export_report_writes_the_pdf_of_the_run_and_its_layouts(
    qtbot, dock, tmp_path, layouts, message_bar, sample_gpkg
):
    for group in result_groups_named("Situation report layers"):
        QgsProject.instance().layerTreeRoot().removeChildNode(group)
    districts = test_dock.sample_layer(sample_gpkg, "districts")
    QgsProject.instance().addMapLayer(districts)
    assert dock.report_button.districts.currentLayer() is districts  # chosen by its name
    assert not dock.report_button.isEnabled()
    run(qtbot, dock)
    assert dock.report_button.isEnabled()
    path = tmp_path / "lägesbild.pdf"
    progress = []
    dock.report_button.runner.progressChanged.connect(progress.append)

    report, turns = export(qtbot, dock, path)

    assert report is not None, dock.status.text()
    assert report.data.district_rows  # the districts of the dock's picker, not "none given"
    affected = [f for f in dock.result.summary.getFeatures() if f["scene_count"] > 0]
    assert pdf_pages(path) == report.page_count > len(affected) > 0
    # Progress after the layouts and after each page, rising to 100; the event loop
    # turned between the pages.
    assert len(progress) >= report.page_count + 2
    assert progress == sorted(progress) and progress[-1] == 100
    assert turns >= report.page_count
    names = {layout.name() for layout in layouts.layouts()}
    assert {report.overview.name(), report.schools_layout.name()} <= names
    assert str(path) in dock.status.text()
    assert "({} pages)".format(report.page_count) in dock.status.text()
    assert dock.report_button.isEnabled()
    # One layer per role: the report draws the run's layers, adding none of its own.
    assert report.maps.buffers is dock.result.buffers
    assert all(QgsProject.instance().mapLayer(layer.id()) is layer for layer in report.map_layers)
    assert result_groups_named("Situation report layers") == []
    # One message, replacing the progress, with a link that opens the PDF.
    (item,) = message_bar.items()
    assert item.level() == Qgis.Success
    assert 'href="{}"'.format(QUrl.fromLocalFile(str(path)).toString()) in item.text()


def test_a_canceled_export_leaves_nothing_behind(qtbot, dock, tmp_path, layouts, message_bar):
    run(qtbot, dock)
    path = tmp_path / "lägesbild.pdf"
    path.write_bytes(b"the earlier report")
    before_layouts = set(layouts.layouts())
    before_layers = set(QgsProject.instance().mapLayers())
    button = dock.report_button
    progress = []

    def cancel_on_a_school_page(percent):
        progress.append(percent)
        if percent > 40:
            # The Cancel button of the message bar's progress message.
            (item,) = message_bar.items()
            (cancel,) = [
                widget for widget in item.findChildren(QPushButton) if widget.text() == "Cancel"
            ]
            assert item.findChildren(QProgressBar)[0].value() == round(percent)
            cancel.click()

    button.runner.progressChanged.connect(cancel_on_a_school_page)
    with qtbot.waitSignal(button.runner.canceled, timeout=test_dock.RUN_TIMEOUT_MS):
        assert button.export_to(str(path))
    button.runner.progressChanged.disconnect(cancel_on_a_school_page)

    assert 20 <= progress[1] < progress[-1] < 100
    assert not button.is_exporting() and button.isEnabled()
    assert path.read_bytes() == b"the earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lägesbild.pdf"]  # no staging left
    assert set(layouts.layouts()) == before_layouts
    assert set(QgsProject.instance().mapLayers()) == before_layers
    assert result_groups_named("Situation report layers") == []
    assert message_bar.items() == []
    assert "canceled" in dock.status.text()
    # A new export after a cancel runs to its end.
    report, _ = export(qtbot, dock, path)
    assert report is not None and pdf_pages(path) == report.page_count


def test_an_unwritable_report_path_is_an_error_not_a_traceback(
    qtbot, dock, tmp_path, layouts, message_bar
):
    run(qtbot, dock)
    message_bar.clear_messages()

    assert dock.report_button.export_to(str(tmp_path / "missing" / "r.pdf")) is False

    assert dock.status.styleSheet() == ERROR_STYLE
    (message,) = message_bar.get_messages(Qgis.Critical)
    assert message.endswith(dock.status.text()) and "Traceback" not in message
    assert not dock.report_button.is_exporting()


# --- measures -----------------------------------------------------------------------


@pytest.fixture
def measures(dock, tmp_path):
    layers = dock.measures.create_layers(str(tmp_path / "measures.gpkg"))
    assert layers is not None, dock.status.text()
    yield layers
    for layer in layers.layers():
        if layer.isEditable():
            layer.rollBack()


def test_new_measures_layers_are_added_in_one_group(dock, measures):
    group = QgsProject.instance().layerTreeRoot().findGroup(measures.group_name)
    assert [node.layer() for node in group.findLayers()] == measures.layers()
    assert set(project_measure_layers(QgsProject.instance())) == set(measures.layers())
    # A second time in the same file: refused with the reason.
    assert dock.measures.create_layers(measures.points.source().split("|")[0]) is None
    assert dock.status.styleSheet() == ERROR_STYLE


def select_first_row(dock):
    dock.table.selectRow(0)
    fid = dock.selected_fid()
    assert fid is not None
    return dock.result.overlaps.getFeature(fid)


def school_of(dock, pair):
    request = QgsFeatureRequest().setFilterExpression(
        '"school_fid" = {}'.format(pair["school_fid"])
    )
    (school,) = dock.result.summary.getFeatures(request)
    return school


@pytest.mark.parametrize("kind", PAIR_KINDS)
def test_add_measure_for_the_selected_row_at_its_school(qtbot, dock, measures, kind, qgis_iface):
    run(qtbot, dock)
    pair = select_first_row(dock)

    fid = dock.measures.add_measure(kind)

    points = measures.points
    assert fid is not None, dock.status.text()
    assert points.isEditable() and qgis_iface.activeLayer() is points
    feature = points.getFeature(fid)
    expected = measure_from_pair(pair, kind)
    for name in ("measure_type", "school", "scene", "hours", "status"):
        assert value(feature, name) == expected[name], name
    assert feature["school"] == pair["school_name"]
    centroid = school_of(dock, pair).geometry().centroid()
    assert feature.geometry().asPoint().distance(centroid.asPoint()) < 1e-6
    assert points.featureCount() == 1


def test_the_picker_lists_the_measures_a_pair_asks_for(qtbot, dock, measures):
    run(qtbot, dock)
    select_first_row(dock)
    picker = dock.measures.kind
    assert [picker.itemData(i) for i in range(picker.count())] == list(PAIR_KINDS)
    picker.setCurrentIndex(picker.findData("camera"))

    dock.measures.add_button.click()

    (feature,) = measures.points.getFeatures()
    assert feature["measure_type"] == "camera"


def test_add_measure_without_a_selected_row_says_so(qtbot, dock, measures, message_bar):
    run(qtbot, dock)
    dock.table.clearSelection()

    assert dock.measures.add_measure("presence") is None

    assert measures.points.featureCount() == 0
    (message,) = message_bar.get_messages(Qgis.Critical)
    assert message.endswith(dock.status.text())


def test_add_measure_without_measures_layers_asks_for_a_file(qtbot, dock, tmp_path, monkeypatch):
    run(qtbot, dock)
    select_first_row(dock)
    path = str(tmp_path / "asked.gpkg")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (path, ""))
    assert project_measure_layers(QgsProject.instance()) == []

    fid = dock.measures.add_measure("guard")

    layers = project_measure_layers(QgsProject.instance())
    assert len(layers) == 3 and all(path in layer.source() for layer in layers)
    (points,) = [layer for layer in layers if layer.geometryType() == QgsWkbTypes.PointGeometry]
    assert points.getFeature(fid)["measure_type"] == "guard"
    points.rollBack()


def coverage_column(dock, name):
    table = dock.measures.table
    column = COVERAGE_COLUMNS.index(name)
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_suggested_measures_cover_every_need(qtbot, dock, measures):
    run(qtbot, dock)
    affected = {f["school_name"] for f in dock.result.summary.getFeatures() if f["scene_count"] > 0}

    dock.measures.check_coverage()
    assert set(coverage_column(dock, "school_name")) == affected
    # Nothing in force yet: every needed minute is uncovered.
    assert coverage_column(dock, "uncovered_min") == coverage_column(dock, "needed_min")
    assert any(int(minutes) > 0 for minutes in coverage_column(dock, "needed_min"))

    added = dock.measures.suggest()

    assert added and measures.points.isEditable()
    schools = {feature["school"] for feature in measures.points.getFeatures()}
    assert schools == affected
    assert all(feature["status"] == "planned" for feature in measures.points.getFeatures())

    # Planned measures do not count until asked to.
    dock.measures.check_coverage()
    assert coverage_column(dock, "uncovered_min") == coverage_column(dock, "needed_min")
    dock.measures.include_planned.setChecked(True)
    dock.measures.coverage_button.click()
    assert set(coverage_column(dock, "uncovered_min")) == {"0"}
    assert set(coverage_column(dock, "round_days_missing")) == {""}


def test_coverage_without_measures_layers_says_how_to_make_one(qtbot, dock, message_bar):
    run(qtbot, dock)

    assert dock.measures.check_coverage() == []

    assert "New measures layer" in dock.status.text()
    (message,) = message_bar.get_messages(Qgis.Critical)
    assert message.endswith(dock.status.text())


def test_measure_buttons_wait_for_a_run(dock):
    panel = dock.measures
    assert not any(
        button.isEnabled()
        for button in (panel.add_button, panel.suggest_button, panel.coverage_button)
    )
    assert panel.new_button.isEnabled()
