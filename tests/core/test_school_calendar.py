"""The school calendar: parsing, kinds of days and the defaults by school kind (hand-computed)."""

from datetime import date, datetime

import pytest

from drogscen_plugin.core.errors import InputError
from drogscen_plugin.core.school_calendar import (
    BREAK,
    CLOSED,
    COMPULSORY,
    GYMNASIUM,
    HOLIDAY,
    LOV,
    PRESCHOOL,
    TERM,
    CalendarDefaults,
    CalendarSchedule,
    SchoolCalendar,
    parse_date_ranges,
    school_kind,
    term_name,
)

SCHOOL_HOURS = "Mo-Fr 08:00-15:00"
PRESCHOOL_HOURS = "Mo-Fr 06:30-18:30"


def hours_on(schedule, day):
    """The open spans of one date as ``["HH:MM-HH:MM", ...]``."""
    start = datetime.combine(day, datetime.min.time())
    return [
        "{:%H:%M}-{:%H:%M}".format(opens, closes)
        for opens, closes in schedule.open_intervals(start, start.replace(hour=23, minute=59))
    ]


def test_date_ranges_are_read_sorted_and_checked():
    assert parse_date_ranges(
        "2026-12-21/2027-01-07; 2026-10-26 / 2026-10-30,\n2026-11-13", "School holidays"
    ) == (
        (date(2026, 10, 26), date(2026, 10, 30)),
        (date(2026, 11, 13), date(2026, 11, 13)),
        (date(2026, 12, 21), date(2027, 1, 7)),
    )
    assert parse_date_ranges("  ", "School holidays") == ()


@pytest.mark.parametrize(
    "text, words",
    [
        ("2026-10-26/2026-10-30, 2026-13-01", "item 2 '2026-13-01' is not a date"),
        ("26/10/2026", "item 1 '26/10/2026' is not a date"),
        ("2026-10-30/2026-10-26", "item 1 '2026-10-30/2026-10-26' ends before it begins"),
    ],
)
def test_bad_date_ranges_say_which_item(text, words):
    with pytest.raises(InputError) as raised:
        parse_date_ranges(text, "School holidays")
    assert str(raised.value).startswith("School holidays: ")
    assert words in str(raised.value)


def test_overlapping_terms_are_refused():
    with pytest.raises(InputError, match="Terms: 2026-12-01 begins before"):
        SchoolCalendar.parse("2026-08-17/2026-12-18, 2026-12-01/2027-06-11")


def test_kinds_of_days_in_the_example_year():
    calendar = SchoolCalendar.example_2026_27()
    assert calendar.day_kind(date(2026, 9, 15)) == TERM
    assert calendar.day_kind(date(2026, 10, 28)) == LOV  # höstlov, week 44
    assert calendar.day_kind(date(2026, 12, 23)) == LOV  # jullov
    assert calendar.day_kind(date(2026, 12, 24)) == HOLIDAY  # julafton wins over jullov
    assert calendar.day_kind(date(2027, 3, 3)) == LOV  # sportlov, week 9
    assert calendar.day_kind(date(2027, 3, 29)) == HOLIDAY  # annandag påsk
    assert calendar.day_kind(date(2027, 3, 30)) == LOV  # påsklov
    assert calendar.day_kind(date(2026, 7, 15)) == BREAK  # summer, outside the terms
    assert calendar.day_kind(date(2027, 6, 14)) == BREAK
    assert date(2026, 10, 26).isocalendar()[1] == 44 and date(2027, 3, 1).isocalendar()[1] == 9


def test_without_terms_every_ordinary_day_is_a_term_day():
    assert SchoolCalendar().day_kind(date(2026, 7, 15)) == TERM


@pytest.mark.parametrize(
    "day, compulsory, gymnasium, preschool",
    [
        (date(2026, 9, 15), ["08:00-15:00"], ["08:00-15:00"], ["06:30-18:30"]),  # term Tuesday
        (date(2026, 10, 27), ["07:00-18:00"], [], ["06:30-18:30"]),  # höstlov: fritidshem
        (date(2026, 12, 24), [], [], []),  # julafton
        (date(2026, 7, 15), [], [], ["06:30-18:30"]),  # summer break
        (date(2026, 9, 19), [], [], []),  # a Saturday in term
    ],
)
def test_defaults_by_school_kind(day, compulsory, gymnasium, preschool):
    calendar = SchoolCalendar.example_2026_27()
    assert hours_on(CalendarSchedule(COMPULSORY, SCHOOL_HOURS, calendar), day) == compulsory
    assert hours_on(CalendarSchedule(GYMNASIUM, SCHOOL_HOURS, calendar), day) == gymnasium
    assert hours_on(CalendarSchedule(PRESCHOOL, PRESCHOOL_HOURS, calendar), day) == preschool


def test_each_default_can_be_changed():
    calendar = SchoolCalendar.example_2026_27()
    lov_day = date(2026, 10, 27)
    defaults = CalendarDefaults(fritidshem_hours="Mo-Fr 07:30-17:00")
    assert hours_on(CalendarSchedule(COMPULSORY, SCHOOL_HOURS, calendar, defaults), lov_day) == [
        "07:30-17:00"
    ]
    closed_on_lov = defaults.with_rule(COMPULSORY, LOV, CLOSED)
    assert (
        hours_on(CalendarSchedule(COMPULSORY, SCHOOL_HOURS, calendar, closed_on_lov), lov_day) == []
    )
    # The original is unchanged.
    assert defaults.day_rules[COMPULSORY][LOV] == "fritidshem"
    with pytest.raises(InputError, match="Unknown calendar rule"):
        defaults.with_rule("university", LOV, CLOSED)


def test_own_hours_use_the_calendar_for_sh():
    calendar = SchoolCalendar.example_2026_27()
    own = calendar.parse_hours("Mo-Fr 08:00-15:00; SH Mo-Fr 09:00-12:00; PH off")
    assert hours_on(own, date(2026, 10, 27)) == ["09:00-12:00"]
    assert hours_on(own, date(2026, 9, 15)) == ["08:00-15:00"]
    assert hours_on(own, date(2026, 12, 25)) == []


def test_whole_period_of_a_compulsory_school_over_the_christmas_break():
    calendar = SchoolCalendar.example_2026_27()
    schedule = CalendarSchedule(COMPULSORY, SCHOOL_HOURS, calendar)
    intervals = schedule.open_intervals(datetime(2026, 12, 14), datetime(2027, 1, 16))
    open_days = sorted({opens.date() for opens, _ in intervals})
    # Term 14-18 Dec; jullov weekdays except the PHs 24, 25, 31 Dec, 1 and 6 Jan
    # (fritidshem); term again from Friday 8 January.
    assert open_days == [
        date(2026, 12, d) for d in (14, 15, 16, 17, 18, 21, 22, 23, 28, 29, 30)
    ] + [date(2027, 1, d) for d in (4, 5, 7, 8, 11, 12, 13, 14, 15)]
    assert schedule.is_active(datetime(2026, 12, 22, 17, 30))  # fritidshem until 18
    assert not schedule.is_active(datetime(2026, 12, 15, 17, 30))  # school until 15


@pytest.mark.parametrize(
    "value, kind",
    [
        ("Grundskola", COMPULSORY),
        ("grundskola, fritidshem", COMPULSORY),
        ("skola", COMPULSORY),
        ("Gymnasieskola", GYMNASIUM),
        ("Upper secondary school", GYMNASIUM),
        ("Kommunal förskola", PRESCHOOL),
        ("förskoleklass", COMPULSORY),
        (None, COMPULSORY),
    ],
)
def test_school_kind(value, kind):
    assert school_kind(value) == kind


def test_term_names():
    assert term_name(date(2027, 3, 1)) == "VT 2027"
    assert term_name(date(2026, 8, 17)) == "HT 2026"
