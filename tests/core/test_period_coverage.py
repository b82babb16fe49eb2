"""Coverage over a period, on hand-worked cases: dated needs, measures that exist
for part of it, SH in a measure's hours, a round on a day without weekly opening."""

from datetime import date, datetime

from drogscen_plugin.core.coverage import read_measure
from drogscen_plugin.core.period import Period
from drogscen_plugin.core.period_coverage import PairTimes, period_coverage, period_needs
from drogscen_plugin.core.schedule import Schedule

# Weeks 43 and 44 of 2026; week 44 is a lov.
PERIOD = Period(date(2026, 10, 19), date(2026, 11, 1))
LOV = [(date(2026, 10, 26), date(2026, 10, 30))]
PAIR = PairTimes(
    presence_hours="2026 Oct 19-2026 Oct 23 Mo-Fr 12:00-13:00",
    guard_hours="off",
    # Saturday 24 October: the weekly school hours do not open on a Saturday.
    round_days="2026-10-19, 2026-10-24",
    round_before="07:00",
    school_hours="Mo-Fr 07:00-18:00",
    scene_hours="Mo-Fr 12:00-13:00",
)


def test_needs_of_a_pair_over_the_period():
    needs = period_needs([PAIR], PERIOD)
    # Minutes from Monday 19 October 00:00.
    assert needs.presence == tuple((day * 1440 + 720, day * 1440 + 780) for day in range(5))
    assert needs.guard == ()
    # Monday: the weekly opening's window, from midnight to 07:00; Saturday: the
    # fallback, from midnight to round_before.
    assert needs.rounds == (
        (date(2026, 10, 19), ((0, 420),)),
        (date(2026, 10, 24), ((5 * 1440, 5 * 1440 + 420),)),
    )


def test_measures_count_on_their_days_with_sh_from_the_calendar():
    measures = [
        # SH: only the lov days, when no presence is needed.
        read_measure(1, "presence", "SH 12:00-13:00", "done"),
        # From Wednesday 21 October: three half hours.
        read_measure(2, "presence", "Mo-Fr 12:00-12:30", "done", date(2026, 10, 21)),
        read_measure(3, "round", "Sa 06:00-06:30", "ongoing"),
        # Ended before the period: not counted.
        read_measure(4, "round", "Mo 06:00-06:30", "done", None, date(2026, 10, 18)),
    ]
    result = period_coverage(period_needs([PAIR], PERIOD), measures, PERIOD, school_holidays=LOV)
    assert result.measure_count == 3
    # 300 minutes needed, 90 covered, over 14 days: per 7 days 150 and 105.
    assert (result.presence_needed_min, result.presence_uncovered_min) == (150, 105)
    assert (result.needed_min, result.uncovered_min) == (150, 105)
    left = Schedule.parse(result.presence_uncovered_hours).open_intervals(
        datetime(2026, 10, 1), datetime(2026, 11, 15)
    )
    assert left == [
        (datetime(2026, 10, day, 12, 0 if day < 21 else 30), datetime(2026, 10, day, 13))
        for day in range(19, 24)
    ]
    assert result.round_days == "2026-10-19, 2026-10-24"
    assert result.round_days_missing == "2026-10-19"
    # Without school holidays the SH measure is never on: nothing covered.
    assert (
        period_coverage(period_needs([PAIR], PERIOD), measures[:1], PERIOD).presence_uncovered_min
        == 150
    )
