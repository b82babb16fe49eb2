"""Dated hours in the database run: read as on the desktop, whether or not the
period's week has the hours of the week before (the database computes the
period day by day, as the desktop does)."""

import pytest
from qgis.core import QgsVectorLayer

from tests.qgis.test_pushdown import COUNTS, PAIRS, SUMMARIES, X, Y, assert_equal_runs, run

pytest.importorskip("psycopg2", reason="the database run needs psycopg2")

# The plain week of test_pushdown.WEEK is 2 to 8 March 2026.
DATED = """
DROP TABLE IF EXISTS scenes_dated, schools_dated;
CREATE TABLE scenes_dated (id serial PRIMARY KEY, name text, active_hours text,
                           geom geometry(MultiPolygon, 3006));
INSERT INTO scenes_dated (name, active_hours, geom) VALUES
  ('Lunch', 'Mo-Fr 12:00-13:00; Jul off',
   ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint({x} + 50, {y}), 3006), 20))),
  ('Evening', 'Mo-Fr 22:00-23:00; 2026 Mar 20-2026 Mar 31 off; PH off',
   ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint({x} - 50, {y}), 3006), 20)));
CREATE TABLE schools_dated (id serial PRIMARY KEY, name text, type text, opening_hours text,
                            geom geometry(Point, 3006));
INSERT INTO schools_dated (name, type, opening_hours, geom) VALUES
  ('Egna datum', 'grundskola', 'Mo-Fr 08:00-16:00; Dec 24-Jan 6 off',
   ST_SetSRID(ST_MakePoint({x}, {y}), 3006));
""".format(x=X, y=Y)


CHANGING = """
DROP TABLE IF EXISTS scenes_changing;
CREATE TABLE scenes_changing (id serial PRIMARY KEY, name text, active_hours text,
                              geom geometry(MultiPolygon, 3006));
INSERT INTO scenes_changing (name, active_hours, geom) VALUES
  ('March only', 'Mar Mo-Fr 22:00-23:00',
   ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint({x} - 50, {y}), 3006), 20)));
""".format(x=X, y=Y)


@pytest.fixture(scope="module")
def dated(postgis):
    postgis.sql(DATED)
    parameters = {"SCENE_HOURS_FIELD": "active_hours"}
    database = run(postgis, "scenes_dated", "schools_dated", "db_dated", **parameters)
    desktop = run(postgis, "scenes_dated", "schools_dated", "desk_dated", mode=2, **parameters)
    return database, desktop


def test_dated_hours_run_in_the_database_as_on_the_desktop(dated):
    database, desktop = dated
    assert any(line.startswith("Running in the database") for line in database[1])
    for name in COUNTS:
        assert database[0][name] == desktop[0][name], name
    assert database[0]["HOURS_INVALID_COUNT"] == 0
    assert_equal_runs(database, desktop, PAIRS, ("school_fid", "scene_fid"), areas=False)
    assert_equal_runs(database, desktop, SUMMARIES, ("school_fid",), areas=False)


def test_dated_hours_count_the_weeks_own_minutes(dated):
    database, _ = dated
    layer = QgsVectorLayer(database[0]["OUTPUT"][len("postgres://") :], "o", "postgres")
    pairs = {feature["scene_name"]: feature for feature in layer.getFeatures()}
    assert (pairs["Lunch"]["concurrent_min"], pairs["Lunch"]["afterhours_min"]) == (300, 0)
    assert (pairs["Evening"]["concurrent_min"], pairs["Evening"]["afterhours_min"]) == (0, 300)


def test_hours_that_change_from_the_week_before_run_in_the_database_as_on_the_desktop(postgis):
    """2 March 2026 begins the week: 'Mar' hours differ from the February week before,
    so the yard round after Sunday's activity depends on the dates."""
    postgis.sql(CHANGING)
    parameters = {"SCENE_HOURS_FIELD": "active_hours"}
    database = run(postgis, "scenes_changing", "schools_dated", "db_changing", **parameters)
    desktop = run(
        postgis, "scenes_changing", "schools_dated", "desk_changing", mode=2, **parameters
    )
    assert any(line.startswith("Running in the database") for line in database[1])
    assert database[0]["PAIR_COUNT"] == desktop[0]["PAIR_COUNT"] == 1
    assert_equal_runs(database, desktop, PAIRS, ("school_fid", "scene_fid"), areas=False)
    assert_equal_runs(database, desktop, SUMMARIES, ("school_fid",), areas=False)
