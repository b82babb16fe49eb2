"""Fuzzing the hours parser: any input gives a schedule or a ScheduleError, in linear time.

Hypothesis feeds arbitrary text, token soup from the grammar and mutated
valid hours. Long input is checked by counting the lines the parser runs
(no clocks): doubling the text may at most about double the work.
``make fuzz`` runs the same properties with many more examples
(scripts/fuzz_hours.py).
"""

import itertools
import sys
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drogscen_plugin.core import schedule as schedule_module
from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.schedule import MINUTES_PER_WEEK, Schedule, WeeklySchedule

FUZZ_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# --- what the parser must do with anything ----------------------------------


def check_outcome(text):
    """Parse ``text``: a well-formed schedule that its canonical text reproduces,
    or a ScheduleError saying what and where; nothing else."""
    try:
        schedule = WeeklySchedule.parse(text)
    except ScheduleError as error:
        assert str(error).strip(), repr(text)
        if isinstance(text, str):
            assert error.column is None or 1 <= error.column <= len(text) + 1, (text, error.column)
        return None
    intervals = schedule.intervals
    assert all(0 <= start < end <= MINUTES_PER_WEEK for start, end in intervals), text
    # Sorted, disjoint and not touching: the canonical form of a set of minutes.
    assert all(first[1] < second[0] for first, second in zip(intervals, intervals[1:])), text
    assert schedule.minutes == sum(end - start for start, end in intervals)
    assert WeeklySchedule.parse(schedule.to_opening_hours()) == schedule, text
    return schedule


# --- strategies -----------------------------------------------------------------

DAYS = [
    "Mo",
    "Tu",
    "We",
    "Th",
    "Fr",
    "Sa",
    "Su",
    "mo",
    "SU",
    "Må",
    "mån",
    "Tis",
    "ons",
    "TOR",
    "fre",
    "Lö",
    "lör",
    "Sö",
    "söndag",
    "Ma\u0308n",
    "PH",
    "SH",
]
TIMES = [
    "00:00",
    "08:00",
    "7",
    "07",
    "17:30",
    "23:59",
    "24:00",
    "26:00",
    "48:00",
    "48:01",
    "24",
    "25:00",
    "99",
    "07:5",
    "07:005",
    "7.30",
    "12:60",
    "0:00",
    "1",
    "123",
    "00",
]
WORDS = [
    "24/7",
    "off",
    "closed",
    "open",
    "unknown",
    "week",
    "sunrise",
    "dusk",
    "easter",
    "Jan",
    "Dec",
    "xyz",
    "Måndag",
    "ph",
    "Feb",
    "maj",
    "OKT",
]
DATES = [
    "2026",
    "1899",
    "21",
    "31",
    "29",
    "53",
    "54",
    "week 1-53/2",
    "Dec 24-Jan 6",
    "2026 Dec 24-Jan 6",
    "2026 Feb 29",
    "Feb 29",
    "2024-2026",
    "2026+",
    "||",
    " || ",
]
PUNCTUATION = [
    "-",
    "\u2013",
    "\u2014",
    ",",
    ", ",
    ";",
    "; ",
    ":",
    "/",
    "+",
    "[",
    "]",
    '"',
    '"a comment"',
    "(",
    ")",
    ".",
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
]
TOKENS = DAYS + TIMES + WORDS + DATES + PUNCTUATION

token_soup = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
spaced_tokens = st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join)


def clock(minutes):
    return "{:02d}:{:02d}".format(*divmod(minutes, 60))


day_range = st.builds("{}-{}".format, st.sampled_from(DAYS[:7]), st.sampled_from(DAYS[:7]))
day_selector = st.lists(st.one_of(st.sampled_from(DAYS[:19]), day_range), min_size=1, max_size=3)
time_span = st.builds(
    lambda start, length: "{}-{}".format(clock(start), clock(start + length)),
    st.integers(0, 23 * 60 + 59),
    st.integers(0, 24 * 60),
)


@st.composite
def valid_rule(draw):
    days = ",".join(draw(day_selector)) if draw(st.booleans()) else ""
    spans = ",".join(draw(st.lists(time_span, min_size=1, max_size=3)))
    modifier = draw(st.sampled_from(["", "", " off", " closed", " open"]))
    return (days + " " + spans).strip() + modifier


valid_hours = st.lists(
    st.one_of(valid_rule(), st.sampled_from(["24/7", "off", "PH off", "Mo-Fr 8-17"])),
    min_size=1,
    max_size=5,
).flatmap(
    lambda rules: st.lists(
        st.sampled_from(["; ", ", "]), min_size=len(rules) - 1, max_size=len(rules) - 1
    ).map(lambda separators: rules[0] + "".join(s + r for s, r in zip(separators, rules[1:])))
)


@st.composite
def mutated_hours(draw):
    """Valid hours with a few characters or tokens deleted, inserted or repeated."""
    text = draw(valid_hours)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["delete", "insert", "token", "repeat", "swapcase"]))
        if edit == "delete":
            text = text[:position] + text[position + 1 :]
        elif edit == "insert":
            text = text[:position] + draw(st.characters()) + text[position:]
        elif edit == "token":
            text = text[:position] + draw(st.sampled_from(TOKENS)) + text[position:]
        elif edit == "repeat":
            end = draw(st.integers(position, len(text)))
            text = text[:end] + text[position:end] * draw(st.integers(2, 5)) + text[end:]
        else:
            text = text[:position] + text[position:].swapcase()
    return text


# --- properties -----------------------------------------------------------------


def any_outcome(text):
    check_outcome(text)


def any_outcome_on_the_calendar(text):
    """Schedule.parse gives a schedule whose fortnight is well-formed, or a ScheduleError."""
    try:
        schedule = Schedule.parse(text, [(date(2026, 12, 21), date(2027, 1, 7))])
    except ScheduleError as error:
        assert str(error).strip(), repr(text)
        assert error.column is None or 1 <= error.column <= len(text) + 1, (text, error.column)
        return
    intervals = schedule.open_intervals(datetime(2026, 12, 20, 12), datetime(2027, 1, 3, 12))
    assert all(
        datetime(2026, 12, 20, 12) <= start < end <= datetime(2027, 1, 3, 12)
        for start, end in intervals
    ), text
    assert all(first[1] < second[0] for first, second in zip(intervals, intervals[1:])), text


def a_schedule(text):
    assert check_outcome(text) is not None, text


def refused(value):
    with pytest.raises(ScheduleError):
        WeeklySchedule.parse(value)


# name: (strategy, property); scripts/fuzz_hours.py runs them with many more examples.
PROPERTIES = {
    "arbitrary_text": (st.text(), any_outcome),
    "token_soup": (st.one_of(token_soup, spaced_tokens), any_outcome),
    "valid_hours": (valid_hours, a_schedule),
    "mutated_hours": (mutated_hours(), any_outcome),
    "calendar_text": (
        st.one_of(token_soup, spaced_tokens, mutated_hours()),
        any_outcome_on_the_calendar,
    ),
    "not_text": (
        st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text())),
        refused,
    ),
}


def fuzz_test(name, run_settings=FUZZ_SETTINGS):
    strategy, check = PROPERTIES[name]
    return run_settings(given(strategy)(check))


test_arbitrary_text = fuzz_test("arbitrary_text")
test_token_soup = fuzz_test("token_soup")
test_valid_hours_parse = fuzz_test("valid_hours")
test_mutated_hours = fuzz_test("mutated_hours")
test_calendar_text = fuzz_test("calendar_text")
test_values_that_are_not_text_are_refused = fuzz_test("not_text")


# --- long and nested input ---------------------------------------------------------


def joined(rules, separator, size):
    """Whole rules from ``rules`` joined by ``separator``, at least ``size`` characters."""
    parts = [next(rules)]
    length = len(parts[0])
    while length < size:
        parts.append(next(rules))
        length += len(separator) + len(parts[-1])
    return separator.join(parts)


def cycle(*items):
    return itertools.cycle(items)


def many_rules(size):
    return joined(cycle("Mo-Fr 08:00-12:00,13:00-17:00", "Sa 22:00-03:00"), "; ", size)


def many_additional_rules(size):
    # A different minute in each rule: the running result grows, then stays.
    rules = ("Mo-Su {}-{}".format(clock(2 * k % 240), clock(2 * k % 240 + 1)) for k in range(10**6))
    return joined(rules, ", ", size)


def many_distinct_additional_rules(size):
    # A different minute in each of ~700 rules a day: a result of hundreds of spans.
    rules = (
        "Mo-Su {}-{}".format(clock(2 * k % 1438), clock(2 * k % 1438 + 1)) for k in range(10**6)
    )
    return joined(rules, ", ", size)


def many_spans(size):
    spans = ("{}-{}".format(clock(k % 1380), clock(k % 1380 + 45)) for k in range(10**6))
    return "Mo " + joined(spans, ",", size)


def long_day_list(size):
    return joined(cycle("Mo", "Tu", "We-Fr", "Sa"), ",", size) + " 10:00-11:00"


def long_comment(size):
    return 'Mo 10:00-11:00 "' + "x" * size + '"'


def nested_brackets(size):
    return "[" * (size // 2) + "]" * (size // 2)


def error_at_the_end(size):
    return many_rules(size) + " 25:00"


LONG_INPUTS = [
    many_rules,
    many_additional_rules,
    many_distinct_additional_rules,
    many_spans,
    long_day_list,
    long_comment,
    nested_brackets,
    error_at_the_end,
]


def count_lines(run, text):
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        run(text)
    finally:
        sys.settrace(None)
    return count


def lines_run(text):
    """Python lines executed by one uncached parse and its canonical text."""
    schedule_module._parse_cached.cache_clear()
    schedule_module._format_cached.cache_clear()
    return count_lines(check_outcome, text)


@pytest.mark.parametrize("make", LONG_INPUTS, ids=lambda make: make.__name__)
def test_work_grows_linearly_with_the_length(make):
    small, large = lines_run(make(10_000)), lines_run(make(20_000))
    assert small > 500  # the parser really ran
    assert large <= 2.3 * small, (small, large)


@pytest.mark.parametrize("make", LONG_INPUTS, ids=lambda make: make.__name__)
def test_100_kb_of_hours_are_read(make):
    text = make(100_000)
    assert len(text) >= 100_000
    schedule = check_outcome(text)
    if make in (nested_brackets, error_at_the_end):
        assert schedule is None
    else:
        assert schedule is not None and schedule.minutes > 0


def test_error_far_into_a_long_text_points_at_it():
    text = error_at_the_end(50_000)
    with pytest.raises(ScheduleError) as error:
        WeeklySchedule.parse(text)
    assert error.value.column == text.rindex("25:00") + 1


# --- long dated input: parsed, then evaluated over a fixed fortnight -------------

FORTNIGHT = (datetime(2026, 12, 21), datetime(2027, 1, 4))


def many_dated_rules(size):
    rules = (
        "{} {}-{} {} Mo-Fr {}-{}".format(
            MONTHS[k % 12],
            k % 28 + 1,
            MONTHS[(k + 5) % 12],
            (k * 7) % 28 + 1,
            clock(k % 1380),
            clock(k % 1380 + 30),
        )
        for k in range(10**6)
    )
    return joined(rules, "; ", size)


def many_additional_dated_rules(size):
    rules = (
        "Dec 24-Jan 6 {}-{}".format(clock(2 * k % 1438), clock(2 * k % 1438 + 1))
        for k in range(10**6)
    )
    return joined(rules, ", ", size)


def long_date_list(size):
    dates = ("{} {}".format(MONTHS[k % 12], k % 28 + 1) for k in range(10**6))
    return joined(dates, ",", size) + " 10:00-11:00"


def long_week_list(size):
    weeks = ("{}-{}/2".format(k % 50 + 1, k % 50 + 3) for k in range(10**6))
    return "week " + joined(weeks, ",", size) + " Mo"


def many_fallbacks(size):
    rules = (
        "PH,Sa {}-{} off || 2026,2027 Dec {}".format(
            clock(k % 1380), clock(k % 1380 + 30), k % 31 + 1
        )
        for k in range(10**6)
    )
    return joined(rules, " || ", size)


DATED_LONG_INPUTS = [
    many_dated_rules,
    many_additional_dated_rules,
    long_date_list,
    long_week_list,
    many_fallbacks,
]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def evaluate_dated(text):
    intervals = Schedule.parse(text, [(date(2026, 12, 21), date(2027, 1, 7))]).open_intervals(
        *FORTNIGHT
    )
    assert all(start < end for start, end in intervals)


def dated_lines_run(text):
    schedule_module._rules_cached.cache_clear()
    return count_lines(evaluate_dated, text)


@pytest.mark.parametrize("make", DATED_LONG_INPUTS, ids=lambda make: make.__name__)
def test_dated_work_grows_linearly_with_the_length(make):
    small, large = dated_lines_run(make(10_000)), dated_lines_run(make(20_000))
    assert small > 500
    assert large <= 2.3 * small, (small, large)


@pytest.mark.parametrize("make", DATED_LONG_INPUTS, ids=lambda make: make.__name__)
def test_100_kb_of_dated_hours_are_read(make):
    text = make(100_000)
    assert len(text) >= 100_000
    evaluate_dated(text)
