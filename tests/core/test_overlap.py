"""The overlap engine: geometry computed by hand, time by minute arithmetic."""

import dataclasses
import datetime
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import affinity, wkb
from shapely.geometry import LineString, MultiPoint, MultiPolygon, Point, Polygon, box

from drogscen_plugin.core import period_times
from drogscen_plugin.core.disc import SAGITTA
from drogscen_plugin.core.errors import AnalysisCanceled, InputError
from drogscen_plugin.core.fields import PAIR_FIELDS, SUMMARY_FIELDS, as_row, field_alias
from drogscen_plugin.core.overlap import analyse
from drogscen_plugin.core.records import PairResult, SceneRecord, SchoolRecord, SchoolSummary
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.core.space import buffer_geometry
from drogscen_plugin.core.timing import time_measures

DAY = 1440
WEEK = 7 * DAY
SCHOOL_HOURS = "Mo-Fr 07:00-18:00"


def disc_area(radius):
    return math.pi * radius**2


def school(fid=1, geometry=None, hours=SCHOOL_HOURS, **kwargs):
    return SchoolRecord(
        fid=fid,
        name="school %d" % fid,
        school_type="grundskola",
        geometry=Point(0, 0) if geometry is None else geometry,
        schedule=WeeklySchedule.parse(hours),
        **kwargs,
    )


def scene(fid=1, geometry=None, hours="24/7", **kwargs):
    return SceneRecord(
        fid=fid,
        name="scene %d" % fid,
        geometry=box(-1000, -1000, 1000, 1000) if geometry is None else geometry,
        schedule=WeeklySchedule.parse(hours),
        **kwargs,
    )


def only_pair(school_record, scene_record, distance=100):
    analysis = analyse([school_record], [scene_record], distance)
    assert len(analysis.pairs) == 1
    return analysis.pairs[0]


# --- space ------------------------------------------------------------------


def outline(pair):
    return wkb.loads(pair.geometry)


def test_scene_containing_the_circle_overlaps_all_of_it():
    pair = only_pair(school(), scene())
    assert pair.overlap_m2 == pytest.approx(disc_area(100), rel=1e-12)
    assert pair.overlap_share == pytest.approx(1.0, rel=1e-12)
    assert pair.distance_m == 0
    assert outline(pair).area == pytest.approx(pair.overlap_m2, rel=0.02)


def test_scene_through_the_centre_overlaps_half():
    pair = only_pair(school(geometry=Point(500, 500)), scene(geometry=box(500, 0, 1000, 1000)))
    assert pair.overlap_m2 == pytest.approx(disc_area(100) / 2, rel=1e-12)
    assert pair.overlap_share == pytest.approx(0.5, rel=1e-12)
    assert pair.distance_m == 0


def test_scene_inside_the_buffer_overlaps_with_all_of_its_area():
    pair = only_pair(school(), scene(geometry=box(10, 10, 40, 30)))
    assert pair.overlap_m2 == pytest.approx(600, rel=1e-12)
    assert pair.overlap_share == pytest.approx(600 / disc_area(100), rel=1e-12)
    assert pair.distance_m == pytest.approx(math.hypot(10, 10))
    assert outline(pair).equals(box(10, 10, 40, 30))


def test_scene_within_the_distance_reports_its_gap():
    pair = only_pair(school(), scene(geometry=box(60, -500, 500, 500)))
    assert pair.distance_m == pytest.approx(60)
    assert 0 < pair.overlap_share < 0.5


def test_scene_beyond_the_distance_makes_no_pair():
    analysis = analyse([school()], [scene(geometry=box(150, -500, 500, 500))], 100)
    assert analysis.pairs == []
    summary = analysis.summaries[0]
    assert (summary.scene_count, summary.worst_conflict, summary.nearest_m) == (0, "none", None)
    assert (summary.concurrent_min, summary.afterhours_min) == (0, 0)
    assert (
        summary.presence_hours,
        summary.guard_hours,
        summary.round_days,
        summary.round_before,
    ) == (
        None,
        None,
        None,
        None,
    )


def test_polygon_school_is_buffered_from_its_boundary():
    grounds = box(0, 0, 40, 20)
    pair = only_pair(school(geometry=grounds), scene(), distance=30)
    # The rectangle, four sides pushed out, four rounded corners forming one circle.
    expected = 40 * 20 + 2 * (40 + 20) * 30 + disc_area(30)
    assert pair.overlap_m2 == pytest.approx(expected, rel=1e-3)


def test_polygon_school_touching_a_scene_has_distance_zero():
    pair = only_pair(
        school(geometry=box(0, 0, 40, 20)), scene(geometry=box(40, 0, 100, 20)), distance=30
    )
    assert pair.distance_m == 0
    # The scene strip covers the part of the buffer right of x=40 within y 0..20.
    assert pair.overlap_m2 == pytest.approx(30 * 20, rel=1e-12)


def test_scene_overlapping_school_grounds_has_distance_zero():
    pair = only_pair(
        school(geometry=box(0, 0, 40, 20)), scene(geometry=box(30, 10, 100, 100)), distance=30
    )
    assert pair.distance_m == 0


def test_multipoint_school_uses_its_nearest_point():
    pair = only_pair(
        school(geometry=MultiPoint([(0, 0), (1000, 0)])), scene(geometry=box(1050, -10, 1300, 10))
    )
    assert pair.distance_m == pytest.approx(50)


def test_per_school_distance_overrides_the_analysis_distance():
    near = scene(geometry=box(75, -10, 200, 10))
    schools = [school(1), school(2, distance=50.0), school(3, distance=0.0), school(4, distance=80)]
    analysis = analyse(schools, [near], 100)
    assert [pair.school_fid for pair in analysis.pairs] == [1, 4]


def test_index_finds_the_same_pairs_as_checking_every_pair():
    rng = random.Random(7)
    schools = [
        school(
            fid,
            geometry=Point(rng.uniform(0, 3000), rng.uniform(0, 3000)),
            distance=rng.choice([None, 150.0]),
        )
        for fid in range(1200)  # more than one batch
    ]
    scenes = []
    for fid in range(60):
        x, y = rng.uniform(0, 3000), rng.uniform(0, 3000)
        scenes.append(
            scene(fid, geometry=box(x, y, x + rng.uniform(5, 200), y + rng.uniform(5, 200)))
        )
    analysis = analyse(schools, scenes, 300)

    expected = []
    for s in schools:
        reach = 300 if s.distance is None else s.distance
        circle = s.geometry.buffer(reach, 1024)
        for c in scenes:
            if s.geometry.distance(c.geometry) <= reach:
                expected.append((s.fid, c.fid, circle.intersection(c.geometry).area))
    found = [(p.school_fid, p.scene_fid, p.overlap_m2) for p in analysis.pairs]
    assert [f[:2] for f in found] == [e[:2] for e in expected]
    # The oracle's 4,096-gon lies up to 0.1 mm inside the circle: abs for slivers.
    assert [f[2] for f in found] == pytest.approx([e[2] for e in expected], rel=1e-4, abs=1e-2)
    assert [s.school_fid for s in analysis.summaries] == [s.fid for s in schools]
    counts = {}
    for fid, _, _ in expected:
        counts[fid] = counts.get(fid, 0) + 1
    assert [s.scene_count for s in analysis.summaries] == [counts.get(s.fid, 0) for s in schools]


def star(rng, x, y, radius):
    """A random simple polygon: one vertex per equal sector around a centre."""
    count = rng.randint(5, 12)
    corners = []
    for k in range(count):
        angle = 2 * math.pi * (k + rng.uniform(0.1, 0.9)) / count
        length = radius * rng.uniform(0.4, 1.0)
        corners.append((x + length * math.cos(angle), y + length * math.sin(angle)))
    return Polygon(corners)


def test_every_school_shape_matches_buffering_and_intersecting_each_pair():
    # Points far from the origin (as in SWEREF 99 TM), grounds, multi-part
    # schools, own distances (0 too), scenes from tiny to long and thin.
    rng = random.Random(11)
    x0, y0 = 674000.0, 6580000.0
    schools = []
    for fid in range(700):
        x, y = x0 + rng.uniform(0, 3000), y0 + rng.uniform(0, 3000)
        shape = rng.choice(["point", "point", "points", "grounds", "grounds in parts"])
        if shape == "point":
            geometry = Point(x, y)
        elif shape == "points":
            geometry = MultiPoint(
                [(x, y), (x + rng.uniform(-300, 300), y + rng.uniform(-300, 300))]
            )
        elif shape == "grounds":
            geometry = star(rng, x, y, rng.uniform(20, 90))
        else:
            geometry = MultiPolygon([star(rng, x, y, 30), star(rng, x + 150, y, 30)])
        schools.append(
            school(fid, geometry=geometry, distance=rng.choice([None, None, 0.0, 60.0, 900.0]))
        )
    scenes = []
    for fid in range(80):
        x, y = x0 + rng.uniform(0, 3000), y0 + rng.uniform(0, 3000)
        if fid % 4:
            geometry = star(rng, x, y, rng.uniform(5, 400))
        else:
            geometry = box(x, y, x + rng.uniform(1, 2500), y + rng.uniform(1, 40))
        scenes.append(scene(fid, geometry=geometry))
    analysis = analyse(schools, scenes, 300)

    expected = []
    for s in schools:
        reach = 300 if s.distance is None else s.distance
        fine = s.geometry.buffer(reach, 1024)
        drawn = (
            math.pi * reach**2
            if s.geometry.geom_type == "Point"
            else buffer_geometry(s.geometry, reach).area
        )
        for c in scenes:
            gap = s.geometry.distance(c.geometry)
            if gap <= reach:
                piece = fine.intersection(c.geometry)
                expected.append((s.fid, c.fid, piece, drawn, gap, s.geometry.geom_type == "Point"))
    assert len(expected) > 500
    found = [
        (p.school_fid, p.scene_fid, p.overlap_m2, p.overlap_share, p.distance_m)
        for p in analysis.pairs
    ]
    assert [f[:2] for f in found] == [e[:2] for e in expected]
    assert [f[4] for f in found] == [e[4] for e in expected]
    for (_, _, area, share, _), (_, _, piece, drawn, _, point) in zip(found, expected):
        # Points: exact, the oracle up to 0.1 mm off the circle; others: arcs within the sagitta.
        slack = 1e-4 * piece.length if point else max(1e-3 * piece.area, SAGITTA * piece.length)
        assert abs(area - piece.area) <= slack
        assert share == (pytest.approx(area / drawn, rel=1e-12) if drawn else 0.0)
    for pair in analysis.pairs:
        if pair.geometry is None:
            assert pair.overlap_m2 < 1e-6
            continue
        assert outline(pair).geom_type in ("Polygon", "MultiPolygon")
        assert outline(pair).is_valid
        assert outline(pair).area == pytest.approx(pair.overlap_m2, rel=0.02)


def test_long_scene_reaching_from_far_west_is_found():
    strip = scene(1, geometry=box(-20000, -10, 50, 10))
    others = [scene(fid, geometry=box(fid * 100, 500, fid * 100 + 20, 520)) for fid in range(2, 40)]
    analysis = analyse([school(geometry=Point(120, 0))], [strip] + others, 100)
    assert [pair.scene_fid for pair in analysis.pairs] == [1]


def test_scene_between_the_old_buffer_edge_and_the_circle_pairs():
    # Within the distance of the point, yet outside the 20-gon that QGIS's
    # buffer draws: just beyond the middle of its edge; and just inside a corner.
    middle = -math.pi / 20
    inscribed = 100 * math.cos(math.pi / 20)
    reach = (inscribed + 100) / 2
    side = (100 - inscribed) / 4
    gap = box(-side / 2, -side / 2, side / 2, side / 2)
    beyond_edge = affinity.translate(gap, reach * math.cos(middle), reach * math.sin(middle))
    inside_corner = affinity.translate(gap, reach, 0)
    scenes = [scene(1, geometry=beyond_edge), scene(2, geometry=inside_corner)]
    analysis = analyse([school()], scenes, 100)
    assert [pair.scene_fid for pair in analysis.pairs] == [1, 2]
    # Both small squares lie wholly inside the circle.
    assert [pair.overlap_m2 for pair in analysis.pairs] == pytest.approx(
        [side**2, side**2], rel=1e-9
    )


def test_input_records_are_not_changed():
    records = [school(1), school(2, distance=20.0)]
    scenes = [scene(1)]
    before = [dataclasses.astuple(r) for r in records + scenes]
    analyse(records, scenes, 100)
    assert [dataclasses.astuple(r) for r in records + scenes] == before


@pytest.mark.parametrize("distance", [-1, float("nan"), float("inf")])
def test_unusable_analysis_distance_is_refused(distance):
    with pytest.raises(InputError):
        analyse([school()], [scene()], distance)


def test_unusable_school_distance_names_the_school():
    with pytest.raises(InputError, match="School 7"):
        analyse([school(7, distance=-5.0)], [scene()], 100)


def test_line_school_and_point_scene_are_refused_by_id():
    with pytest.raises(InputError, match="School 3"):
        analyse([school(3, geometry=LineString([(0, 0), (1, 1)]))], [scene()], 100)
    with pytest.raises(InputError, match="Scene 4"):
        analyse([school()], [scene(4, geometry=Point(0, 0))], 100)


# --- time -------------------------------------------------------------------


def test_night_scene_next_to_a_school():
    pair = only_pair(school(hours=SCHOOL_HOURS), scene(hours="22:00-03:00"))
    assert pair.scene_min == 7 * 300
    assert pair.concurrent_min == 0
    assert pair.afterhours_min == 7 * 300
    assert pair.conflict == "after_hours"
    assert pair.presence_hours == "off"
    assert pair.guard_hours == WeeklySchedule.parse("22:00-03:00").to_opening_hours()
    # Every weekday opening follows a night (Monday's follows the weekend's).
    assert pair.round_days == "Mo,Tu,We,Th,Fr"
    assert pair.round_before == "07:00"


def test_afternoon_scene_is_concurrent():
    pair = only_pair(school(hours=SCHOOL_HOURS), scene(hours="Mo-Fr 14:00-16:00"))
    assert (pair.scene_min, pair.concurrent_min, pair.afterhours_min) == (600, 600, 0)
    assert pair.conflict == "concurrent"
    assert pair.presence_hours == "Mo-Fr 14:00-16:00"
    assert pair.guard_hours == "off"
    assert (pair.round_days, pair.round_before) == (None, None)


def test_sunday_night_scene_runs_into_monday():
    measures = time_measures(
        WeeklySchedule.parse(SCHOOL_HOURS), WeeklySchedule.parse("Su 23:00-02:00")
    )
    assert (measures.scene_min, measures.concurrent_min, measures.afterhours_min) == (180, 0, 180)
    assert (measures.round_days, measures.round_before) == ("Mo", "07:00")

    # A school opening at 01:00: Monday 01:00-02:00 is concurrent, the rest is not.
    early = time_measures(
        WeeklySchedule.parse("Mo-Fr 01:00-18:00"), WeeklySchedule.parse("Su 23:00-02:00")
    )
    assert (early.concurrent_min, early.afterhours_min) == (60, 120)
    assert early.presence_hours == "Mo 01:00-02:00"
    assert (early.round_days, early.round_before) == ("Mo", "01:00")


def test_round_counts_each_opening_of_a_split_day():
    lunch_break = WeeklySchedule.parse("Mo-Fr 08:00-12:00,13:00-17:00")
    during_lunch = time_measures(lunch_break, WeeklySchedule.parse("Tu 12:00-12:30"))
    assert (during_lunch.round_days, during_lunch.round_before) == ("Tu", "13:00")
    both = time_measures(lunch_break, WeeklySchedule.parse("We 12:00-12:30; Fr 03:00-04:00"))
    assert (both.round_days, both.round_before) == ("We,Fr", "08:00")


def test_round_is_counted_at_the_next_opening_after_a_weekend():
    # Saturday afternoon activity is found at Monday's opening, not before.
    measures = time_measures(
        WeeklySchedule.parse(SCHOOL_HOURS), WeeklySchedule.parse("Sa 15:00-16:00")
    )
    assert (measures.round_days, measures.round_before) == ("Mo", "07:00")


@pytest.mark.parametrize("hours", ["24/7", "off"])
def test_school_without_openings_has_no_round(hours):
    measures = time_measures(WeeklySchedule.parse(hours), WeeklySchedule.parse("22:00-03:00"))
    assert (measures.round_days, measures.round_before) == (None, None)


def test_scene_never_active_is_after_hours_with_no_minutes():
    pair = only_pair(school(), scene(hours="off"))
    assert (pair.scene_min, pair.concurrent_min, pair.afterhours_min, pair.conflict) == (
        0,
        0,
        0,
        "after_hours",
    )


def brute_force(school_minutes, scene_minutes):
    """Minute-by-minute oracle: concurrent, after-hours and round opening minutes."""
    concurrent = len(school_minutes & scene_minutes)
    afterhours = len(scene_minutes - school_minutes)
    rounds = []
    if 0 < len(school_minutes) < WEEK:
        for minute in range(WEEK):
            if minute in school_minutes and (minute - 1) % WEEK not in school_minutes:
                back = (minute - 1) % WEEK
                active = False
                while back not in school_minutes:
                    active = active or back in scene_minutes
                    back = (back - 1) % WEEK
                if active:
                    rounds.append(minute)
    return concurrent, afterhours, rounds


def minutes_of(schedule):
    return {m for start, end in schedule.intervals for m in range(start, end)}


intervals = st.lists(st.tuples(st.integers(0, WEEK - 1), st.integers(1, 2 * DAY)), max_size=4).map(
    lambda spans: WeeklySchedule.from_intervals((start, start + length) for start, length in spans)
)


@settings(max_examples=150, deadline=None)
@given(intervals, intervals)
def test_time_measures_match_minute_by_minute_counting(school_schedule, scene_schedule):
    measures = time_measures(school_schedule, scene_schedule)
    concurrent, afterhours, rounds = brute_force(
        minutes_of(school_schedule), minutes_of(scene_schedule)
    )
    assert (measures.concurrent_min, measures.afterhours_min) == (concurrent, afterhours)
    assert set(rounds) <= set(school_schedule.openings())
    if rounds:
        days = sorted({m // DAY for m in rounds})
        assert measures.round_days == ",".join(
            ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")[d] for d in days
        )
        assert measures.round_before == "%02d:%02d" % divmod(min(m % DAY for m in rounds), 60)
    else:
        assert (measures.round_days, measures.round_before) == (None, None)


# --- pairs and summaries ----------------------------------------------------


def test_notes_are_joined_in_pairs_and_named_in_summaries():
    noted_school = school(hours_note="school hours 'x' not understood")
    noted_scene = scene(5, hours_note="hours unknown: treated as always active")
    analysis = analyse([noted_school], [noted_scene, scene(6)], 100)
    assert (
        analysis.pairs[0].hours_note
        == "school hours 'x' not understood; hours unknown: treated as always active"
    )
    assert analysis.pairs[1].hours_note == "school hours 'x' not understood"
    assert analysis.summaries[0].hours_note == (
        "school hours 'x' not understood; scene 5: hours unknown: treated as always active"
    )
    plain = analyse([school()], [scene(6)], 100)
    assert plain.pairs[0].hours_note == plain.summaries[0].hours_note == ""


def test_summary_takes_the_union_of_simultaneous_scenes_not_the_sum():
    scenes = [
        scene(1, geometry=box(-500, -500, 500, 500), hours="Mo-Fr 14:00-16:00"),
        scene(2, geometry=box(40, -10, 500, 10), hours="Mo-Fr 14:00-16:00"),
    ]
    summary = analyse([school()], scenes, 100).summaries[0]
    assert summary.scene_count == 2
    assert summary.concurrent_min == 600
    assert summary.afterhours_min == 0
    assert summary.presence_hours == "Mo-Fr 14:00-16:00"
    assert summary.worst_conflict == "concurrent"
    assert summary.nearest_m == 0


def test_summary_combines_different_scenes():
    scenes = [
        scene(1, geometry=box(30, -10, 500, 10), hours="Mo-Fr 14:00-16:00"),
        scene(2, geometry=box(-500, -10, -60, 10), hours="Sa 15:00-16:00"),
        scene(3, geometry=box(-10, 50, 10, 500), hours="Mo-Fr 15:00-17:00"),
    ]
    analysis = analyse([school()], scenes, 100)
    assert [pair.conflict for pair in analysis.pairs] == ["concurrent", "after_hours", "concurrent"]
    summary = analysis.summaries[0]
    assert summary.scene_count == 3
    assert summary.nearest_m == pytest.approx(30)
    # Mo-Fr 14:00-17:00 is 5 × 180 min, not 5 × (120 + 120).
    assert summary.concurrent_min == 900
    assert summary.afterhours_min == 60
    assert summary.presence_hours == "Mo-Fr 14:00-17:00"
    assert summary.guard_hours == "Sa 15:00-16:00"
    assert (summary.round_days, summary.round_before) == ("Mo", "07:00")
    assert summary.worst_conflict == "concurrent"


def test_summary_worst_conflict_after_hours():
    summary = analyse([school()], [scene(hours="22:00-03:00")], 100).summaries[0]
    assert summary.worst_conflict == "after_hours"
    assert summary.afterhours_min == 2100
    assert summary.round_days == "Mo,Tu,We,Th,Fr"


def test_summaries_follow_input_order_and_carry_the_school_geometry():
    grounds = box(5000, 5000, 5100, 5100)
    schools = [school(9), school(3, geometry=grounds), school(5, geometry=Point(-4000, 0))]
    analysis = analyse(schools, [scene()], 100)
    assert [s.school_fid for s in analysis.summaries] == [9, 3, 5]
    assert [s.scene_count for s in analysis.summaries] == [1, 0, 0]
    assert analysis.summaries[1].geometry.equals(grounds)
    assert (analysis.summaries[0].school_name, analysis.summaries[0].school_type) == (
        "school 9",
        "grundskola",
    )


def test_without_summaries_the_pairs_are_the_same():
    rng = random.Random(5)
    schools = [school(k, Point(rng.uniform(0, 900), rng.uniform(0, 900))) for k in range(40)]
    scenes = [
        scene(k, Point(rng.uniform(0, 900), rng.uniform(0, 900)).buffer(rng.uniform(10, 90)))
        for k in range(15)
    ]

    both = analyse(schools, scenes, 150)
    only = analyse(schools, scenes, 150, summaries=False)

    assert len(both.summary_rows) == len(schools)
    assert only.summary_rows == only.summary_geometries == []
    assert only.pair_rows == both.pair_rows
    assert only.pair_geometries == both.pair_geometries


def test_pair_carries_names_and_ids():
    pair = only_pair(school(4), scene(8))
    assert (
        pair.school_fid,
        pair.scene_fid,
        pair.school_name,
        pair.school_type,
        pair.scene_name,
    ) == (
        4,
        8,
        "school 4",
        "grundskola",
        "scene 8",
    )


def test_pair_and_summary_carry_the_hours_used_in_canonical_form():
    analysis = analyse([school(hours="mån-fre 7-18")], [scene(hours="Fr-Sa 22-03")], 100)
    pair, summary = analysis.pairs[0], analysis.summaries[0]
    assert (pair.school_hours, pair.scene_hours) == ("Mo-Fr 07:00-18:00", "Fr-Sa 22:00-03:00")
    assert summary.school_hours == "Mo-Fr 07:00-18:00"


def test_no_schools_or_no_scenes():
    assert analyse([], [scene()], 100).pairs == []
    analysis = analyse([school()], [], 100)
    assert analysis.pairs == []
    assert analysis.summaries[0].scene_count == 0


# --- progress and cancel ----------------------------------------------------


def many_schools(count):
    return [school(fid, geometry=Point(fid * 10, 0)) for fid in range(count)]


def test_progress_rises_to_100():
    reported = []
    analyse(many_schools(1300), [scene()], 100, progress=reported.append)
    assert len(reported) > 1
    assert reported == sorted(reported)
    assert 0 <= reported[0] and reported[-1] == 100


def test_progress_reaches_100_without_schools():
    reported = []
    analyse([], [scene()], 100, progress=reported.append)
    assert reported == [100]


def test_cancel_raises():
    with pytest.raises(AnalysisCanceled):
        analyse([school()], [scene()], 100, is_canceled=lambda: True)


def test_cancel_is_seen_before_each_batch_and_each_new_time_measure():
    checks = []
    reported = []

    def cancel_on_second_check():
        checks.append(True)
        return len(checks) >= 2

    # One schedule pair: asked before the first batch and before its one measure.
    with pytest.raises(AnalysisCanceled):
        analyse(
            many_schools(1300),
            [scene()],
            100,
            progress=reported.append,
            is_canceled=cancel_on_second_check,
        )
    assert len(checks) == 2
    assert reported == []


def test_cancel_is_seen_between_two_distinct_schedule_pairs_within_a_batch():
    computed = []
    schools = [
        school(i, geometry=Point(i * 10, 0), hours="Mo 00:00-01:{:02d}".format(i))
        for i in range(40)
    ]
    checks = []

    def cancel_on_tenth_check():
        checks.append(True)
        return len(checks) >= 10

    original = period_times.period_measures

    def counting(*arguments):
        computed.append(True)
        return original(*arguments)

    period_times.period_measures = counting
    try:
        with pytest.raises(AnalysisCanceled):
            analyse(schools, [scene()], 100, is_canceled=cancel_on_tenth_check)
    finally:
        period_times.period_measures = original
    # 40 schools in one batch: the cancel came after 8 or 9 of their measures, not at the end.
    assert len(checks) == 10 and len(computed) < 10


# --- output fields ----------------------------------------------------------


@pytest.mark.parametrize(
    "record_type, fields", [(PairResult, PAIR_FIELDS), (SchoolSummary, SUMMARY_FIELDS)]
)
def test_fields_match_the_records(record_type, fields):
    names = [f.name for f in dataclasses.fields(record_type) if f.name != "geometry"]
    assert [name for name, _ in fields] == names
    assert {kind for _, kind in fields} <= {"int", "double", "string", "date"}
    for name, _ in fields:
        assert field_alias(name).strip()


def test_rows_follow_field_order_and_kinds():
    analysis = analyse([school()], [scene(hours="22:00-03:00")], 100)
    python_types = {"int": int, "double": float, "string": str, "date": datetime.date}
    for record, fields in (
        (analysis.pairs[0], PAIR_FIELDS),
        (analysis.summaries[0], SUMMARY_FIELDS),
    ):
        row = as_row(record)
        assert row == [getattr(record, name) for name, _ in fields]
        for value, (name, kind) in zip(row, fields):
            assert value is None or isinstance(value, python_types[kind]), name
