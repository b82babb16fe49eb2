"""The Swedish interface: i18n/drogscen_sv.ts complete for the code, and the plugin
speaking Swedish under the QGIS locale sv and English under en.

The .qm is built by make, not committed: the tests compile the .ts into a
temporary plugin folder themselves, so they always check the .ts as it is.
"""

import importlib.util
import re
import shutil
import string
import subprocess
import sys
import textwrap
from pathlib import Path

import processing
import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsLayoutItemLabel,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QHBoxLayout, QLineEdit, QWidget

import drogscen_plugin.plugin
from drogscen_plugin.core.fields import PAIR_FIELDS
from drogscen_plugin.core.hours_display import display_hours
from drogscen_plugin.gui.results_model import COLUMNS, ResultsModel
from drogscen_plugin.qgis_io.hours_form import explain
from drogscen_plugin.qgis_io.measures_layer import create_measures_layers
from drogscen_plugin.qgis_io.scene_layer import create_scene_layer
from drogscen_plugin.qgis_io.writing import qgs_fields
from drogscen_plugin.report import ReportLayers, ReportOptions, SituationReport

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update_translations.py"
TS_FILE = ROOT / "i18n" / "drogscen_sv.ts"
LOCALE_KEYS = ("locale/overrideFlag", "locale/userLocale")


def load_extractor():
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


extractor = load_extractor()


def swedish():
    """{English source: Swedish translation} of the messages in use."""
    return {
        source: message.translation
        for source, message in extractor.read_ts(TS_FILE).items()
        if message.type != "vanished"
    }


# --- the .ts against the code ----------------------------------------------------


def test_every_tr_call_is_a_literal_in_the_ts_and_translated():
    before = TS_FILE.read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, "Run `make translations`, then translate:\n" + result.stderr
    assert TS_FILE.read_text(encoding="utf-8") == before  # a check changes nothing


def placeholders(text):
    """The {name!conversion:spec} fields of a format string."""
    return {
        (name, conversion, spec)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    }


def test_translations_keep_placeholders_tags_and_the_edges_of_the_text():
    problems = []
    for source, translation in swedish().items():
        if placeholders(translation) != placeholders(source):
            problems.append("placeholders differ: {!r} -> {!r}".format(source, translation))
        if re.findall(r"</?\w+[^>]*>", translation) != re.findall(r"</?\w+[^>]*>", source):
            problems.append("HTML tags differ: {!r}".format(source))
        # Texts joined to others rely on their leading and trailing spaces.
        for edge in (r"^\s*", r"\s*$"):
            if re.search(edge, translation).group() != re.search(edge, source).group():
                problems.append("spaces at the edges differ: {!r}".format(source))
        if translation.count("\n") != source.count("\n"):
            problems.append("line breaks differ: {!r}".format(source))
    assert problems == []


# --- the extractor -----------------------------------------------------------------

CODE = textwrap.dedent("""
    from .i18n import tr

    KEPT = tr("Kept")
    JOINED = tr("A text "
                "on two lines")
    name = "Kept"
    BROKEN = [tr(f"{name} now"), tr(name), tr("Kept".upper())]
    OTHERS = str("Not a tr call"), translate("Not ours either")
    AGAIN = tr("Kept")
""")

OLD_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Drogscen</name>
    <message>
        <source>Gone, but translated</source>
        <translation>Borta, men översatt</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Behållen</translation>
    </message>
    <message>
        <source>Gone and never translated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Obsolete, as older Qt tools say</source>
        <translation type="obsolete">Föråldrad</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture
def project_tree(tmp_path):
    package = tmp_path / "drogscen_plugin"
    package.mkdir()
    (package / "module.py").write_text(CODE, encoding="utf-8")
    ts_file = tmp_path / "i18n" / "drogscen_sv.ts"
    ts_file.parent.mkdir()
    ts_file.write_text(OLD_TS, encoding="utf-8")
    return package, ts_file


def test_extractor_finds_literals_with_their_lines_and_flags_the_rest(project_tree):
    package, ts_file = project_tree
    found, problems = extractor.extract(package, ts_file)
    assert found == {
        "Kept": [("../drogscen_plugin/module.py", 4), ("../drogscen_plugin/module.py", 10)],
        "A text on two lines": [("../drogscen_plugin/module.py", 5)],
    }
    assert [problem.split(" cannot")[0] for problem in problems] == [
        'drogscen_plugin/module.py:8: tr(f"{name} now")',
        "drogscen_plugin/module.py:8: tr(name)",
        'drogscen_plugin/module.py:8: tr("Kept".upper())',
    ]


def test_extractor_keeps_translations_adds_unfinished_and_keeps_vanished_ones(project_tree):
    package, ts_file = project_tree
    found, _ = extractor.extract(package, ts_file)
    merged = extractor.merge(found, extractor.read_ts(ts_file))
    assert [(m.source, m.translation, m.type) for m in merged] == [
        ("Kept", "Behållen", ""),
        ("A text on two lines", "", "unfinished"),
        ("Gone, but translated", "Borta, men översatt", "vanished"),
        ("Obsolete, as older Qt tools say", "Föråldrad", "vanished"),
    ]
    ts_file.write_text(extractor.render(merged), encoding="utf-8")
    again = extractor.read_ts(ts_file)
    assert [(m.source, m.translation, m.type, m.locations) for m in again.values()] == [
        (m.source, m.translation, m.type, m.locations) for m in merged
    ]
    # A text that comes back finds its translation again.
    found["Gone, but translated"] = [("../drogscen_plugin/module.py", 12)]
    back = {m.source: m for m in extractor.merge(found, again)}["Gone, but translated"]
    assert (back.translation, back.type) == ("Borta, men översatt", "")


def test_the_ts_file_is_what_qt_tools_read_and_write(tmp_path):
    """lconvert, Qt's own reader and writer, gives the file back unchanged."""
    lconvert = shutil.which("lconvert")
    assert lconvert, "Qt's lconvert is missing (Debian: qttools5-dev-tools)"
    copy = tmp_path / "copy.ts"
    subprocess.run([lconvert, "-i", str(TS_FILE), "-o", str(copy)], check=True)
    assert copy.read_text(encoding="utf-8") == TS_FILE.read_text(encoding="utf-8"), (
        "`make translations` writes the file in Qt's own layout again"
    )


# --- the plugin in Swedish and in English --------------------------------------------


def compiled_translation(folder):
    """A plugin folder with only i18n/drogscen_sv.qm, compiled from the .ts now."""
    lrelease = shutil.which("lrelease")
    assert lrelease, "Qt's lrelease is missing (Debian: qttools5-dev-tools)"
    (folder / "i18n").mkdir()
    subprocess.run(
        [lrelease, "-silent", str(TS_FILE), "-qm", str(folder / "i18n" / "drogscen_sv.qm")],
        check=True,
    )
    return folder


class Language:
    def __init__(self, code):
        self.code = code
        self._texts = swedish() if code == "sv" else {}

    def __call__(self, source):
        """The text the plugin should show for the English ``source``."""
        return self._texts.get(source, source)

    def check(self, shown, source):
        assert shown == self(source)
        if self.code == "sv":  # really Swedish, not the English left in place
            assert shown != source


@pytest.fixture(scope="module", params=["sv", "en"])
def language(request, plugin, tmp_path_factory):
    """The plugin loaded again with QGIS set to the language, as after a restart.
    The plugin and the settings are restored after."""
    folder = compiled_translation(tmp_path_factory.mktemp("plugin"))
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in LOCALE_KEYS if settings.contains(key)}
    plugin.unload()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", request.param)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(drogscen_plugin.plugin, "PLUGIN_DIR", str(folder))
        try:
            assert QgsApplication.locale() == request.param
            plugin.initGui()
            yield Language(request.param)
        finally:
            plugin.unload()
            for key in LOCALE_KEYS:
                if key in saved:
                    settings.setValue(key, saved[key])
                else:
                    settings.remove(key)
            patch.undo()
            plugin.initGui()


def test_dock_title_tabs_and_buttons(plugin, language):
    dock = plugin.dock
    language.check(dock.windowTitle(), "Drogscen: scenes near schools")
    language.check(dock.tabs.tabText(0), "Settings")
    language.check(dock.tabs.tabText(1), "Results")
    language.check(dock.tabs.tabText(2), "Measures")
    language.check(dock.run_button.text(), "Run")
    language.check(dock.cancel_button.text(), "Cancel")
    language.check(dock.model.headerData(0, Qt.Orientation.Horizontal), "School")
    language.check(dock.model.headerData(3, Qt.Orientation.Horizontal), "Open\n(min)")
    language.check(plugin.new_layer_action.text(), "New scenes layer…")


def test_algorithm_names_groups_and_parameters(language):
    registry = QgsApplication.processingRegistry()
    overlap = registry.algorithmById("drogscen:overlap")
    language.check(overlap.displayName(), "Drug scenes near schools (space and time)")
    language.check(overlap.group(), "Analysis")
    language.check(overlap.parameterDefinition("DISTANCE").description(), "Distance")
    language.check(overlap.parameterDefinition("SCENES").description(), "Open drug scenes")
    language.check(registry.algorithmById("drogscen:checkhours").displayName(), "Check hours")
    language.check(registry.algorithmById("drogscen:exportreport").group(), "Reports")
    language.check(
        registry.providerById("drogscen").longName(),
        "Drogscen: open drug scenes near schools, in space and time",
    )


# The QGIS objects stay inside these helpers: left in a failed test's traceback,
# they would outlive QGIS and crash the interpreter at exit.


def sample_report(sample_gpkg):
    """A situation report of an overlap run on the sample data (not yet built)."""
    layers = {
        name: QgsVectorLayer("{}|layername={}".format(sample_gpkg, name), name, "ogr")
        for name in ("scenes", "schools")
    }
    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": layers["scenes"],
            "SCHOOLS": layers["schools"],
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    report = SituationReport(
        ReportLayers(overlap=results["OUTPUT"], summary=results["SUMMARY"]),
        ReportOptions(),
        QgsProject.instance(),
    )
    return report


def report_texts(sample_gpkg):
    """The title and the layout names of a report built from the sample data."""
    report = sample_report(sample_gpkg)
    try:
        overview, schools = report.build()
        title = overview.itemById("title")
        assert isinstance(title, QgsLayoutItemLabel)
        return title.text(), overview.name(), schools.name()
    finally:
        report.discard()


def test_report_layout_title_and_names(language, sample_gpkg):
    title, overview, schools = report_texts(sample_gpkg)
    language.check(title, "Situation report: open drug scenes near schools")
    assert overview == language("{title} – overview").format(title=title)
    assert schools == language("{title} – schools").format(title=title)


def value_label(layer, name, value):
    """The label of a stored value in a field's value map."""
    entries = layer.editorWidgetSetup(layer.fields().indexOf(name)).config()["map"]
    return {stored: label for entry in entries for label, stored in entry.items()}[value]


def new_layer_texts(folder):
    scenes = create_scene_layer(str(folder / "scenes.gpkg"))
    points = create_measures_layers(str(folder / "measures.gpkg")).points
    return {
        "Active hours": scenes.fields().field("active_hours").alias(),
        "Reported, not confirmed": value_label(scenes, "status", "reported"),
        "Measures: points (cameras, sensors)": points.name(),
        "Measure": points.fields().field("measure_type").alias(),
        "Yard round": value_label(points, "measure_type", "round"),
    }


def test_aliases_value_maps_and_names_of_new_layers(language, tmp_path):
    for source, shown in new_layer_texts(tmp_path).items():
        language.check(shown, source)


def test_hours_in_the_results_table_use_the_interface_language(plugin, language):
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006", "overlaps", "memory")
    layer.dataProvider().addAttributes(qgs_fields(PAIR_FIELDS).toList())
    layer.updateFields()
    feature = QgsFeature(layer.fields())
    feature["presence_hours"] = "Mo-Fr 07:00-18:00"
    feature["round_days"] = "Mo,Tu,We"
    layer.dataProvider().addFeature(feature)
    model = ResultsModel()
    model.set_layer(layer)
    shown = {
        name: model.index(0, COLUMNS.index(name)).data()
        for name in ("presence_hours", "round_days")
    }
    expected = {
        "sv": {"presence_hours": "Må-Fr 07:00-18:00", "round_days": "Må,Ti,On"},
        "en": {"presence_hours": "Mo-Fr 07:00-18:00", "round_days": "Mo,Tu,We"},
    }
    assert shown == expected[language.code]
    # Stored as OSM hours, whatever the language.
    assert next(layer.getFeatures())["presence_hours"] == "Mo-Fr 07:00-18:00"


def form_notes(folder):
    """The notes under a new scene layer's hours field: empty, then valid hours."""
    scenes = create_scene_layer(str(folder / "form_scenes.gpkg"))
    edit = QLineEdit()
    edit.setObjectName("active_hours")
    page = QWidget()
    QHBoxLayout(page).addWidget(edit)
    note = explain(edit)
    empty = note.text()
    edit.setText("Mo-Fr 18:00-02:00; Sa off")
    valid = note.text()
    return scenes.editFormConfig().initFunction(), empty, valid, edit.placeholderText()


def test_hours_in_the_form_use_the_interface_language(language, tmp_path):
    init, empty, valid, placeholder = form_notes(tmp_path)
    assert init == "drogscen_hours_form.open_form"
    assert empty == language("For example {example}; empty when not known.").format(
        example="Mo-Fr 18:00-02:00"
    )
    # The stored example stays OSM; the hours read back in the user's words.
    assert placeholder == language("e.g. {example}").format(example="Mo-Fr 18:00-02:00")
    expected = {"sv": "Läses: Må-Fr 18:00-02:00; Lö stängt", "en": ""}
    assert valid == expected[language.code]


def school_page_hours(sample_gpkg):
    """The stored school hours and the hours text of the first school page."""
    report = sample_report(sample_gpkg)
    try:
        _, schools = report.build()
        atlas = schools.atlas()
        assert atlas.beginRender() and atlas.first()
        try:
            stored = atlas.layout().reportContext().feature()["school_hours"]
            return stored, schools.itemById("hours").currentText().split("\n")[0]
        finally:
            atlas.endRender()
    finally:
        report.discard()


def test_hours_on_the_school_pages_use_the_interface_language(language, sample_gpkg):
    stored, shown = school_page_hours(sample_gpkg)
    assert "Mo" in stored  # stored as OSM hours
    assert shown == language("Opening hours: {hours}").format(
        hours=display_hours(stored, language.code)
    )
    if language.code == "sv":
        assert "Må" in shown and "Mo" not in shown
