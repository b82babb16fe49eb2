"""Period measures of a school and a scene, on hand-computed cases, and equal to the
weekly measures for one week without holidays."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schedule_reference import expression

from drogscen_plugin.core.errors import InputError
from drogscen_plugin.core.period import Period, dated_hours_text, period_measures
from drogscen_plugin.core.schedule import WEEKDAYS, Schedule, WeeklySchedule
from drogscen_plugin.core.school_calendar import (
    COMPULSORY,
    GYMNASIUM,
    CalendarSchedule,
    SchoolCalendar,
)
from drogscen_plugin.core.timing import time_measures

SCENE = Schedule.parse("Mo-Fr 14:00-16:00")
SCHOOL_HOURS = "Mo-Fr 08:00-15:00"
# Weeks 43 (a term week) and 44 (höstlov) of 2026.
TWO_WEEKS = Period(date(2026, 10, 19), date(2026, 11, 1))


def school(kind):
    return CalendarSchedule(kind, SCHOOL_HOURS, SchoolCalendar.example_2026_27())


def october(*days):
    return [date(2026, 10, day) for day in days]


def test_a_term_week_and_a_lov_week_for_an_upper_secondary_school():
    measures = period_measures(school(GYMNASIUM), SCENE, TWO_WEEKS)
    # Week 43: 14-15 concurrent, 15-16 after hours, five days; week 44 closed: 14-16.
    assert measures.period_scene_min == 10 * 120
    assert measures.period_concurrent_min == 5 * 60
    assert measures.period_afterhours_min == 5 * 60 + 5 * 120
    assert measures.conflict_dates == october(19, 20, 21, 22, 23)
    # Every opening of week 43 follows the activity of the afternoon before it.
    assert measures.round_count == 5 and measures.round_dates == october(19, 20, 21, 22, 23)
    assert measures.round_before == "08:00"
    assert (measures.concurrent_min, measures.afterhours_min) == (150, 450)


def test_a_lov_week_with_fritidshem_for_a_compulsory_school():
    measures = period_measures(school(COMPULSORY), SCENE, TWO_WEEKS)
    # Week 44: fritidshem 07-18 is open through the scene's 14-16.
    assert measures.period_concurrent_min == 5 * 60 + 5 * 120
    assert measures.period_afterhours_min == 5 * 60
    assert measures.conflict_dates == october(19, 20, 21, 22, 23, 26, 27, 28, 29, 30)
    # Monday 26 follows Friday's 15-16; the other lov days close at 18, after the scene.
    assert measures.round_dates == october(19, 20, 21, 22, 23, 26)
    assert measures.round_before == "07:00"


def test_a_scene_closed_mid_period():
    measures = period_measures(school(GYMNASIUM), SCENE, TWO_WEEKS, scene_to=date(2026, 10, 21))
    assert measures.period_concurrent_min == 3 * 60
    assert measures.period_afterhours_min == 3 * 60
    assert measures.conflict_dates == october(19, 20, 21)
    # Thursday 22 still follows Wednesday afternoon's activity; Friday 23 does not.
    assert measures.round_dates == october(19, 20, 21, 22)


def test_a_scene_opened_mid_period_needs_no_round_before_it_existed():
    measures = period_measures(school(GYMNASIUM), SCENE, TWO_WEEKS, scene_from=date(2026, 10, 21))
    assert measures.period_concurrent_min == 3 * 60
    assert measures.round_dates == october(22, 23)


def test_a_scene_outside_the_period_is_left_out():
    assert period_measures(school(GYMNASIUM), SCENE, TWO_WEEKS, scene_to=date(2026, 10, 18)) is None
    assert (
        period_measures(school(GYMNASIUM), SCENE, TWO_WEEKS, scene_from=date(2026, 11, 2)) is None
    )


def test_a_public_holiday_on_a_weekday():
    # Week 20 of 2026: Ascension Day, Thursday 14 May.
    own = Schedule.parse("Mo-Fr 08:00-15:00; PH off")
    measures = period_measures(own, SCENE, Period(date(2026, 5, 11), date(2026, 5, 17)))
    assert measures.period_concurrent_min == 4 * 60
    assert measures.period_afterhours_min == 4 * 60 + 120
    assert measures.conflict_dates == [date(2026, 5, day) for day in (11, 12, 13, 15)]
    assert measures.round_count == 4  # Friday 15 follows Wednesday and Thursday


def test_a_scene_only_in_july_meets_no_open_school():
    summer_scene = Schedule.parse("Jul 18:00-23:00")
    measures = period_measures(
        school(COMPULSORY), summer_scene, Period(date(2026, 6, 1), date(2026, 8, 31))
    )
    assert measures.period_scene_min == 31 * 5 * 60
    assert measures.period_concurrent_min == 0 and measures.conflict_dates == []
    # The yard is checked once, before the autumn term opens after the summer.
    assert measures.round_dates == [date(2026, 8, 17)] and measures.round_count == 1


def test_the_period_is_checked_and_defaults_to_the_current_week():
    assert Period.week_of(date(2026, 10, 21)) == Period(date(2026, 10, 19), date(2026, 10, 25))
    with pytest.raises(InputError, match="ends"):
        Period(date(2026, 10, 21), date(2026, 10, 20))
    with pytest.raises(InputError, match="PERIOD_END: '2026-13-01' is not a date"):
        Period.parse("2026-10-19", "2026-13-01")
    assert Period.parse("2026-10-19", " 2026-11-01").days == 14


# A week without public holidays, with an ordinary week before it.
WEEK = Period(date(2026, 3, 2), date(2026, 3, 8))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expression(), expression())
def test_one_week_equals_the_weekly_measures(school_text, scene_text):
    weekly = time_measures(WeeklySchedule.parse(school_text), WeeklySchedule.parse(scene_text))
    measures = period_measures(Schedule.parse(school_text), Schedule.parse(scene_text), WEEK)
    assert measures.scene_min == weekly.scene_min
    assert measures.concurrent_min == weekly.concurrent_min
    assert measures.afterhours_min == weekly.afterhours_min
    days = ",".join(WEEKDAYS[day.weekday()] for day in measures.round_dates) or None
    assert (days, measures.round_before) == (weekly.round_days, weekly.round_before)


def test_presence_as_dated_hours_text():
    measures = period_measures(
        school(GYMNASIUM),
        Schedule.parse("Mo-Fr 14:00-16:00"),
        Period(date(2026, 8, 17), date(2026, 12, 20)),
    )
    text = dated_hours_text(measures.presence)
    assert text == "2026 Aug 17-2026 Oct 23,2026 Nov 2-2026 Dec 18 Mo-Fr 14:00-15:00"
    assert (
        Schedule.parse(text).open_intervals(datetime(2026, 8, 1), datetime(2027, 1, 1))
        == measures.presence
    )


minute_offsets = st.lists(st.integers(0, 21 * 1440), min_size=0, max_size=30, unique=True)


@settings(max_examples=200, deadline=None)
@given(minute_offsets)
def test_dated_hours_text_parses_back_to_the_same_intervals(offsets):
    base = datetime(2026, 12, 20)
    points = sorted(offsets)
    intervals = [
        (base + timedelta(minutes=start), base + timedelta(minutes=end))
        for start, end in zip(points[::2], points[1::2])
    ]
    text = dated_hours_text(intervals)
    assert (
        Schedule.parse(text).open_intervals(base - timedelta(days=2), base + timedelta(days=25))
        == intervals
    ), text
