"""Weekly schedules as int4multirange text, both ways."""

from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.database.ranges import multirange_text, schedule_of


def test_a_schedule_becomes_the_multirange_postgresql_writes():
    schedule = WeeklySchedule.parse("Mo 08:00-10:00; Su 22:00-24:00")
    assert multirange_text(schedule) == "{[480,600),[9960,10080)}"
    assert multirange_text(WeeklySchedule.never()) == "{}"
    assert multirange_text(WeeklySchedule.always()) == "{[0,10080)}"


def test_a_multirange_read_back_is_the_same_schedule():
    for text in ("Mo-Fr 07:00-18:00", "Fr,Sa 22:00-03:00", "24/7", "off", "Su 23:00-01:00"):
        schedule = WeeklySchedule.parse(text)
        assert schedule_of(multirange_text(schedule)) == schedule
    assert schedule_of("{}") == WeeklySchedule.never()
