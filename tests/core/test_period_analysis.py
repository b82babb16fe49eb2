"""The analysis over a period: hand-computed cases on the calendar."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from shapely.geometry import Point, box
from test_schedule_reference import expression

from drogscen_plugin.core.overlap import analyse
from drogscen_plugin.core.period import Period
from drogscen_plugin.core.period_times import TimeSettings, dates_text
from drogscen_plugin.core.records import SceneRecord, SchoolRecord
from drogscen_plugin.core.schedule import Schedule, ScheduleError, WeeklySchedule
from drogscen_plugin.core.school_calendar import SchoolCalendar, parse_date_ranges
from drogscen_plugin.core.timing import time_measures

DEFAULT = "Mo-Fr 07:00-18:00"


def school(school_type="grundskola", own=""):
    """A school; without ``own`` hours it follows the calendar's defaults."""
    return SchoolRecord(
        1, "skolan", school_type, Point(0, 0), WeeklySchedule.parse(own or DEFAULT), hours_text=own
    )


def scene(hours, first_day=None, last_day=None, fid=1):
    """A scene; dated hours only through the text, as the reader gives them."""
    try:
        weekly = WeeklySchedule.parse(hours)
    except ScheduleError:
        weekly = WeeklySchedule.always()
    return SceneRecord(
        fid,
        "platsen",
        box(-50, -50, 50, 50),
        weekly,
        hours_text=hours,
        first_day=first_day,
        last_day=last_day,
    )


def run(schools, scenes, start, end, holidays="", terms=""):
    times = TimeSettings(Period(start, end), SchoolCalendar.parse(terms, holidays))
    return analyse(schools, scenes, 100, times=times)


def only(analysis):
    (pair,) = analysis.pairs
    (summary,) = analysis.summaries
    return pair, summary


# Weeks 43 and 44 of 2026, week 44 a lov (no public holiday in either).
LOV = dict(start=date(2026, 10, 19), end=date(2026, 11, 1), holidays="2026-10-26/2026-10-30")
LUNCH_AND_SATURDAY = "Mo-Fr 12:00-13:00; Sa 22:00-23:00"


def test_a_gymnasium_is_closed_in_the_lov_week():
    pair, summary = only(run([school("gymnasium")], [scene(LUNCH_AND_SATURDAY)], **LOV))
    # Week 43: 5 lunches while open; Saturdays (2 × 60) and the lov's 5 lunches while closed.
    assert (pair.period_concurrent_min, pair.period_afterhours_min) == (300, 420)
    # Per 7 days of the 14.
    assert (pair.scene_min, pair.concurrent_min, pair.afterhours_min) == (360, 150, 210)
    assert pair.conflict == "concurrent"
    assert pair.conflict_dates == "2026-10-19/2026-10-23"
    # Saturday 17 October (in the look-back week) before Monday 19; the next
    # opening after the lov's activity is 2 November, after the period.
    assert (pair.round_count, pair.round_days, pair.round_before) == (1, "2026-10-19", "07:00")
    assert pair.presence_hours == "2026 Oct 19-2026 Oct 23 Mo-Fr 12:00-13:00"
    assert Schedule.parse(pair.guard_hours).open_intervals(
        Period(LOV["start"], LOV["end"]).first_moment, Period(LOV["start"], LOV["end"]).end_moment
    ) == Schedule.parse(
        "2026 Oct 24,2026 Oct 31 Sa 22:00-23:00, 2026 Oct 26-2026 Oct 30 Mo-Fr 12:00-13:00"
    ).open_intervals(
        Period(LOV["start"], LOV["end"]).first_moment, Period(LOV["start"], LOV["end"]).end_moment
    )
    assert (summary.period_concurrent_min, summary.round_count) == (300, 1)


def test_a_compulsory_school_has_its_fritidshem_open_in_the_lov_week():
    pair, _ = only(run([school("grundskola")], [scene(LUNCH_AND_SATURDAY)], **LOV))
    assert (pair.period_concurrent_min, pair.period_afterhours_min) == (600, 120)
    assert pair.conflict_dates == "2026-10-19/2026-10-23, 2026-10-26/2026-10-30"


def test_sh_in_a_scene_means_the_calendars_school_holidays():
    pair, _ = only(run([school("gymnasium")], [scene("SH Mo-Fr 10:00-12:00")], **LOV))
    assert (pair.period_concurrent_min, pair.period_afterhours_min) == (0, 600)
    assert pair.conflict == "after_hours"


def test_a_scene_closed_mid_period_counts_until_it_closes():
    scenes = [
        scene("24/7", last_day=date(2026, 3, 8)),
        scene("24/7", first_day=date(2026, 3, 16), fid=2),
    ]
    analysis = run([school(own="Mo-Fr 08:00-16:00")], scenes, date(2026, 3, 2), date(2026, 3, 15))
    pair, summary = only(analysis)
    assert analysis.scenes_outside == [2]
    assert (pair.period_concurrent_min, pair.period_afterhours_min) == (2400, 7 * 1440 - 2400)
    assert (pair.scene_min, pair.concurrent_min) == (7 * 1440 // 2, 1200)
    assert pair.conflict_dates == "2026-03-02/2026-03-06"
    # Each opening of the first week follows activity; so does Monday 9 March,
    # after the weekend the scene last existed.
    assert (pair.round_count, pair.round_days) == (6, "2026-03-02/2026-03-06, 2026-03-09")
    assert summary.scene_count == 1


def test_a_public_holiday_on_a_weekday_closes_the_school():
    # Friday 1 May 2026 (första maj) in an otherwise ordinary week.
    week = (date(2026, 4, 27), date(2026, 5, 3))
    for record in (school("grundskola"), school(own="Mo-Fr 07:00-18:00; PH off")):
        pair, _ = only(run([record], [scene("Mo-Fr 12:00-13:00")], *week))
        assert (pair.period_concurrent_min, pair.period_afterhours_min) == (240, 60)
        # A Monday-to-Sunday week is written as weekly hours.
        assert (pair.presence_hours, pair.guard_hours) == ("Mo-Th 12:00-13:00", "Fr 12:00-13:00")


def test_a_scene_active_only_in_july_meets_no_open_school():
    example = SchoolCalendar.example_2026_27()
    terms = ", ".join("{}/{}".format(a, b) for a, b in example.terms)
    holidays = ", ".join("{}/{}".format(a, b) for a, b in example.school_holidays)
    for kind in ("grundskola", "gymnasium"):
        pair, _ = only(
            run(
                [school(kind)],
                [scene("Jul 10:00-14:00")],
                date(2026, 6, 15),
                date(2026, 8, 30),
                holidays,
                terms,
            )
        )
        assert (pair.period_concurrent_min, pair.period_afterhours_min) == (0, 31 * 240)
        assert (pair.conflict, pair.conflict_dates) == ("after_hours", "")
        # The yard is checked once, when the term starts after the summer's activity.
        assert (pair.round_count, pair.round_days) == (1, "2026-08-17")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expression(), expression())
def test_a_one_week_period_equals_the_weekly_results(school_text, scene_text):
    # 2 to 8 March 2026: no public holiday, and none in the week before.
    pair, _ = only(
        run([school(own=school_text)], [scene(scene_text)], date(2026, 3, 2), date(2026, 3, 8))
    )
    weekly = time_measures(WeeklySchedule.parse(school_text), WeeklySchedule.parse(scene_text))
    assert tuple(pair.__dict__[name] for name in weekly._fields) == tuple(weekly)
    assert (pair.period_concurrent_min, pair.period_afterhours_min) == (
        weekly.concurrent_min,
        weekly.afterhours_min,
    )


@pytest.mark.parametrize(
    "days, text",
    [
        ([], ""),
        ([date(2026, 1, 1)], "2026-01-01"),
        (
            [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 5)],
            "2026-01-01/2026-01-02, 2026-01-05",
        ),
    ],
)
def test_dates_text_is_the_school_holidays_syntax(days, text):
    assert dates_text(days) == text
    assert [
        date.fromordinal(ordinal)
        for first, last in parse_date_ranges(text, "x")
        for ordinal in range(first.toordinal(), last.toordinal() + 1)
    ] == days


def test_every_summary_row_names_the_period_and_the_calendar():
    terms, holidays = "2026-08-17/2026-12-18", "2026-10-26/2026-10-30;2026-11-13"
    far = SchoolRecord(2, "långt bort", "förskola", Point(5000, 0), WeeklySchedule.parse(DEFAULT))
    analysis = run(
        [school(), far],
        [scene("Mo 12:00-13:00")],
        date(2026, 8, 17),
        date(2026, 12, 18),
        holidays,
        terms,
    )
    # One row with a scene nearby, one without: both carry the run's settings.
    assert [s.scene_count for s in analysis.summaries] == [1, 0]
    for summary in analysis.summaries:
        assert (summary.period_start, summary.period_end) == (date(2026, 8, 17), date(2026, 12, 18))
        assert summary.school_terms == "2026-08-17/2026-12-18"
        # Normalised: the ranges parse back to the calendar given.
        assert summary.school_holidays == "2026-10-26/2026-10-30, 2026-11-13"
        assert SchoolCalendar.parse(
            summary.school_terms, summary.school_holidays
        ) == SchoolCalendar.parse(terms, holidays)


def test_without_a_calendar_the_calendar_fields_are_empty():
    _, summary = only(
        run([school()], [scene("Mo 12:00-13:00")], date(2026, 3, 2), date(2026, 3, 8))
    )
    assert (summary.school_terms, summary.school_holidays) == ("", "")
