"""Cancel looked at within every long step, counted, not timed.

The clock is given: ``Ticks`` advances by one unit each time it is read, so
with an interval of one unit every ``check()`` asks ``is_canceled()``. Then
the looks count where the work checks: a step that looks once per rule, per
day, per pair or per piece of a vectorised call shows as many looks as it has
such units; a step without looks would show none. On the real clock the
interval is CPU time, so a cancel is seen within the interval plus one unit.
"""

from datetime import date

import pytest
from shapely.geometry import Point, Polygon, box

from drogscen_plugin.core import cancel, space
from drogscen_plugin.core.cancel import CancelClock
from drogscen_plugin.core.errors import AnalysisCanceled
from drogscen_plugin.core.overlap import analyse
from drogscen_plugin.core.period import LOOKBACK, Period, period_measures
from drogscen_plugin.core.period_times import TimeSettings
from drogscen_plugin.core.records import SceneRecord, SchoolRecord
from drogscen_plugin.core.schedule import Schedule, WeeklySchedule


class Ticks:
    """A clock that advances by ``step`` each time it is read."""

    def __init__(self, step=1.0):
        self.now = 0.0
        self.step = step

    def __call__(self):
        self.now += self.step
        return self.now


class Counter:
    """An ``is_canceled`` that counts its calls and cancels from call ``cancel_at`` on."""

    def __init__(self, cancel_at=None):
        self.calls = 0
        self.cancel_at = cancel_at

    def __call__(self):
        self.calls += 1
        return self.cancel_at is not None and self.calls >= self.cancel_at


def counted(work, cancel_at=None):
    """(looks at cancel during ``work()``, its result) with every check looking."""
    asked = Counter(cancel_at)
    with CancelClock(asked, interval=1.0, clock=Ticks()).active():
        result = work()
    return asked.calls, result


# --- the clock itself --------------------------------------------------------


def test_the_clock_looks_once_the_interval_has_passed_and_not_before():
    asked = Counter()
    ticks = Ticks(step=0.001)
    clock = CancelClock(asked, interval=0.02, clock=ticks)
    for _ in range(1000):
        clock.check()
    # 1000 checks a millisecond apart (the clock is read twice by a look): one look per ~20 ms.
    assert 40 <= asked.calls <= 50
    assert ticks.now >= 1.0


def test_a_cancel_is_raised_at_the_first_look_after_it_and_with_the_message():
    asked = Counter(cancel_at=3)
    clock = CancelClock(asked, message="stopped", interval=1.0, clock=Ticks())
    clock.check()
    clock.check()
    with pytest.raises(AnalysisCanceled, match="stopped"):
        clock.check()
    assert asked.calls == 3


def test_without_is_canceled_nothing_is_asked_and_nothing_raised():
    clock = CancelClock(None, interval=0.0, clock=Ticks())
    clock.check()
    clock.look()
    assert list(cancel.each([1, 2, 3])) == [1, 2, 3]
    assert cancel.pieces(5) == [slice(0, 5)]
    assert cancel.pieces(0) == []


def test_the_active_clock_is_the_threads_for_the_duration_only():
    outer, inner = CancelClock(), CancelClock()
    assert cancel.active_clock() is None
    with outer.active():
        with inner.active():
            assert cancel.active_clock() is inner
        assert cancel.active_clock() is outer
    assert cancel.active_clock() is None


def test_pieces_cover_everything_once_in_order_and_follow_the_work():
    ticks = Ticks(step=0.0)
    clock = CancelClock(Counter(), clock=ticks)
    covered = []
    for part in clock.pieces(10000):
        covered.extend(range(10000)[part])
        # Each item costs 0.1 ms: pieces settle at PIECE / 0.1 ms items.
        ticks.now += 0.0001 * (part.stop - part.start)
    assert covered == list(range(10000))
    sizes = []
    for part in clock.pieces(10000):
        sizes.append(part.stop - part.start)
        ticks.now += 0.0001 * (part.stop - part.start)
    # From one item, at most twice as many as before, until a piece is PIECE of work.
    assert sizes[:6] == [1, 2, 4, 8, 16, 32]
    assert set(sizes[6:-1]) <= {39, 40}


def test_each_checks_before_every_step_of_items():
    looks, items = counted(lambda: list(cancel.each(list(range(100)), step=10)))
    assert items == list(range(100))
    assert looks == 10


# --- the long steps look on the way -------------------------------------------


def _rules(count):
    days = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
    return ", ".join(
        "{} {:02d}:00-{:02d}:30".format(days[n % 7], n % 23, n % 23) for n in range(count)
    )


@pytest.mark.parametrize("count", [2000, 4000])
def test_parsing_hours_looks_at_least_once_per_rule(count):
    text = _rules(count)
    looks, _ = counted(lambda: WeeklySchedule.parse(text + ", Mo 23:00-23:30"))
    assert looks >= count


def test_a_cancel_stops_a_long_parse_half_way():
    text = _rules(4000) + ", Tu 23:00-23:59"
    looks, _ = counted(lambda: Schedule.parse(text))
    with pytest.raises(AnalysisCanceled):
        counted(lambda: Schedule.parse(text + " "), cancel_at=looks // 2)


def test_the_days_of_a_long_period_each_look():
    hours = Schedule.parse("Mo-Fr 08:00-16:00")
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    settings = TimeSettings(Period(start, end))
    looks, _ = counted(
        lambda: hours.open_intervals(settings.period.first_moment, settings.period.end_moment)
    )
    assert looks >= 365


def _ground(fid, x, corners=60):
    ring = [(x + 40 * (k % 2 + 1) * c, 40 * (k % 2 + 1) * s) for k, (c, s) in _circle(corners)]
    return SchoolRecord(
        fid=fid,
        name="school",
        school_type="grundskola",
        geometry=Polygon(ring),
        schedule=WeeklySchedule.parse("Mo-Fr 07:00-18:00"),
    )


def _circle(corners):
    import math

    return enumerate(
        (math.cos(2 * math.pi * k / corners), math.sin(2 * math.pi * k / corners))
        for k in range(corners)
    )


def _scenes(count):
    return [
        SceneRecord(
            fid=fid,
            name="scene",
            geometry=box(fid * 20, 100, fid * 20 + 10, 110),
            schedule=WeeklySchedule.parse("24/7"),
        )
        for fid in range(count)
    ]


def test_school_grounds_look_within_a_batch_per_few_pairs():
    grounds = [_ground(fid, fid * 20) for fid in range(32)]
    scenes = _scenes(60)
    done = []
    looks, analysis = counted(lambda: analyse(grounds, scenes, 300))
    pairs = len(analysis.pair_rows)
    assert pairs > 1000
    # Distances, buffers and overlays each look every 16 pairs at most apart.
    assert looks >= pairs / 8
    # A cancel in the first batch (32 grounds, one progress step) stops it within the batch.
    with pytest.raises(AnalysisCanceled):
        counted(
            lambda: analyse(grounds, scenes, 300, progress=done.append),
            cancel_at=looks // 3,
        )
    assert done == []


def test_setup_of_many_schools_and_scenes_looks_on_the_way():
    schools = [
        SchoolRecord(
            fid=fid,
            name="school",
            school_type="grundskola",
            geometry=Point(fid, 0),
            schedule=WeeklySchedule.parse("Mo-Fr 07:00-18:00"),
        )
        for fid in range(3000)
    ]
    few, _ = counted(lambda: analyse(schools[:300], _scenes(30), 1))
    many, _ = counted(lambda: analyse(schools, _scenes(300), 1))
    # Ten times the schools and scenes, a few batches more (each looks once):
    # the setup's loops look every 16 records.
    assert many >= few + 2700 / 16


def test_the_time_measures_of_a_long_period_look_between_interval_steps():
    # 200 spans a day for a year: 73,000 intervals, passed through several times.
    scene = Schedule.parse(
        "Mo-Su "
        + ",".join(
            "{:02d}:{:02d}-{:02d}:{:02d}".format(*divmod(m, 60), *divmod(m + 3, 60))
            for m in range(0, 1200, 6)
        )
    )
    school = Schedule.parse("Mo-Fr 08:00-16:00")
    period = Period(date(2026, 1, 1), date(2026, 12, 31))
    start = period.first_moment - LOOKBACK
    days, _ = counted(
        lambda: (
            school.open_intervals(start, period.end_moment),
            scene.open_intervals(start, period.end_moment),
        )
    )
    looks, found = counted(lambda: period_measures(school, scene, period))
    assert found.period_scene_min == 365 * 200 * 3
    # Beyond the days' looks: the interval steps look every 256 to 1,024 intervals.
    assert looks - days >= 100


def test_point_schools_near_a_huge_scene_are_analysed_in_pieces_alike(monkeypatch):
    import math

    corners = 60000
    huge = Polygon(
        [
            (3000 * math.cos(2 * math.pi * k / corners), 3000 * math.sin(2 * math.pi * k / corners))
            for k in range(corners)
        ]
    )
    scene = SceneRecord(fid=1, name="huge", geometry=huge, schedule=WeeklySchedule.parse("24/7"))
    schools = [
        SchoolRecord(
            fid=fid,
            name="school",
            school_type="grundskola",
            geometry=Point(3000 * math.cos(fid / 7), 3000 * math.sin(fid / 7)),
            schedule=WeeklySchedule.parse("Mo-Fr 07:00-18:00"),
        )
        for fid in range(32)
    ]
    looks, pieces = counted(lambda: analyse(schools, [scene], 100))
    monkeypatch.setattr(space, "_PIECE_EDGES", 10**9)
    whole_looks, whole = counted(lambda: analyse(schools, [scene], 100))
    # One school per piece (60,000 edges each, over _PIECE_EDGES), a look between two.
    assert looks == whole_looks + 31
    assert pieces.pair_rows == whole.pair_rows
    assert pieces.pair_geometries == whole.pair_geometries
