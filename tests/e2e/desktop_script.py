"""Run inside QGIS by test_desktop.py (qgis --code): drive the installed plugin as a user.

Loads the sample layers, opens the dock from its toolbar action, runs the
analysis, waits for it with a timer (the event loop keeps running), picks a
time of week and a table row, saves screenshots of the window (settings,
then results), unloads the plugin and writes what it saw to a JSON file. Paths come from the
environment variables DROGSCEN_E2E_SAMPLE, DROGSCEN_E2E_RESULT and
DROGSCEN_E2E_SCREENSHOT.
"""

import importlib
import json
import os
import sys
import traceback
from datetime import datetime

import qgis.utils
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsDateTimeRange,
    QgsExpression,
    QgsFeature,
    QgsInterval,
    QgsLayerTreeGroup,
    QgsProject,
    QgsTemporalNavigationObject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QLabel, QLineEdit

sys.path.insert(0, os.environ["DROGSCEN_E2E_DIR"])
from redraw_bench import RedrawTimer, make_layers  # noqa: E402

SAMPLE = os.environ["DROGSCEN_E2E_SAMPLE"]
RESULT = os.environ["DROGSCEN_E2E_RESULT"]
SCREENSHOT = os.environ["DROGSCEN_E2E_SCREENSHOT"]
WIDTH, HEIGHT = 1366, 768
POLL_MS = 200
TIMEOUT_MS = 120_000

iface = qgis.utils.iface
report = {}
state = {"waited": 0}


def finish():
    with open(RESULT, "w", encoding="utf-8") as stream:
        json.dump(report, stream, indent=2, ensure_ascii=False)
    QgsProject.instance().setDirty(False)  # no "save the project?" question
    QApplication.instance().quit()


def guarded(step):
    """Run a step; any error ends the session with its traceback in the report."""

    def run():
        try:
            step()
        except Exception:  # noqa: BLE001 (everything goes to the report)
            report["error"] = traceback.format_exc()
            finish()

    return run


def later(step, delay=POLL_MS):
    QTimer.singleShot(delay, guarded(step))


def menu_texts(menu):
    texts = []
    for action in menu.actions():
        texts.append(action.text())
        if action.menu() is not None:
            texts.extend(menu_texts(action.menu()))
    return texts


def interface_state():
    window = iface.mainWindow()
    return {
        "plugins_menu": [
            t for t in menu_texts(iface.pluginMenu()) if "Drogscen" in t or "scenes layer" in t
        ],
        "vector_menu": [
            t for t in menu_texts(iface.vectorMenu()) if "Drogscen" in t or "scenes layer" in t
        ],
        "toolbar": [a.text() for a in iface.pluginToolBar().actions() if "Drogscen" in a.text()],
        "docks": [
            d.objectName()
            for d in window.findChildren(QDockWidget)
            if d.objectName() == "DrogscenDock"
        ],
        "provider": QgsApplication.processingRegistry().providerById("drogscen") is not None,
        "functions": [
            name
            for name in ("drogscen_active", "drogscen_overlap_minutes", "drogscen_normalize_hours")
            if QgsExpression.isFunctionName(name)
        ],
    }


def start():
    window = iface.mainWindow()
    window.showNormal()
    window.resize(WIDTH, HEIGHT)
    window.move(0, 0)
    report["loaded"] = "drogscen" in qgis.utils.plugins
    report["before_unload"] = interface_state()
    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    for name in ("districts", "scenes", "schools"):
        layer = QgsVectorLayer("{}|layername={}".format(SAMPLE, name), name, "ogr")
        project.addMapLayer(layer)
        report.setdefault("inputs", {})[name] = layer.featureCount()

    plugin = qgis.utils.plugins["drogscen"]
    plugin.dock_action.trigger()  # the toolbar button
    dock = plugin.dock
    report["dock_visible"] = dock.isVisible()
    # The layers the dock chose itself, as a user finds them.
    report["picked"] = {
        "scenes": dock.form.scenes.currentLayer().name(),
        "schools": dock.form.schools.currentLayer().name(),
        "districts": dock.report_button.districts.currentLayer().name(),
    }
    later(shoot_settings, 1000)


def shoot_settings():
    """The settings tab as the user fills it in, then Run."""
    report["settings_screenshot"] = shoot("_settings")
    dock = qgis.utils.plugins["drogscen"].dock
    # One layer for both roles: refused, with its name, before anything runs.
    schools = dock.form.schools.currentLayer()
    dock.form.schools.setLayer(dock.form.scenes.currentLayer())
    dock.run_button.click()
    report["same_layer"] = {"running": dock.runner.is_running(), "status": dock.status.text()}
    dock.form.schools.setLayer(schools)
    run_then(check_run)


def run_then(step):
    """Click Run, then run ``step`` once the analysis has ended (the event loop runs)."""
    dock = qgis.utils.plugins["drogscen"].dock
    dock.run_button.click()
    state["waited"] = 0

    def wait():
        state["waited"] += POLL_MS
        if not dock.runner.is_running():
            step()
        elif state["waited"] > TIMEOUT_MS:
            raise RuntimeError("the analysis did not finish in time")
        else:
            later(wait)

    later(wait)


def check_run():
    dock = qgis.utils.plugins["drogscen"].dock
    report["status"] = dock.status.text()
    root = QgsProject.instance().layerTreeRoot()
    groups = [node for node in root.children() if isinstance(node, QgsLayerTreeGroup)]
    report["groups"] = [group.name() for group in groups]
    result = dock.result
    report["layers"] = {
        role: {
            "features": layer.featureCount(),
            "renderer": layer.renderer().type(),
            "in_group": any(
                node.layer() is layer for group in groups for node in group.findLayers()
            ),
        }
        for role, layer in (
            ("overlaps", result.overlaps),
            ("summary", result.summary),
            ("buffers", result.buffers),
            ("scenes", result.scenes),
        )
    }
    report["table_rows"] = dock.model.rowCount()
    from drogscen.drogscen_plugin.gui.results_model import COLUMNS  # the installed plugin

    hours = COLUMNS.index("presence_hours")
    report["table_hours"] = [
        dock.model.index(row, hours).data() for row in range(dock.model.rowCount())
    ]
    # The inputs out of sight, as a user looking at the results would have them.
    for name in ("scenes", "schools"):
        layer = QgsProject.instance().mapLayersByName(name)[0]
        root.findLayer(layer.id()).setItemVisibilityChecked(False)
    dock.time_control.set_moment(datetime(2024, 3, 8, 23, 0))  # a Friday night
    report["visible_columns"] = visible_columns(dock.table)
    later(lambda: when_drawn(shoot_results), 1500)


def visible_columns(table):
    """The columns wholly in view at the dock's width."""
    header = table.horizontalHeader()
    width = table.viewport().width()
    return [
        table.model().headerData(column, 1)
        for column in range(header.count())
        if 0 <= header.sectionViewportPosition(column)
        and header.sectionViewportPosition(column) + header.sectionSize(column) <= width
    ]


def when_drawn(step):
    """Run ``step`` once the canvas has finished drawing."""
    if iface.mapCanvas().isDrawing():
        later(lambda: when_drawn(step))
    else:
        step()


def shoot(suffix=""):
    base, extension = os.path.splitext(SCREENSHOT)
    image = iface.mainWindow().grab()
    return {
        "saved": image.save(base + suffix + extension),
        "width": image.width(),
        "height": image.height(),
    }


def shoot_results():
    report["screenshot"] = shoot()
    # A row of the table, as a user would click it.
    dock = qgis.utils.plugins["drogscen"].dock
    index = dock.proxy.index(0, 0)
    dock.table.selectRow(0)
    dock.table.clicked.emit(index)
    later(lambda: when_drawn(shoot_row), 1500)


def shoot_row():
    report["row_screenshot"] = shoot("_row")
    dock = qgis.utils.plugins["drogscen"].dock
    report["selected_on_map"] = dock.result.overlaps.selectedFeatureIds() == [dock.selected_fid()]
    # The Temporal Controller on: the dock follows it.
    controller = iface.mapCanvas().temporalController()
    controller.setTemporalExtents(
        QgsDateTimeRange(QDateTime(2024, 3, 6, 12, 0), QDateTime(2024, 3, 7, 12, 0))
    )
    controller.setFrameDuration(QgsInterval(3600))
    controller.setNavigationMode(QgsTemporalNavigationObject.NavigationMode.Animated)
    controller.setCurrentFrameNumber(3)  # Wednesday 15:00
    moment = dock.time_control.moment()
    report["followed"] = [moment.weekday(), moment.hour] if moment else None
    later(lambda: when_drawn(shoot_temporal), 1500)


def shoot_temporal():
    report["temporal_screenshot"] = shoot("_temporal")
    iface.mapCanvas().temporalController().setNavigationMode(
        QgsTemporalNavigationObject.NavigationMode.NavigationOff
    )
    dock = qgis.utils.plugins["drogscen"].dock
    measures = dock.measures.create_layers(os.path.join(os.path.dirname(RESULT), "measures.gpkg"))
    report["suggested"] = len(dock.measures.suggest()) if measures is not None else 0
    dock.measures.include_planned.setChecked(True)
    report["coverage_rows"] = len(dock.measures.check_coverage())
    dock.tabs.setCurrentWidget(dock.measures)
    later(lambda: when_drawn(shoot_measures), 1000)


def shoot_measures():
    report["measures_screenshot"] = shoot("_measures")
    dock = qgis.utils.plugins["drogscen"].dock
    for layer in QgsProject.instance().mapLayers().values():
        if layer.isEditable():
            layer.rollBack()  # the suggested measures are not kept
    dock.tabs.setCurrentWidget(dock.results_tab)
    export_report()


def export_report():
    """The export in the background: progress while the window stays in use, a
    screenshot of the progress in the message bar, then the message with the link."""
    dock = qgis.utils.plugins["drogscen"].dock
    runner = dock.report_button.runner
    state["progress"] = []
    state["turns"] = 0
    ticker = QTimer()
    ticker.timeout.connect(lambda: state.update(turns=state["turns"] + 1))
    state["ticker"] = ticker

    def progress(percent):
        state["progress"].append(percent)
        if percent > 50 and "exporting_screenshot" not in report:
            report["exporting_screenshot"] = shoot("_exporting")
            bar = iface.messageBar().currentItem()
            report["exporting_bar"] = bar.text() if bar is not None else ""

    def written(exported):
        ticker.stop()
        report["report_pages"] = exported.page_count
        report["export_progress"] = len(state["progress"])
        report["export_turns"] = state["turns"]
        report["message_bar"] = [item.text() for item in iface.messageBar().items()]
        later(lambda: when_drawn(shoot_report), 1000)

    runner.progressChanged.connect(lambda percent: guarded(lambda: progress(percent))())
    runner.succeeded.connect(lambda exported: guarded(lambda: written(exported))())
    runner.failed.connect(lambda message: report.update(error="export: " + message) or finish())
    ticker.start(0)
    report["export_started"] = dock.report_button.export_to(
        os.path.join(os.path.dirname(RESULT), "report.pdf")
    )


def shoot_report():
    report["report_screenshot"] = shoot("_report")
    later(open_form)


def open_form():
    """A new scenes layer's form as QGIS opens it, on hours it cannot read."""
    package = type(qgis.utils.plugins["drogscen"]).__module__.rsplit(".", 1)[0]
    scene_layer = importlib.import_module(package + ".qgis_io.scene_layer")
    layer = scene_layer.create_scene_layer(os.path.join(os.path.dirname(RESULT), "form.gpkg"))
    QgsProject.instance().addMapLayer(layer)
    layer.startEditing()
    feature = QgsFeature(layer.fields())
    feature["name"] = "Parken"
    feature["active_hours"] = "Mo-Fx 22:00-03:00"
    dialog = iface.getFeatureForm(layer, feature)
    state["form"] = (layer, dialog)
    dialog.resize(640, 560)
    dialog.show()
    later(shoot_form, 1000)


def shoot_form():
    layer, dialog = state["form"]
    note = dialog.findChild(QLabel, "active_hours_message")
    edit = [widget for widget in dialog.findChildren(QLineEdit, "active_hours")]
    report["form_note"] = note.text() if note is not None else None
    report["form_field"] = edit[0].text() if edit else None
    base, extension = os.path.splitext(SCREENSHOT)
    report["form_screenshot"] = {"saved": dialog.grab().save(base + "_form" + extension)}
    dialog.reject()
    layer.rollBack()
    QgsProject.instance().removeMapLayer(layer.id())
    if os.environ.get("DROGSCEN_E2E_BENCH"):
        later(bench_run)
    else:
        later(unload)


def unload():
    qgis.utils.unloadPlugin("drogscen")
    later(after_unload)


# --- the redraw benchmark: 2,000 schools, 200 scenes --------------------------------


def bench_run():
    project = QgsProject.instance()
    root = project.layerTreeRoot()
    for node in root.children():
        node.setItemVisibilityChecked(False)
    scenes, schools = make_layers(os.path.dirname(RESULT))
    project.addMapLayers([scenes, schools])
    dock = qgis.utils.plugins["drogscen"].dock
    dock.form.scenes.setLayer(scenes)
    dock.form.schools.setLayer(schools)
    dock.form.extent_only.setChecked(False)
    run_then(bench_ran)


def bench_ran():
    dock = qgis.utils.plugins["drogscen"].dock
    if dock.result is None or dock.result.values.schools_layer.name() != "bench_schools":
        raise RuntimeError("the benchmark's analysis failed: " + dock.status.text())
    project = QgsProject.instance()
    for name in ("bench_scenes", "bench_schools"):
        node = project.layerTreeRoot().findLayer(project.mapLayersByName(name)[0].id())
        node.setItemVisibilityChecked(False)
    report["bench_pairs"] = dock.model.rowCount()
    canvas = iface.mapCanvas()
    canvas.setExtent(dock.result.summary.extent())
    dock.time_control.set_moment(datetime(2024, 3, 4, 6, 0))  # Monday morning
    # Kept: the canvas's signal holds no reference to it.
    state["timer"] = RedrawTimer(canvas, dock.time_control, later, bench_done)
    later(lambda: when_drawn(state["timer"].step), 2000)


def bench_done(times):
    report["redraw_ms"] = times
    report["bench_screenshot"] = shoot("_bench")
    later(unload)


def after_unload():
    report["after_unload"] = interface_state()
    finish()


later(start, 1000)
