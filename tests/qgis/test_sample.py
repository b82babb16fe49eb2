"""The shipped sample data: what the README promises, and what its script writes."""

import subprocess
import sys
from pathlib import Path

import processing
import pytest
from qgis.core import NULL, QgsRenderContext, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import Qt

from drogscen_plugin.core.schedule import MINUTES_PER_DAY, WeeklySchedule

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "resources" / "sample" / "make_sample.py"

LAYERS = {
    "scenes": QgsWkbTypes.PolygonGeometry,
    "schools": QgsWkbTypes.PointGeometry,
    "school_grounds": QgsWkbTypes.PolygonGeometry,
    "districts": QgsWkbTypes.PolygonGeometry,
}
SCENE_FIELDS = ["name", "active_hours", "status", "first_seen", "closed_on", "source", "notes"]
SCHOOL_FIELDS = ["name", "type", "opening_hours"]
SCHOOL_TYPES = {"förskola", "grundskola", "gymnasieskola"}


def layer(path, name):
    result = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert result.isValid(), name
    return result


def value(feature, field):
    found = feature[field]
    return None if found == NULL else found


def scene_hours(sample_gpkg):
    return [value(f, "active_hours") for f in layer(sample_gpkg, "scenes").getFeatures()]


@pytest.mark.parametrize("name, geometry_type", LAYERS.items())
def test_layers_are_in_sweref99_tm_around_stockholm_and_say_they_are_fictional(
    sample_gpkg, name, geometry_type
):
    found = layer(sample_gpkg, name)
    assert found.geometryType() == geometry_type
    assert found.crs().authid() == "EPSG:3006"
    extent = found.extent()
    assert 670000 <= extent.xMinimum() and extent.xMaximum() <= 680000
    assert 6575000 <= extent.yMinimum() and extent.yMaximum() <= 6585000
    assert "fictional" in found.metadata().abstract().lower()
    for feature in found.getFeatures():
        assert feature.geometry().isGeosValid(), (name, feature.id())


def test_field_schemas(sample_gpkg):
    assert layer(sample_gpkg, "scenes").fields().names()[1:] == SCENE_FIELDS
    assert layer(sample_gpkg, "schools").fields().names()[1:] == SCHOOL_FIELDS
    assert layer(sample_gpkg, "school_grounds").fields().names()[1:] == SCHOOL_FIELDS
    assert layer(sample_gpkg, "districts").fields().names()[1:] == ["name"]


def test_about_a_dozen_scenes_a_few_hundred_metres_across(sample_gpkg):
    scenes = list(layer(sample_gpkg, "scenes").getFeatures())
    assert 10 <= len(scenes) <= 14
    for scene in scenes:
        box = scene.geometry().boundingBox()
        assert 50 <= max(box.width(), box.height()) <= 400, scene["name"]


def test_at_least_fifty_schools_of_all_three_types_as_points_and_grounds(sample_gpkg):
    points = list(layer(sample_gpkg, "schools").getFeatures())
    grounds = list(layer(sample_gpkg, "school_grounds").getFeatures())
    assert len(points) >= 50  # the demo uses the point layer alone
    assert len(grounds) >= 5
    names = [f["name"] for f in points + grounds]
    assert len(set(names)) == len(names)
    assert {f["type"] for f in points} == SCHOOL_TYPES
    assert {f["type"] for f in grounds} <= SCHOOL_TYPES
    hours = [value(f, "opening_hours") for f in points + grounds]
    given = [h for h in hours if h is not None]
    assert 0 < len(given) < len(hours) / 4  # mostly empty: the defaults by type apply
    for text in given:
        WeeklySchedule.parse(text)


def test_a_few_districts(sample_gpkg):
    districts = layer(sample_gpkg, "districts")
    assert 3 <= districts.featureCount() <= 8
    names = [f["name"] for f in districts.getFeatures()]
    assert len(set(names)) == len(names)


def test_scene_hours_are_varied(sample_gpkg):
    hours = scene_hours(sample_gpkg)
    assert None in hours
    schedules = {text: WeeklySchedule.parse(text) for text in hours if text is not None}

    def crosses_midnight(schedule):
        return any(
            start // MINUTES_PER_DAY != (end - 1) // MINUTES_PER_DAY
            for start, end in schedule.intervals
        )

    def days(schedule):
        return {
            minute // MINUTES_PER_DAY
            for start, end in schedule.intervals
            for minute in range(start, end, 60)
        }

    assert any(crosses_midnight(s) for s in schedules.values())
    # Weekend nights only: Friday and Saturday evenings running into the next day.
    assert any(days(s) <= {4, 5, 6} and crosses_midnight(s) for s in schedules.values())
    # Evening on weekdays, not past midnight.
    assert any(
        days(s) == {0, 1, 2, 3, 4}
        and not crosses_midnight(s)
        and min(start % MINUTES_PER_DAY for start, _ in s.intervals) >= 17 * 60
        for s in schedules.values()
    )
    # Written the Swedish way, shown in the canonical form.
    assert any(
        text != s.to_opening_hours() and text[:2].lower() in ("må", "ti", "on", "to", "lö", "sö")
        for text, s in schedules.items()
    )


def test_scene_history(sample_gpkg):
    scenes = list(layer(sample_gpkg, "scenes").getFeatures())
    assert {f["status"] for f in scenes} == {"active", "closed"}
    for scene in scenes:
        closed_on = value(scene, "closed_on")
        if scene["status"] == "closed":
            assert closed_on is not None and closed_on > scene["first_seen"], scene["name"]
        else:
            assert closed_on is None, scene["name"]
    years = sorted(scene["first_seen"].year() for scene in scenes)
    assert years[0] <= 2020 and years[-1] >= 2025  # old and new scenes


def test_the_sample_shows_both_conflicts_and_an_afternoon_scene_next_to_a_school(sample_gpkg):
    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": sample_gpkg + "|layername=scenes",
            "SCHOOLS": sample_gpkg + "|layername=school_grounds",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    afternoon = WeeklySchedule.parse("Mo-Fr 14:00-17:00")
    scene_names = {
        value(f, "active_hours"): f["name"] for f in layer(sample_gpkg, "scenes").getFeatures()
    }
    afternoon_name = next(
        name
        for hours, name in scene_names.items()
        if hours and WeeklySchedule.parse(hours) == afternoon
    )
    close = [
        f
        for f in results["OUTPUT"].getFeatures()
        if f["scene_name"] == afternoon_name and f["distance_m"] < 50
    ]
    assert close and all(f["conflict"] == "concurrent" for f in close)

    results = processing.run(
        "drogscen:overlap",
        {
            "SCENES": sample_gpkg + "|layername=scenes",
            "SCHOOLS": sample_gpkg + "|layername=schools",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    conflicts = {f["worst_conflict"] for f in results["SUMMARY"].getFeatures()}
    assert {"concurrent", "after_hours", "none"} <= conflicts


def content(path):
    """Every layer's features as comparable values: attributes and geometry."""
    found = {}
    for name in LAYERS:
        features = layer(path, name).getFeatures()
        found[name] = [
            (f.id(), [str(v) for v in f.attributes()], f.geometry().asWkt(3)) for f in features
        ]
    return found


def test_the_script_writes_exactly_the_shipped_file(sample_gpkg, tmp_path):
    out = tmp_path / "sample.gpkg"
    subprocess.run(
        [sys.executable, str(SCRIPT), str(out)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    assert content(out) == content(sample_gpkg)


def test_districts_open_as_named_outlines_not_fills(sample_gpkg):
    districts = layer(sample_gpkg, "districts")
    (symbol,) = districts.renderer().symbols(QgsRenderContext())
    (fill,) = symbol.symbolLayers()
    assert fill.brushStyle() == Qt.BrushStyle.NoBrush
    assert fill.strokeStyle() != Qt.PenStyle.NoPen
    assert districts.labelsEnabled() and districts.labeling().settings().fieldName == "name"
