"""Differential tests of dated hours: Schedule against the reference opening_hours library.

Two calendar years, minute for minute, with Swedish public holidays
(``country="SE"``). Not generated here, because the reference reads them
differently from the specification: ``SH`` (the reference knows no school
calendar) and ``PH`` combined with weekdays by a space (``PH Mo-Fr``; the
reference reads it as either). Those are hand-computed in test_schedule_dated.py.
Comments are generated on open rules only: on a closing rule the reference
lets the comment change the hours (``Mo off "x"; Su 22:00-03:00`` keeps
Monday's first hours closed, ``Mo off; Su 22:00-03:00`` opens them), where
the specification says a comment never does.
"""

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schedule_reference import accepted_by_reference, day_item, joined_rules, time_selector

from drogscen_plugin.core.schedule import Schedule

opening_hours = pytest.importorskip("opening_hours")

WINDOW = (datetime(2025, 1, 1), datetime(2027, 1, 1))
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def reference_intervals(text):
    """Open intervals of the window, asked of the reference one day at a time.

    Asked for a long range at once, the reference skips ahead over days it
    expects to be alike and so misses nights past midnight under a date
    selector (``2024 week 1 00:00-48:00`` comes out open until 6 January
    2025); a day at a time it evaluates every day.
    """
    reference = opening_hours.OpeningHours(text, country="SE")
    result = []
    day, end = WINDOW
    while day < end:
        following = day + timedelta(days=1)
        for opens, closes, state, _comment in reference.intervals(day, following):
            if state != opening_hours.State.OPEN:
                continue
            closes = closes or following
            if result and result[-1][1] == opens:
                result[-1] = (result[-1][0], closes)
            else:
                result.append((opens, closes))
        day = following
    return result


year = st.integers(2024, 2027).map(str)
year_range = st.one_of(
    year,
    st.tuples(st.integers(2023, 2026), st.integers(0, 3)).map(
        lambda pair: "{}-{}".format(pair[0], pair[0] + pair[1])
    ),
    st.tuples(st.integers(2021, 2025), st.integers(1, 3)).map(
        lambda pair: "{}-2030/{}".format(*pair)
    ),
    st.integers(2024, 2027).map("{}+".format),
)
year_selector = st.lists(year_range, min_size=1, max_size=2).map(",".join)

month = st.integers(1, 12)


@st.composite
def month_day(draw):
    number = draw(month)
    day = draw(st.one_of(st.integers(1, 28), st.integers(1, MONTH_DAYS[number - 1])))
    return number, day


def month_day_text(pair):
    return "{} {}".format(MONTHS[pair[0] - 1], pair[1])


@st.composite
def monthday_item(draw):
    kind = draw(
        st.sampled_from(["month", "months", "day", "days", "same_month", "dated", "dated_both"])
    )
    if kind == "month":
        return MONTHS[draw(month) - 1]
    if kind == "months":
        return "{}-{}".format(MONTHS[draw(month) - 1], MONTHS[draw(month) - 1])
    first = draw(month_day())
    if kind == "day":
        return month_day_text(first)
    if kind == "same_month":
        last = draw(st.integers(first[1], MONTH_DAYS[first[0] - 1]))
        return "{}-{}".format(month_day_text(first), last)
    last = draw(month_day())
    if kind == "days":
        return "{}-{}".format(month_day_text(first), month_day_text(last))
    # Real dates: no Feb 29 outside leap years, and the end after the start.
    start_year = draw(st.sampled_from([2024, 2025, 2026]))
    first = (first[0], min(first[1], 28)) if first[0] == 2 else first
    last = (last[0], min(last[1], 28)) if last[0] == 2 else last
    if kind == "dated":
        return "{} {}-{}".format(start_year, month_day_text(first), month_day_text(last))
    end_year = (
        start_year + 1 if first > last else draw(st.sampled_from([start_year, start_year + 1]))
    )
    return "{} {}-{} {}".format(start_year, month_day_text(first), end_year, month_day_text(last))


monthday_selector = st.lists(monthday_item(), min_size=1, max_size=2).map(",".join)


@st.composite
def week_item(draw):
    first = draw(st.integers(1, 53))
    kind = draw(st.sampled_from(["one", "range", "step"]))
    if kind == "one":
        return str(first)
    last = draw(st.integers(first, 53))
    if kind == "range" or last == first:
        return "{}-{}".format(first, last)
    # A step longer than the range: the reference then takes every week of it.
    return "{}-{}/{}".format(first, last, draw(st.integers(1, last - first)))


week_selector = st.lists(week_item(), min_size=1, max_size=2).map(
    lambda items: "week " + ",".join(items)
)

weekday_selector = st.one_of(
    st.lists(day_item, min_size=1, max_size=3).map(",".join),
    st.just("PH"),
    st.lists(day_item, min_size=1, max_size=2).map(lambda days: "PH," + ",".join(days)),
)
modifier = st.sampled_from(
    ["", "", "", " off", " closed", " open", ' "by appointment"', ' open "drop-in"']
)


@st.composite
def rule(draw):
    if draw(st.integers(0, 9)) == 0:
        return "24/7" + draw(modifier)
    parts = []
    if draw(st.integers(0, 3)) == 0:
        parts.append(draw(year_selector))
    if draw(st.booleans()):
        parts.append(draw(monthday_selector))
    if draw(st.integers(0, 3)) == 0:
        parts.append(draw(week_selector))
    if draw(st.booleans()):
        parts.append(draw(weekday_selector))
    if draw(st.booleans()) or not parts:
        parts.append(draw(time_selector))
    return " ".join(parts) + draw(modifier)


def expression():
    return joined_rules(rule(), ["; ", "; ", ", ", " || "])


def schedule_intervals(text):
    return Schedule.parse(text).open_intervals(*WINDOW)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(expression())
def test_dated_hours_equal_reference(text):
    if not accepted_by_reference(text):
        return
    assert schedule_intervals(text) == reference_intervals(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Mo-Fr 08:00-16:00; Jul off",
        "Mo-Fr 08:00-16:00; 2025 Apr 10-16 off",
        "Aug-Jun Mo-Fr 07:00-18:00",
        "2025 Dec 24-Jan 6 10:00-14:00",
        "2025 Dec 30-2026 Jan 2",
        "Dec 24-Jan 6 Mo",
        "Dec 24-26",
        "Feb 29",
        "Mar 1-Feb 29",
        "week 1-26/2 Mo-Fr 08:00-12:00",
        "week 53",
        "2026 week 1",
        "2025,2026 Jan,Mar",
        "2024-2030/2 Sa",
        "Mo-Su 22:00-04:00; PH off",
        "Mo-Fr 08:00-17:00; PH,Sa 10:00-12:00",
        "Dec 31 22:00-03:00; Jan 1 off",
        "Mo-Fr 10:00-12:00 || Tu-Sa 12:00-13:00; We off",
        "PH off || 10:00-11:00",
        "Mo off || Mo-Tu 10:00-11:00",
        'Mo-Fr 08:00-12:00 "by appointment"',
        "Jan: 10:00-11:00",
    ],
)
def test_real_world_dated_hours_equal_reference(text):
    assert schedule_intervals(text) == reference_intervals(text)
