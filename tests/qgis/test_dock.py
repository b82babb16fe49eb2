"""The dock driven as a user drives it: the real plugin, real layers, real Processing runs."""

import re
from collections import Counter
from datetime import datetime, timedelta

import processing
import pytest
from qgis.core import (
    NULL,
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsMapLayerProxyModel,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsRenderContext,
    QgsSettings,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QAction, QFileDialog, QInputDialog

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.hours import school_schedule
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.gui.results_model import COLUMNS, FID_ROLE
from drogscen_plugin.gui.runner import OVERLAP_SHARE
from drogscen_plugin.gui.settings_form import SETTINGS_PREFIX, SettingsForm
from drogscen_plugin.gui.time_control import DateTimeControl
from drogscen_plugin.qgis_io import styling

RUN_TIMEOUT_MS = 120_000
GROUP_NAME = re.compile(r"^Drogscen \d{4}-\d\d-\d\d \d\d:\d\d$")
SATURDAY_NIGHT = datetime(2024, 3, 9, 1, 0)
WEDNESDAY_AFTERNOON = datetime(2024, 3, 6, 15, 30)


# --- fixtures -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def clean_settings():
    QgsSettings().remove(SETTINGS_PREFIX.rstrip("/"))
    yield
    QgsSettings().remove(SETTINGS_PREFIX.rstrip("/"))


def sample_layer(sample_gpkg, name):
    layer = QgsVectorLayer("{}|layername={}".format(sample_gpkg, name), name, "ogr")
    assert layer.isValid()
    return layer


@pytest.fixture
def sample(qgis_new_project, sample_gpkg):
    """The sample scenes and schools, plus a line layer, in a fresh project."""
    layers = {name: sample_layer(sample_gpkg, name) for name in ("scenes", "schools")}
    lines = QgsVectorLayer("LineString?crs=EPSG:3006&field=name:string", "lines", "memory")
    line = QgsFeature(lines.fields())
    line.setGeometry(QgsGeometry.fromWkt("LINESTRING(674000 6578000, 675000 6579000)"))
    line.setAttributes(["Gångstråket"])
    lines.dataProvider().addFeature(line)
    layers["lines"] = lines
    QgsProject.instance().addMapLayers(list(layers.values()))
    return layers


@pytest.fixture
def dock(plugin, qtbot, sample, clean_settings):
    plugin.initGui()  # a test of unload may have removed it
    dock = plugin.dock
    dock.show()
    dock.form.restore_settings()  # the defaults: clean_settings emptied the settings
    dock.tabs.setCurrentIndex(0)  # the settings, as the dock opens
    # The dock outlives each test: begin showing all times, whatever the last one chose.
    dock.time_control.show_all.setChecked(True)
    dock.form.scenes.setLayer(sample["scenes"])
    dock.form.schools.setLayer(sample["schools"])
    yield dock
    if dock.runner.is_running():
        with qtbot.waitSignal(dock.runner.canceled, timeout=RUN_TIMEOUT_MS):
            dock.runner.cancel()
    dock.hide()


@pytest.fixture
def message_bar(qgis_iface):
    qgis_iface.messageBar().clear_messages()
    qgis_iface.messageBar().clearWidgets()
    return qgis_iface.messageBar()


def run(qtbot, dock, expected="succeeded"):
    """Click Run and wait for the end of the run, which must be ``expected``."""
    ended = []
    endings = {name: getattr(dock.runner, name) for name in ("succeeded", "failed", "canceled")}
    slots = {name: (lambda *_, name=name: ended.append(name)) for name in endings}
    for name, signal in endings.items():
        signal.connect(slots[name])
    try:
        qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(ended) or not dock.runner.is_running(), timeout=RUN_TIMEOUT_MS)
    finally:
        for name, signal in endings.items():
            signal.disconnect(slots[name])
    assert ended == [expected], dock.status.text()


def result_groups():
    root = QgsProject.instance().layerTreeRoot()
    return [node for node in root.children() if isinstance(node, QgsLayerTreeGroup)]


def direct_overlap(scenes, schools, **parameters):
    """The same analysis through processing.run: the oracle for what the dock shows."""
    parameters = dict(
        {"SCENES": scenes, "SCHOOLS": schools, "OUTPUT": "memory:", "SUMMARY": "memory:"},
        **parameters,
    )
    return processing.run("drogscen:overlap", parameters)


def value(feature, name):
    found = feature[name]
    return None if found == NULL else found


def style_signature(renderer):
    colours = sorted(
        s.color().name(QColor.NameFormat.HexArgb) for s in renderer.symbols(QgsRenderContext())
    )
    return renderer.type(), colours


def expected_signature(layer, kind):
    """What the shipped style file gives a fresh layer of the same geometry."""
    uri = "{}?crs=EPSG:3006".format(QgsWkbTypes.displayString(layer.wkbType()))
    fresh = QgsVectorLayer(uri, "fresh", "memory")
    message, ok = fresh.loadNamedStyle(styling.style_path(kind, layer.geometryType()))
    assert ok, message
    return style_signature(fresh.renderer())


def rendered(layer):
    """Ids of the features the layer's renderer draws, with its own variables."""
    context = QgsRenderContext()
    context.expressionContext().appendScopes(
        QgsExpressionContextUtils.globalProjectLayerScopes(layer)
    )
    renderer = layer.renderer().clone()
    renderer.startRender(context, layer.fields())
    drawn = set()
    for feature in layer.getFeatures():
        context.expressionContext().setFeature(feature)
        if renderer.willRenderFeature(feature, context):
            drawn.add(feature.id())
    renderer.stopRender(context)
    return drawn


def active_scenes(layer, moment):
    """The oracle: scenes whose hours are active at ``moment``; no or bad hours count as active."""
    active = set()
    for feature in layer.getFeatures():
        hours = value(feature, "active_hours")
        try:
            if hours is None or WeeklySchedule.parse(hours).is_active(moment):
                active.add(feature.id())
        except ScheduleError:
            active.add(feature.id())
    return active


def opacity(layer, feature):
    """The opacity (percent) of the symbol the renderer draws a feature with."""
    context = QgsRenderContext()
    context.expressionContext().appendScopes(
        QgsExpressionContextUtils.globalProjectLayerScopes(layer)
    )
    context.expressionContext().setFeature(feature)
    renderer = layer.renderer().clone()
    renderer.startRender(context, layer.fields())
    # Through the legend keys: symbolsForFeature ignores ELSE rules.
    keys = renderer.legendKeysForFeature(feature, context)
    items = renderer.legendSymbolItems()  # owns the symbols
    (symbol,) = [
        item.symbol() for item in items if item.ruleKey() in keys and item.symbol() is not None
    ]
    prop = symbol.dataDefinedProperties().property(QgsSymbol.PropertyOpacity)
    result, _ = prop.valueAsDouble(context.expressionContext(), symbol.opacity() * 100)
    renderer.stopRender(context)
    return result


# --- the form ---------------------------------------------------------------------------


def test_layer_lists_are_filtered_and_usual_fields_preselected(dock, sample):
    form = dock.form
    scene_choices = {form.scenes.layer(i).name() for i in range(form.scenes.count())}
    school_choices = {form.schools.layer(i).name() for i in range(form.schools.count())}
    assert scene_choices == {"scenes"}
    assert school_choices == {"scenes", "schools"}
    values = form.values()
    assert values.scenes_layer is sample["scenes"]
    assert values.schools_layer is sample["schools"]
    assert (values.scene_name_field, values.scene_hours_field) == ("name", "active_hours")
    assert (values.school_name_field, values.school_type_field, values.school_hours_field) == (
        "name",
        "type",
        "opening_hours",
    )

    # A layer without the usual names: nothing is guessed.
    form.schools.setLayer(sample["scenes"])
    assert (form.values().school_type_field, form.values().school_hours_field) == ("", "")
    assert form.values().school_name_field == "name"


def test_default_hours_show_the_parser_message_while_typing(dock):
    edit = dock.form.default_school
    edit.edit.setText("Mo-Fr 07:00-25:61")
    with pytest.raises(ScheduleError) as expected:
        WeeklySchedule.parse("Mo-Fr 07:00-25:61")
    assert edit.message.isVisibleTo(dock) and edit.message.text() == str(expected.value)
    edit.edit.setText("Mo-Fr 07:00-17:00")
    assert not edit.message.isVisibleTo(dock)


def test_settings_are_kept_and_restored(dock, sample):
    form = dock.form
    form.schools.setLayer(sample["schools"])
    form.school_hours.setField("")
    form.distance.setValue(450)
    form.default_preschool.edit.setText("Mo-Fr 07:00-17:00")
    form.extent_only.setChecked(True)
    form.save_settings()

    restored = SettingsForm()
    try:
        restored.restore_settings()
        assert restored.values() == form.values()
    finally:
        restored.deleteLater()


# --- running ----------------------------------------------------------------------------


def test_run_adds_a_styled_group_and_fills_the_table(qtbot, dock, sample, message_bar):
    before = set(QgsProject.instance().mapLayers())
    run(qtbot, dock)

    (group,) = result_groups()
    assert GROUP_NAME.match(group.name())
    layers = {node.layer().name(): node.layer() for node in group.findLayers()}
    assert sorted(layers) == sorted(
        ["Scenes", "School buffers", "Overlaps", "Schools and preschools"]
    )
    assert set(QgsProject.instance().mapLayers()) == before | {
        layer.id() for layer in layers.values()
    }

    oracle = direct_overlap(sample["scenes"], sample["schools"])
    overlaps = layers["Overlaps"]
    assert overlaps.featureCount() == oracle["OUTPUT"].featureCount() == oracle["PAIR_COUNT"]
    assert layers["Schools and preschools"].featureCount() == oracle["SUMMARY"].featureCount()
    assert layers["School buffers"].featureCount() == sample["schools"].featureCount()
    assert layers["Scenes"].featureCount() == sample["scenes"].featureCount()

    # Styles: those of the shipped files, the scenes and overlaps under time rules.
    for name, kind in (
        ("School buffers", "buffers"),
        ("Schools and preschools", "summary"),
        ("Scenes", "scenes"),
    ):
        assert style_signature(layers[name].renderer()) == expected_signature(layers[name], kind)
    _, colours = expected_signature(overlaps, "overlaps")
    assert style_signature(overlaps.renderer()) == ("RuleRenderer", colours)
    time_rule = layers["Scenes"].renderer().rootRule().children()[0]
    assert time_rule.filterExpression() == styling.time_filter_expression("active_hours")
    assert layers["Scenes"].temporalProperties().isActive()
    # The input layers keep their own look.
    assert sample["scenes"].renderer().type() == "singleSymbol"
    assert not sample["scenes"].temporalProperties().isActive()

    # The table: one row per overlap feature, the same pairs as the oracle.
    model = dock.model
    assert model.rowCount() == overlaps.featureCount()
    shown = Counter(
        tuple(
            model.index(row, COLUMNS.index(name)).data() for name in ("school_name", "scene_name")
        )
        for row in range(model.rowCount())
    )
    expected = Counter((f["school_name"], f["scene_name"]) for f in oracle["OUTPUT"].getFeatures())
    assert shown == expected
    assert [item.level() for item in message_bar.items()] == [Qgis.Success]


def column(view_model, name):
    index = COLUMNS.index(name)
    return [
        view_model.index(row, index).data(Qt.ItemDataRole.UserRole)
        for row in range(view_model.rowCount())
    ]


def test_table_sorts_numbers_as_numbers_and_text_without_case(qtbot, dock):
    run(qtbot, dock)
    table, proxy = dock.table, dock.proxy
    for name, order in (
        ("concurrent_min", Qt.SortOrder.AscendingOrder),
        ("afterhours_min", Qt.SortOrder.DescendingOrder),
        ("school_name", Qt.SortOrder.AscendingOrder),
    ):
        table.sortByColumn(COLUMNS.index(name), order)
        values = column(proxy, name)
        assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder), name
    minutes = column(proxy, "concurrent_min")
    assert all(isinstance(m, int) for m in minutes) and len(set(minutes)) > 1


def test_clicking_a_row_zooms_to_the_overlap_and_its_school_and_flashes(qtbot, dock, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setExtent(QgsRectangle(0, 0, 1, 1))
    run(qtbot, dock)
    index = dock.proxy.index(0, 0)
    fid = index.data(FID_ROLE)
    overlaps = dock.result.overlaps
    feature = overlaps.getFeature(fid)
    school = next(
        dock.result.summary.getFeatures(
            QgsFeatureRequest().setFilterExpression(
                '"school_fid" = {}'.format(feature["school_fid"])
            )
        )
    )

    def flashes():
        return [item for item in canvas.scene().items() if isinstance(item, QgsRubberBand)]

    before = flashes()
    qtbot.mouseClick(
        dock.table.viewport(), Qt.MouseButton.LeftButton, pos=dock.table.visualRect(index).center()
    )

    transform = QgsCoordinateTransform(
        overlaps.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
    )
    extent = canvas.extent()
    for geometry in (feature.geometry(), school.geometry()):
        assert extent.contains(transform.transformBoundingBox(geometry.boundingBox()))
    assert extent.width() < 0.1  # a neighbourhood, not the world
    new_flashes = [item for item in flashes() if not any(item is old for old in before)]
    assert len(new_flashes) == 2  # the overlap and the school


def test_time_control_shows_the_scenes_active_then_and_fades_closed_schools(qtbot, dock, sample):
    run(qtbot, dock)
    result = dock.result
    scenes, summary = result.scenes, result.summary
    control = dock.time_control
    assert rendered(scenes) == {f.id() for f in scenes.getFeatures()}  # all, at first

    for moment in (SATURDAY_NIGHT, WEDNESDAY_AFTERNOON):
        with qtbot.waitSignal(control.momentChanged):
            control.set_moment(moment)
        chosen = control.moment()
        assert (chosen.weekday(), chosen.hour, chosen.minute) == (
            moment.weekday(),
            moment.hour,
            moment.minute,
        )
        assert rendered(scenes) == active_scenes(scenes, moment), moment

        default_school = WeeklySchedule.parse(dock.form.values().school_hours)
        default_preschool = WeeklySchedule.parse(dock.form.values().preschool_hours)
        hours = {f.id(): value(f, "opening_hours") for f in sample["schools"].getFeatures()}
        for feature in summary.getFeatures():
            schedule, _ = school_schedule(
                hours[feature["school_fid"]],
                feature["school_type"],
                default_school,
                default_preschool,
            )
            expected = 100.0 if schedule.is_active(moment) else 100.0 * styling.CLOSED_OPACITY
            assert opacity(summary, feature) == pytest.approx(expected), feature["school_name"]
    assert rendered(scenes) != {f.id() for f in scenes.getFeatures()}

    with qtbot.waitSignal(control.momentChanged):
        control.show_all.setChecked(True)
    assert rendered(scenes) == {f.id() for f in scenes.getFeatures()}


def test_removing_result_layers_lets_the_dock_forget_only_its_own_result(qtbot, dock):
    run(qtbot, dock)
    first = dock.result
    run(qtbot, dock)
    second = dock.result
    rows = dock.model.rowCount()
    assert second is not first and rows > 0

    QgsProject.instance().removeMapLayer(first.overlaps.id())
    assert dock.result is second and dock.model.rowCount() == rows

    QgsProject.instance().removeMapLayer(second.summary.id())
    assert dock.result is None and dock.model.rowCount() == 0
    assert not dock.time_control.isEnabled()
    dock.time_control.set_moment(SATURDAY_NIGHT)  # nothing left to filter, and no error


def test_only_schools_in_the_map_extent_are_analysed(qtbot, dock, sample, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    extent = QgsRectangle(674000, 6578000, 676500, 6581000)
    canvas.setExtent(extent)
    extent = canvas.extent()  # the canvas keeps its aspect ratio
    dock.form.extent_only.setChecked(True)
    run(qtbot, dock)

    request = QgsFeatureRequest().setFilterRect(extent).setFlags(QgsFeatureRequest.ExactIntersect)
    inside = {f.id() for f in sample["schools"].getFeatures(request)}
    assert 0 < len(inside) < sample["schools"].featureCount()
    summary = dock.result.summary
    assert {f["school_fid"] for f in summary.getFeatures()} == inside
    full = direct_overlap(sample["scenes"], sample["schools"])["OUTPUT"]
    expected = Counter(
        (f["school_fid"], f["scene_fid"]) for f in full.getFeatures() if f["school_fid"] in inside
    )
    assert (
        Counter((f["school_fid"], f["scene_fid"]) for f in dock.result.overlaps.getFeatures())
        == expected
    )
    assert dock.result.buffers.featureCount() == len(inside)
    assert sample["schools"].selectedFeatureCount() == 0


def test_an_extent_without_schools_is_refused_with_a_message(qtbot, dock, qgis_iface, message_bar):
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    canvas.setExtent(QgsRectangle(100000, 7000000, 100100, 7000100))
    dock.form.extent_only.setChecked(True)
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    assert not dock.runner.is_running()
    assert "current map extent" in dock.status.text()
    assert message_bar.get_messages(Qgis.Critical) == ["Drogscen:" + dock.status.text()]
    assert result_groups() == []


# --- bad input and cancel ---------------------------------------------------------------


def test_invalid_default_hours_are_shown_in_the_dock_and_the_message_bar(qtbot, dock, message_bar):
    dock.form.default_preschool.edit.setText("Mo-Fr 06:30-18:30; Xy 10:00")
    with pytest.raises(ScheduleError) as expected:
        WeeklySchedule.parse("Mo-Fr 06:30-18:30; Xy 10:00")
    before = set(QgsProject.instance().mapLayers())

    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)

    assert not dock.runner.is_running()
    text = dock.status.text()
    assert "Default preschool hours" in text and str(expected.value) in text
    assert message_bar.get_messages(Qgis.Critical) == ["Drogscen:" + text]
    assert set(QgsProject.instance().mapLayers()) == before
    assert dock.run_button.isEnabled()


def test_run_without_layers_says_which_layer_to_choose(qtbot, dock, message_bar):
    QgsProject.instance().removeAllMapLayers()
    qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
    assert not dock.runner.is_running()
    assert "Choose a layer of open drug scenes" in dock.status.text()
    assert message_bar.get_messages(Qgis.Critical) == ["Drogscen:" + dock.status.text()]


def test_a_failing_analysis_shows_the_processing_message_not_a_traceback(
    qtbot, dock, sample, message_bar
):
    with pytest.raises(QgsProcessingException) as expected:
        direct_overlap(sample["lines"], sample["schools"])
    # A line layer cannot be picked; let it through as a layer of another kind could come.
    dock.form.scenes.setFilters(QgsMapLayerProxyModel.VectorLayer)
    try:
        dock.form.scenes.setLayer(sample["lines"])
        run(qtbot, dock, "failed")
    finally:
        dock.form.scenes.setFilters(QgsMapLayerProxyModel.PolygonLayer)

    text = dock.status.text()
    assert "lines" in text and str(expected.value).strip() in text
    assert "Traceback" not in text
    assert message_bar.get_messages(Qgis.Critical) == ["Drogscen:" + text]
    assert result_groups() == []
    assert dock.run_button.isEnabled() and not dock.cancel_button.isEnabled()


def test_cancel_leaves_no_layers(qtbot, dock):
    before = set(QgsProject.instance().mapLayers())
    with qtbot.waitSignal(dock.runner.canceled, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(dock.run_button, Qt.MouseButton.LeftButton)
        assert dock.cancel_button.isEnabled()
        qtbot.mouseClick(dock.cancel_button, Qt.MouseButton.LeftButton)
    assert set(QgsProject.instance().mapLayers()) == before
    assert result_groups() == []
    assert dock.run_button.isEnabled() and not dock.progress.isVisible()
    assert "canceled" in dock.status.text()

    # And the next run works.
    run(qtbot, dock)
    assert len(result_groups()) == 1


def test_a_late_cancel_discards_what_was_already_computed(qtbot, dock):
    before = set(QgsProject.instance().mapLayers())

    def cancel_late(percent):
        if percent >= OVERLAP_SHARE:
            dock.runner.progressChanged.disconnect(cancel_late)
            dock.runner.cancel()

    dock.runner.progressChanged.connect(cancel_late)
    run(qtbot, dock, "canceled")
    assert set(QgsProject.instance().mapLayers()) == before
    assert result_groups() == []


def test_time_control_now_and_steps():
    control = DateTimeControl()
    try:
        assert control.moment() is None
        control.set_moment(datetime(2024, 3, 7, 21, 44))
        moment = control.moment()
        assert moment == datetime(2024, 3, 7, 21, 30)
        assert control.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2024-03-07 21:30"
        assert control.time.value() == 21 * 4 + 2
        control.now.click()
        now = datetime.now()
        moment = control.moment()
        assert timedelta(0) <= now - moment < timedelta(minutes=16)
    finally:
        control.deleteLater()


# --- the plugin in the QGIS window --------------------------------------------------------


def test_new_scenes_layer_is_added_to_the_project(plugin, qgis_new_project, tmp_path, message_bar):
    path = str(tmp_path / "digitized.gpkg")
    layer = plugin.add_scenes_layer(path)
    assert layer is not None and layer.isValid()
    assert QgsProject.instance().mapLayer(layer.id()) is layer
    assert "active_hours" in layer.fields().names()

    assert plugin.add_scenes_layer(path) is None  # the layer exists: refused, not replaced
    (message,) = message_bar.get_messages(Qgis.Critical)
    assert "scenes" in message


def test_new_scenes_layer_has_a_free_name_and_lands_at_the_top(
    plugin, qgis_new_project, qgis_iface, tmp_path, monkeypatch
):
    project = QgsProject.instance()
    group = project.layerTreeRoot().addGroup("Safety measures")
    project.addMapLayer(QgsVectorLayer("Point?crs=EPSG:3006", "scenes", "memory"), False)
    group.addLayer(project.mapLayersByName("scenes")[0])
    path = str(tmp_path / "more.gpkg")
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (path, ""))
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *args: (asked.append(args[-1]) or "Scener norr", True)
    )

    plugin.new_layer_action.trigger()

    assert asked == ["scenes 2"]  # the default clashes with no layer of the project
    (layer,) = project.mapLayersByName("Scener norr")
    assert project.layerTreeRoot().children()[0].layerId() == layer.id()
    assert group.findLayer(layer.id()) is None


def our_actions(qgis_iface):
    return [
        action
        for action in qgis_iface.mainWindow().findChildren(QAction)
        if action.objectName().startswith("Drogscen")
    ]


def test_unload_leaves_no_action_dock_provider_or_expression_function(
    qtbot, plugin, qgis_iface, qgis_new_project
):
    plugin.unload()  # start from nothing, so the interface's records are this test's only
    qtbot.waitUntil(lambda: our_actions(qgis_iface) == [])
    qgis_iface.newProject()  # forgets the interface's records
    plugin.initProcessing()
    plugin.initGui()
    try:
        dock = plugin.dock
        added = [call.args for call in qgis_iface.addPluginToVectorMenu.call_args_list]
        assert len(our_actions(qgis_iface)) == 3
        assert QgsExpression.isFunctionName("drogscen_active")

        plugin.unload()

        qtbot.waitUntil(lambda: sip.isdeleted(dock))
        qtbot.waitUntil(lambda: our_actions(qgis_iface) == [])
        removed = [call.args for call in qgis_iface.removePluginVectorMenu.call_args_list]
        assert len(added) == 3
        assert [args[1] for args in removed] == [args[1] for args in added]
        assert QgsApplication.processingRegistry().providerById("drogscen") is None
        for name in ("drogscen_active", "drogscen_overlap_minutes", "drogscen_normalize_hours"):
            assert not QgsExpression.isFunctionName(name)
        assert plugin.dock is None and plugin.actions() == []
    finally:
        plugin.initProcessing()
        plugin.initGui()
