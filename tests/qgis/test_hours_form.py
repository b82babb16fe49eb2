"""The hours fields in the attribute form of the layers the plugin makes: the example
in the empty field and the parser's own message under the field, on real forms."""

import sys

import pytest
from qgis.core import QgsFeature, QgsProject
from qgis.PyQt.QtWidgets import QLabel, QLineEdit

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.schedule import Schedule
from drogscen_plugin.qgis_io.compat import FORM_INIT_FROM_ENVIRONMENT
from drogscen_plugin.qgis_io.hours_form import hours_note
from drogscen_plugin.qgis_io.measures_layer import create_measures_layers
from drogscen_plugin.qgis_io.scene_layer import create_scene_layer
from tests.qgis.layer_helpers import form_without_init

BAD = "Mo-Fx 08:00-17:00"


def parser_message(text):
    with pytest.raises(ScheduleError) as raised:
        Schedule.parse(text)
    return str(raised.value)


def open_form(layer, values):
    """The layer's attribute form on a new feature with ``values``, and the form init
    function the layer names called with it, as QGIS calls it when the form opens."""
    config = layer.editFormConfig()
    assert config.initCodeSource() == FORM_INIT_FROM_ENVIRONMENT
    feature = QgsFeature(layer.fields())
    for name, value in values.items():
        feature[name] = value
    form = form_without_init(layer, feature)
    # Found by its name in __main__, as QGIS finds it, while the plugin is loaded.
    init = eval(config.initFunction(), vars(sys.modules["__main__"]))  # noqa: S307
    init(form, layer, feature)
    return form


@pytest.fixture
def scenes(tmp_path):
    layer = create_scene_layer(str(tmp_path / "scenes.gpkg"))
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


@pytest.fixture
def measures(tmp_path):
    layers = create_measures_layers(str(tmp_path / "measures.gpkg")).layers()
    QgsProject.instance().addMapLayers(layers)
    yield layers
    QgsProject.instance().removeMapLayers([layer.id() for layer in layers])


def field_and_note(form, name):
    (edit,) = [widget for widget in form.findChildren(QLineEdit, name)]
    return edit, form.findChild(QLabel, name + "_message")


def test_invalid_scene_hours_show_the_parsers_message_under_the_field(qtbot, scenes):
    form = open_form(scenes, {"active_hours": BAD})
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    edit, note = field_and_note(form, "active_hours")

    assert edit.text() == BAD
    assert note.text() == parser_message(BAD)
    assert "column 3" in note.text()
    assert note.isVisible()
    # Under the field, in the form itself: the note and the field share a column.
    assert note.parentWidget() is edit.parentWidget()
    assert note.geometry().top() >= edit.geometry().bottom()


def test_the_note_follows_the_typing_and_the_empty_field_has_an_example(qtbot, scenes):
    form = open_form(scenes, {"active_hours": None})
    qtbot.addWidget(form)
    edit, note = field_and_note(form, "active_hours")
    assert edit.placeholderText() == "e.g. Mo-Fr 18:00-02:00"
    assert note.text() == "For example Mo-Fr 18:00-02:00; empty when not known."

    edit.setText("Mo-Fr 25:00-02:00")
    assert note.text() == parser_message("Mo-Fr 25:00-02:00")
    edit.setText("Mo-Fr 18:00-02:00")
    assert note.isHidden() and note.text() == ""
    # Dated hours are hours too: the form does not call them unreadable.
    dated = "Mo-Fr 08:00-16:00; Jul off; PH off"
    edit.setText(dated)
    assert hours_note(dated, "en") == ("", False)
    assert note.isHidden() and note.text() == ""
    edit.clear()
    assert not note.isHidden() and "For example" in note.text()
    # What the user typed is what the form keeps: the note changes nothing.
    edit.setText("Sa 20:00-23:00")
    assert form.currentFormFeature()["active_hours"] == "Sa 20:00-23:00"


def test_every_measures_layer_explains_its_hours(qtbot, measures):
    for layer in measures:
        form = open_form(layer, {"hours": BAD})
        qtbot.addWidget(form)
        edit, note = field_and_note(form, "hours")
        assert note.text() == parser_message(BAD), layer.name()
        assert edit.placeholderText() == "e.g. Mo-Fr 18:00-02:00"
