"""The day-by-hour strip: cell minutes and day marks on hand-computed cases."""

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

from drogscen_plugin.core.day_strip import day_marks, day_strip_svg, hour_cells
from drogscen_plugin.core.schedule import Schedule
from drogscen_plugin.core.school_calendar import SchoolCalendar

SVG = "{http://www.w3.org/2000/svg}"
D, T = date, datetime
MONDAY = D(2026, 8, 17)


def test_an_interval_is_cut_at_the_hours():
    presence = [(T(2026, 8, 17, 14, 30), T(2026, 8, 17, 16, 0))]
    assert hour_cells(presence, [], MONDAY, MONDAY) == {
        (MONDAY, 14): (30, 0),
        (MONDAY, 15): (60, 0),
    }


def test_a_night_continues_on_the_next_day():
    guard = [(T(2026, 8, 17, 23, 30), T(2026, 8, 18, 1, 15))]
    assert hour_cells([], guard, MONDAY, D(2026, 8, 18)) == {
        (MONDAY, 23): (0, 30),
        (D(2026, 8, 18), 0): (0, 60),
        (D(2026, 8, 18), 1): (0, 15),
    }


def test_one_hour_holds_minutes_while_closed_and_while_open():
    # The school opens at 07:20: 20 minutes before, 40 after, in the 07 cell.
    guard = [(T(2026, 8, 17, 6, 40), T(2026, 8, 17, 7, 20))]
    presence = [(T(2026, 8, 17, 7, 20), T(2026, 8, 17, 8, 0))]
    assert hour_cells(presence, guard, MONDAY, MONDAY) == {
        (MONDAY, 6): (0, 20),
        (MONDAY, 7): (40, 20),
    }


def test_minutes_outside_the_dates_are_left_out():
    guard = [
        (T(2026, 8, 16, 22, 0), T(2026, 8, 17, 0, 30)),
        (T(2026, 8, 17, 23, 50), T(2026, 8, 18, 2, 0)),
    ]
    assert hour_cells([], guard, MONDAY, MONDAY) == {(MONDAY, 0): (0, 30), (MONDAY, 23): (0, 10)}


def test_dated_hours_text_parses_back_to_its_cells():
    text = "2026 Aug 17-2026 Aug 21 Mo-Fr 14:00-15:30"
    start, end = MONDAY, D(2026, 8, 23)
    intervals = Schedule.parse(text).open_intervals(T(2026, 8, 17), T(2026, 8, 24))
    cells = hour_cells(intervals, [], start, end)
    weekdays = [MONDAY + timedelta(days=offset) for offset in range(5)]
    assert cells == {
        **{(day, 14): (60, 0) for day in weekdays},
        **{(day, 15): (30, 0) for day in weekdays},
    }


def test_the_calendar_marks_the_days_a_school_is_closed_or_only_its_fritidshem_open():
    calendar = SchoolCalendar.example_2026_27()
    start, end = D(2026, 10, 24), D(2026, 11, 2)
    lov = {D(2026, 10, 26) + timedelta(days=offset) for offset in range(5)}
    # Saturday 31 October 2026 is All Saints' Day (Alla helgons dag).
    saints = D(2026, 10, 31)
    assert day_marks(calendar, "grundskola", start, end) == {
        **{day: "fritidshem" for day in lov},
        saints: "holiday",
    }
    assert day_marks(calendar, "gymnasieskola", start, end) == {
        **{day: "closed" for day in lov},
        saints: "holiday",
    }
    assert day_marks(calendar, "förskola", start, end) == {saints: "holiday"}
    # The summer break before the autumn term.
    assert day_marks(calendar, "grundskola", D(2026, 8, 14), D(2026, 8, 17)) == {
        D(2026, 8, 14): "closed",
        D(2026, 8, 15): "closed",
        D(2026, 8, 16): "closed",
    }


def test_the_svg_carries_every_cell_and_mark():
    cells = {(MONDAY, 7): (40, 20), (D(2026, 8, 18), 0): (0, 60)}
    marks = {D(2026, 8, 19): "holiday", D(2026, 8, 20): "fritidshem"}
    root = ET.fromstring(day_strip_svg(cells, marks, MONDAY, D(2026, 8, 23), title="Skolan"))
    rects = [rect.attrib for rect in root.iter(SVG + "rect") if "data-hour" in rect.attrib]
    assert sorted(
        (r["data-day"], r["data-hour"], r["data-kind"], r["data-concurrent"], r["data-afterhours"])
        for r in rects
    ) == [
        ("2026-08-17", "7", "after_hours", "40", "20"),
        ("2026-08-17", "7", "concurrent", "40", "20"),
        ("2026-08-18", "0", "after_hours", "0", "60"),
    ]
    # The 07 cell: two thirds red above one third amber.
    red, amber = sorted(
        (r for r in rects if r["data-hour"] == "7"), key=lambda r: r["data-kind"] != "concurrent"
    )
    # (Coordinates are written with two decimals.)
    assert abs(float(red["height"]) - 2 * float(amber["height"])) <= 0.011
    assert abs(float(amber["y"]) - float(red["y"]) - float(red["height"])) <= 0.011
    marked = {
        rect.attrib["data-day"]: rect.attrib["data-mark"]
        for rect in root.iter(SVG + "rect")
        if "data-mark" in rect.attrib
    }
    assert marked == {"2026-08-19": "holiday", "2026-08-20": "fritidshem"}
    assert root.find(SVG + "title").text == "Skolan"
