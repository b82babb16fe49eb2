"""Coverage of a school's needs by safety measures, in minutes of the week."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drogscen_plugin.core.coverage import (
    Needs,
    coverage,
    needs_of,
    read_measure,
    suggest_measures,
)
from drogscen_plugin.core.errors import InputError, ScheduleError
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.core.timing import time_measures
from drogscen_plugin.definitions.measures import measure_codes, measure_type_labels, status_labels

TODAY = datetime.date(2026, 11, 26)
NEVER = WeeklySchedule.never()


def hours(text):
    return WeeklySchedule.parse(text)


def measure(kind, text, status="done", fid=1, **dates):
    return read_measure(fid, kind, text, status, **dates)


def guard_needs(text):
    return Needs(presence=NEVER, guard=hours(text))


def presence_needs(text):
    return Needs(presence=hours(text), guard=NEVER)


def covered(needs, *measures, include_planned=False):
    return coverage(needs, measures, include_planned=include_planned, on=TODAY)


# --- the hand-computed cases --------------------------------------------------


def test_a_camera_all_night_covers_weeknight_guard_hours():
    result = covered(guard_needs("Mo-Fr 22:00-03:00"), measure("camera", "Mo-Su 18:00-07:00"))
    assert result.needed_min == 5 * 5 * 60
    assert result.uncovered_min == 0
    assert result.uncovered_hours == "off"


def test_an_hour_of_adult_presence_leaves_two_hours_a_day_uncovered():
    result = covered(presence_needs("Mo-Fr 11:00-14:00"), measure("presence", "Mo-Fr 12:00-13:00"))
    assert result.needed_min == 5 * 3 * 60
    assert result.uncovered_min == 600
    assert result.uncovered_hours == "Mo-Fr 11:00-12:00,13:00-14:00"
    assert result.presence_uncovered_min == 600
    assert result.guard_needed_min == result.guard_uncovered_min == 0


def test_a_yard_round_only_on_monday_to_wednesday_leaves_thursday_and_friday():
    needs = needs_of(hours("Mo-Fr 07:00-18:00"), [hours("Mo-Su 22:00-03:00")])
    assert needs.round_days == "Mo,Tu,We,Th,Fr"
    result = covered(needs, measure("round", "Mo-We 06:00-06:30"))
    assert result.round_days == "Mo,Tu,We,Th,Fr"
    assert result.round_days_missing == "Th,Fr"


# --- presence and guard hours ----------------------------------------------------------


def test_guard_hours_are_covered_by_cameras_sensors_and_guards_together():
    needs = guard_needs("Mo-Fr 18:00-07:00")
    result = covered(
        needs,
        measure("camera", "Mo-Fr 18:00-22:00"),
        measure("sensor", "Mo-Fr 22:00-02:00"),
        measure("guard", "Tu-Sa 02:00-07:00"),  # the mornings after
    )
    assert result.uncovered_min == 0
    assert result.measure_count == 3


def test_only_the_kinds_that_cover_a_need_count_for_it():
    needs = Needs(presence=hours("Mo 10:00-11:00"), guard=hours("Mo 20:00-21:00"))
    result = covered(
        needs,
        measure("camera", "24/7"),  # guards, not presence
        measure("lighting", "24/7"),
        measure("fencing", None),
        measure("presence", "Mo 20:00-21:00"),  # presence, not guard
    )
    assert result.presence_uncovered_hours == "Mo 10:00-11:00"
    assert result.guard_uncovered_min == 0
    assert result.uncovered_hours == "Mo 10:00-11:00"
    assert result.uncovered_min == 60
    assert result.needed_min == 120


def test_night_hours_wrap_from_sunday_into_monday():
    needs = guard_needs("Su 22:00-03:00")
    assert needs.guard.minutes == 300
    result = covered(needs, measure("camera", "Su 22:00-24:00"))
    assert result.uncovered_min == 180
    assert result.uncovered_hours == "Mo 00:00-03:00"
    assert covered(needs, measure("guard", "Su-Mo 22:00-03:00")).uncovered_min == 0


def test_cameras_and_sensors_without_hours_are_always_on():
    needs = guard_needs("Mo-Su 20:00-06:00")
    for kind in ("camera", "sensor"):
        camera = measure(kind, None)
        assert camera.schedule == WeeklySchedule.always() and camera.hours_given
        assert covered(needs, camera).uncovered_min == 0


@pytest.mark.parametrize("kind", ["guard", "presence", "round"])
def test_staffed_measures_without_hours_cover_nothing(kind):
    staffed = measure(kind, "  ")
    assert staffed.schedule == NEVER
    assert not staffed.hours_given
    needs = needs_of(hours("Mo-Fr 08:00-16:00"), [hours("24/7")])
    result = covered(needs, staffed)
    assert result.uncovered_min == result.needed_min > 0
    assert result.round_days_missing == "Mo,Tu,We,Th,Fr"


# --- yard rounds ------------------------------------------------------------------------


def test_a_round_counts_on_the_day_of_the_opening_while_the_school_is_closed():
    needs = needs_of(hours("Mo-Fr 07:00-18:00"), [hours("Mo-Su 22:00-03:00")])
    assert covered(needs, measure("round", "Mo-Fr 06:59-07:00")).round_days_missing is None
    assert covered(needs, measure("round", "Mo-Fr 00:00-00:15")).round_days_missing is None
    # At the opening or after it is too late; the evening before is too early.
    assert covered(needs, measure("round", "Mo-Fr 07:00-08:00")).round_days_missing == (
        "Mo,Tu,We,Th,Fr"
    )
    assert covered(needs, measure("round", "Mo-Su 19:00-23:59")).round_days_missing == (
        "Mo,Tu,We,Th,Fr"
    )
    # Sunday evening's round does not cover Monday; Monday night's covers Tuesday.
    assert covered(needs, measure("round", "Su-Th 23:00-24:00")).round_days_missing == (
        "Mo,Tu,We,Th,Fr"
    )


def test_a_round_before_an_afternoon_opening_must_follow_the_lunch_closing():
    # Closed for lunch; the scene is active at noon only.
    needs = needs_of(hours("Mo 08:00-12:00,13:00-17:00"), [hours("Mo 12:00-12:30")])
    assert [need.opening for need in needs.rounds] == [13 * 60]
    assert needs.round_days == "Mo"
    assert covered(needs, measure("round", "Mo 06:00-07:00")).round_days_missing == "Mo"
    assert covered(needs, measure("round", "Mo 12:45-13:00")).round_days_missing is None


def test_an_opening_at_midnight_takes_its_round_the_evening_before():
    needs = needs_of(hours("Mo 00:00-12:00"), [hours("Su 20:00-22:00")])
    assert needs.round_days == "Mo"
    assert covered(needs, measure("round", "Su 23:30-24:00")).round_days_missing is None
    assert covered(needs, measure("round", "Mo 00:00-00:30")).round_days_missing == "Mo"
    assert needs.hours_for("round") == "Su 23:30-24:00"


def test_no_rounds_needed_means_none_missing():
    needs = needs_of(hours("Mo-Fr 08:00-16:00"), [hours("Mo-Fr 10:00-11:00")])
    assert needs.rounds == ()
    result = covered(needs)
    assert result.round_days is None and result.round_days_missing is None
    assert result.uncovered_hours == "Mo-Fr 10:00-11:00"


# --- status and dates ---------------------------------------------------------------------


def test_planned_measures_count_only_when_asked():
    needs = guard_needs("Mo 22:00-23:00")
    planned = measure("camera", "24/7", status="planned")
    assert covered(needs, planned).uncovered_min == 60
    assert covered(needs, planned).measure_count == 0
    assert covered(needs, planned, include_planned=True).uncovered_min == 0


@pytest.mark.parametrize("status", ["ongoing", "done", "Done ", "ONGOING"])
def test_ongoing_and_done_measures_count(status):
    assert (
        covered(
            guard_needs("Mo 22:00-23:00"), measure("guard", "Mo 22:00-23:00", status)
        ).uncovered_min
        == 0
    )


@pytest.mark.parametrize("status", [None, "", " "])
def test_a_measure_without_status_is_planned(status):
    assert measure("camera", "24/7", status).status == "planned"


def test_ended_and_not_yet_started_measures_are_not_in_force():
    needs = guard_needs("Mo 22:00-23:00")
    day = datetime.timedelta(days=1)
    cases = [
        ({"end_date": TODAY - day}, 60),
        ({"end_date": TODAY}, 0),
        ({"start_date": TODAY + day}, 60),
        ({"start_date": TODAY}, 0),
        ({"start_date": TODAY - day, "end_date": TODAY + day}, 0),
    ]
    for dates, uncovered in cases:
        assert covered(needs, measure("camera", None, **dates)).uncovered_min == uncovered, dates
        # Including plans does not bring back an ended or future measure.
        planned = measure("camera", None, status="planned", **dates)
        assert covered(needs, planned, include_planned=True).uncovered_min == uncovered, dates


# --- reading measures -----------------------------------------------------------------------


def test_measure_types_and_statuses_have_labels():
    assert tuple(measure_type_labels()) == measure_codes()
    assert all(measure_type_labels().values())
    assert tuple(status_labels()) == ("planned", "ongoing", "done")


@pytest.mark.parametrize("value", ["cctv", "", None])
def test_an_unknown_measure_type_is_refused_naming_the_feature_and_field(value):
    with pytest.raises(InputError) as refused:
        read_measure(7, value, "24/7", "done")
    assert "7" in str(refused.value) and "measure_type" in str(refused.value)


def test_an_unknown_status_is_refused_naming_the_feature_and_field():
    with pytest.raises(InputError) as refused:
        read_measure(8, "camera", "24/7", "maybe")
    assert "8" in str(refused.value) and "'status'" in str(refused.value)
    assert "maybe" in str(refused.value)


def test_unreadable_hours_are_refused_with_the_parsers_message():
    with pytest.raises(ScheduleError) as parser:
        WeeklySchedule.parse("Mo-Fx 22:00")
    with pytest.raises(InputError) as refused:
        read_measure(9, "guard", "Mo-Fx 22:00", "done")
    assert "9" in str(refused.value) and "'hours'" in str(refused.value)
    assert str(parser.value) in str(refused.value)


def test_an_end_before_the_start_is_refused():
    with pytest.raises(InputError) as refused:
        read_measure(
            3,
            "guard",
            "24/7",
            "done",
            start_date=TODAY,
            end_date=TODAY - datetime.timedelta(days=1),
        )
    assert "3" in str(refused.value)


def test_types_are_read_in_any_case_and_swedish_hours_are_understood():
    read = read_measure(1, " Camera ", "må-fr 22-03", "done")
    assert read.measure_type == "camera"
    assert read.schedule == hours("Mo-Fr 22:00-03:00")


# --- suggestions ------------------------------------------------------------------------------


def test_suggestions_give_one_planned_measure_per_need_with_its_hours():
    needs = needs_of(
        hours("Mo-Fr 07:00-18:00"), [hours("Mo-Fr 15:00-20:00"), hours("Sa 23:00-02:00")]
    )
    suggested = suggest_measures(needs, school="Ekskolan", scene="Parken")
    assert suggested == [
        {
            "measure_type": "presence",
            "school": "Ekskolan",
            "scene": "Parken",
            "hours": "Mo-Fr 15:00-18:00",
            "status": "planned",
        },
        {
            "measure_type": "sensor",
            "school": "Ekskolan",
            "scene": "Parken",
            "hours": "Mo-Fr 18:00-20:00; Sa 23:00-02:00",
            "status": "planned",
        },
        {
            "measure_type": "round",
            "school": "Ekskolan",
            "scene": "Parken",
            "hours": "Mo-Fr 06:30-07:00",
            "status": "planned",
        },
    ]


def test_nothing_is_suggested_without_needs():
    needs = needs_of(hours("Mo-Fr 07:00-18:00"), [NEVER])
    assert suggest_measures(needs) == []
    assert needs.hours_for("lighting") is None


# --- properties --------------------------------------------------------------------------------

QUARTERS = 4 * 24 * 7


@st.composite
def schedules(draw):
    spans = draw(
        st.lists(st.tuples(st.integers(0, QUARTERS - 1), st.integers(1, 4 * 30)), max_size=6)
    )
    intervals = []
    for start, length in spans:
        start, end = start * 15, (start + length) * 15
        intervals.append((start, min(end, 10080)))
        if end > 10080:
            intervals.append((0, end - 10080))
    return WeeklySchedule.from_intervals(intervals)


@settings(max_examples=300, deadline=None)
@given(schedules(), schedules())
def test_needs_agree_with_the_overlap_analysis(school, scene):
    needs = needs_of(school, [scene])
    measures = time_measures(school, scene)
    assert needs.presence.to_opening_hours() == measures.presence_hours
    assert needs.guard.to_opening_hours() == measures.guard_hours
    assert needs.round_days == measures.round_days
    if needs.rounds:
        earliest = min(need.opening % 1440 for need in needs.rounds)
        assert "%02d:%02d" % divmod(earliest, 60) == measures.round_before


@settings(max_examples=300, deadline=None)
@given(schedules(), st.lists(schedules(), min_size=1, max_size=3))
def test_the_suggested_measures_cover_every_need(school, scenes):
    needs = needs_of(school, scenes)
    suggested = [
        read_measure(number, item["measure_type"], item["hours"], "done")
        for number, item in enumerate(suggest_measures(needs))
    ]
    result = coverage(needs, suggested, on=TODAY)
    assert result.uncovered_min == 0
    assert result.round_days_missing is None
    assert result.needed_min == needs.presence.minutes + needs.guard.minutes
    # Without them, all of it is uncovered.
    assert coverage(needs, [], on=TODAY).uncovered_min == result.needed_min
    assert coverage(needs, [], on=TODAY).round_days_missing == needs.round_days
