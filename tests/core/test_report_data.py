"""What the situation report says: affected schools, hours, trend, districts, sources."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box

from drogscen_plugin.core import report_content as report
from drogscen_plugin.core.overlap import analyse
from drogscen_plugin.core.records import SceneRecord, SchoolRecord
from drogscen_plugin.core.report_content import (
    QUARTER,
    TERM,
    YEAR,
    TrendScene,
    affected_rows,
    affected_schools,
    as_date,
    date_problem,
    district_rows,
    pairs_by_school,
    period_of,
    periods,
    sources_text,
    trend,
    trend_chart_svg,
    usual_hours,
)
from drogscen_plugin.core.schedule import MINUTES_PER_WEEK, WeeklySchedule

D = datetime.date
SVG = "{http://www.w3.org/2000/svg}"


def school(fid, x, hours="Mo-Fr 07:00-18:00", name=None):
    return SchoolRecord(
        fid, name or "school %d" % fid, "grundskola", Point(x, 0), WeeklySchedule.parse(hours)
    )


def scene(fid, x, hours, name=None):
    return SceneRecord(
        fid, name or "scene %d" % fid, box(x - 20, -20, x + 20, 20), WeeklySchedule.parse(hours)
    )


@pytest.fixture
def analysis():
    """Schools at 0, 1000, 2000 and 5000 m; scenes near the first three."""
    schools = [school(1, 0), school(2, 1000), school(3, 2000, name="Åkerskolan"), school(4, 5000)]
    scenes = [
        scene(11, 100, "Mo-Fr 14:00-17:00"),  # while school 1 is open
        scene(12, 1100, "Mo-Su 22:00-04:00"),  # nights: school 2
        scene(13, 2100, "Mo-Fr 08:00-09:00"),  # mornings: school 3 ...
        scene(14, 1950, "Sa 12:00-13:00"),  # ... and a weekend scene nearer to it
    ]
    return analyse(schools, scenes, 300)


# --- affected schools -----------------------------------------------------------


def test_affected_schools_worst_first_with_their_page(analysis):
    rows = affected_rows(analysis.summaries, first_page=3)
    # Concurrent before after-hours; among concurrent, more hours while open first.
    assert [row.school_fid for row in rows] == [1, 3, 2]
    assert [row.page for row in rows] == ["3", "4", "5"]
    first = rows[0]
    assert (first.scenes, first.conflict, first.concurrent_hours, first.afterhours_hours) == (
        "1",
        "while open",
        "15.0",
        "0.0",
    )
    assert rows[1].name == "Åkerskolan" and rows[1].scenes == "2"
    assert rows[2].conflict == "while closed" and rows[2].afterhours_hours == "42.0"
    assert 4 not in {s.school_fid for s in affected_schools(analysis.summaries)}


def test_pairs_by_school_nearest_scene_first(analysis):
    grouped = pairs_by_school(analysis.pairs)
    assert [pair.scene_fid for pair in grouped[3]] == [14, 13]
    assert sorted(grouped) == [1, 2, 3]


def chart_hours(pairs):
    """{scene_fid: presence | guard hours}: what a scene's week chart bars add up to."""
    return {
        pair.scene_fid: WeeklySchedule.parse(pair.presence_hours)
        | WeeklySchedule.parse(pair.guard_hours)
        for pair in pairs
    }


def test_the_chart_bars_of_a_scene_add_up_to_its_hours(analysis):
    hours = chart_hours(analysis.pairs)
    assert hours[11] == WeeklySchedule.parse("Mo-Fr 14:00-17:00")
    assert hours[12] == WeeklySchedule.parse("Mo-Su 22:00-04:00")
    assert hours[14] == WeeklySchedule.parse("Sa 12:00-13:00")


schedules = st.lists(
    st.tuples(st.integers(0, MINUTES_PER_WEEK - 1), st.integers(1, 2000)), max_size=4
).map(
    lambda spans: WeeklySchedule.from_intervals(
        (start, min(start + length, MINUTES_PER_WEEK)) for start, length in spans
    )
)


@settings(max_examples=150, deadline=None)
@given(schedules, schedules)
def test_the_outputs_carry_the_hours_the_chart_draws_for_any_schedules(school_hours, scene_hours_):
    """The report reads the hours from the outputs alone: they must agree with the bars."""
    schools = [SchoolRecord(1, "s", "grundskola", Point(0, 0), school_hours)]
    scenes = [SceneRecord(2, "c", box(0, 0, 10, 10), scene_hours_)]
    result = analyse(schools, scenes, 100)
    assert chart_hours(result.pairs)[2] == scene_hours_
    (pair,) = result.pairs
    assert WeeklySchedule.parse(pair.scene_hours) == scene_hours_
    assert WeeklySchedule.parse(pair.school_hours) == school_hours
    assert WeeklySchedule.parse(pair.presence_hours) == school_hours & scene_hours_
    assert WeeklySchedule.parse(result.summaries[0].school_hours) == school_hours


# --- texts -------------------------------------------------------------------------


def test_parameters_text():
    text = report.parameters_text(250.5, "Mo-Fr 08:00-16:00", "Mo-Fr 06:30-18:30")
    assert "250.5 m" in text
    assert "Mo-Fr 08:00-16:00" in text and "Mo-Fr 06:30-18:30" in text
    assert report.parameters_text(300, None, "Mo-Fr 06:30-18:30") == (
        "Distance 300 m · most common opening hours: preschools Mo-Fr 06:30-18:30"
    )
    assert report.parameters_text(300) == "Distance 300 m"


def test_usual_hours_are_the_most_common_of_each_kind(analysis):
    assert usual_hours(analysis.summaries) == ("Mo-Fr 07:00-18:00", None)
    preschool = school(5, 9000, hours="Mo-Fr 06:00-18:00")
    preschool.school_type = "Kommunal förskola"
    others = analyse([school(6, 0, hours="Mo-Fr 08:00-16:00"), preschool], [], 300).summaries
    # One of each: the tie goes to the alphabetically first hours.
    assert usual_hours(analysis.summaries + others) == ("Mo-Fr 07:00-18:00", "Mo-Fr 06:00-18:00")
    assert usual_hours(others[:1] + others) == ("Mo-Fr 08:00-16:00", "Mo-Fr 06:00-18:00")
    assert usual_hours([]) == (None, None)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("OpenStreetMap", True),
        ("osm", True),
        ("Skolverket, OSM 2024", True),
        ("openstreetmap.org via Overpass", True),
        ("Polisens lägesbild", False),
        ("Kosmos", False),
        ("", False),
        (None, False),
    ],
)
def test_is_osm(value, expected):
    assert report.is_osm(value) is expected


def test_sources_name_layers_and_values_and_attribute_openstreetmap():
    text = sources_text("scenes", ["Polisen", "Polisen", None, " "], "schools", ["OpenStreetMap"])
    assert "scenes: scenes (Polisen)" in text
    assert "schools: schools (OpenStreetMap)" in text
    assert text.endswith(report.OSM_ATTRIBUTION + ".")
    without = sources_text("scenes", ["Polisen"], "schools", ["Skolverket"])
    assert report.OSM_ATTRIBUTION not in without
    many = sources_text("scenes", ["a", "b", "c", "d", "e", "f"], "", [])
    assert "a, b, c, d, 2 more" in many
    assert "not given" in sources_text("", [], "", [])


# --- trend -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, kind, label, start, end",
    [
        (D(2024, 5, 17), YEAR, "2024", D(2024, 1, 1), D(2024, 12, 31)),
        (D(2024, 5, 17), QUARTER, "2024 Q2", D(2024, 4, 1), D(2024, 6, 30)),
        (D(2024, 1, 1), QUARTER, "2024 Q1", D(2024, 1, 1), D(2024, 3, 31)),
        (D(2023, 12, 31), QUARTER, "2023 Q4", D(2023, 10, 1), D(2023, 12, 31)),
        (D(2024, 2, 29), QUARTER, "2024 Q1", D(2024, 1, 1), D(2024, 3, 31)),
        (D(2026, 6, 30), TERM, "VT 2026", D(2026, 1, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), TERM, "HT 2026", D(2026, 7, 1), D(2026, 12, 31)),
    ],
)
def test_period_of(day, kind, label, start, end):
    period = period_of(day, kind)
    assert (period.label, period.start, period.end) == (label, start, end)


def test_periods_are_consecutive():
    quarters = periods(D(2022, 11, 5), D(2024, 2, 1), QUARTER)
    assert [p.label for p in quarters] == [
        "2022 Q4",
        "2023 Q1",
        "2023 Q2",
        "2023 Q3",
        "2023 Q4",
        "2024 Q1",
    ]
    for before, after in zip(quarters, quarters[1:]):
        assert after.start == before.end + datetime.timedelta(days=1)


def test_terms_are_consecutive():
    terms = periods(D(2025, 12, 5), D(2027, 1, 2), TERM)
    assert [p.label for p in terms] == ["HT 2025", "VT 2026", "HT 2026", "VT 2027"]
    for before, after in zip(terms, terms[1:]):
        assert after.start == before.end + datetime.timedelta(days=1)


def test_trend_by_hand():
    scenes = [
        TrendScene(1, "a", D(2021, 3, 1), None),
        TrendScene(2, "b", D(2021, 6, 1), D(2022, 2, 1)),
        TrendScene(3, "c", D(2022, 5, 1), D(2022, 9, 1)),  # opened and closed in one year
        TrendScene(4, "d", None, None),  # no date: left out
        TrendScene(5, "e", D(2023, 1, 1), D(2023, 12, 31)),  # closed on the last day
    ]
    rows = trend(scenes, YEAR, today=D(2024, 3, 10))
    assert [(r.period.label, r.active, r.opened, r.closed) for r in rows] == [
        ("2021", 2, 2, 0),
        ("2022", 1, 1, 2),
        ("2023", 1, 1, 1),
        ("2024", 1, 0, 0),
    ]


def test_the_running_period_counts_on_the_report_date():
    opened = TrendScene(1, "a", D(2024, 1, 10), None)
    rows = trend([opened, TrendScene(2, "b", D(2024, 6, 1), None)], YEAR, today=D(2024, 3, 1))
    # The scene first seen after the report date counts: the data has its date.
    assert [(r.period.label, r.active, r.opened, r.closed) for r in rows] == [("2024", 2, 2, 0)]
    closing = TrendScene(1, "a", D(2024, 1, 10), D(2024, 5, 1))
    quarters = trend([closing], QUARTER, today=D(2024, 2, 1))
    assert [(r.period.label, r.active, r.opened, r.closed) for r in quarters] == [
        ("2024 Q1", 1, 1, 0),
        ("2024 Q2", 0, 0, 1),
    ]


def test_trend_from_a_given_first_date_and_nothing_without_dates():
    rows = trend(
        [TrendScene(1, "a", D(2023, 6, 1), None)], YEAR, D(2024, 1, 1), first=D(2021, 1, 1)
    )
    assert [r.period.label for r in rows] == ["2021", "2022", "2023", "2024"]
    assert trend([TrendScene(1, "a", None, None)], YEAR, D(2024, 1, 1)) == []


days = st.dates(min_value=D(2015, 1, 1), max_value=D(2026, 12, 31))
histories = st.lists(
    st.tuples(days, st.one_of(st.none(), st.integers(0, 2000))), min_size=1, max_size=15
)


@settings(max_examples=200, deadline=None)
@given(histories, st.sampled_from([YEAR, QUARTER]), days)
def test_active_grows_by_opened_and_shrinks_by_closed(history, kind, today):
    scenes = [
        TrendScene(
            n, str(n), first, None if length is None else first + datetime.timedelta(days=length)
        )
        for n, (first, length) in enumerate(history)
    ]
    rows = trend(scenes, kind, today)
    assert rows[0].period == period_of(min(s.first_seen for s in scenes), kind)
    assert sum(r.opened for r in rows) == len(scenes)
    assert sum(r.closed for r in rows) == sum(1 for s in scenes if s.closed_on is not None)
    before = 0
    for row in rows:
        assert row.active == before + row.opened - row.closed
        before = row.active
    # The last row counts on the report date, or at the end when events come later.
    last_day = max(
        [today] + [s.first_seen for s in scenes] + [s.closed_on for s in scenes if s.closed_on]
    )
    assert rows[-1].period == period_of(last_day, kind)


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        ("", None),
        ("  ", None),
        (D(2024, 3, 1), D(2024, 3, 1)),
        (datetime.datetime(2024, 3, 1, 22, 5), D(2024, 3, 1)),
        ("2024-03-01", D(2024, 3, 1)),
        ("2024-03-01T10:00:00", D(2024, 3, 1)),
    ],
)
def test_as_date(value, expected):
    assert as_date(value) == expected


@pytest.mark.parametrize("value", ["1 mars 2024", "2024-13-01", "yesterday"])
def test_as_date_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError):
        as_date(value)


def test_date_problem():
    assert date_problem(D(2024, 3, 1), D(2024, 2, 1)) == (
        "closed on 2024-02-01 before it was first seen on 2024-03-01"
    )
    assert date_problem(D(2024, 3, 1), D(2024, 3, 1)) is None
    assert date_problem(None, D(2024, 3, 1)) is None


def test_trend_chart_bars_are_proportional_to_their_values():
    rows = trend(
        [TrendScene(n, str(n), D(2020 + n % 3, 1, 1), None) for n in range(7)], YEAR, D(2022, 6, 1)
    )
    root = ET.fromstring(trend_chart_svg(rows, title="Trend"))
    bars = [r for r in root.iter(SVG + "rect") if r.get("data-kind")]
    heights = {(r.get("data-period"), r.get("data-kind")): float(r.get("height")) for r in bars}
    values = {(r.get("data-period"), r.get("data-kind")): int(r.get("data-value")) for r in bars}
    expected = {
        (row.period.label, kind): getattr(row, kind)
        for row in rows
        for kind in ("active", "opened", "closed")
        if getattr(row, kind)
    }
    assert values == expected
    unit = heights[("2022", "active")] / 7
    for key, value in values.items():
        assert heights[key] == pytest.approx(unit * value, abs=0.02)
    assert root.find(SVG + "desc").text.startswith("2020: 3 active, 3 opened, 0 closed.")


# --- districts ---------------------------------------------------------------------


def test_district_rows_count_where_things_are(analysis):
    districts = [
        ("West", box(-500, -500, 1500, 500)),
        ("East", box(1500, -500, 2500, 500)),
        ("Empty", box(9000, 0, 9100, 100)),
    ]
    today = D(2024, 6, 1)
    scenes = [
        TrendScene(11, "a", D(2020, 1, 1), None, box(80, -20, 120, 20)),
        TrendScene(12, "b", D(2020, 1, 1), D(2024, 1, 1), box(1080, -20, 1120, 20)),  # closed
        TrendScene(13, "c", D(2024, 7, 1), None, box(2080, -20, 2120, 20)),  # not yet
        TrendScene(14, "d", None, None, box(1930, -20, 1970, 20)),  # undated: open
        TrendScene(15, "e", D(2020, 1, 1), None, box(7000, 0, 7010, 10)),  # outside
    ]
    rows = district_rows(districts, scenes, analysis.summaries, analysis.pairs, today)
    assert [
        (r.name, r.active_scenes, r.affected_schools, r.concurrent_conflicts) for r in rows
    ] == [
        ("West", 1, 2, 1),  # schools 1 and 2; the pair of school 1 is concurrent
        ("East", 1, 1, 1),  # school 3 with its morning scene
        ("Empty", 0, 0, 0),
        ("Outside the districts", 1, 0, 0),  # the scene at 7000 (school 4 is unaffected)
    ]
