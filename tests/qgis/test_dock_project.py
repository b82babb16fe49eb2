"""The dock's state in the project: settings per project, and the last run's layers
kept in a GeoPackage beside the project file, shown again when the project opens."""

import os

import processing
from qgis.core import QgsProject, QgsSettings
from qgis.PyQt.QtCore import Qt

from drogscen_plugin.gui.project_state import results_path
from drogscen_plugin.gui.settings_form import SETTINGS_PREFIX
from tests.qgis import test_dock
from tests.qgis.test_dock import run

clean_settings = test_dock.clean_settings
sample = test_dock.sample
dock = test_dock.dock


def reopen(path):
    """Close the project, then read it from ``path`` as QGIS does when a user opens it."""
    project = QgsProject.instance()
    project.clear()
    assert project.read(str(path))


def test_settings_are_kept_per_project(dock, sample, tmp_path):
    form = dock.form
    form.distance.setValue(450)
    form.school_hours.setField("")
    form.default_school.edit.setText("Mo-Fr 08:00-16:00")
    form.save_settings()
    path = tmp_path / "city.qgz"
    assert QgsProject.instance().write(str(path))
    # Another project's choices in the meantime, kept in QGIS's settings.
    QgsSettings().setValue(SETTINGS_PREFIX + "distance", 100.0)
    form.distance.setValue(100)
    form.default_school.edit.setText("Mo-Fr 07:00-18:00")

    reopen(path)

    values = form.values()
    assert values.distance == 450
    assert values.school_hours == "Mo-Fr 08:00-16:00"
    assert values.school_hours_field == ""
    project = QgsProject.instance()
    assert values.scenes_layer is project.mapLayersByName("scenes")[0]
    assert values.schools_layer is project.mapLayersByName("schools")[0]


def test_a_saved_layer_is_chosen_again_when_it_is_added(dock, sample, sample_gpkg, tmp_path):
    dock.form.save_settings()
    project = QgsProject.instance()
    project.removeMapLayer(sample["schools"])
    dock.form.restore_settings()
    assert dock.form.schools.currentLayer() is not None  # some other layer, for now

    again = test_dock.sample_layer(sample_gpkg, "schools")
    again.setName("skolor (kopia)")
    project.addMapLayers([test_dock.sample_layer(sample_gpkg, "scenes"), again])
    assert dock.form.schools.currentLayer() is again


def test_the_last_run_is_kept_beside_the_project_and_shown_when_it_opens(
    qtbot, dock, sample, tmp_path
):
    path = tmp_path / "city.qgz"
    assert QgsProject.instance().write(str(path))
    dock.form.restore_settings()  # a saved project keeps results by default
    assert dock.form.keep_results.isChecked()
    run(qtbot, dock)
    kept = results_path(QgsProject.instance())
    assert kept == str(tmp_path / "city_drogscen.gpkg") and os.path.exists(kept)
    overlaps = dock.result.overlaps
    assert overlaps.source().startswith(kept)
    expected = sorted(
        (f["school_name"], f["scene_name"], f["concurrent_min"]) for f in overlaps.getFeatures()
    )
    rows = dock.model.rowCount()
    assert QgsProject.instance().write(str(path))

    reopen(path)

    result = dock.result
    assert result is not None
    assert (
        sorted(
            (f["school_name"], f["scene_name"], f["concurrent_min"])
            for f in result.overlaps.getFeatures()
        )
        == expected
    )
    assert dock.model.rowCount() == rows > 0
    assert result.summary.featureCount() > 0 and result.buffers.featureCount() > 0
    assert result.values.distance == dock.form.values().distance


def test_an_unsaved_project_keeps_temporary_layers(qtbot, dock, sample):
    QgsProject.instance().setFileName("")
    dock.form.restore_settings()
    assert not dock.form.keep_results.isChecked()
    run(qtbot, dock)
    assert dock.result.overlaps.providerType() == "memory"


def test_saving_a_new_project_turns_keeping_results_on(dock, sample, tmp_path):
    assert not dock.form.keep_results.isChecked()  # a new, unsaved project
    assert QgsProject.instance().write(str(tmp_path / "new.qgz"))
    assert dock.form.keep_results.isChecked()
    # Saved again: the user's choice stands.
    dock.form.keep_results.setChecked(False)
    assert QgsProject.instance().write()
    assert not dock.form.keep_results.isChecked()
    # A new project starts with temporary results, and keeps them once saved.
    dock.form.keep_results.setChecked(True)
    QgsProject.instance().clear()
    assert not dock.form.keep_results.isChecked()
    assert QgsProject.instance().write(str(tmp_path / "other.qgz"))
    assert dock.form.keep_results.isChecked()


def test_the_period_and_calendar_are_kept_and_passed_to_the_analysis(qtbot, dock, sample, tmp_path):
    form = dock.form
    period = {
        "period_start": "2026-10-19",
        "period_end": "2026-11-01",
        "school_holidays": "2026-10-26/2026-10-30",
        "school_terms": "2026-08-17/2026-12-18",
    }
    for key, text in period.items():
        form.period.edits[key].setText(text)
    form.save_settings()
    path = tmp_path / "term.qgz"
    assert QgsProject.instance().write(str(path))
    form.period.apply_state({})
    reopen(path)
    assert form.values().period == period

    run(qtbot, dock)
    (group,) = test_dock.result_groups()
    overlaps = next(
        node.layer() for node in group.findLayers() if node.layer().name() == "Overlaps"
    )
    # The reopened project's layers: the sample's went with the project it closed.
    project = QgsProject.instance()
    oracle = processing.run(
        "drogscen:overlap",
        {
            "SCENES": project.mapLayersByName("scenes")[0],
            "SCHOOLS": project.mapLayersByName("schools")[0],
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
            **{key.upper(): text for key, text in period.items()},
        },
    )
    fields = ("school_fid", "scene_fid", "period_concurrent_min", "conflict_dates")

    def rows(layer):
        return sorted(tuple(feature[name] for name in fields) for feature in layer.getFeatures())

    assert rows(overlaps) == rows(oracle["OUTPUT"]) and rows(overlaps)


def test_a_wrong_date_in_the_calendar_is_named_before_the_run(qtbot, dock, sample):
    dock.form.period.edits["school_holidays"].setText("2026-10-26/höstlov")
    try:
        qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
        assert not dock.runner.is_running()
        assert "School holidays" in dock.status.text() and "höstlov" in dock.status.text()
        assert test_dock.result_groups() == []
    finally:
        dock.form.period.apply_state({})
