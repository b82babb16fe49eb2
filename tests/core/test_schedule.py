"""Unit tests of the weekly schedule parser and algebra (no QGIS)."""

import pathlib
import subprocess
import sys
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.schedule import MINUTES_PER_DAY, MINUTES_PER_WEEK, WeeklySchedule

DAY = MINUTES_PER_DAY
MO, TU, WE, TH, FR, SA, SU = (day * DAY for day in range(7))


def hm(hours, minutes=0):
    return hours * 60 + minutes


def intervals(text):
    return WeeklySchedule.parse(text).intervals


def test_weekday_range_with_one_span():
    assert intervals("Mo-Fr 08:00-17:00") == tuple(
        (day + hm(8), day + hm(17)) for day in (MO, TU, WE, TH, FR)
    )


def test_wrapping_weekday_range_and_lists():
    assert intervals("Fr-Mo 10:00-11:00") == intervals("Mo,Fr,Sa,Su 10:00-11:00")
    assert intervals("Mo,We,Fr 10:00-11:00") == (
        (MO + hm(10), MO + hm(11)),
        (WE + hm(10), WE + hm(11)),
        (FR + hm(10), FR + hm(11)),
    )


def test_no_selector_means_every_day():
    assert WeeklySchedule.parse("10:00-12:00").minutes == 7 * 120


def test_several_spans_per_rule():
    assert intervals("Tu 08:00-12:00,13:00-17:00") == (
        (TU + hm(8), TU + hm(12)),
        (TU + hm(13), TU + hm(17)),
    )


def test_span_past_midnight_belongs_to_its_start_day():
    assert intervals("Fr 22:00-03:00") == ((FR + hm(22), SA + hm(3)),)


def test_sunday_night_runs_into_monday():
    assert intervals("Su 23:00-02:00") == ((MO, MO + hm(2)), (SU + hm(23), MINUTES_PER_WEEK))


def test_extended_times_and_midnight():
    assert intervals("Sa 22:00-26:00") == intervals("Sa 22:00-02:00")
    assert intervals("Mo 20:00-24:00") == ((MO + hm(20), TU),)


def test_always_and_never():
    assert WeeklySchedule.parse("24/7") == WeeklySchedule.always()
    assert WeeklySchedule.parse("off") == WeeklySchedule.never()
    assert WeeklySchedule.parse("closed") == WeeklySchedule.never()
    assert WeeklySchedule.always().minutes == MINUTES_PER_WEEK


def test_later_rule_replaces_earlier_on_its_days():
    assert intervals("Mo-Fr 08:00-17:00; We 10:00-12:00") == intervals(
        "Mo,Tu,Th,Fr 08:00-17:00, We 10:00-12:00"
    )


def test_off_rule_removes_its_days():
    assert intervals("Mo-Fr 08:00-17:00; We off") == intervals("Mo,Tu,Th,Fr 08:00-17:00")


def test_additional_rule_adds():
    assert intervals("Mo 08:00-10:00, Mo 12:00-14:00") == (
        (MO + hm(8), MO + hm(10)),
        (MO + hm(12), MO + hm(14)),
    )


def test_holidays_are_ignored_in_the_weekly_model():
    assert intervals("Mo-Fr 08:00-17:00; PH off") == intervals("Mo-Fr 08:00-17:00")
    assert intervals("Mo-Fr 08:00-17:00; SH off") == intervals("Mo-Fr 08:00-17:00")


@pytest.mark.parametrize(
    "swedish, canonical",
    [
        ("Må-Fr 22-03", "Mo-Fr 22:00-03:00"),
        ("mån-fre 08:00-17:00", "Mo-Fr 08:00-17:00"),
        ("TIS,TOR 8-17", "Tu,Th 08:00-17:00"),
        ("Ons 10-12", "We 10:00-12:00"),
        ("lö,sö 21-03", "Sa-Su 21:00-03:00"),
        ("Lör-Sön 21.00–03.00", "Sa-Su 21:00-03:00"),
        ("to 14-16", "Th 14:00-16:00"),
    ],
)
def test_swedish_conveniences_are_normalized(swedish, canonical):
    assert WeeklySchedule.parse(swedish).to_opening_hours() == canonical


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("Mo 25:00-26:00", 4, "start time"),
        ("Mo 10:60-11:00", 4, "minutes"),
        ("Mo 10:00", 9, "end time"),
        ("Xy 10:00-11:00", 1, "'Xy'"),
        ("Mo 10:00-11:00;", 16, "rule"),
        ("Jan Mo 10:00-11:00", 1, "Calendar"),
        ("Mo 10:00-11:00 unknown", 16, "unknown"),
        ("Mo 10:00-49:00", 10, "48:00"),
        ("Mo 10:00-11:00 @", 16, "'@'"),
        ("", 1, "empty"),
    ],
)
def test_errors_say_what_and_where(text, column, words):
    with pytest.raises(ScheduleError) as raised:
        WeeklySchedule.parse(text)
    assert raised.value.column == column
    assert words in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_non_text_is_a_schedule_error():
    with pytest.raises(ScheduleError):
        WeeklySchedule.parse(None)


def test_algebra():
    school = WeeklySchedule.parse("Mo-Fr 07:00-18:00")
    scene = WeeklySchedule.parse("Mo-Su 16:00-02:00")
    together = school & scene
    assert together == WeeklySchedule.parse("Mo-Fr 16:00-18:00")
    assert (scene - school).minutes == scene.minutes - together.minutes
    assert (school | scene).minutes == school.minutes + scene.minutes - together.minutes
    assert (~school).minutes == MINUTES_PER_WEEK - school.minutes
    assert ~~school == school
    assert scene & ~school == scene - school


def test_is_active_uses_weekday_and_wall_clock():
    night = WeeklySchedule.parse("Fr 22:00-03:00")
    assert night.is_active(datetime(2025, 2, 14, 23, 30))  # a Friday
    assert night.is_active(datetime(2025, 2, 15, 2, 59))  # Saturday morning
    assert not night.is_active(datetime(2025, 2, 15, 3, 0))  # end is exclusive
    assert not night.is_active(datetime(2025, 2, 14, 21, 59))


def test_openings_are_cyclic():
    assert WeeklySchedule.parse("Mo-Fr 07:00-18:00").openings() == tuple(
        day + hm(7) for day in (MO, TU, WE, TH, FR)
    )
    assert WeeklySchedule.parse("Su 22:00-03:00").openings() == (SU + hm(22),)
    assert WeeklySchedule.always().openings() == ()


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("Mo-Su 22:00-04:00", "Mo-Su 22:00-04:00"),
        ("Mo,Tu,We,Th,Fr 08:00-17:00", "Mo-Fr 08:00-17:00"),
        ("Mo 22:00-03:00, Tu 10:00-12:00", "Mo 22:00-03:00, Tu 10:00-12:00"),
        ("Mo 10:00-12:00; Tu 10:00-12:00", "Mo-Tu 10:00-12:00"),
        ("Mo-Su 00:00-24:00", "24/7"),
        ("Mo off", "off"),
    ],
)
def test_canonical_text(text, canonical):
    assert WeeklySchedule.parse(text).to_opening_hours() == canonical


def test_from_intervals_merges_and_clips():
    schedule = WeeklySchedule.from_intervals([(10, 20), (15, 30), (-5, 3), (10000, 20000)])
    assert schedule.intervals == ((0, 3), (10, 30), (10000, MINUTES_PER_WEEK))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_gives_a_schedule_or_a_schedule_error(text):
    try:
        schedule = WeeklySchedule.parse(text)
    except ScheduleError:
        return
    assert all(0 <= start < end <= MINUTES_PER_WEEK for start, end in schedule.intervals)


def test_core_does_not_import_qgis():
    code = (
        "import sys, pkgutil, importlib, drogscen_plugin.core as core\n"
        "for info in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('drogscen_plugin.core.' + info.name)\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('qgis', 'PyQt5')))"
    )
    root = pathlib.Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
