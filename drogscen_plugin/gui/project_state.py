"""What the dock keeps in the project: its settings, and its last run, whose layers
can be written to a GeoPackage beside the project file so that they outlive it."""

import dataclasses
import json
import os

from qgis.core import QgsProject, QgsVectorFileWriter, QgsVectorLayer

from ..core.errors import DrogscenError
from ..i18n import tr
from ..qgis_io.project_calendar import FORM_KEY, SCOPE

# The dock's settings, where the calendar reader finds them too.
PROJECT_FORM_KEY = FORM_KEY
PROJECT_RUN_KEY = "last_run"
ROLE_PROPERTY = "drogscen/role"
RUN_PROPERTY = "drogscen/run"
ROLES = ("scenes", "buffers", "overlaps", "summary")


def write_project_state(project, key, state):
    """Keep ``state`` (plain values) in ``project`` under ``key``."""
    project.writeEntry(SCOPE, key, json.dumps(state))


def read_project_state(project, key):
    """What write_project_state kept, or None."""
    text, found = project.readEntry(SCOPE, key, "")
    if not found or not text:
        return None
    try:
        state = json.loads(text)
    except ValueError:
        return None
    return state if isinstance(state, dict) else None


def results_path(project):
    """``<project>_drogscen.gpkg`` beside the project file; None while it is unsaved."""
    path = project.fileName()
    return os.path.splitext(path)[0] + "_drogscen.gpkg" if path else None


def _write_layer(layer, path, name):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    # Other runs' layers in the file stay.
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer
        if os.path.exists(path)
        else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, QgsProject.instance().transformContext(), options
    )
    kept = None
    if error == QgsVectorFileWriter.NoError:
        kept = QgsVectorLayer("{}|layername={}".format(path, name), layer.name(), "ogr")
    if kept is None or not kept.isValid():
        raise DrogscenError(
            tr("The results could not be kept in {path}: {message}").format(
                path=path, message=message or tr("the written layer cannot be read")
            )
        )
    return kept


def keep_layers(layers, path, run_id):
    """The run's ``layers`` (AnalysisLayers) written to the GeoPackage ``path`` as
    ``<role>_<run_id>``: AnalysisLayers of the written layers."""
    written = {
        role: _write_layer(getattr(layers, role), path, "{}_{}".format(role, run_id))
        for role in ROLES
    }
    return dataclasses.replace(layers, **written)


def mark_run(layers, run_id):
    """Tag the run's layers, so a reopened project finds them."""
    for role in ROLES:
        layer = getattr(layers, role)
        layer.setCustomProperty(ROLE_PROPERTY, role)
        layer.setCustomProperty(RUN_PROPERTY, run_id)


def run_layers(project, run_id):
    """The layers of run ``run_id`` by role, when the project has all of them."""
    found = {
        layer.customProperty(ROLE_PROPERTY): layer
        for layer in project.mapLayers().values()
        if layer.customProperty(RUN_PROPERTY) == run_id
    }
    if not all(role in found for role in ROLES):
        return None
    return {role: found[role] for role in ROLES}
