"""Extension by one entry: a measure type or a source of schools added to the
definitions alone (registered here, in the test) reaches every consumer."""

import datetime

import processing
import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtGui import QColor
from shapely.geometry import Point

from drogscen_plugin.core.coverage import coverage, needs_of, read_measure
from drogscen_plugin.core.errors import InputError
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.definitions import measures, sources
from drogscen_plugin.definitions.measures import GUARD, MeasureType, Symbol
from drogscen_plugin.gui.fetch_dialog import FetchDialog
from drogscen_plugin.gui.measures_panel import MeasuresPanel
from drogscen_plugin.net.records import FetchedSchool, FetchResult, now_utc
from drogscen_plugin.net.school_source import SchoolSource
from drogscen_plugin.processing.fetch_schools import FetchSchoolsAlgorithm
from drogscen_plugin.qgis_io.measures_layer import create_measures_layers
from drogscen_plugin.qgis_io.proxy import source_url

DRONE = MeasureType(
    "drone", lambda: "Drone", GUARD, Symbol("12,34,56", "triangle", "dash", "solid"), always_on=True
)
SCHOOL = WeeklySchedule.parse("Mo-Fr 08:00-16:00")
NIGHT_SCENE = WeeklySchedule.parse("Mo-Fr 20:00-23:00")


@pytest.fixture
def drone(monkeypatch):
    monkeypatch.setattr(measures, "MEASURE_TYPES", measures.MEASURE_TYPES + (DRONE,))


def test_a_new_measure_type_covers_its_need(drone):
    needs = needs_of(SCHOOL, [NIGHT_SCENE])
    assert needs.hours_for("drone") == needs.guard.to_opening_hours() == "Mo-Fr 20:00-23:00"
    # A device: without hours it is on all the time, and covers the guard hours.
    measure = read_measure(1, "Drone", None, "ongoing")
    assert measure.hours_given and measure.schedule == WeeklySchedule.always()
    result = coverage(needs, [measure], on=datetime.date(2026, 11, 26))
    assert result.guard_needed_min == 5 * 180 and result.guard_uncovered_min == 0


def test_an_unknown_measure_type_names_the_new_list(drone):
    with pytest.raises(InputError, match="drone"):
        read_measure(7, "helicopter", None)


def test_a_new_measure_type_is_in_the_form_the_legend_and_the_picker(drone, tmp_path, qtbot):
    layers = create_measures_layers(str(tmp_path / "measures.gpkg"))
    for layer in layers.layers():
        setup = layer.editorWidgetSetup(layer.fields().indexOf("measure_type"))
        choices = {label: code for entry in setup.config()["map"] for label, code in entry.items()}
        assert choices["Drone"] == "drone"
        categories = {c.value(): c for c in layer.renderer().categories()}
        assert categories["drone"].label() == "Drone"
        assert categories["drone"].symbol().color().name() == QColor(12, 34, 56).name()
        # The types of the style files keep their own symbols.
        assert categories["camera"].symbol().color().name() == QColor(106, 81, 163).name()

    panel = MeasuresPanel(None)
    qtbot.addWidget(panel)
    offered = [panel.kind.itemData(i) for i in range(panel.kind.count())]
    assert offered == ["presence", "camera", "sensor", "guard", "drone", "round"]
    assert panel.kind.itemText(offered.index("drone")) == "Drone"


class _TownSource(SchoolSource):
    """A source answering from memory, searched by municipality only."""

    id = "town"
    name = "Town register"
    by_extent = False
    url_parameter = "TOWN_URL"
    url_setting = "drogscen/test_town_url"
    default_url = "http://127.0.0.1:9/town"
    asked = []

    def label(self):
        return "Town register: schools"

    def short_label(self):
        return "Town register"

    def note(self):
        return "The town's own register."

    def url_label(self):
        return "Town register address"

    def url_help(self):
        return "Where the town register answers."

    def municipality_only(self):
        return "The town register needs a municipality."

    def asking(self, url, bbox, municipality):
        return "Asking the town register at {} for {}".format(url, municipality)

    def fetch(self, client, url, bbox, municipality, progress, cache_folder):
        self.asked.append((url, municipality))
        result = FetchResult(self.name, "Town, CC0")
        result.schools.append(
            FetchedSchool(
                "Byskolan",
                "grundskola",
                "Mo-Fr 08:00-15:00",
                "T1",
                self.name,
                now_utc(),
                Point(18.07, 59.32),
            )
        )
        return result


@pytest.fixture
def town(monkeypatch):
    source = _TownSource()
    monkeypatch.setattr(sources, "SCHOOL_SOURCES", sources.SCHOOL_SOURCES + (source,))
    QgsSettings().remove(source.url_setting)
    yield source
    QgsSettings().remove(source.url_setting)


def test_a_new_source_is_offered_by_the_dialog(town, qtbot):
    dialog = FetchDialog()
    qtbot.addWidget(dialog)
    index = dialog.source.findText("Town register")
    assert index == len(sources.SCHOOL_SOURCES) - 1
    dialog.source.setCurrentIndex(index)
    assert not dialog.extent.isEnabled() and dialog.municipality.isChecked()
    assert dialog.note.text() == "The town's own register."


def test_a_new_source_runs_in_the_algorithm(town):
    assert source_url(town) == town.default_url
    QgsSettings().setValue(town.url_setting, "http://127.0.0.1:9/set")
    algorithm = FetchSchoolsAlgorithm()
    algorithm.initAlgorithm()
    assert algorithm.parameterDefinition("SOURCE").options()[-1] == "Town register: schools"
    assert algorithm.parameterDefinition("TOWN_URL").defaultValue() == "http://127.0.0.1:9/set"

    source = sources.source_index("town")
    with pytest.raises(Exception, match="needs a municipality"):
        processing.run(
            algorithm,
            {"SOURCE": source, "EXTENT": "18,18.1,59.3,59.4 [EPSG:4326]", "OUTPUT": "memory:"},
        )
    result = processing.run(
        algorithm,
        {"SOURCE": source, "MUNICIPALITY": "0180", "OUTPUT": "memory:", "GROUNDS": "memory:"},
    )
    assert town.asked[-1] == ("http://127.0.0.1:9/set", "0180")
    [school] = list(result["OUTPUT"].getFeatures())
    assert (school["name"], school["source"]) == ("Byskolan", "Town register")
