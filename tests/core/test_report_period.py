"""The period and calendar the report states, and which scenes existed in the period."""

from datetime import date

import pytest

from drogscen_plugin.core.report_content import TrendScene
from drogscen_plugin.core.report_period import (
    ReportPeriod,
    range_text,
    source_values,
    sources_value,
)

D = date
HT_2026 = ReportPeriod(
    D(2026, 8, 17),
    D(2026, 12, 18),
    "2026-08-17/2026-12-18",
    "2026-10-26/2026-10-30, 2026-12-21/2027-01-07, 2026-11-13",
)


@pytest.mark.parametrize(
    "first, last, text",
    [
        (D(2026, 8, 17), D(2026, 12, 18), "17 Aug – 18 Dec 2026"),
        (D(2026, 10, 26), D(2026, 10, 30), "26–30 Oct 2026"),
        (D(2026, 12, 21), D(2027, 1, 7), "21 Dec 2026 – 7 Jan 2027"),
        (D(2026, 11, 13), D(2026, 11, 13), "13 Nov 2026"),
    ],
)
def test_ranges_write_each_month_and_year_once(first, last, text):
    assert range_text(first, last) == text


def test_the_period_and_calendar_in_words():
    assert HT_2026.period_text() == "Period: 17 Aug – 18 Dec 2026"
    assert HT_2026.calendar_text() == (
        "School calendar: terms 17 Aug–18 Dec 2026; school holidays 26–30 Oct 2026, "
        "13 Nov 2026, 21 Dec 2026–7 Jan 2027"
    )
    assert ReportPeriod(D(2026, 3, 2), D(2026, 3, 8)).calendar_text() == (
        "School calendar: none given (every day a term day, no school holidays)"
    )
    assert ReportPeriod().period_text() == "Period: not recorded in the outputs"


def scene(first_seen=None, closed_on=None):
    return TrendScene(1, "x", first_seen, closed_on)


@pytest.mark.parametrize(
    "first_seen, closed_on, existed",
    [
        (None, None, True),
        (D(2020, 1, 1), None, True),
        (D(2026, 12, 18), None, True),  # first seen on the last day
        (D(2026, 12, 19), None, False),  # after the period
        (None, D(2026, 8, 17), False),  # closed on the first day: gone before it
        (None, D(2026, 8, 18), True),  # there on the first day
        (D(2026, 7, 1), D(2026, 8, 1), False),  # July only
        (D(2024, 3, 1), D(2024, 9, 1), False),
    ],
)
def test_a_scene_existed_from_first_seen_to_the_day_before_it_closed(
    first_seen, closed_on, existed
):
    assert HT_2026.existed(scene(first_seen, closed_on)) is existed
    # Unknown period: every scene counts.
    assert ReportPeriod().existed(scene(first_seen, closed_on))


def test_the_schools_sources_travel_as_one_text():
    text = sources_value(["Skolverket", None, " ", "OpenStreetMap", "Skolverket"])
    assert text == "OpenStreetMap; Skolverket"
    assert source_values(text) == ["OpenStreetMap", "Skolverket"]
    assert source_values("") == source_values(None) == []
