"""Week steps: one character per 15 minutes, checked against hours worked out by hand."""

from datetime import datetime

from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.core.week_steps import STEPS, step_of, week_steps

MONDAY = 0
DAY = 96  # steps


def test_step_of_counts_quarters_from_monday_midnight():
    assert step_of(datetime(2024, 3, 4, 0, 0)) == 0  # a Monday
    assert step_of(datetime(2024, 3, 4, 0, 14)) == 0
    assert step_of(datetime(2024, 3, 4, 7, 15)) == 29
    assert step_of(datetime(2024, 3, 10, 23, 59)) == STEPS - 1  # Sunday night


def test_school_day_hours():
    steps = week_steps(WeeklySchedule.parse("Mo-Fr 07:00-18:00"))
    assert len(steps) == STEPS == 672
    assert steps.count("1") == 5 * 11 * 4
    monday = steps[:DAY]
    assert monday[27] == "0" and monday[28] == "1"  # 06:45, 07:00
    assert monday[71] == "1" and monday[72] == "0"  # 17:45, 18:00
    assert set(steps[5 * DAY :]) == {"0"}  # the weekend


def test_night_hours_run_into_the_next_day_and_round_the_week():
    steps = week_steps(WeeklySchedule.parse("Su 22:00-03:00"))
    assert steps.count("1") == 5 * 4
    assert steps[-8:] == "1" * 8  # Sunday 22:00-24:00
    assert steps[:12] == "1" * 12 and steps[12] == "0"  # Monday 00:00-03:00


def test_always_and_never():
    assert week_steps(WeeklySchedule.always()) == "1" * STEPS
    assert week_steps(WeeklySchedule.never()) == "0" * STEPS
