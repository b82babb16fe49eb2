"""Small layers for tests: memory layers from WKT rows and GeoPackage copies;
and the command line run as a user runs it."""

import os
import subprocess
import sys
from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)


def memory_layer(geometry_type, fields, rows, crs="EPSG:3006", name="layer"):
    """A memory layer; ``fields`` are (name, type), ``rows`` (wkt or None, attribute list)."""
    uri = "{}?crs={}{}".format(
        geometry_type, crs, "".join("&field={}:{}".format(*field) for field in fields)
    )
    layer = QgsVectorLayer(uri, name, "memory")
    assert layer.isValid()
    features = []
    for wkt, attributes in rows:
        feature = QgsFeature(layer.fields())
        if wkt is not None:
            geometry = QgsGeometry.fromWkt(wkt)
            assert not geometry.isNull(), wkt
            feature.setGeometry(geometry)
        feature.setAttributes(attributes)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def to_geopackage(layer, path, name):
    """Copy ``layer`` into a layer of a GeoPackage, keeping its geometry type, and open it."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    if path.exists():
        options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error
    copy = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert copy.isValid()
    return copy


class LogFeedback(QgsProcessingFeedback):
    """Feedback that keeps the log's information and warning lines."""

    def __init__(self):
        super().__init__()
        self.infos = []
        self.warnings = []

    def pushInfo(self, text):  # noqa: N802 (QGIS API)
        self.infos.append(text)
        super().pushInfo(text)

    def pushWarning(self, text):  # noqa: N802 (QGIS API)
        self.warnings.append(text)
        super().pushWarning(text)


def form_without_init(layer, feature):
    """``layer``'s attribute form on ``feature``, built with the layer's form init
    function switched off for the moment: without QGIS's Python runner (the desktop
    has one) QGIS would stop at a message box that it cannot find the function."""
    from qgis.gui import QgsAttributeEditorContext, QgsAttributeForm

    config = layer.editFormConfig()
    without = layer.editFormConfig()
    without.setInitFunction("")
    layer.setEditFormConfig(without)
    try:
        return QgsAttributeForm(layer, feature, QgsAttributeEditorContext())
    finally:
        layer.setEditFormConfig(config)


def run_cli(*arguments):
    """``python -m drogscen_plugin ARGUMENTS`` in a child process, from the
    repository; its messages in English whatever the developer's locale."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-m", "drogscen_plugin", *arguments],
        cwd=str(Path(__file__).resolve().parents[2]),
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
