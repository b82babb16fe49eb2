"""Hand-computed cases of dated hours: PH, SH, PH with weekdays, comments, errors, API."""

from datetime import date, datetime

import pytest

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.holidays import easter_sunday, public_holidays
from drogscen_plugin.core.schedule import Schedule, WeeklySchedule

LOV = ((date(2026, 10, 26), date(2026, 10, 30)), (date(2026, 12, 21), date(2027, 1, 7)))


def days_open(text, first, last, school_holidays=()):
    """``{date: (opens, closes)}`` of each open interval in the dates first..last."""
    schedule = Schedule.parse(text, school_holidays)
    result = {}
    for opens, closes in schedule.open_intervals(
        datetime.combine(first, datetime.min.time()), datetime.combine(last, datetime.max.time())
    ):
        result[opens.date()] = (opens.strftime("%H:%M"), closes.strftime("%H:%M"))
    return result


@pytest.mark.parametrize(
    "year, sunday",
    [
        (1943, date(1943, 4, 25)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_sunday(year, sunday):
    assert easter_sunday(year) == sunday


def test_swedish_public_holidays_2026():
    assert sorted(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 1, 6),
        date(2026, 4, 3),
        date(2026, 4, 5),
        date(2026, 4, 6),  # Easter
        date(2026, 5, 1),
        date(2026, 5, 14),
        date(2026, 5, 24),  # Ascension, Whitsun
        date(2026, 6, 6),
        date(2026, 6, 19),
        date(2026, 6, 20),  # midsummer eve and day
        date(2026, 10, 31),  # All Saints' Day: the Saturday from 31 October
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 12, 31),
    ]


def test_public_holiday_with_weekdays_means_both():
    # 2026 PHs on a Wednesday or Friday: Good Friday, 1 May, midsummer eve, Christmas Day.
    assert days_open("PH We,Fr 10:00-12:00", date(2026, 1, 1), date(2026, 12, 31)) == {
        day: ("10:00", "12:00")
        for day in (date(2026, 4, 3), date(2026, 5, 1), date(2026, 6, 19), date(2026, 12, 25))
    }


def test_weekdays_then_public_holiday_also_means_both():
    assert days_open("Mo PH 10:00-12:00", date(2026, 1, 1), date(2026, 12, 31)) == {
        date(2026, 4, 6): ("10:00", "12:00")
    }  # Easter Monday


def test_public_holidays_close_a_week():
    # Week 14 of 2026: Good Friday 3 April, Easter Monday 6 April.
    assert days_open("Mo-Fr 08:00-16:00; PH off", date(2026, 3, 30), date(2026, 4, 6)) == {
        day: ("08:00", "16:00")
        for day in (date(2026, 3, 30), date(2026, 3, 31), date(2026, 4, 1), date(2026, 4, 2))
    }


def test_school_holidays_with_weekdays():
    opened = days_open("SH Mo-Fr 08:00-12:00", date(2026, 10, 1), date(2027, 1, 31), LOV)
    weekdays_of_lov = (
        [date(2026, 10, d) for d in range(26, 31)]
        + [date(2026, 12, d) for d in (21, 22, 23, 24, 25, 28, 29, 30, 31)]
        + [date(2027, 1, d) for d in (1, 4, 5, 6, 7)]
    )
    assert opened == {day: ("08:00", "12:00") for day in weekdays_of_lov}


def test_school_closed_in_school_holidays_and_on_public_holidays():
    opened = days_open("Mo-Fr 08:00-15:00; SH,PH off", date(2026, 12, 14), date(2027, 1, 12), LOV)
    assert sorted(opened) == [date(2026, 12, d) for d in (14, 15, 16, 17, 18)] + [
        date(2027, 1, d) for d in (8, 11, 12)
    ]


def test_no_school_calendar_means_no_school_holiday():
    assert days_open("Mo-Fr 08:00-15:00; SH off", date(2026, 10, 26), date(2026, 10, 30)) == {
        date(2026, 10, d): ("08:00", "15:00") for d in range(26, 31)
    }


def test_school_holidays_are_checked():
    with pytest.raises(ScheduleError, match="end before"):
        Schedule.parse("SH off", [(date(2026, 10, 30), date(2026, 10, 26))])
    with pytest.raises(ScheduleError, match="pairs of dates"):
        Schedule.parse("SH off", [("2026-10-26", "2026-10-30")])


def test_comments_are_kept_and_never_change_the_hours():
    schedule = Schedule.parse('Mo-Fr 08:00-12:00 "by appointment"; "closed in summer"')
    assert schedule.comments == ("by appointment", "closed in summer")
    week = (datetime(2026, 3, 2), datetime(2026, 3, 9))
    assert schedule.open_intervals(*week) == Schedule.parse("Mo-Fr 08:00-12:00").open_intervals(
        *week
    )
    assert Schedule.parse('Mo off "renovation"; Su 22:00-03:00').open_intervals(
        *week
    ) == Schedule.parse("Mo off; Su 22:00-03:00").open_intervals(*week)


def test_open_intervals_are_half_open_clipped_and_merged_over_midnight():
    schedule = Schedule.parse("Mo-Su 22:00-04:00")
    assert schedule.open_intervals(datetime(2026, 3, 2, 23), datetime(2026, 3, 3, 3)) == [
        (datetime(2026, 3, 2, 23), datetime(2026, 3, 3, 3))
    ]
    assert schedule.open_intervals(datetime(2026, 3, 2, 4), datetime(2026, 3, 2, 22)) == []
    assert Schedule.parse("24/7").open_intervals(datetime(2026, 3, 1), datetime(2026, 3, 4)) == [
        (datetime(2026, 3, 1), datetime(2026, 3, 4))
    ]


def test_a_dated_exception_no_longer_means_always_active():
    schedule = Schedule.parse("Mo-Fr 08:00-16:00; Jul off")
    assert schedule.week(date(2026, 7, 8)) == WeeklySchedule.never()
    # Monday 29 and Tuesday 30 June are open, 1-3 July closed.
    assert schedule.week(date(2026, 6, 29)) == WeeklySchedule.parse("Mo-Tu 08:00-16:00")
    assert schedule.week(date(2026, 9, 9)) == WeeklySchedule.parse("Mo-Fr 08:00-16:00")


def test_is_active_on_a_date():
    schedule = Schedule.parse("Mo-Fr 08:00-16:00; PH off")
    assert schedule.is_active(datetime(2026, 4, 2, 9))
    assert not schedule.is_active(datetime(2026, 4, 3, 9))  # Good Friday


def test_weekly_model_never_meets_a_holiday():
    assert WeeklySchedule.parse("PH We,Fr 10:00-12:00") == WeeklySchedule.never()
    assert WeeklySchedule.parse("PH,We 10:00-12:00") == WeeklySchedule.parse("We 10:00-12:00")


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("21 Apr 10-16 off", 1, "Years are written with four digits"),
        ("Mo-Fr 08:00-16:00; 202 Apr 10-16 off", 20, "Years are written with four digits"),
        ("2026-2024", 1, "runs forward"),
        ("2027 Feb 29", 1, "2027-02-29 does not exist"),
        ("Apr 31", 5, "Day 31 does not exist"),
        ("week 54", 6, "Week numbers are 1 to 53"),
        ("week 52-2", 6, "runs forward"),
        ("easter", 1, "Variable dates"),
        ("Mo-Fr Jan", 7, "Dates go before"),
        ("2026 Dec 24-2025 Jan 6", 1, "end before they begin"),
        ("Jan 3-Feb", 10, "a day of the month"),
        ("Mo[1]", 1, "Nth weekdays"),
        ("Mo Tu", 4, "'PH Mo-Fr'"),
    ],
)
def test_date_errors_say_what_and_where(text, column, words):
    with pytest.raises(ScheduleError) as raised:
        Schedule.parse(text)
    assert raised.value.column == column
    assert words in str(raised.value)


def test_weekly_model_refuses_dates_where_they_are():
    with pytest.raises(ScheduleError) as raised:
        WeeklySchedule.parse("Mo-Fr 08:00-16:00; 2026 Jul off")
    assert raised.value.column == 20
    assert "Calendar" in str(raised.value)
