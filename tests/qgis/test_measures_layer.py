"""Measures layers: schema, form, style, edits that save and undo, and pre-filled measures."""

import shutil

import processing
import pytest
from layer_helpers import form_without_init, memory_layer
from qgis.core import (
    NULL,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFieldConstraints,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayerTreeLayer,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerUtils,
    QgsWkbTypes,
)
from qgis.gui import QgsAttributeEditorContext, QgsEditorWidgetWrapper, QgsGui
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDate

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.definitions.measures import measure_codes, measure_type_labels, status_labels
from drogscen_plugin.qgis_io.compat import FieldType
from drogscen_plugin.qgis_io.expressions import register_functions
from drogscen_plugin.qgis_io.measures_coverage import measure_from_pair, suggest_measure_features
from drogscen_plugin.qgis_io.measures_layer import (
    LayerExistsError,
    add_measure_features,
    create_measures_layers,
    field_alias,
    measures_group,
)

FIELDS = [
    ("measure_type", FieldType.STRING),
    ("school", FieldType.STRING),
    ("scene", FieldType.STRING),
    ("hours", FieldType.STRING),
    ("responsible", FieldType.STRING),
    ("status", FieldType.STRING),
    ("start_date", FieldType.DATE),
    ("end_date", FieldType.DATE),
    ("cost_sek", FieldType.DOUBLE),
    ("notes", FieldType.STRING),
]
NAMES = ("measures_points", "measures_lines", "measures_polygons")
GEOMETRIES = {
    "measures_points": "Point (674100 6580100)",
    "measures_lines": "MultiLineString ((674000 6580000, 674200 6580050))",
    "measures_polygons": "MultiPolygon (((674000 6580000, 674100 6580000, 674100 6580100, "
    "674000 6580000)))",
}


@pytest.fixture(autouse=True)
def functions_and_widgets():
    register_functions()
    # The form's editor widgets, as QGIS's window sets them up.
    if not QgsGui.editorWidgetRegistry().factories():
        QgsGui.editorWidgetRegistry().initEditors()


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "measures.gpkg")


@pytest.fixture
def create():
    """create_measures_layers, closing the layers when the test ends.

    Layers of a GeoPackage that outlive QGIS crash it as they close their file.
    """
    made = []

    def create_layers(*args, **kwargs):
        made.append(create_measures_layers(*args, **kwargs))
        return made[-1]

    yield create_layers
    for layer in [layer for layers in made for layer in layers.layers()]:
        if not sip.isdeleted(layer):
            sip.delete(layer)


@pytest.fixture
def layers(create, path):
    return create(path)


def open_layer(path, name):
    layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert layer.isValid()
    return layer


def stored_name(layer):
    return layer.source().split("layername=")[1]


def check(layer, name, value, **others):
    """``(valid, errors)`` of the hard constraints of field ``name`` for ``value``."""
    feature = QgsFeature(layer.fields())
    for other, other_value in others.items():
        feature.setAttribute(other, other_value)
    index = layer.fields().indexOf(name)
    feature.setAttribute(index, value)
    return QgsVectorLayerUtils.validateAttribute(
        layer, feature, index, QgsFieldConstraints.ConstraintStrengthHard
    )


def form_for(layer, wkt):
    """A feature form adding a feature at ``wkt``, as the digitizing tools open it."""
    feature = QgsVectorLayerUtils.createFeature(
        layer, QgsGeometry.fromWkt(wkt), {}, layer.createExpressionContext()
    )
    form = form_without_init(layer, feature)
    form.setMode(QgsAttributeEditorContext.AddFeatureMode)
    return form


def fill(form, values):
    for name, value in values.items():
        form.changeAttribute(name, value)


def constraint_message(form, name):
    (wrapper,) = [
        wrapper
        for wrapper in form.findChildren(QgsEditorWidgetWrapper)
        if wrapper.field().name() == name
    ]
    return wrapper.isValidConstraint(), wrapper.constraintFailureReason()


def values_of(feature):
    return {name: feature[name] for name, _ in FIELDS}


# --- the layers ---------------------------------------------------------------------


def test_three_layers_share_one_schema(layers, path):
    assert [stored_name(layer) for layer in layers.layers()] == list(NAMES)
    assert [QgsWkbTypes.geometryType(layer.wkbType()) for layer in layers.layers()] == [
        QgsWkbTypes.PointGeometry,
        QgsWkbTypes.LineGeometry,
        QgsWkbTypes.PolygonGeometry,
    ]
    for layer in layers.layers():
        assert layer.providerType() == "ogr" and layer.source().startswith(path)
        assert layer.crs() == QgsCoordinateReferenceSystem("EPSG:3006")
        own = [(field.name(), field.type()) for field in layer.fields() if field.name() != "fid"]
        assert own == FIELDS
        for name, _ in FIELDS:
            assert layer.fields().field(name).alias() == field_alias(name)
        assert layer.featureCount() == 0
    assert len({layer.name() for layer in layers.layers()}) == 3


def test_crs_can_be_chosen_and_gpkg_is_added(create, tmp_path):
    layers = create(str(tmp_path / "plan"), crs="EPSG:3008")
    assert (tmp_path / "plan.gpkg").exists()
    assert all(
        layer.crs() == QgsCoordinateReferenceSystem("EPSG:3008") for layer in layers.layers()
    )


def test_form_widgets(layers):
    layer = layers.lines

    def widget(name):
        setup = layer.editorWidgetSetup(layer.fields().indexOf(name))
        return setup.type(), setup.config()

    kind, config = widget("measure_type")
    assert kind == "ValueMap"
    assert [list(entry.values())[0] for entry in config["map"]] == list(measure_codes())
    assert [list(entry.keys())[0] for entry in config["map"]] == list(
        measure_type_labels().values()
    )
    kind, config = widget("status")
    assert kind == "ValueMap"
    assert [list(entry.values())[0] for entry in config["map"]] == list(status_labels())
    assert layer.defaultValue(layer.fields().indexOf("status")) == "planned"
    for name in ("start_date", "end_date"):
        kind, config = widget(name)
        assert kind == "DateTime" and config["calendar_popup"] and config["allow_null"]
    kind, config = widget("cost_sek")
    assert kind == "Range" and config["Min"] == 0
    assert widget("notes") == ("TextEdit", {"IsMultiline": True})


def test_constraints_refuse_what_the_coverage_cannot_use(layers):
    layer = layers.polygons
    assert check(layer, "hours", "Mo-Fr 22:00-03:00") == (True, [])
    assert check(layer, "hours", "må-fr 22-03") == (True, [])
    assert check(layer, "hours", None) == (True, [])
    assert check(layer, "cost_sek", 25000.0) == (True, [])
    assert check(layer, "cost_sek", None) == (True, [])
    assert not check(layer, "cost_sek", -1.0)[0]
    assert not check(layer, "measure_type", None)[0]
    assert check(layer, "measure_type", "camera") == (True, [])
    start = QDate(2026, 3, 1)
    assert check(layer, "end_date", QDate(2026, 6, 30), start_date=start) == (True, [])
    assert not check(layer, "end_date", QDate(2026, 2, 1), start_date=start)[0]


@pytest.mark.parametrize("hours", ["Mo-Fx 22:00-03:00", "Mo-Fr 22:00", "sunrise-08:00"])
def test_invalid_hours_are_refused_with_the_parsers_message(layers, hours):
    with pytest.raises(ScheduleError) as parser:
        WeeklySchedule.parse(hours)
    valid, errors = check(layers.points, "hours", hours)
    assert not valid and len(errors) == 1 and str(parser.value) in errors[0]

    layer = layers.points
    assert layer.startEditing()
    form = form_for(layer, GEOMETRIES["measures_points"])
    fill(form, {"measure_type": "guard", "hours": hours})
    valid, message = constraint_message(form, "hours")
    assert not valid and str(parser.value) in message
    form.save()
    assert layer.editBuffer().addedFeatures() == {}
    layer.rollBack()


def test_each_type_has_its_own_symbol_and_a_translated_legend(layers):
    kinds = {
        "measures_points": QgsMarkerSymbol,
        "measures_lines": QgsLineSymbol,
        "measures_polygons": QgsFillSymbol,
    }
    for layer in layers.layers():
        renderer = layer.renderer()
        assert isinstance(renderer, QgsCategorizedSymbolRenderer)
        assert renderer.classAttribute() == "measure_type"
        categories = renderer.categories()
        assert [category.value() for category in categories] == list(measure_codes())
        assert [category.label() for category in categories] == list(measure_type_labels().values())
        symbols = [category.symbol() for category in categories]
        assert all(isinstance(symbol, kinds[stored_name(layer)]) for symbol in symbols)
        looks = {str(symbol.symbolLayer(0).properties()) for symbol in symbols}
        assert len(looks) == len(measure_codes())


def test_form_and_style_come_back_when_the_file_is_opened_again(layers, path):
    for name in NAMES:
        layer = open_layer(path, name)
        assert layer.fields().field("hours").alias() == field_alias("hours")
        assert layer.editorWidgetSetup(layer.fields().indexOf("measure_type")).type() == "ValueMap"
        assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
        valid, errors = check(layer, "hours", "Mo-Fx")
        assert not valid and "Mo-Fx" in errors[0]


# --- edits ------------------------------------------------------------------------------


def test_measures_added_through_the_form_are_saved_and_read_back(layers, path):
    entered = {
        "measures_points": {
            "measure_type": "camera",
            "school": "Ekskolan",
            "scene": "Parken",
            "hours": "Mo-Su 18:00-07:00",
            "responsible": "Trygghetsenheten",
            "status": "ongoing",
            "start_date": QDate(2026, 9, 1),
            "end_date": QDate(2027, 8, 31),
            "cost_sek": 48500.0,
            "notes": "Två kameror mot skolgården.\nLänkad till väktare.",
        },
        "measures_lines": {
            "measure_type": "round",
            "school": "Ekskolan",
            "scene": "Parken",
            "hours": "Mo-Fr 06:30-07:00",
            "responsible": "Fastighet",
            "status": "planned",
            "start_date": QDate(2026, 11, 30),
            "end_date": None,
            "cost_sek": None,
            "notes": None,
        },
        "measures_polygons": {
            "measure_type": "lighting",
            "school": "Ekskolan",
            "scene": None,
            "hours": None,
            "responsible": None,
            "status": "done",
            "start_date": None,
            "end_date": QDate(2026, 12, 1),
            "cost_sek": 0.0,
            "notes": "LED",
        },
    }
    for layer in layers.layers():
        name = stored_name(layer)
        assert layer.startEditing()
        form = form_for(layer, GEOMETRIES[name])
        fill(form, entered[name])
        assert all(constraint_message(form, field)[0] for field, _ in FIELDS)
        assert form.save()
        (added,) = layer.editBuffer().addedFeatures().values()
        assert values_of(added) == entered[name]
        assert layer.commitChanges(), layer.commitErrors()

    for name in NAMES:
        (feature,) = open_layer(path, name).getFeatures()
        values = values_of(feature)
        # NULL as stored, None as entered.
        assert {
            key: (None if value == NULL or value is None else value)
            for key, value in values.items()
        } == entered[name]
        assert feature.geometry().asWkt(0) == QgsGeometry.fromWkt(GEOMETRIES[name]).asWkt(0)


def test_added_measures_are_one_undo_step_until_saved(layers, path):
    layer = layers.points
    measures = [
        {
            "measure_type": "presence",
            "school": "Ekskolan",
            "hours": "Mo-Fr 11:00-14:00",
            "geometry": QgsGeometry.fromWkt("Point (674000 6580000)"),
        },
        {
            "measure_type": "sensor",
            "school": "Ekskolan",
            "hours": "Mo-Fr 18:00-07:00",
            "status": "ongoing",
            "geometry": QgsGeometry.fromWkt("Point (674010 6580000)"),
        },
        {
            "measure_type": "round",
            "school": "Ekskolan",
            "hours": "Mo-Fr 06:30-07:00",
            "not_a_field": "left out",
        },
    ]
    ids = add_measure_features(layer, measures)
    assert layer.isEditable()
    added = layer.editBuffer().addedFeatures()
    assert sorted(ids) == sorted(added)
    assert [added[fid]["measure_type"] for fid in ids] == ["presence", "sensor", "round"]
    # Defaults fill what is not given.
    assert [added[fid]["status"] for fid in ids] == ["planned", "ongoing", "planned"]
    assert not added[ids[2]].hasGeometry()
    assert layer.dataProvider().featureCount() == 0  # not saved yet

    assert layer.undoStack().count() == 1
    layer.undoStack().undo()
    assert layer.editBuffer().addedFeatures() == {}
    layer.undoStack().redo()
    assert len(layer.editBuffer().addedFeatures()) == 3
    assert layer.commitChanges(), layer.commitErrors()
    saved = sorted(
        feature["measure_type"] for feature in open_layer(path, "measures_points").getFeatures()
    )
    assert saved == ["presence", "round", "sensor"]


# --- files and groups ------------------------------------------------------------------


def test_existing_layers_are_never_replaced(create, layers, path):
    assert add_measure_features(layers.points, [{"measure_type": "camera"}])
    assert layers.points.commitChanges()
    with pytest.raises(LayerExistsError) as refused:
        create_measures_layers(path)
    assert path in str(refused.value) and "measures_points" in str(refused.value)
    assert open_layer(path, "measures_points").featureCount() == 1
    other = create(path, prefix="measures_2027")
    assert stored_name(other.polygons) == "measures_2027_polygons"
    assert open_layer(path, "measures_points").featureCount() == 1


def test_new_layers_join_an_existing_file_leaving_its_layers_alone(create, sample_gpkg, tmp_path):
    path = str(tmp_path / "city.gpkg")
    shutil.copy(sample_gpkg, path)
    names = ("scenes", "schools", "school_grounds", "districts")
    before = {name: open_layer(path, name).featureCount() for name in names}
    create(path)
    assert {name: open_layer(path, name).featureCount() for name in names} == before
    assert all(open_layer(path, name).isValid() for name in NAMES)


def test_the_group_holds_the_layers_and_joins_the_project_only_when_asked(layers):
    project = QgsProject.instance()
    group = measures_group(layers)
    assert group.name() == layers.group_name == "Safety measures"
    assert [node.layer() for node in group.children()] == layers.layers()
    assert all(isinstance(node, QgsLayerTreeLayer) for node in group.children())
    assert all(project.mapLayer(layer.id()) is None for layer in layers.layers())

    group = measures_group(layers, project)
    try:
        assert project.layerTreeRoot().children()[0] is group
        assert all(project.mapLayer(layer.id()) is layer for layer in layers.layers())
        assert [node.layer() for node in group.children()] == layers.layers()
    finally:
        project.layerTreeRoot().removeChildNode(group)
        project.removeMapLayers([layer.id() for layer in layers.layers()])


def test_the_group_name_can_be_chosen(create, path):
    assert create(path, group_name="Trygghet 2027").group_name == "Trygghet 2027"


# --- pre-filled measures from an analysis ---------------------------------------------


@pytest.fixture(scope="module")
def analysis():
    """Two schools; Ekskolan has a scene active at lunch and one at night."""
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string"), ("opening_hours", "string")],
        [
            ("Point (674000 6580000)", ["Ekskolan", "grundskola", "Mo-Fr 07:00-18:00"]),
            ("Point (676000 6580000)", ["Lönnens förskola", "förskola", None]),
        ],
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [
            (
                "Polygon ((674050 6580050, 674150 6580050, 674150 6580150, 674050 6580050))",
                ["Parken", "Mo-Fr 11:00-14:00"],
            ),
            (
                "Polygon ((673900 6579850, 673950 6579850, 673950 6579900, 673900 6579850))",
                ["Tunneln", "Mo-Fr 22:00-03:00"],
            ),
            (
                "Polygon ((676100 6580000, 676200 6580000, 676200 6580100, 676100 6580000))",
                ["Torget", "Sa-Su 20:00-23:00"],
            ),
        ],
    )
    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": scenes,
            "SCHOOLS": schools,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    return results["OUTPUT"], results["SUMMARY"]


def pair(overlap, scene):
    (feature,) = [f for f in overlap.getFeatures() if f["scene_name"] == scene]
    return feature


def test_measure_from_pair_takes_the_hours_the_conflict_needs(analysis):
    overlap, _ = analysis
    lunch, night = pair(overlap, "Parken"), pair(overlap, "Tunneln")
    presence = measure_from_pair(lunch, "presence")
    assert presence == {
        "measure_type": "presence",
        "school": "Ekskolan",
        "scene": "Parken",
        "hours": lunch["presence_hours"],
        "status": "planned",
    }
    assert presence["hours"] == "Mo-Fr 11:00-14:00"
    for kind in ("camera", "sensor", "guard"):
        assert measure_from_pair(night, kind)["hours"] == night["guard_hours"]
    # Half an hour before each opening that follows the night's activity.
    assert night["round_days"] == "Mo,Tu,We,Th,Fr" and night["round_before"] == "07:00"
    assert measure_from_pair(night, "round")["hours"] == "Mo-Fr 06:30-07:00"
    assert measure_from_pair(lunch, "round")["hours"] == "off"  # no round needed
    assert measure_from_pair(night, "fencing")["hours"] is None


def test_suggested_measures_land_at_their_schools_and_cover_the_needs(analysis, layers, path):
    overlap, summary = analysis
    suggested = suggest_measure_features(overlap, summary, crs=layers.points.crs())
    by_school = {}
    for measure in suggested:
        by_school.setdefault(measure["school"], []).append(measure["measure_type"])
    assert by_school == {
        "Ekskolan": ["presence", "sensor", "round"],
        "Lönnens förskola": ["sensor", "round"],
    }
    places = {feature["school_name"]: feature.geometry() for feature in summary.getFeatures()}
    for measure in suggested:
        assert measure["geometry"].equals(places[measure["school"]])
        assert measure["status"] == "planned"
    assert {m["scene"] for m in suggested if m["school"] == "Ekskolan"} == {"Parken, Tunneln"}

    add_measure_features(layers.points, suggested)
    assert layers.points.commitChanges()
    coverage = processing.run(
        "drogscen:measurecoverage",
        {
            "OVERLAP": overlap,
            "MEASURES": [open_layer(path, "measures_points")],
            "INCLUDE_PLANNED": True,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    rows = list(coverage.getFeatures())
    assert len(rows) == 2
    assert all(row["uncovered_min"] == 0 and row["needed_min"] > 0 for row in rows)
    assert all(
        row["round_days_missing"] == NULL or row["round_days_missing"] is None for row in rows
    )
