"""Benchmark inside real QGIS (used by desktop_script.py): how long the map takes to
redraw per step of the dock's time, for 2,000 schools and 200 scenes.

The figure is printed by the test, not asserted: timings depend on the machine.
"""

import os
import random
import time

from drogscen.drogscen_plugin.qgis_io.compat import FieldType  # the installed plugin
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

SCHOOLS = 2000
SCENES = 200
STEPS = 12
# A square of 30 km around central Stockholm, SWEREF 99 TM.
WEST, SOUTH, SIZE = 660000.0, 6570000.0, 30000.0
HOURS = [
    "Mo-Fr 22:00-03:00",
    "Fr,Sa 20:00-04:00",
    "24/7",
    "Mo-Su 14:00-17:00",
    "Sa,Su 12:00-18:00",
    "Mo-Fr 07:00-09:00",
    "",
]
SCHOOL_HOURS = ["Mo-Fr 07:00-18:00", "Mo-Fr 06:30-18:30", "", "Mo-Fr 08:00-16:00"]
TYPES = ["Grundskola", "Förskola", "Gymnasieskola"]


def _write(layer, path, name):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer
        if os.path.exists(path)
        else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, QgsProject.instance().transformContext(), options
    )
    if error != QgsVectorFileWriter.NoError:
        raise RuntimeError(message)
    return QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")


def make_layers(folder, seed=17):
    """Random schools (points) and scenes (squares of 80 m) in a GeoPackage."""
    rng = random.Random(seed)
    schools = QgsVectorLayer("Point?crs=EPSG:3006", "bench_schools", "memory")
    schools.dataProvider().addAttributes(
        [
            QgsField("name", FieldType.STRING),
            QgsField("type", FieldType.STRING),
            QgsField("opening_hours", FieldType.STRING),
        ]
    )
    schools.updateFields()
    features = []
    for number in range(SCHOOLS):
        feature = QgsFeature(schools.fields())
        feature.setGeometry(
            QgsGeometry.fromPointXY(
                QgsPointXY(WEST + rng.random() * SIZE, SOUTH + rng.random() * SIZE)
            )
        )
        feature.setAttributes(
            ["Skola {}".format(number), rng.choice(TYPES), rng.choice(SCHOOL_HOURS)]
        )
        features.append(feature)
    schools.dataProvider().addFeatures(features)
    scenes = QgsVectorLayer("Polygon?crs=EPSG:3006", "bench_scenes", "memory")
    scenes.dataProvider().addAttributes(
        [QgsField("name", FieldType.STRING), QgsField("active_hours", FieldType.STRING)]
    )
    scenes.updateFields()
    features = []
    for number in range(SCENES):
        x, y = WEST + rng.random() * SIZE, SOUTH + rng.random() * SIZE
        feature = QgsFeature(scenes.fields())
        feature.setGeometry(
            QgsGeometry.fromWkt(
                "POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))".format(
                    x, y, x + 80, y + 80
                )
            )
        )
        feature.setAttributes(["Scen {}".format(number), rng.choice(HOURS)])
        features.append(feature)
    scenes.dataProvider().addFeatures(features)
    path = os.path.join(folder, "bench.gpkg")
    return _write(scenes, path, "bench_scenes"), _write(schools, path, "bench_schools")


class RedrawTimer:
    """Steps the dock's time an hour at a time and times each map redraw, from the step
    to the canvas's mapCanvasRefreshed; calls ``done(milliseconds)`` after STEPS."""

    def __init__(self, canvas, control, schedule, done):
        self.canvas = canvas
        self.control = control
        self.schedule = schedule  # schedule(step, delay_ms): run step later
        self.done = done
        self.times = []
        self.started = None
        canvas.mapCanvasRefreshed.connect(self._refreshed)

    def step(self):
        self.started = time.perf_counter()
        self.control.step(4)

    def _refreshed(self):
        if self.started is None:
            return
        self.times.append((time.perf_counter() - self.started) * 1000.0)
        self.started = None
        if len(self.times) < STEPS:
            self.schedule(self.step, 100)
        else:
            self.canvas.mapCanvasRefreshed.disconnect(self._refreshed)
            self.done(self.times)
