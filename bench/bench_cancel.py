"""Benchmark: how long the overlap works between two looks at cancel.

Synthetic, seeded data analysed by the core with an ``is_canceled`` that
never cancels but notes when it is asked. The first case: school grounds
(polygons of 60-200 vertices, 40-180 m across) and scenes in a 30 x 30 km
area, with the batches sized by the work they take (as shipped) and with
fixed batches of 1,000 schools (as before); the ratio of their CPU times is
the price of the smaller batches. Then hostile inputs: 100,000 point schools,
a scene of 100,000 vertices, a school ground of 50,000 vertices, a 1 MB hours
text, and a year of hours with 4,900 spans a week. For each: the longest, the
first (the setup) and the median CPU time between two looks, the number of
looks and the run's CPU time. Python's cyclic garbage collector is paused
during each run, as drogscen:overlap pauses it (its collections of many
objects are pauses nobody can look at cancel in). Core only (shapely,
numpy), no QGIS:

    PYTHONPATH=. python3 bench/bench_cancel.py --schools 4000 --scenes 500
"""

import argparse
import gc
import math
import random
import statistics
import time
from datetime import date

from shapely.geometry import Point, Polygon, box

from drogscen_plugin.core import overlap
from drogscen_plugin.core.period import Period
from drogscen_plugin.core.period_times import TimeSettings
from drogscen_plugin.core.records import SceneRecord, SchoolRecord
from drogscen_plugin.core.schedule import WeeklySchedule

SIZE = 30000.0
SCHOOL_HOURS = "Mo-Fr 07:00-18:00"
SCENE_HOURS = ("Mo-Fr 20:00-02:00", "Fr,Sa 22-04", "24/7")


def blob(rng, cx, cy, radius, corners, jitter=0.4):
    """A star-shaped polygon of ``corners`` vertices around (cx, cy), each
    vertex up to ``jitter`` of the radius inwards."""
    return Polygon(
        [
            (
                cx + radius * rng.uniform(1 - jitter, 1) * math.cos(2 * math.pi * k / corners),
                cy + radius * rng.uniform(1 - jitter, 1) * math.sin(2 * math.pi * k / corners),
            )
            for k in range(corners)
        ]
    )


def school(fid, geometry):
    return SchoolRecord(
        fid=fid,
        name="school %d" % fid,
        school_type="grundskola",
        geometry=geometry,
        schedule=WeeklySchedule.parse(SCHOOL_HOURS),
    )


def scene(fid, geometry, hours, text=""):
    return SceneRecord(
        fid=fid,
        name="scene %d" % fid,
        geometry=geometry,
        schedule=WeeklySchedule.parse(hours),
        hours_text=text,
    )


def grounds(rng, count, size=SIZE):
    found = []
    for fid in range(count):
        cx, cy = rng.uniform(0, size), rng.uniform(0, size)
        geometry = blob(rng, cx, cy, rng.uniform(20, 90), rng.randint(60, 200))
        found.append(school(fid, geometry))
    return found


def points(rng, count, size=SIZE):
    return [school(fid, Point(rng.uniform(0, size), rng.uniform(0, size))) for fid in range(count)]


def scenes(rng, count, size=SIZE, first=0):
    found = []
    for fid in range(first, first + count):
        x, y, side = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(50, 400)
        found.append(scene(fid, box(x, y, x + side, y + side), rng.choice(SCENE_HOURS)))
    return found


def megabyte_of_hours():
    """About 1 MB of valid hours: 62,500 half-hour rules joined by ", "."""
    rules = []
    for n in range(62500):
        minute = (n * 7) % 1380
        rules.append(
            "{} {:02d}:{:02d}-{:02d}:{:02d}".format(
                ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")[n % 7],
                minute // 60,
                minute % 60,
                (minute + 30) // 60,
                (minute + 30) % 60,
            )
        )
    return ", ".join(rules)


def many_spans():
    """4,900 one-minute spans a week (700 a day)."""
    return "Mo-Su " + ",".join(
        "{:02d}:{:02d}-{:02d}:{:02d}".format(m // 60, m % 60, (m + 1) // 60, (m + 1) % 60)
        for m in range(0, 1400, 2)
    )


def hostile(rng):
    """(label, schools, scenes, times) of each hostile case; a distance of 300 m."""
    area = 10000.0
    big_scene = scene(0, blob(rng, area / 2, area / 2, 3000, 100000, 0.0), SCENE_HOURS[0])
    big_ground = school(0, blob(rng, area / 2, area / 2, 400, 50000, 0.0))
    text = megabyte_of_hours()
    spans = many_spans()
    year = TimeSettings(Period(date(2026, 1, 1), date(2026, 12, 31)))
    yield "100,000 point schools", points(rng, 100000), scenes(rng, 500), None
    yield (
        "a scene of 100,000 vertices",
        points(rng, 2000, area) + grounds(rng, 300, area),
        [big_scene] + scenes(rng, 100, area, 1),
        None,
    )
    yield (
        "a ground of 50,000 vertices",
        [big_ground] + grounds(rng, 100, area)[1:],
        scenes(rng, 300, area),
        None,
    )
    yield (
        "a 1 MB hours text",
        points(rng, 200, area),
        [scene(0, box(0, 0, area, area), "24/7", text)],
        None,
    )
    yield (
        "a year, 4,900 spans/week",
        points(rng, 200, area),
        [scene(0, box(0, 0, area, area), spans, spans)],
        year,
    )


def looks(schools, scene_records, distance, times=None):
    """(CPU seconds of this thread between looks at cancel, whole run in seconds).

    CPU time is the work done; on a busy machine the wall clock also counts the
    time waited for a core."""
    asked = []

    def is_canceled():
        asked.append(time.thread_time())
        return False

    gc.disable()
    try:
        started, wall = time.thread_time(), time.perf_counter()
        overlap.analyse(schools, scene_records, distance, times=times, is_canceled=is_canceled)
    finally:
        gc.enable()
    moments = [started] + asked + [time.thread_time()]
    return [b - a for a, b in zip(moments, moments[1:])], time.perf_counter() - wall


def report(label, gaps, total):
    print(
        "{:28} longest {:6.1f} ms  first {:6.1f} ms  median {:5.1f} ms  looks {:6d}  "
        "CPU {:6.2f} s  wall {:6.2f} s".format(
            label,
            1000 * max(gaps),
            1000 * gaps[0],
            1000 * statistics.median(gaps),
            len(gaps) - 1,
            sum(gaps),
            total,
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=4000)
    parser.add_argument("--scenes", type=int, default=500)
    parser.add_argument("--distance", type=float, default=300.0)
    parser.add_argument("--no-hostile", action="store_true", help="only the first case")
    parser.add_argument("--only", default="", help="only the hostile cases whose label has this")
    args = parser.parse_args()
    import shapely

    print(
        "shapely {}, CPU time of this thread between two looks at cancel".format(
            shapely.__version__
        )
    )
    rng = random.Random(7)
    schools, scene_records = grounds(rng, args.schools), scenes(rng, args.scenes)
    longest = []
    if not args.only:
        print(
            "{} school grounds x {} scenes, {} m".format(args.schools, args.scenes, args.distance)
        )
        sized, sized_time = looks(schools, scene_records, args.distance)
        report("sized batches", sized, sized_time)
        shipped = overlap._FIRST_BATCH, overlap.next_batch
        overlap._FIRST_BATCH = overlap._CHUNK
        overlap.next_batch = lambda size, seconds: overlap._CHUNK
        try:
            fixed, fixed_time = looks(schools, scene_records, args.distance)
        finally:
            overlap._FIRST_BATCH, overlap.next_batch = shipped
        report("fixed 1,000", fixed, fixed_time)
        print("CPU time sized / fixed: {:.2f}".format(sum(sized) / sum(fixed)))
        longest = [max(sized), max(fixed)]
    if args.no_hostile:
        return
    print("hostile inputs, 300 m")
    for label, school_records, hostile_scenes, times in hostile(rng):
        if args.only not in label:
            continue
        gaps, total = looks(school_records, hostile_scenes, 300.0, times)
        report(label, gaps, total)
        longest.append(max(gaps))
    print("longest gap of all cases: {:.1f} ms".format(1000 * max(longest)))


if __name__ == "__main__":
    main()
