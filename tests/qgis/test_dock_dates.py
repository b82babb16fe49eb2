"""The dock's clock on real dates: public holidays, school holidays and dated hours
decide which scenes, overlaps and open schools the map shows."""

from datetime import datetime

import pytest
from layer_helpers import memory_layer
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QDate

from drogscen_plugin.gui.project_state import PROJECT_FORM_KEY, SCOPE
from drogscen_plugin.gui.time_control import DateTimeControl
from drogscen_plugin.qgis_io import styling
from tests.qgis import test_dock
from tests.qgis.test_dock import opacity, rendered, run
from tests.qgis.test_dock_view import conflict_colours, drawn_colours

clean_settings = test_dock.clean_settings

NEAR = "POLYGON((674010 6580010, 674060 6580010, 674060 6580060, 674010 6580060, 674010 6580010))"
SCHOOLS = [  # name, type, own hours
    ("Grundskolan", "grundskola", None),
    ("Gymnasiet", "gymnasieskola", None),
    ("Förskolan", "förskola", None),
    ("Egna tider", "grundskola", "Mo-Fr 08:00-16:00"),
]
SCENES = [
    ("Lunch utom helgdag", "Mo-Fr 12:00-13:00; PH off"),
    ("Lunch utom juli", "Mo-Fr 12:00-13:00; Jul off"),
]
ALL_SCHOOLS = {name for name, _, _ in SCHOOLS}
# Hand-worked from the README's calendar table: name of each moment, the
# schools open then, the scenes active then.
MOMENTS = [
    # Julafton, a Thursday: a public holiday. Only the school with its own
    # hours (which say nothing of PH) is open.
    (datetime(2026, 12, 24, 12, 30), {"Egna tider"}, {"Lunch utom juli"}),
    # Höstlov: the fritidshem and the preschool are open, the gymnasium not.
    (
        datetime(2026, 10, 27, 12, 30),
        ALL_SCHOOLS - {"Gymnasiet"},
        {"Lunch utom helgdag", "Lunch utom juli"},
    ),
    # A July Wednesday (no terms given: a term day).
    (datetime(2026, 7, 1, 12, 30), ALL_SCHOOLS, {"Lunch utom helgdag"}),
    # Midsommarafton, a Friday, as julafton; then a Saturday: nothing open or active.
    (datetime(2026, 6, 19, 12, 30), {"Egna tider"}, {"Lunch utom juli"}),
    (datetime(2026, 6, 20, 12, 30), set(), set()),
]


@pytest.fixture
def dock(plugin, qtbot, qgis_new_project, clean_settings):
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string"), ("opening_hours", "string")],
        [("POINT({} 6580000)".format(674000 + 5 * k), list(row)) for k, row in enumerate(SCHOOLS)],
        name="schools",
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [(NEAR, list(row)) for row in SCENES],
        name="scenes",
    )
    QgsProject.instance().addMapLayers([schools, scenes])
    plugin.initGui()
    dock = plugin.dock
    dock.show()
    dock.form.restore_settings()
    dock.form.scenes.setLayer(scenes)
    dock.form.schools.setLayer(schools)
    dock.form.period.edits["school_holidays"].setText("2026-10-26/2026-10-30")
    yield dock
    # The dock outlives the test: the next ones begin showing all times, without a lov.
    dock.time_control.show_all.setChecked(True)
    dock.form.period.edits["school_holidays"].setText("")
    QgsProject.instance().removeEntry(SCOPE, PROJECT_FORM_KEY)  # the calendar Run kept
    dock.hide()


def names(layer, ids, field):
    return {feature[field] for feature in layer.getFeatures() if feature.id() in ids}


def test_the_map_at_real_dates(qtbot, dock):
    run(qtbot, dock)
    result = dock.result
    control = dock.time_control
    colours = conflict_colours()
    for moment, open_schools, active in MOMENTS:
        with qtbot.waitSignal(control.momentChanged):
            control.set_moment(moment)
        assert control.moment() == moment
        assert names(result.scenes, rendered(result.scenes), "name") == active, moment
        faded = 100.0 * styling.CLOSED_OPACITY
        shown_open = {
            f["school_name"]
            for f in result.summary.getFeatures()
            if opacity(result.summary, f) != pytest.approx(faded)
        }
        assert shown_open == open_schools, moment
        drawn = drawn_colours(result.overlaps)
        expected = {
            (f["school_name"], f["scene_name"]): colours[
                "concurrent" if f["school_name"] in open_schools else "after_hours"
            ]
            for f in result.overlaps.getFeatures()
            if f["scene_name"] in active
        }
        assert {
            (f["school_name"], f["scene_name"]): drawn[f.id()]
            for f in result.overlaps.getFeatures()
            if f.id() in drawn
        } == expected, moment


def test_the_clock_names_the_kind_of_day(qtbot, dock):
    run(qtbot, dock)
    control = dock.time_control
    control.set_moment(datetime(2026, 12, 24, 10, 0))
    assert control.day.text() == "Thursday, public holiday: julafton"
    control.set_moment(datetime(2026, 10, 27, 10, 0))
    assert control.day.text() == "Tuesday, school holiday (lov)"
    control.set_moment(datetime(2026, 11, 3, 10, 0))
    assert control.day.text() == "Tuesday"


def test_steps_and_play_move_through_real_dates(qtbot):
    control = DateTimeControl()
    try:
        control.set_moment(datetime(2026, 12, 31, 23, 30))
        control.forward.click()
        assert control.moment() == datetime(2027, 1, 1, 0, 30)
        assert control.day.text() == "Friday, public holiday: nyårsdagen"
        control.back.click()
        control.back.click()
        assert control.moment() == datetime(2026, 12, 31, 22, 30)
        control.play.setChecked(True)
        with qtbot.waitSignal(control.momentChanged, timeout=5000):
            pass
        control.play.setChecked(False)
        assert control.moment() == datetime(2026, 12, 31, 23, 30)
        # A date picked in the editor keeps the time of day.
        control.when.setDate(QDate(2027, 3, 1))
        assert control.moment() == datetime(2027, 3, 1, 23, 30)
        control.time.setValue(8 * 4)
        assert control.moment() == datetime(2027, 3, 1, 8, 0)
    finally:
        control.deleteLater()
