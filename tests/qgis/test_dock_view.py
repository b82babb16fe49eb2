"""What the dock shows, driven as a user drives it: which layers it picks, notes on
the table's rows, selection both ways, one clock for every layer, play and step."""

from datetime import datetime, timedelta

import pytest
from qgis.core import (
    Qgis,
    QgsDateTimeRange,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsGeometry,
    QgsInterval,
    QgsProject,
    QgsRenderContext,
    QgsTemporalNavigationObject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.gui.results_model import COLUMNS, FID_ROLE
from drogscen_plugin.gui.settings_form import ERROR_STYLE, SettingsForm
from drogscen_plugin.gui.time_control import DateTimeControl
from drogscen_plugin.qgis_io import styling
from tests.qgis import test_dock, test_dock_tools
from tests.qgis.test_dock import SATURDAY_NIGHT, WEDNESDAY_AFTERNOON, rendered, run, value

clean_settings = test_dock.clean_settings
sample = test_dock.sample
dock = test_dock.dock
message_bar = test_dock.message_bar
measures = test_dock_tools.measures

FRIDAY_NIGHT = datetime(2024, 3, 8, 23, 0)


# --- layer choice -------------------------------------------------------------------------


def polygon_layer(name, fields=""):
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006" + fields, name, "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0, 10 0, 10 10, 0 0))"))
    layer.dataProvider().addFeature(feature)
    return layer


def test_a_new_form_picks_the_scenes_and_the_schools_not_one_layer_twice(sample):
    form = SettingsForm()
    try:
        # Alphabetically the first polygon layer, "scenes", comes first in both lists.
        assert form.values().scenes_layer is sample["scenes"]
        assert form.values().schools_layer is sample["schools"]
        assert not form.school_note.isVisibleTo(form)

        # Districts added later are polygons too, but fit neither role.
        QgsProject.instance().addMapLayer(polygon_layer("Stadsdelar", "&field=namn:string"))
        assert form.values().scenes_layer is sample["scenes"]
        assert form.values().schools_layer is sample["schools"]
    finally:
        form.teardown()
        form.deleteLater()


def test_a_layer_named_like_scenes_wins_over_other_polygons(qgis_new_project):
    other = polygon_layer("Områden", "&field=name:string")
    scenes = polygon_layer("Drogscener 2025", "&field=namn:string&field=aktiva_tider:string")
    QgsProject.instance().addMapLayers([other, scenes])
    form = SettingsForm()
    try:
        assert form.values().scenes_layer is scenes
        assert form.values().schools_layer is other  # the one other candidate
    finally:
        form.teardown()
        form.deleteLater()


def test_one_layer_for_both_roles_is_refused_with_its_name(qtbot, dock, sample, message_bar):
    before = set(QgsProject.instance().mapLayers())
    dock.form.schools.setLayer(sample["scenes"])
    dock.run_button.click()
    assert not dock.runner.is_running()
    assert set(QgsProject.instance().mapLayers()) == before
    assert dock.status.styleSheet() == ERROR_STYLE
    assert "'scenes'" in dock.status.text()
    (message,) = message_bar.get_messages(Qgis.Critical)
    assert message.endswith(dock.status.text())


def shown(label):
    """Shown when its tab is: the dock may show another tab."""
    return not label.isHidden()


def test_empty_type_and_hours_fields_are_noted(dock, sample):
    form = dock.form
    dock.tabs.setCurrentIndex(0)
    assert not shown(form.school_note) and not shown(form.scene_note)
    form.school_type.setField("")
    assert shown(form.school_note) and "type" in form.school_note.text()
    form.school_hours.setField("")
    assert len(form.school_note.text().splitlines()) == 2
    form.scene_hours.setField("")
    assert shown(form.scene_note)
    form.school_type.setField("type")
    form.school_hours.setField("opening_hours")
    form.scene_hours.setField("active_hours")
    assert not shown(form.school_note) and not shown(form.scene_note)


# --- the table ------------------------------------------------------------------------------


def expected_notes(feature):
    notes = [value(feature, "hours_note")] if value(feature, "hours_note") else []
    if feature["scene_min"] == 0:
        notes.append("The scene is never active (closed): no minutes count.")
    return "\n".join(notes)


def test_rows_carry_their_notes_as_icon_and_tooltip(qtbot, dock):
    run(qtbot, dock)
    overlaps = dock.result.overlaps
    column = COLUMNS.index("school_name")
    noted = 0
    for row in range(dock.proxy.rowCount()):
        index = dock.proxy.index(row, column)
        feature = overlaps.getFeature(index.data(FID_ROLE))
        notes = expected_notes(feature)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        tooltip = "\n".join([feature["school_name"]] + ([notes] if notes else []))
        assert index.data(Qt.ItemDataRole.ToolTipRole) == tooltip
        assert (icon is not None and not icon.isNull()) == bool(notes)
        noted += bool(notes)
    assert 0 < noted < dock.proxy.rowCount()


def test_selection_is_linked_both_ways_and_kept_across_sorting(qtbot, dock):
    run(qtbot, dock)
    overlaps = dock.result.overlaps
    fids = [dock.proxy.index(row, 0).data(FID_ROLE) for row in range(dock.proxy.rowCount())]

    # Map to table.
    overlaps.selectByIds([fids[-1]])
    assert dock.selected_fid() == fids[-1]
    # Table to map.
    index = dock.proxy.index(1, COLUMNS.index("school_name"))
    dock.table.selectRow(1)
    dock.table.clicked.emit(index)
    assert overlaps.selectedFeatureIds() == [fids[1]]
    # Sorting moves the row, not the selection.
    dock.table.sortByColumn(COLUMNS.index("school_name"), Qt.SortOrder.AscendingOrder)
    assert dock.selected_fid() == fids[1]
    assert dock.table.currentIndex().data(FID_ROLE) == fids[1]
    # Nothing selected on the map: nothing in the table.
    overlaps.removeSelection()
    assert dock.selected_fid() is None


def test_a_new_run_clears_the_coverage_table(qtbot, dock, measures):
    run(qtbot, dock)
    assert dock.measures.check_coverage()
    assert dock.measures.table.rowCount() > 0
    run(qtbot, dock)
    assert dock.measures.table.rowCount() == 0


def test_one_message_in_the_message_bar_per_run(qtbot, dock, message_bar):
    run(qtbot, dock)
    run(qtbot, dock)
    assert [item.level() for item in message_bar.items()] == [Qgis.Success]


# --- one clock --------------------------------------------------------------------------------


def conflict_colours():
    """The oracle's colours: the shipped style's colour of each conflict."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:3006", "fresh", "memory")
    message, ok = layer.loadNamedStyle(styling.style_path("overlaps"))
    assert ok, message
    return {
        category.value(): category.symbol().color().name()
        for category in layer.renderer().categories()
    }


def drawn_colours(layer):
    """The fill colour each drawn feature gets, by feature id."""
    context = QgsRenderContext()
    context.expressionContext().appendScopes(
        QgsExpressionContextUtils.globalProjectLayerScopes(layer)
    )
    renderer = layer.renderer().clone()
    renderer.startRender(context, layer.fields())
    colours = {}
    for feature in layer.getFeatures():
        context.expressionContext().setFeature(feature)
        symbols = renderer.symbolsForFeature(feature, context)
        if symbols:
            colours[feature.id()] = symbols[0].color().name()
    renderer.stopRender(context)
    return colours


def active(hours, moment):
    return hours is None or WeeklySchedule.parse(hours).is_active(moment)


def test_overlaps_are_drawn_while_their_scene_is_active_coloured_by_the_school(qtbot, dock):
    run(qtbot, dock)
    overlaps = dock.result.overlaps
    colours = conflict_colours()
    features = list(overlaps.getFeatures())
    everything = drawn_colours(overlaps)
    assert everything == {f.id(): colours[f["conflict"]] for f in features}

    for moment in (SATURDAY_NIGHT, WEDNESDAY_AFTERNOON, FRIDAY_NIGHT):
        dock.time_control.set_moment(moment)
        expected = {
            f.id(): colours[
                "concurrent" if active(value(f, "school_hours"), moment) else "after_hours"
            ]
            for f in features
            if active(value(f, "scene_hours"), moment)
        }
        assert drawn_colours(overlaps) == expected, moment
        assert set(expected) == rendered(overlaps)
    assert len(drawn_colours(overlaps)) < len(features)  # Friday night: fewer


def test_the_dock_follows_the_temporal_controller(qtbot, dock, qgis_iface):
    run(qtbot, dock)
    controller = qgis_iface.mapCanvas().temporalController()
    control = dock.time_control
    controller.setTemporalExtents(
        QgsDateTimeRange(QDateTime(2024, 3, 8, 23, 0), QDateTime(2024, 3, 9, 23, 0))
    )
    controller.setFrameDuration(QgsInterval(3600))
    try:
        with qtbot.waitSignal(control.momentChanged):
            controller.setNavigationMode(QgsTemporalNavigationObject.NavigationMode.Animated)
            controller.setCurrentFrameNumber(2)
        moment = control.moment()
        assert (moment.weekday(), moment.hour) == (5, 1)  # Saturday 01:00
        assert control.following.isVisibleTo(dock) and not control.time.isEnabled()
        scenes = dock.result.scenes
        assert rendered(scenes) == {
            f.id() for f in scenes.getFeatures() if active(value(f, "active_hours"), SATURDAY_NIGHT)
        }
    finally:
        controller.setNavigationMode(QgsTemporalNavigationObject.NavigationMode.NavigationOff)
    assert not control.following.isVisibleTo(dock) and control.time.isEnabled()


def test_step_buttons_move_an_hour_round_the_week_and_play_keeps_moving(qtbot):
    control = DateTimeControl()
    try:
        control.set_moment(datetime(2024, 3, 10, 23, 30))  # Sunday
        control.forward.click()
        moment = control.moment()
        assert (moment.weekday(), moment.hour, moment.minute) == (0, 0, 30)
        control.back.click()
        control.back.click()
        moment = control.moment()
        assert (moment.weekday(), moment.hour, moment.minute) == (6, 22, 30)

        start = control.moment()
        control.play.setChecked(True)
        with qtbot.waitSignal(control.momentChanged, timeout=5000):
            pass
        control.play.setChecked(False)
        assert control.moment() - start == timedelta(hours=1)
    finally:
        control.deleteLater()


@pytest.fixture(autouse=True)
def no_temporal_navigation(qgis_iface):
    yield
    controller = qgis_iface.mapCanvas().temporalController()
    controller.setNavigationMode(QgsTemporalNavigationObject.NavigationMode.NavigationOff)
