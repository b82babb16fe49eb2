"""Open intervals on the calendar as tsmultirange text, both ways."""

from datetime import datetime

from drogscen_plugin.core.schedule import Schedule
from drogscen_plugin.database.ranges import FixedIntervals, intervals_of, multirange_text


def test_intervals_become_the_multirange_postgresql_writes():
    intervals = [
        (datetime(2026, 10, 30, 22), datetime(2026, 10, 31, 3)),
        (datetime(2026, 11, 2, 7, 30), datetime(2026, 11, 2, 18)),
    ]
    assert multirange_text(intervals) == (
        '{["2026-10-30 22:00:00","2026-10-31 03:00:00"),'
        '["2026-11-02 07:30:00","2026-11-02 18:00:00")}'
    )
    assert multirange_text([]) == "{}"


def test_a_multirange_read_back_is_the_same_intervals():
    start, end = datetime(2026, 10, 19), datetime(2026, 11, 9)
    for text in (
        "Mo-Fr 07:00-18:00; PH off",
        "Fr,Sa 22:00-03:00",
        "24/7",
        "off",
        "Su 23:00-01:00",
        "Oct 27-Nov 3 10:00-12:00",
    ):
        intervals = tuple(Schedule.parse(text).open_intervals(start, end))
        assert intervals_of(multirange_text(intervals)) == intervals
    # As PostgreSQL writes it with DateStyle ISO.
    assert intervals_of('{["2026-01-01 00:00:00","2026-01-02 00:00:00")}') == (
        (datetime(2026, 1, 1), datetime(2026, 1, 2)),
    )


def test_fixed_intervals_give_their_part_of_a_span():
    fixed = FixedIntervals(
        [
            (datetime(2026, 1, 1, 8), datetime(2026, 1, 1, 12)),
            (datetime(2026, 1, 2, 8), datetime(2026, 1, 2, 12)),
        ]
    )
    assert fixed.open_intervals(datetime(2026, 1, 1, 10), datetime(2026, 1, 2, 9)) == [
        (datetime(2026, 1, 1, 10), datetime(2026, 1, 1, 12)),
        (datetime(2026, 1, 2, 8), datetime(2026, 1, 2, 9)),
    ]
