"""drogscen:overlap in PostGIS over calendar periods (tsmultirange) against the
desktop run, and against minutes counted by hand.

Both runs must give the same pairs, ids, names, minutes, dates, rounds and
hours texts over: a term with a lov week, a public holiday on a weekday, a
scene closed (and one first seen) mid-period, dated hours (``Jul off``,
``PH off``), SH in hours, scenes that do not exist in the period and an
unreadable date.
"""

import pytest
from postgis_cluster import BIG
from test_pushdown import COUNTS, PAIRS, SUMMARIES, assert_equal_runs, rows, run

pytest.importorskip("psycopg2", reason="the database run needs psycopg2 (Debian: python3-psycopg2)")

X, Y = 700000, 6600000

CALENDAR = """
DROP TABLE IF EXISTS scenes_period, schools_period;
CREATE TABLE schools_period (id serial PRIMARY KEY, name text, type text, opening_hours text,
                             geom geometry(Point, 3006));
INSERT INTO schools_period (name, type, opening_hours, geom) VALUES
  ('Hand', 'grundskola', 'Mo-Fr 08:00-16:00; SH off', ST_SetSRID(ST_MakePoint({x}, {y}), 3006)),
  ('Förskolan', 'förskola', NULL, ST_SetSRID(ST_MakePoint({x} + 1000, {y}), 3006)),
  ('Gymnasiet', 'gymnasieskola', NULL, ST_SetSRID(ST_MakePoint({x} + 2000, {y}), 3006)),
  ('Grundskolan', 'grundskola', NULL, ST_SetSRID(ST_MakePoint({x} + 3000, {y}), 3006)),
  ('Helgfri', 'grundskola', 'Mo-Fr 07:30-17:00; PH off',
   ST_SetSRID(ST_MakePoint({x} + 4000, {y}), 3006)),
  ('Juli', 'förskola', 'Mo-Fr 06:30-18:30; Jul off',
   ST_SetSRID(ST_MakePoint({x} + 5000, {y}), 3006));
-- first_seen is a date, closed_on text (one of them unreadable).
CREATE TABLE scenes_period (id serial PRIMARY KEY, name text, active_hours text,
                            first_seen date, closed_on text, geom geometry(Polygon, 3006));
INSERT INTO scenes_period (name, active_hours, first_seen, closed_on, geom) VALUES
  ('Hand scen', 'Mo-Fr 15:00-17:00', '2026-10-21', NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 100, {y}), 3006), 30)),
  ('Stängd', '24/7', NULL, '2026-10-28', ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 1500, {y}), 3006), 260)),
  ('Kväll', 'Fr,Sa 22:00-03:00', '2026-10-01', NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 2200, {y} + 100), 3006), 50)),
  ('Lov', 'SH Mo-Fr 10:00-14:00', NULL, NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 3000, {y} + 150), 3006), 50)),
  ('Helg', 'Mo-Su 12:00-13:00; PH off', NULL, NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 4000, {y} + 150), 3006), 50)),
  ('Juli scen', 'Mo-Fr 07:00-09:00; Jul off', NULL, NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 5000, {y} + 150), 3006), 50)),
  ('Borta', '24/7', NULL, '2026-10-01', ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 3100, {y} - 100), 3006), 30)),
  ('Oläsligt datum', 'Mo-Fr 12:00-13:00', NULL, 'snart', ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 4100, {y} - 100), 3006), 30)),
  ('Framtid', '24/7', '2027-01-10', NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 5100, {y} - 100), 3006), 30)),
  ('Natt', 'Mo-Fr 22:00-06:00', '2026-04-29', NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 2900, {y} - 150), 3006), 40)),
  ('Baklänges', 'Mo-Fr 16:00-18:00', '2026-11-01', '2026-10-01', ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 1900, {y} - 100), 3006), 30)),
  ('Udda', 'Mo-Su 10:00-10:03', '2026-07-06', '2026-07-09', ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 4900, {y} + 100), 3006), 20)),
  ('Okänd A', NULL, NULL, NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 1000, {y} + 200), 3006), 20)),
  ('Okänd B', 'ibland', NULL, NULL, ST_Buffer(ST_SetSRID(
   ST_MakePoint({x} + 1000, {y} - 200), 3006), 20));
-- Okänd A moves behind Okänd B in the table: reading order is not key order.
UPDATE scenes_period SET name = name WHERE name = 'Okänd A';
""".format(x=X, y=Y)

TERMS = "2026-01-08/2026-06-12, 2026-08-17/2026-12-18"
HOLIDAYS = "2026-02-23/2026-02-27, 2026-10-26/2026-10-30, 2026-12-21/2027-01-07"
DATES = {
    "SCENE_HOURS_FIELD": "active_hours",
    "SCENE_FROM_FIELD": "first_seen",
    "SCENE_TO_FIELD": "closed_on",
    "SCHOOL_TERMS": TERMS,
    "SCHOOL_HOLIDAYS": HOLIDAYS,
}

PERIODS = {
    # Höstlov 26-30 October, and All Saints' Day on Saturday 31 October.
    "a term with a lov week": {"PERIOD_START": "2026-10-19", "PERIOD_END": "2026-11-08"},
    # 1 May on a Friday: one Monday-to-Sunday week, its texts weekly.
    "a PH on a weekday": {"PERIOD_START": "2026-04-27", "PERIOD_END": "2026-05-03"},
    # The summer break, from June into July.
    "dated hours in the summer": {"PERIOD_START": "2026-06-29", "PERIOD_END": "2026-07-12"},
    "one day, a holiday": {"PERIOD_START": "2026-10-31", "PERIOD_END": "2026-10-31"},
}


@pytest.fixture(scope="module")
def calendar(postgis):
    postgis.sql(CALENDAR)
    return postgis


@pytest.fixture(scope="module", params=list(PERIODS))
def both_runs(request, calendar):
    suffix = "period_{}".format(list(PERIODS).index(request.param))
    parameters = dict(DATES, **PERIODS[request.param])
    database = run(
        calendar, "scenes_period", "schools_period", "db_" + suffix, mode=1, **parameters
    )
    desktop = run(
        calendar, "scenes_period", "schools_period", "desk_" + suffix, mode=2, **parameters
    )
    return request.param, database, desktop


def test_the_database_runs_a_calendar_period_and_counts_as_the_desktop(both_runs):
    case, database, desktop = both_runs
    assert (
        "Running in the database: the inputs and outputs are tables of one PostGIS "
        "database." in database[1]
    )
    unreadable = (
        "Layer 'scenes_period', feature 8, field 'closed_on': 'snart' is not a date "
        "(write 2026-08-17); counted as unknown"
    )
    backwards = (
        "Layer 'scenes_period', feature 11, field 'closed_on': closed on 2026-10-01 "
        "before it was first seen on 2026-11-01; both dates count as unknown"
    )
    for warning in (unreadable, backwards):
        assert warning in database[1] and warning in desktop[1]
    if case == "a term with a lov week":
        # Borta and Udda closed before, Framtid first seen after.
        assert database[0]["SCENES_OUTSIDE_COUNT"] == 3
    for name in COUNTS + ("SCENES_OUTSIDE_COUNT",):
        assert database[0][name] == desktop[0][name], name
    assert database[0]["PAIR_COUNT"] >= 4
    left_out = [line for line in desktop[1] if line.startswith("Scenes left out")]
    assert left_out == [line for line in database[1] if line.startswith("Scenes left out")]


def test_the_database_period_fields_equal_the_desktop(both_runs):
    _, database, desktop = both_runs
    assert_equal_runs(database, desktop, PAIRS, ("school_fid", "scene_fid"), areas=True)
    assert_equal_runs(database, desktop, SUMMARIES, ("school_fid",), areas=False)


def test_the_periods_have_minutes_dates_and_rounds_to_compare(both_runs):
    """Not all zero: the comparison above compares something."""
    case, database, _ = both_runs
    pairs = [
        values for values, _ in rows(database[0], *PAIRS, ("school_fid", "scene_fid")).values()
    ]
    assert any(values["period_afterhours_min"] > 0 for values in pairs)
    if case != "one day, a holiday":
        assert any(values["period_concurrent_min"] > 0 for values in pairs)
        assert any(values["conflict_dates"] for values in pairs)
        assert any(values["round_count"] > 0 for values in pairs)


def test_a_pair_over_a_term_with_a_lov_week_has_the_minutes_counted_by_hand(calendar):
    """Hand (Mo-Fr 08:00-16:00, SH off) and a scene Mo-Fr 15:00-17:00 first seen on
    Wednesday 21 October, 19 October to 8 November, höstlov 26-30 October:
    three term days and five after the lov 60 minutes open and 60 closed each,
    the lov's five days 120 closed."""
    result, _ = run(
        calendar,
        "scenes_period",
        "schools_period",
        "hand",
        mode=1,
        **dict(DATES, **PERIODS["a term with a lov week"]),
    )
    values = rows(result, *PAIRS, ("school_fid", "scene_fid"))[(1, 1)][0]
    assert values["period_concurrent_min"] == 8 * 60
    assert values["period_afterhours_min"] == 8 * 60 + 5 * 120
    assert (values["scene_min"], values["concurrent_min"], values["afterhours_min"]) == (
        round((8 * 120 + 5 * 120) * 7 / 21),
        round(480 * 7 / 21),
        round(1080 * 7 / 21),
    )
    assert values["conflict_dates"] == "2026-10-21/2026-10-23, 2026-11-02/2026-11-06"
    # Openings after activity: 22 and 23 October, and 2 to 6 November.
    assert values["round_count"] == 7
    assert values["round_days"] == "2026-10-22/2026-10-23, 2026-11-02/2026-11-06"


@pytest.mark.parametrize("scenes", ["scenes", "scenes_tz"])
def test_the_sample_over_a_term_with_its_scene_dates_equals_the_desktop(calendar, scenes):
    """The sample's first_seen and closed_on (as exported; timestamps with time zone
    in scenes_tz) chosen by themselves, over the autumn term."""
    # Integer keys: the desktop's feature ids are the keys.
    calendar.sql(
        "DROP TABLE IF EXISTS scenes_tz; CREATE TABLE scenes_tz AS SELECT "
        "(id - {})::int AS id, name, active_hours, first_seen, closed_on, geom "
        "FROM scenes_pg; ALTER TABLE scenes_tz ADD PRIMARY KEY (id)".format(BIG)
    )
    parameters = {
        "PERIOD_START": "2026-08-17",
        "PERIOD_END": "2026-12-18",
        "SCHOOL_TERMS": TERMS,
        "SCHOOL_HOLIDAYS": HOLIDAYS,
        "SCENE_FROM_FIELD": "first_seen",
        "SCENE_TO_FIELD": "closed_on",
    }
    database = run(calendar, scenes, "schools", "db_term_" + scenes, mode=1, **parameters)
    desktop = run(calendar, scenes, "schools", "desk_term_" + scenes, mode=2, **parameters)
    for name in COUNTS + ("SCENES_OUTSIDE_COUNT",):
        assert database[0][name] == desktop[0][name], name
    assert database[0]["PAIR_COUNT"] > 5 and database[0]["SCENES_OUTSIDE_COUNT"] > 0
    assert_equal_runs(database, desktop, PAIRS, ("school_fid", "scene_fid"), areas=True)
    assert_equal_runs(database, desktop, SUMMARIES, ("school_fid",), areas=False)


def test_minutes_per_7_days_round_half_to_even_as_the_desktop(calendar):
    """Udda: 3 minutes a day on 6-8 July, 9 minutes in 14 days: 4.5 per 7 days, 4."""
    result, _ = run(
        calendar,
        "scenes_period",
        "schools_period",
        "udda",
        mode=1,
        **dict(DATES, **PERIODS["dated hours in the summer"]),
    )
    values = rows(result, *PAIRS, ("school_fid", "scene_fid"))[(6, 12)][0]
    assert values["scene_min"] == 4
    assert values["period_concurrent_min"] + values["period_afterhours_min"] == 9
