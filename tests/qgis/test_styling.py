"""Styles of the plugin's layers and time on the map, checked on the renderers QGIS draws with."""

import subprocess
import sys
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import processing
import pytest
from qgis.core import (
    NULL,
    Qgis,
    QgsCentroidFillSymbolLayer,
    QgsDateTimeRange,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFieldConstraints,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsRectangle,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDateTime, QSize, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QApplication

from drogscen_plugin import i18n
from drogscen_plugin.core.hours import (
    DEFAULT_PRESCHOOL_HOURS,
    DEFAULT_SCHOOL_HOURS,
    is_preschool,
    scene_schedule,
    school_schedule,
)
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.qgis_io.expressions import register_functions
from drogscen_plugin.qgis_io.styling import (
    CLOSED_OPACITY,
    KINDS,
    TIME_VARIABLE,
    apply_style,
    set_school_time,
    set_time_filter,
    setup_temporal,
    style_path,
)

ROOT = Path(__file__).resolve().parents[2]
STYLES = ROOT / "resources" / "styles"
# A Tuesday morning, a Saturday night and a Sunday noon.
TUESDAY_MORNING = datetime(2024, 3, 5, 10, 0)
SATURDAY_NIGHT = datetime(2024, 3, 9, 1, 30)
SUNDAY_NOON = datetime(2024, 3, 10, 12, 0)
POINT, POLYGON = QgsWkbTypes.PointGeometry, QgsWkbTypes.PolygonGeometry


@pytest.fixture(autouse=True)
def functions():
    register_functions()


def plain(value):
    return None if value == NULL else value


def sample_layer(sample_gpkg, name):
    """A sample layer copied into memory: the tests restyle it, the file stays as it is."""
    source = QgsVectorLayer("{}|layername={}".format(sample_gpkg, name), name, "ogr")
    assert source.isValid()
    return source.materialize(QgsFeatureRequest())


@pytest.fixture
def scenes(sample_gpkg):
    return sample_layer(sample_gpkg, "scenes")


@pytest.fixture(scope="module")
def analysis(sample_gpkg):
    """The overlap analysis of the sample schools (points) and scenes."""
    return processing.run(
        "drogscen:overlap",
        {
            "SCENES": "{}|layername=scenes".format(sample_gpkg),
            "SCHOOLS": "{}|layername=schools".format(sample_gpkg),
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
        },
    )


def render_context(layer, start=None):
    """A render context as the map canvas makes one; the Temporal Controller's range
    starts at ``start`` (a datetime), or the controller is off."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    if start is not None:
        settings.setIsTemporal(True)
        settings.setTemporalRange(QgsDateTimeRange(QDateTime(start), QDateTime(start)))
    context = QgsRenderContext.fromMapSettings(settings)
    expressions = QgsExpressionContext()
    expressions.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    expressions.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    context.setExpressionContext(expressions)
    return context


def symbols_for(renderer, feature, context):
    """The symbols a feature is drawn with."""
    if not isinstance(renderer, QgsRuleBasedRenderer):
        return renderer.symbolsForFeature(feature, context)
    # symbolsForFeature also lists ELSE rules that do not apply; the legend keys do not.
    rules = [
        renderer.rootRule().findRuleByKey(key)
        for key in renderer.legendKeysForFeature(feature, context)
    ]
    return [rule.symbol() for rule in rules if rule.symbol() is not None]


def rendering(layer, start=None):
    """``(feature, symbols it is drawn with, render context)`` for each feature the
    renderer draws."""
    renderer = layer.renderer().clone()
    context = render_context(layer, start)
    renderer.startRender(context, layer.fields())
    result = []
    for feature in layer.getFeatures():
        context.expressionContext().setFeature(feature)
        if renderer.willRenderFeature(feature, context):
            symbols = symbols_for(renderer, feature, context)
            result.append((feature, [symbol.clone() for symbol in symbols], context))
    renderer.stopRender(context)
    return result


def drawn(layer, start=None, field="name"):
    """Sorted values of ``field`` of the features the renderer would draw."""
    return sorted(str(feature[field]) for feature, _, _ in rendering(layer, start))


def active(layer, moment, field="active_hours"):
    """Sorted names of the scenes the analysis counts as active at ``moment``."""
    return sorted(
        str(feature["name"])
        for feature in layer.getFeatures()
        if scene_schedule(plain(feature[field]))[0].is_active(moment)
    )


def layer_variable(layer, name):
    return QgsExpressionContextUtils.layerScope(layer).variable(name)


def memory_layer(spec, rows, geometry="Polygon((0 0, 10 0, 10 10, 0 0))"):
    layer = QgsVectorLayer(spec, "test", "memory")
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(row))
        feature.setGeometry(QgsGeometry.fromWkt(geometry))
        layer.dataProvider().addFeature(feature)
    return layer


def marker_shapes(symbol):
    """Shape names of the simple markers a point or school-ground symbol draws."""
    if isinstance(symbol, QgsFillSymbol):
        centres = [
            layer
            for layer in symbol.symbolLayers()
            if isinstance(layer, QgsCentroidFillSymbolLayer)
        ]
        assert len(centres) == 1
        symbol = centres[0].subSymbol()
    assert isinstance(symbol, QgsMarkerSymbol)
    return [layer.properties()["name"] for layer in symbol.symbolLayers()]


# --- the style files -----------------------------------------------------------------


def test_every_kind_has_its_style_files():
    for kind in KINDS:
        for geometry_type in (POINT, POLYGON):
            assert Path(style_path(kind, geometry_type)).is_file()
    assert Path(style_path("schools", POLYGON)).name == "schools_polygons.qml"
    assert Path(style_path("schools", POINT)).name == "schools.qml"
    assert Path(style_path("overlaps", POINT)).name == "overlaps.qml"
    with pytest.raises(ValueError):
        style_path("districts")


def test_style_files_are_what_make_styles_writes(tmp_path):
    committed = sorted(STYLES.glob("*.qml"))
    version = ElementTree.parse(committed[0]).getroot().get("version")
    if version != Qgis.QGIS_VERSION:
        pytest.skip("the styles were written by QGIS {}".format(version))
    subprocess.run(
        [sys.executable, str(STYLES / "make_styles.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    assert sorted(path.name for path in tmp_path.glob("*.qml")) == [path.name for path in committed]
    for path in committed:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize(
    "kind, geometry, renderer, labels",
    [
        ("scenes", "MultiPolygon", "RuleRenderer", True),
        ("buffers", "MultiPolygon", "singleSymbol", False),
        ("overlaps", "MultiPolygon", "categorizedSymbol", False),
        ("schools", "Point", "RuleRenderer", True),
        ("schools", "MultiPolygon", "RuleRenderer", True),
        ("summary", "Point", "RuleRenderer", True),
        ("summary", "MultiPolygon", "RuleRenderer", True),
    ],
)
def test_each_style_loads(kind, geometry, renderer, labels):
    layer = QgsVectorLayer(geometry + "?crs=EPSG:3006", kind, "memory")
    apply_style(layer, kind)
    assert layer.renderer().type() == renderer
    assert layer.labelsEnabled() == labels
    for symbol in layer.renderer().symbols(QgsRenderContext()):
        expected = QgsMarkerSymbol if geometry == "Point" else QgsFillSymbol
        assert isinstance(symbol, expected)


def test_applying_a_style_leaves_the_fields_alone():
    # QGIS 3.22's loadNamedStyle would clear constraints and default values.
    layer = memory_layer("Polygon?field=conflict:string&field=note:string", [])
    note = layer.fields().indexOf("note")
    layer.setFieldAlias(note, "Anteckning")
    layer.setConstraintExpression(note, 'length("note") < 100', "short")
    layer.setFieldConstraint(note, QgsFieldConstraints.ConstraintExpression)
    layer.setDefaultValueDefinition(note, QgsDefaultValue("'-'"))
    layer.setEditorWidgetSetup(note, QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True}))
    apply_style(layer, "overlaps")
    field = layer.fields().field(note)
    assert field.alias() == "Anteckning"
    assert field.constraints().constraintExpression() == 'length("note") < 100'
    assert layer.defaultValueDefinition(note).expression() == "'-'"
    assert layer.editorWidgetSetup(note).config() == {"IsMultiline": True}


# --- what each style draws -------------------------------------------------------------


def test_overlaps_are_red_when_concurrent_and_amber_after_hours(analysis):
    layer = analysis["OUTPUT"]
    apply_style(layer, "overlaps")
    renderer = layer.renderer()
    assert renderer.classAttribute() == "conflict"
    assert sorted(category.value() for category in renderer.categories()) == [
        "after_hours",
        "concurrent",
    ]
    seen = set()
    for feature, symbols, _ in rendering(layer):
        (symbol,) = symbols
        color = symbol.color()
        if feature["conflict"] == "concurrent":
            assert color.red() > 180 and color.green() < 80 and color.blue() < 80
        else:
            assert feature["conflict"] == "after_hours"
            assert color.red() > 200 and 120 < color.green() < 200 and color.blue() < 130
        seen.add(feature["conflict"])
    assert seen == {"concurrent", "after_hours"}
    # Every overlap the analysis wrote is drawn.
    assert len(rendering(layer)) == layer.featureCount() > 0


def test_summary_draws_preschools_and_schools_apart_with_readable_labels(analysis):
    layer = analysis["SUMMARY"]
    assert layer.geometryType() == POINT
    apply_style(layer, "summary")
    shapes = {}
    for feature, (symbol,), _ in rendering(layer):
        shapes.setdefault(is_preschool(feature["school_type"]), set()).update(marker_shapes(symbol))
    assert shapes == {True: {"circle"}, False: {"square"}}
    settings = layer.labeling().settings()
    assert settings.fieldName == "school_name"
    assert settings.format().buffer().enabled()
    # No font of its own: the user's default font.
    assert settings.format().font().family() == QApplication.font().family()
    assert len(rendering(layer)) == layer.featureCount() > 0


@pytest.mark.parametrize("name, geometry_type", [("schools", POINT), ("school_grounds", POLYGON)])
def test_schools_draw_preschools_and_schools_apart(sample_gpkg, name, geometry_type):
    layer = sample_layer(sample_gpkg, name)
    assert layer.geometryType() == geometry_type
    apply_style(layer, "schools")
    shapes = {}
    for feature, (symbol,), _ in rendering(layer):
        shapes.setdefault(is_preschool(feature["type"]), set()).update(marker_shapes(symbol))
    assert shapes == {True: {"circle"}, False: {"square"}}
    assert layer.labeling().settings().fieldName == "name"
    assert len(rendering(layer)) == layer.featureCount()


def test_fields_of_other_names_are_followed():
    layer = memory_layer(
        "Point?field=skola:string&field=skolform:string",
        [("Ekens förskola", "Förskola"), ("Tallskolan", "Grundskola")],
        geometry="Point(0 0)",
    )
    apply_style(layer, "schools", fields={"name": "skola", "type": "skolform"})
    shapes = {feature["skola"]: marker_shapes(symbol) for feature, (symbol,), _ in rendering(layer)}
    assert shapes == {"Ekens förskola": ["circle"], "Tallskolan": ["square"]}
    assert layer.labeling().settings().fieldName == "skola"


def test_buffers_are_outlines_only():
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:3006", "buffers", "memory")
    apply_style(layer, "buffers")
    (symbol,) = layer.renderer().symbols(QgsRenderContext())
    assert [symbol_layer.brushStyle() for symbol_layer in symbol.symbolLayers()] == [
        Qt.BrushStyle.NoBrush
    ]
    assert symbol.symbolLayer(0).strokeStyle() != Qt.PenStyle.NoPen


def test_scenes_are_translucent_and_closed_ones_hatched(scenes):
    apply_style(scenes, "scenes")
    brushes = {}
    for feature, (symbol,), _ in rendering(scenes):
        brushes.setdefault(feature["status"], set()).add(symbol.symbolLayer(0).brushStyle())
        if feature["status"] != "closed":
            assert 0 < symbol.color().alpha() < 255
    assert brushes == {
        "active": {Qt.BrushStyle.SolidPattern},
        "closed": {Qt.BrushStyle.BDiagPattern},
    }
    labels = scenes.labeling().settings()
    assert labels.fieldName == "name"
    assert labels.format().font().bold() and labels.format().buffer().enabled()
    assert len(rendering(scenes)) == scenes.featureCount()


def test_legend_labels_are_translated():
    i18n.install(lambda context, text: "SV " + text)
    try:
        overlaps = QgsVectorLayer("MultiPolygon", "overlaps", "memory")
        apply_style(overlaps, "overlaps")
        scenes = QgsVectorLayer("MultiPolygon", "scenes", "memory")
        apply_style(scenes, "scenes")
    finally:
        i18n.install(QCoreApplication.translate)
    labels = [category.label() for category in overlaps.renderer().categories()]
    labels += [rule.label() for rule in scenes.renderer().rootRule().descendants()]
    assert len(labels) == 5
    assert all(label.startswith("SV ") for label in labels), labels


# --- time ---------------------------------------------------------------------------


def test_setup_temporal_redraws_the_layer_for_each_frame(scenes):
    apply_style(scenes, "scenes")
    setup_temporal(scenes)
    properties = scenes.temporalProperties()
    assert properties.isActive()
    assert properties.mode() == Qgis.VectorTemporalMode.RedrawLayerOnly
    assert properties.isVisibleInTemporalRange(
        QgsDateTimeRange(QDateTime(SATURDAY_NIGHT), QDateTime(SATURDAY_NIGHT))
    )


def test_temporal_controller_shows_the_scenes_active_at_the_start_of_its_range(scenes):
    apply_style(scenes, "scenes")
    setup_temporal(scenes)
    night, day = active(scenes, SATURDAY_NIGHT), active(scenes, TUESDAY_MORNING)
    assert night != day
    assert drawn(scenes, SATURDAY_NIGHT) == night
    assert drawn(scenes, TUESDAY_MORNING) == day
    # Without a temporal range every scene is drawn.
    assert len(drawn(scenes)) == scenes.featureCount()


def test_time_filter_shows_the_scenes_active_at_the_moment(scenes):
    apply_style(scenes, "scenes")
    set_time_filter(scenes, SATURDAY_NIGHT)
    assert layer_variable(scenes, TIME_VARIABLE) == "2024-03-09T01:30:00"
    assert drawn(scenes) == active(scenes, SATURDAY_NIGHT)
    set_time_filter(scenes, TUESDAY_MORNING)
    assert drawn(scenes) == active(scenes, TUESDAY_MORNING)
    assert active(scenes, SATURDAY_NIGHT) != active(scenes, TUESDAY_MORNING)
    set_time_filter(scenes, None)
    assert len(drawn(scenes)) == scenes.featureCount()
    assert layer_variable(scenes, TIME_VARIABLE) is None


def painted(layer, start=None):
    """Names of the features with paint at their centre on a rendered map, drawn like the
    map canvas draws: in worker threads, with the map's variables."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent().buffered(10))
    settings.setOutputSize(QSize(400, 100))
    settings.setBackgroundColor(QColor("white"))
    if start is not None:
        settings.setIsTemporal(True)
        settings.setTemporalRange(QgsDateTimeRange(QDateTime(start), QDateTime(start)))
    expressions = QgsExpressionContext()
    expressions.appendScope(QgsExpressionContextUtils.globalScope())
    expressions.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    settings.setExpressionContext(expressions)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    names = []
    for feature in layer.getFeatures():
        centre = settings.mapToPixel().transform(feature.geometry().centroid().asPoint())
        if image.pixelColor(int(centre.x()), int(centre.y())) != QColor("white"):
            names.append(feature["name"])
    return sorted(names)


def test_rendered_map_shows_the_scenes_active_at_the_time():
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:3006&field=name:string&field=active_hours:string", "scenes", "memory"
    )
    for index, (name, hours) in enumerate(
        [("night", "Fr 22:00-03:00"), ("day", "Mo-Fr 08:00-17:00")]
    ):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([name, hours])
        feature.setGeometry(
            QgsGeometry.fromRect(QgsRectangle(index * 200, 0, index * 200 + 100, 100))
        )
        layer.dataProvider().addFeature(feature)
    layer.updateExtents()
    apply_style(layer, "scenes")
    setup_temporal(layer)
    assert painted(layer) == ["day", "night"]
    assert painted(layer, SATURDAY_NIGHT) == ["night"]
    assert painted(layer, TUESDAY_MORNING) == ["day"]
    set_time_filter(layer, SATURDAY_NIGHT)
    assert painted(layer) == ["night"]
    assert painted(layer, TUESDAY_MORNING) == []


def test_time_filter_and_temporal_controller_both_apply(scenes):
    apply_style(scenes, "scenes")
    setup_temporal(scenes)
    set_time_filter(scenes, TUESDAY_MORNING)
    both = sorted(set(active(scenes, TUESDAY_MORNING)) & set(active(scenes, SATURDAY_NIGHT)))
    assert drawn(scenes, SATURDAY_NIGHT) == both


def test_unknown_and_unreadable_hours_are_always_shown_like_the_analysis_counts_them():
    layer = memory_layer(
        "Polygon?field=name:string&field=active_hours:string",
        [
            ("night", "Fr 22:00-03:00"),
            ("unknown", None),
            ("empty", ""),
            ("unreadable", "Mo-Fx"),
        ],
    )
    set_time_filter(layer, TUESDAY_MORNING)
    assert drawn(layer) == ["empty", "unknown", "unreadable"]
    set_time_filter(layer, SATURDAY_NIGHT)
    assert drawn(layer) == ["empty", "night", "unknown", "unreadable"]


def test_time_filter_keeps_a_layers_own_style_and_variables():
    layer = memory_layer(
        "Polygon?field=name:string&field=tider:string",
        [("evening", "Mo-Su 18:00-23:00"), ("morning", "Mo-Su 06:00-09:00")],
    )
    symbol = QgsFillSymbol.createSimple({"color": "10,20,30,255"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    QgsExpressionContextUtils.setLayerVariable(layer, "owner", "city")
    for moment in (TUESDAY_MORNING.replace(hour=7), TUESDAY_MORNING.replace(hour=19), None):
        set_time_filter(layer, moment, hours_field="tider")
    set_time_filter(layer, TUESDAY_MORNING.replace(hour=7), hours_field="tider")
    assert drawn(layer) == ["morning"]
    root = layer.renderer().rootRule()
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)
    (time_rule,) = root.children()  # set once, however often the time changes
    assert '"tider"' in time_rule.filterExpression()
    ((_, (drawn_symbol,), _),) = rendering(layer)
    assert drawn_symbol.color().name() == "#0a141e"
    assert layer_variable(layer, "owner") == "city"


def school_opacities(layer, moment):
    """feature id -> the opacity (percent) its symbol is drawn with."""
    result = {}
    for feature, (symbol,), context in rendering(layer):
        context.expressionContext().setFeature(feature)
        value, ok = symbol.dataDefinedProperties().valueAsDouble(
            QgsSymbol.PropertyOpacity, context.expressionContext(), symbol.opacity() * 100
        )
        assert ok
        result[feature.id()] = value
    return result


def expected_opacities(layer, moment, hours_field, type_field):
    """feature id -> 100 for schools open at ``moment`` by the analysis' reading, else faded."""
    result = {}
    for feature in layer.getFeatures():
        schedule, _ = school_schedule(
            plain(feature[hours_field]) if hours_field else None,
            plain(feature[type_field]),
            WeeklySchedule.parse(DEFAULT_SCHOOL_HOURS),
            WeeklySchedule.parse(DEFAULT_PRESCHOOL_HOURS),
        )
        result[feature.id()] = 100 if schedule.is_active(moment) else 100 * CLOSED_OPACITY
    return result


def test_school_time_fades_the_schools_closed_at_the_moment(sample_gpkg):
    layer = sample_layer(sample_gpkg, "schools")
    apply_style(layer, "schools")
    opacities = {}
    for moment in (TUESDAY_MORNING, SUNDAY_NOON, TUESDAY_MORNING.replace(hour=6, minute=45)):
        set_school_time(layer, moment, hours_field="opening_hours", type_field="type")
        opacities[moment] = school_opacities(layer, moment)
        assert opacities[moment] == pytest.approx(
            expected_opacities(layer, moment, "opening_hours", "type")
        )
    assert len({tuple(sorted(found.items())) for found in opacities.values()}) == 3
    set_school_time(layer, None, hours_field="opening_hours", type_field="type")
    assert set(school_opacities(layer, None).values()) == {100}


def test_school_time_on_the_summary_uses_the_hours_of_the_school_type(analysis):
    layer = analysis["SUMMARY"]
    apply_style(layer, "summary")
    early = TUESDAY_MORNING.replace(hour=6, minute=45)  # preschools open, schools not yet
    set_school_time(layer, early)
    found = school_opacities(layer, early)
    assert found == pytest.approx(expected_opacities(layer, early, None, "school_type"))
    assert set(found.values()) == {100, 100 * CLOSED_OPACITY}
