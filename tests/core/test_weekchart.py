"""The week chart SVG on its own: bars where the hours are, read back from the SVG.

Positions are checked against the chart's own grid: the vertical line of
each hour (``data-hour``) and the band of each weekday (``data-row``).
"""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drogscen_plugin.core.schedule import MINUTES_PER_WEEK, WeeklySchedule
from drogscen_plugin.core.weekchart import (
    ChartScene,
    Palette,
    day_segments,
    week_chart_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
SCHOOL = WeeklySchedule.parse("Mo-Fr 08:00-18:00")
MONDAY, WEDNESDAY, THURSDAY, SUNDAY = 0, 2, 3, 6


def chart(school=SCHOOL, scenes=(), **kwargs):
    text = week_chart_svg(school, list(scenes), title="Week chart: Testskolan", **kwargs)
    return ET.fromstring(text)


def scene(name, hours, school=SCHOOL):
    return ChartScene.of(name, WeeklySchedule.parse(hours), school)


def hour_lines(root):
    return {
        int(line.get("data-hour")): float(line.get("x1"))
        for line in root.iter(SVG + "line")
        if line.get("data-hour") is not None
    }


def rows(root):
    """{day: (top, bottom)} of the weekday bands."""
    return {
        int(rect.get("data-row")): (
            float(rect.get("y")),
            float(rect.get("y")) + float(rect.get("height")),
        )
        for rect in root.iter(SVG + "rect")
        if rect.get("data-row") is not None
    }


def bars(root, lane=None, kind=None):
    found = []
    for rect in root.iter(SVG + "rect"):
        if rect.get("data-kind") is None:
            continue
        if lane is not None and rect.get("data-lane") != lane:
            continue
        if kind is not None and rect.get("data-kind") != kind:
            continue
        found.append(rect)
    return found


def x_at(lines, minute):
    """The x of a minute of the day, between the chart's own hour lines."""
    hour, rest = divmod(minute, 60)
    if rest == 0:
        return lines[hour]
    return lines[hour] + (lines[hour + 1] - lines[hour]) * rest / 60


def placed(root, rect):
    """(day, start minute, end minute) of a bar, read from where it is drawn."""
    lines = hour_lines(root)
    top, height = float(rect.get("y")), float(rect.get("height"))
    days = [
        day
        for day, (row_top, row_bottom) in rows(root).items()
        if row_top - 1e-6 <= top and top + height <= row_bottom + 1e-6
    ]
    assert len(days) == 1, days
    x, width = float(rect.get("x")), float(rect.get("width"))
    minute_width = (lines[24] - lines[0]) / 1440
    start = round((x - lines[0]) / minute_width)
    end = round((x + width - lines[0]) / minute_width)
    assert x == pytest.approx(x_at(lines, start), abs=0.01)
    assert x + width == pytest.approx(x_at(lines, end), abs=0.01)
    return days[0], start, end


def drawn(root, **kwargs):
    return sorted(placed(root, rect) for rect in bars(root, **kwargs))


def test_a_span_across_midnight_continues_at_the_start_of_the_next_row():
    root = chart(scenes=[scene("Viadukten", "We 23:00-01:30")])
    assert drawn(root, lane="scene-1") == [
        (WEDNESDAY, 23 * 60, 1440),
        (THURSDAY, 0, 90),
    ]
    assert drawn(root, lane="scene-1", kind="after_hours") == drawn(root, lane="scene-1")


def test_sunday_night_continues_on_monday_morning():
    root = chart(scenes=[scene("Torget", "Su 22:00-03:00")])
    assert drawn(root, lane="scene-1") == [(MONDAY, 0, 180), (SUNDAY, 22 * 60, 1440)]


def test_a_school_open_across_the_week_end_wraps_too():
    school = WeeklySchedule.parse("Su 20:00-02:00")
    root = chart(school=school)
    assert drawn(root, lane="school", kind="open") == [(MONDAY, 0, 120), (SUNDAY, 1200, 1440)]


def test_concurrent_and_after_hours_parts_of_one_scene():
    root = chart(scenes=[scene("Parkeringen", "Mo 16:00-20:00")])
    assert drawn(root, kind="concurrent") == [(MONDAY, 16 * 60, 18 * 60)]
    assert drawn(root, kind="after_hours") == [(MONDAY, 18 * 60, 20 * 60)]
    # The school's own lane shows its opening hours, every weekday.
    assert drawn(root, lane="school") == [(day, 8 * 60, 18 * 60) for day in range(5)]


def test_each_scene_has_its_own_lane_below_the_school():
    root = chart(scenes=[scene("A", "Mo 10:00-11:00"), scene("B", "Mo 10:00-11:00")])
    (school,) = [r for r in bars(root, lane="school") if r.get("data-day") == "0"]
    (first,) = bars(root, lane="scene-1")
    (second,) = bars(root, lane="scene-2")
    tops = [float(rect.get("y")) for rect in (school, first, second)]
    assert tops == sorted(tops) and len(set(tops)) == 3
    assert placed(root, first) == placed(root, second) == (MONDAY, 600, 660)


def test_bars_carry_the_data_they_show():
    root = chart(scenes=[scene("Torget", "Fr 22:00-02:00")])
    for rect in bars(root):
        day, start, end = placed(root, rect)
        assert (
            int(rect.get("data-day")),
            int(rect.get("data-start")),
            int(rect.get("data-end")),
        ) == (day, start, end)


def test_colours_by_conflict_and_the_schools_colour():
    palette = Palette(open="#33a02c", concurrent="#aa0000", after_hours="#ffbb00")
    root = chart(scenes=[scene("Torget", "Mo 17:00-19:00")], palette=palette)
    assert {r.get("fill") for r in bars(root, kind="concurrent")} == {"#aa0000"}
    assert {r.get("fill") for r in bars(root, kind="after_hours")} == {"#ffbb00"}
    assert {r.get("fill") for r in bars(root, kind="open")} == {"#33a02c"}


def test_accessible_title_description_and_bar_titles():
    root = chart(scenes=[scene('Gångtunneln <norr> & "söder"', "Mo-Fr 14:00-17:00")])
    assert root.get("role") == "img"
    labelled = root.get("aria-labelledby").split()
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    assert [ids[name].tag for name in labelled] == [SVG + "title", SVG + "desc"]
    assert ids["chart-title"].text == "Week chart: Testskolan"
    description = ids["chart-desc"].text
    assert "Mo-Fr 08:00-18:00" in description
    assert 'Gångtunneln <norr> & "söder"' in description and "Mo-Fr 14:00-17:00" in description
    for rect in bars(root):
        assert rect.find(SVG + "title").text
    texts = " ".join(t.text for t in root.iter(SVG + "text"))
    assert 'Gångtunneln <norr> & "söder"' in texts


def test_no_css_or_patterns_for_qts_svg_renderer():
    text = week_chart_svg(SCHOOL, [scene("A", "24/7")], title="t")
    for unsupported in ("<style", "<pattern", "class=", "style="):
        assert unsupported not in text


def test_everything_fits_in_the_given_size():
    root = chart(
        scenes=[scene(str(n), "Mo-Su 00:00-24:00") for n in range(6)], width=120, height=80
    )
    assert root.get("viewBox") == "0 0 120 80"
    for rect in root.iter(SVG + "rect"):
        x, y = float(rect.get("x")), float(rect.get("y"))
        assert 0 <= x and x + float(rect.get("width")) <= 120 + 1e-6
        assert 0 <= y and y + float(rect.get("height")) <= 80 + 1e-6
    for text in root.iter(SVG + "text"):
        assert 0 < float(text.get("y")) <= 80


week_minutes = st.lists(
    st.tuples(st.integers(0, MINUTES_PER_WEEK - 1), st.integers(1, 3000)), max_size=5
)


@settings(max_examples=200, deadline=None)
@given(week_minutes)
def test_day_segments_cover_the_schedule_exactly(spans):
    schedule = WeeklySchedule.from_intervals(
        (start, min(start + length, MINUTES_PER_WEEK)) for start, length in spans
    )
    segments = day_segments(schedule)
    for day, start, end in segments:
        assert 0 <= day < 7 and 0 <= start < end <= 1440
    rebuilt = WeeklySchedule.from_intervals(
        (day * 1440 + start, day * 1440 + end) for day, start, end in segments
    )
    assert rebuilt == schedule


@settings(max_examples=100, deadline=None)
@given(week_minutes, week_minutes)
def test_chart_scene_splits_into_open_and_closed_parts(scene_spans, school_spans):
    def schedule(spans):
        return WeeklySchedule.from_intervals(
            (start, min(start + length, MINUTES_PER_WEEK)) for start, length in spans
        )

    hours, school = schedule(scene_spans), schedule(school_spans)
    part = ChartScene.of("x", hours, school)
    assert part.hours == hours
    assert (part.while_open & part.while_closed).minutes == 0
    assert (part.while_open - school).minutes == 0
