"""Run inside QGIS by test_desktop.py (qgis --code): drive the installed plugin as a user.

Loads the sample layers, opens the dock from its toolbar action, runs the
analysis, waits for it with a timer (the event loop keeps running), picks a
time of week and a table row, saves screenshots of the window (settings,
then results), unloads the plugin and writes what it saw to a JSON file. Paths come from the
environment variables DROGSCEN_E2E_SAMPLE, DROGSCEN_E2E_RESULT and
DROGSCEN_E2E_SCREENSHOT.
"""

import json
import os
import traceback
from datetime import datetime

import qgis.utils
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsLayerTreeGroup,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget

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
        "plugins_menu": [t for t in menu_texts(iface.pluginMenu()) if "Drogscen" in t
                         or "scenes layer" in t],
        "vector_menu": [t for t in menu_texts(iface.vectorMenu()) if "Drogscen" in t
                        or "scenes layer" in t],
        "toolbar": [a.text() for a in iface.pluginToolBar().actions() if "Drogscen" in a.text()],
        "docks": [d.objectName() for d in window.findChildren(QDockWidget)
                  if d.objectName() == "DrogscenDock"],
        "provider": QgsApplication.processingRegistry().providerById("drogscen") is not None,
        "functions": [name for name in ("drogscen_active", "drogscen_overlap_minutes",
                                        "drogscen_normalize_hours")
                      if QgsExpression.isFunctionName(name)],
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
    for name in ("scenes", "schools"):
        layer = QgsVectorLayer("{}|layername={}".format(SAMPLE, name), name, "ogr")
        project.addMapLayer(layer)
        report.setdefault("inputs", {})[name] = layer.featureCount()

    plugin = qgis.utils.plugins["drogscen"]
    plugin.dock_action.trigger()  # the toolbar button
    dock = plugin.dock
    report["dock_visible"] = dock.isVisible()
    dock.form.scenes.setLayer(project.mapLayersByName("scenes")[0])
    dock.form.schools.setLayer(project.mapLayersByName("schools")[0])
    later(shoot_settings, 1000)


def shoot_settings():
    """The settings tab as the user fills it in, then Run."""
    report["settings_screenshot"] = shoot("_settings")
    qgis.utils.plugins["drogscen"].dock.run_button.click()
    later(wait_for_run)


def wait_for_run():
    dock = qgis.utils.plugins["drogscen"].dock
    state["waited"] += POLL_MS
    if dock.runner.is_running():
        if state["waited"] > TIMEOUT_MS:
            raise RuntimeError("the analysis did not finish in time")
        later(wait_for_run)
        return
    report["status"] = dock.status.text()
    root = QgsProject.instance().layerTreeRoot()
    groups = [node for node in root.children() if isinstance(node, QgsLayerTreeGroup)]
    report["groups"] = [group.name() for group in groups]
    report["layers"] = {
        node.layer().name(): {
            "features": node.layer().featureCount(),
            "renderer": node.layer().renderer().type(),
        }
        for group in groups
        for node in group.findLayers()
    }
    report["table_rows"] = dock.model.rowCount()
    # The inputs out of sight, as a user looking at the results would have them.
    for name in ("scenes", "schools"):
        layer = QgsProject.instance().mapLayersByName(name)[0]
        root.findLayer(layer.id()).setItemVisibilityChecked(False)
    dock.time_control.set_moment(datetime(2024, 3, 8, 22, 0))  # a Friday night
    later(lambda: when_drawn(shoot_results), 1500)


def when_drawn(step):
    """Run ``step`` once the canvas has finished drawing."""
    if iface.mapCanvas().isDrawing():
        later(lambda: when_drawn(step))
    else:
        step()


def shoot(suffix=""):
    base, extension = os.path.splitext(SCREENSHOT)
    image = iface.mainWindow().grab()
    return {"saved": image.save(base + suffix + extension), "width": image.width(),
            "height": image.height()}


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
    qgis.utils.unloadPlugin("drogscen")
    later(after_unload)


def after_unload():
    report["after_unload"] = interface_state()
    finish()


later(start, 1000)
