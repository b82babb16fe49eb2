"""New scene layers: schema, form, refusing bad hours, and leaving existing data alone."""

import shutil

import pytest
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFieldConstraints,
    QgsGeometry,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsVectorLayerUtils,
    QgsWkbTypes,
)

from drogscen_plugin.core.errors import InputError, ScheduleError
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.qgis_io.compat import FieldType
from drogscen_plugin.qgis_io.expressions import register_functions
from drogscen_plugin.qgis_io.scene_layer import (
    LayerExistsError,
    create_scene_layer,
    field_alias,
    status_labels,
)
from drogscen_plugin.qgis_io.styling import TIME_VARIABLE

FIELDS = [
    ("name", FieldType.STRING),
    ("active_hours", FieldType.STRING),
    ("status", FieldType.STRING),
    ("first_seen", FieldType.DATE),
    ("closed_on", FieldType.DATE),
    ("source", FieldType.STRING),
    ("notes", FieldType.STRING),
]


@pytest.fixture(autouse=True)
def functions():
    register_functions()


@pytest.fixture
def scenes(tmp_path):
    return create_scene_layer(str(tmp_path / "scenes.gpkg"))


def open_layer(path, name):
    layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert layer.isValid()
    return layer


def hours_check(layer, value):
    """``(valid, errors)`` of the hard constraints of active_hours for ``value``."""
    feature = QgsFeature(layer.fields())
    index = layer.fields().indexOf("active_hours")
    feature.setAttribute(index, value)
    return QgsVectorLayerUtils.validateAttribute(
        layer, feature, index, QgsFieldConstraints.ConstraintStrengthHard
    )


def add_scene(layer, name):
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", name)
    feature.setGeometry(QgsGeometry.fromWkt("MultiPolygon(((0 0, 10 0, 10 10, 0 0)))"))
    assert layer.dataProvider().addFeature(feature)


def test_schema_geometry_and_crs(scenes):
    assert scenes.isValid()
    assert scenes.wkbType() == QgsWkbTypes.MultiPolygon
    assert scenes.crs() == QgsCoordinateReferenceSystem("EPSG:3006")
    assert scenes.providerType() == "ogr"
    fields = scenes.fields()
    own = [(field.name(), field.type()) for field in fields if field.name() != "fid"]
    assert own == FIELDS
    for name, _ in FIELDS:
        assert fields.field(name).alias() == field_alias(name)
        assert fields.field(name).alias()


def test_crs_can_be_chosen(tmp_path):
    layer = create_scene_layer(str(tmp_path / "scenes.gpkg"), crs="EPSG:3008")
    assert layer.crs() == QgsCoordinateReferenceSystem("EPSG:3008")


def test_an_invalid_crs_is_refused(tmp_path):
    with pytest.raises(InputError):
        create_scene_layer(str(tmp_path / "scenes.gpkg"), crs="EPSG:999999")
    assert not (tmp_path / "scenes.gpkg").exists()


def test_form_widgets(scenes):
    def widget(name):
        setup = scenes.editorWidgetSetup(scenes.fields().indexOf(name))
        return setup.type(), setup.config()

    kind, config = widget("status")
    assert kind == "ValueMap"
    assert [list(entry.values())[0] for entry in config["map"]] == list(status_labels())
    assert [list(entry.keys())[0] for entry in config["map"]] == list(status_labels().values())
    status = scenes.fields().indexOf("status")
    assert scenes.defaultValue(status) == "active"
    for name in ("first_seen", "closed_on"):
        kind, config = widget(name)
        assert kind == "DateTime"
        assert config["calendar_popup"] and config["allow_null"]
        assert config["field_format"] == "yyyy-MM-dd"
    assert widget("notes") == ("TextEdit", {"IsMultiline": True})
    assert widget("active_hours")[0] == "TextEdit"


def test_hours_constraint_is_hard_and_uses_normalize(scenes):
    constraints = scenes.fields().field("active_hours").constraints()
    assert constraints.constraints() & QgsFieldConstraints.ConstraintExpression
    assert (
        constraints.constraintStrength(QgsFieldConstraints.ConstraintExpression)
        == QgsFieldConstraints.ConstraintStrengthHard
    )
    assert "drogscen_normalize_hours" in constraints.constraintExpression()
    assert constraints.constraintDescription()


@pytest.mark.parametrize("hours", ["Mo-Fr 22:00-03:00", "må-fr 22-03", "24/7", "off"])
def test_constraint_accepts_readable_hours(scenes, hours):
    assert hours_check(scenes, hours) == (True, [])


@pytest.mark.parametrize("hours", [None, "", "  "])
def test_constraint_accepts_unknown_hours(scenes, hours):
    assert hours_check(scenes, hours) == (True, [])


@pytest.mark.parametrize("hours", ["Mo-Fx 22:00-03:00", "Mo-Fr 22:00", "sunset-02:00"])
def test_constraint_refuses_unreadable_hours_with_the_parser_message(scenes, hours):
    with pytest.raises(ScheduleError) as parser:
        WeeklySchedule.parse(hours)
    valid, errors = hours_check(scenes, hours)
    assert not valid
    assert len(errors) == 1
    assert str(parser.value) in errors[0]


def test_style_and_temporal_set_up(scenes):
    assert isinstance(scenes.renderer(), QgsRuleBasedRenderer)
    (time_rule,) = scenes.renderer().rootRule().children()
    assert "@map_start_time" in time_rule.filterExpression()
    assert "@" + TIME_VARIABLE in time_rule.filterExpression()
    assert '"active_hours"' in time_rule.filterExpression()
    assert scenes.labelsEnabled()
    assert scenes.labeling().settings().fieldName == "name"
    properties = scenes.temporalProperties()
    assert properties.isActive()
    assert properties.mode() == Qgis.VectorTemporalMode.RedrawLayerOnly


def test_form_and_style_come_back_when_the_file_is_opened_again(scenes, tmp_path):
    layer = open_layer(str(tmp_path / "scenes.gpkg"), "scenes")
    assert layer.fields().field("active_hours").alias() == field_alias("active_hours")
    assert layer.editorWidgetSetup(layer.fields().indexOf("status")).type() == "ValueMap"
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)
    valid, errors = hours_check(layer, "Mo-Fx")
    assert not valid and "Mo-Fx" in errors[0]
    assert hours_check(layer, "Mo-Fr 08:00-17:00") == (True, [])


def test_an_existing_layer_is_never_replaced(scenes, tmp_path):
    path = str(tmp_path / "scenes.gpkg")
    add_scene(scenes, "Plattan")
    for name in ("scenes", "SCENES"):  # GeoPackage layer names ignore case
        with pytest.raises(LayerExistsError) as refused:
            create_scene_layer(path, name)
        assert path in str(refused.value) and name in str(refused.value)
    assert [feature["name"] for feature in open_layer(path, "scenes").getFeatures()] == ["Plattan"]


def test_a_new_layer_joins_an_existing_file_leaving_its_layers_alone(sample_gpkg, tmp_path):
    path = str(tmp_path / "city.gpkg")
    shutil.copy(sample_gpkg, path)
    before = {
        name: open_layer(path, name).featureCount()
        for name in ("scenes", "schools", "school_grounds", "districts")
    }
    with pytest.raises(LayerExistsError):
        create_scene_layer(path)  # the sample already has "scenes"
    layer = create_scene_layer(path, "scenes_2025")
    assert layer.featureCount() == 0
    after = {name: open_layer(path, name).featureCount() for name in before}
    assert after == before
    assert (
        open_layer(path, "scenes").fields().names()
        == open_layer(sample_gpkg, "scenes").fields().names()
    )


def test_gpkg_extension_is_added(tmp_path):
    layer = create_scene_layer(str(tmp_path / "new_scenes"))
    assert layer.isValid()
    assert (tmp_path / "new_scenes.gpkg").exists()
