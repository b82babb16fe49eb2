"""Attribute values to schedules: school defaults by type, scene fallbacks."""

from datetime import date

import pytest

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.hours import (
    DEFAULT_PRESCHOOL_HOURS,
    DEFAULT_SCHOOL_HOURS,
    canonical_hours,
    is_preschool,
    scene_hours_check,
    scene_schedule,
    school_hours_check,
    school_schedule,
)
from drogscen_plugin.core.schedule import WeeklySchedule

SCHOOL_DEFAULT = WeeklySchedule.parse(DEFAULT_SCHOOL_HOURS)
PRESCHOOL_DEFAULT = WeeklySchedule.parse(DEFAULT_PRESCHOOL_HOURS)
BAD_HOURS = "Mo-Fr 08:00-banana"


def parser_message(text):
    with pytest.raises(ScheduleError) as info:
        WeeklySchedule.parse(text)
    return str(info.value)


@pytest.mark.parametrize(
    "value",
    [
        "förskola",
        "Förskola",
        " FÖRSKOLA ",
        "fo\u0308rskola",  # decomposed ö
        "forskola",
        "Kommunal förskola",
        "Fristående  förskola",
        "preschool",
        "Kindergarten",
        "pedagogisk omsorg",
        "Dagbarnvård",
    ],
)
def test_preschool_type_values(value):
    assert is_preschool(value)


@pytest.mark.parametrize(
    "value",
    [
        "förskoleklass",
        "Grundskola med förskoleklass",
        "grundskola",
        "Gymnasieskola",
        "school",
        "",
        "  ",
        None,
    ],
)
def test_school_type_values(value):
    assert not is_preschool(value)


def test_default_hours_are_the_documented_ones():
    assert SCHOOL_DEFAULT.intervals == tuple(
        (day * 1440 + 420, day * 1440 + 1080) for day in range(5)
    )
    assert PRESCHOOL_DEFAULT.intervals == tuple(
        (day * 1440 + 390, day * 1440 + 1110) for day in range(5)
    )


@pytest.mark.parametrize("value", [None, "", "   ", "\t"])
@pytest.mark.parametrize(
    "school_type, expected",
    [("grundskola", SCHOOL_DEFAULT), ("förskola", PRESCHOOL_DEFAULT), (None, SCHOOL_DEFAULT)],
)
def test_missing_school_hours_take_the_type_default_silently(value, school_type, expected):
    assert school_schedule(value, school_type, SCHOOL_DEFAULT, PRESCHOOL_DEFAULT) == (expected, "")


def test_school_defaults_are_parameters():
    custom = WeeklySchedule.parse("Mo-Fr 08:00-15:00")
    assert school_schedule(None, "skola", custom, PRESCHOOL_DEFAULT) == (custom, "")
    assert school_schedule(None, "förskola", SCHOOL_DEFAULT, custom) == (custom, "")


def test_given_school_hours_are_parsed():
    schedule, note = school_schedule(
        " Mo-Fr 08:00-16:00 ", "förskola", SCHOOL_DEFAULT, PRESCHOOL_DEFAULT
    )
    assert schedule.intervals == tuple((day * 1440 + 480, day * 1440 + 960) for day in range(5))
    assert note == ""


@pytest.mark.parametrize(
    "school_type, expected", [("grundskola", SCHOOL_DEFAULT), ("förskola", PRESCHOOL_DEFAULT)]
)
def test_unparsable_school_hours_fall_back_with_the_parser_message(school_type, expected):
    schedule, note = school_schedule(BAD_HOURS, school_type, SCHOOL_DEFAULT, PRESCHOOL_DEFAULT)
    assert schedule == expected
    assert parser_message(BAD_HOURS) in note
    assert BAD_HOURS in note
    assert expected.to_opening_hours() in note


@pytest.mark.parametrize("value", [None, "", "  "])
def test_missing_scene_hours_are_always_active_and_flagged(value):
    assert scene_schedule(value) == (
        WeeklySchedule.always(),
        "hours unknown: treated as always active",
    )


def test_unparsable_scene_hours_are_always_active_with_the_parser_message():
    schedule, note = scene_schedule(BAD_HOURS)
    assert schedule == WeeklySchedule.always()
    assert parser_message(BAD_HOURS) in note
    assert BAD_HOURS in note


def test_given_scene_hours_are_parsed_without_note():
    schedule, note = scene_schedule("22:00-03:00")
    assert schedule.minutes == 7 * 300
    assert note == ""


def test_dated_hours_are_read_as_the_week_of_the_given_day():
    # 29 June 2026 is a Monday; July begins on the Wednesday.
    schedule, note = scene_schedule("Mo-Fr 12:00-13:00; Jul off", (), date(2026, 6, 29))
    assert (schedule, note) == (WeeklySchedule.parse("Mo,Tu 12:00-13:00"), "")
    schedule, note = school_schedule(
        "2026 Jul 1-2026 Jul 3 off; Mo-Fr 08:00-16:00",
        "grundskola",
        SCHOOL_DEFAULT,
        PRESCHOOL_DEFAULT,
        (),
        date(2026, 7, 1),
    )
    # The later rule opens every weekday again.
    assert (schedule, note) == (WeeklySchedule.parse("Mo-Fr 08:00-16:00"), "")


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("må-fr 7-18", "Mo-Fr 07:00-18:00"),
        (" Mo-Fr 08:00-16:00; Jul off ", "Mo-Fr 08:00-16:00; Jul off"),
        ("Mo-Fr 08:00-16:00; PH off", "Mo-Fr 08:00-16:00; PH off"),
    ],
)
def test_canonical_hours_keep_calendar_hours_as_given(text, canonical):
    assert canonical_hours(text) == canonical


def test_unreadable_dated_hours_keep_the_full_parsers_message():
    _, note = scene_schedule("Mo-Fr 08:00-16:00; 21 Apr 10-16 off")
    assert "Years are written with four digits" in note
    assert "treated as always active" in note


# --- legal but unlikely hours: a note, the hours used as given ------------------------------


@pytest.mark.parametrize(
    "text, note",
    [
        ("Mo-Fr 07:30-16:30", ""),
        ("Må-Fr 7-17", ""),
        ("07:30-16:30", "no days given, so open every day, including weekends: check the hours"),
        ("Mo-Fr", "open around the clock: check the hours"),
        ("24/7", "open around the clock: check the hours"),
        ("Mo-Fr 00:00-24:00", "open around the clock: check the hours"),
        ("Mo-Fr 07:00-18:00; Sa 09:00-13:00", "open at weekends: check the hours"),
        ("Mo-Su 07:00-18:00", "open at weekends: check the hours"),
        # Friday evening into Saturday morning.
        ("Fr 20:00-02:00", "open at weekends: check the hours"),
        # Sunday night into Monday: 24 hours on end across the week's end.
        ("Su 12:00-24:00; Mo 00:00-12:00", "open around the clock: check the hours"),
        ("", ""),
        (
            "PH off; 07:30-16:30",
            "no days given, so open every day, including weekends: check the hours",
        ),
        (
            '07:30-16:30 "Mo-Fr"',
            "no days given, so open every day, including weekends: check the hours",
        ),
        ("07:30-16:30; Sa,Su off", ""),
    ],
)
def test_school_hours_that_are_legal_but_unlikely_get_a_note(text, note):
    schedule = WeeklySchedule.parse(text) if text else SCHOOL_DEFAULT
    assert school_hours_check(text, schedule) == note


@pytest.mark.parametrize(
    "text, note",
    [
        ("22:00-03:00", "no days given, so active every day: check the hours"),
        ("10:00-12:00,20:00-23:30", "no days given, so active every day: check the hours"),
        ("Fr,Sa 22:00-03:00", ""),
        ("24/7", ""),
        ("Mo-Fr", ""),
        ("off", ""),
        (None, ""),
        # Letters that name no weekday: still every day.
        ("PH off; 22:00-03:00", "no days given, so active every day: check the hours"),
        ('22:00-03:00 "Fr"', "no days given, so active every day: check the hours"),
        ("22:00-03:00 open", "no days given, so active every day: check the hours"),
        ("22:00-03:00; Sa,Su off", ""),
        ("lö,sö 22:00-03:00", ""),
    ],
)
def test_scene_hours_without_days_get_a_note(text, note):
    schedule = WeeklySchedule.parse(text) if text else None
    assert scene_hours_check(text, schedule) == note


def test_a_note_leaves_the_hours_as_given():
    # The check only reads: the schedule of "07:30-16:30" is every day's, as the syntax says.
    schedule, unreadable = school_schedule(
        "07:30-16:30", "grundskola", SCHOOL_DEFAULT, PRESCHOOL_DEFAULT
    )
    assert unreadable == ""
    assert schedule == WeeklySchedule.parse("Mo-Su 07:30-16:30")
