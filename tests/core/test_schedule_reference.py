"""Differential tests: our parser against the reference opening_hours library."""

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drogscen_plugin.core.schedule import WEEKDAYS, WeeklySchedule

opening_hours = pytest.importorskip("opening_hours")

# A Monday; without a country the reference knows no holidays.
REFERENCE_MONDAY = datetime(2024, 1, 8)


def reference_intervals(text):
    """Open minutes of the reference week according to the reference library."""
    week_end = REFERENCE_MONDAY + timedelta(days=7)
    result = []
    for start, end, state, _comment in opening_hours.OpeningHours(text).intervals(
        REFERENCE_MONDAY, week_end
    ):
        if state == opening_hours.State.OPEN:
            end = end or week_end
            result.append(
                (
                    int((start - REFERENCE_MONDAY).total_seconds()) // 60,
                    int((end - REFERENCE_MONDAY).total_seconds()) // 60,
                )
            )
    merged = []
    for start, end in result:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


day = st.sampled_from(WEEKDAYS)
day_item = st.one_of(day, st.tuples(day, day).map("-".join))
weekday_selector = st.lists(day_item, min_size=1, max_size=3).map(",".join)
start_time = st.integers(0, 23 * 60 + 59)
end_time = st.one_of(st.integers(0, 48 * 60), st.sampled_from([0, 24 * 60, 48 * 60]))


def clock(minutes):
    return "{:02d}:{:02d}".format(*divmod(minutes, 60))


def span_text(pair):
    start, end = pair
    return "{}-{}".format(clock(start), clock(end))


span = (
    st.one_of(
        st.tuples(start_time, end_time),
        # Whole and half hours make touching and identical spans likely.
        st.tuples(
            st.integers(0, 47).map(lambda h: h * 30), st.integers(0, 96).map(lambda h: h * 30)
        ),
    )
    .filter(lambda pair: pair[0] < 24 * 60)
    .map(span_text)
)
time_selector = st.lists(span, min_size=1, max_size=3).map(",".join)
modifier = st.sampled_from(["", "", "", " off", " closed", " open"])


@st.composite
def rule(draw):
    kind = draw(
        st.sampled_from(["days", "times", "both", "both", "both", "always", "off", "holiday"])
    )
    if kind == "always":
        return "24/7" + draw(modifier)
    if kind == "off":
        return draw(st.sampled_from(["off", "closed"]))
    if kind == "holiday":
        return draw(st.sampled_from(["PH off", "SH off"]))
    parts = []
    if kind in ("days", "both"):
        parts.append(draw(weekday_selector))
    if kind in ("times", "both"):
        parts.append(draw(time_selector))
    return " ".join(parts) + draw(modifier)


@st.composite
def joined_rules(draw, rules, separators):
    """One to four rules joined by the separators."""
    drawn = draw(st.lists(rules, min_size=1, max_size=4))
    text = drawn[0]
    for following in drawn[1:]:
        text += draw(st.sampled_from(separators)) + following
    return text


def expression():
    return joined_rules(rule(), ["; ", "; ", ", "])


def accepted_by_reference(text):
    try:
        opening_hours.OpeningHours(text)
    except Exception:  # the reference raises several error types
        return False
    return True


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(expression())
def test_intervals_equal_reference(text):
    if not accepted_by_reference(text):
        return
    assert WeeklySchedule.parse(text).intervals == reference_intervals(text), text


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(expression())
def test_canonical_text_means_the_same_to_both(text):
    if not accepted_by_reference(text):
        return
    schedule = WeeklySchedule.parse(text)
    canonical = schedule.to_opening_hours()
    assert WeeklySchedule.parse(canonical) == schedule, canonical
    assert reference_intervals(canonical) == schedule.intervals, canonical


@pytest.mark.parametrize(
    "text",
    [
        "Mo 22:00-03:00; Tu 10:00-12:00",
        "Mo 22:00-03:00; Mo 10:00-11:00",
        "Mo 10:00-11:00; Mo 22:00-03:00",
        "Tu 10:00-11:00; Mo 22:00-03:00",
        "Mo-Fr 08:00-17:00; We 10:00-12:00 off",
        "Mo 22:00-03:00; Tu 10:00-12:00 off",
        "Mo 22:00-03:00, Tu off",
        "Mo 10:00-11:00, 12:00-13:00",
        "Mo, Tu 10:00-11:00",
        "24/7; Mo 22:00-03:00 off",
        "Su 22:00-03:00; Mo 10:00-11:00",
        "Mo 10:00-10:00",
        "Mo 00:00-00:00",
        "Mo 12:00-48:00",
        "Mo-Su 22:00-03:00; Mo off",
        "Fr-Mo 10:00-11:00",
        "Mo-Fr 08:00-17:00; PH off; Tu off",
    ],
)
def test_tricky_precedence_matches_reference(text):
    assert WeeklySchedule.parse(text).intervals == reference_intervals(text)
