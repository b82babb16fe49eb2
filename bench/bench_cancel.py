"""Benchmark: how long the overlap works between two looks at cancel.

Synthetic, seeded school grounds (polygons of 60-200 vertices, 40-180 m
across) and scenes in a 30 x 30 km area, analysed by the core with an
``is_canceled`` that never cancels but notes when it is asked. Prints, for
the batches sized by the work they take (as shipped) and for fixed batches of
1,000 schools (as before), the longest and the median CPU time between two
looks, and the whole run's CPU and wall time; the ratio of the CPU times is
the price of the smaller batches. Core only (shapely, numpy), no QGIS:

    PYTHONPATH=. python3 bench/bench_cancel.py --schools 4000 --scenes 500
"""

import argparse
import math
import random
import statistics
import time

from shapely.geometry import Polygon, box

from drogscen_plugin.core import overlap
from drogscen_plugin.core.records import SceneRecord, SchoolRecord
from drogscen_plugin.core.schedule import WeeklySchedule

SIZE = 30000.0


def grounds(rng, count):
    hours = WeeklySchedule.parse("Mo-Fr 07:00-18:00")
    found = []
    for fid in range(count):
        cx, cy, radius = rng.uniform(0, SIZE), rng.uniform(0, SIZE), rng.uniform(20, 90)
        corners = rng.randint(60, 200)
        ring = [
            (
                cx + radius * rng.uniform(0.6, 1.0) * math.cos(2 * math.pi * k / corners),
                cy + radius * rng.uniform(0.6, 1.0) * math.sin(2 * math.pi * k / corners),
            )
            for k in range(corners)
        ]
        found.append(
            SchoolRecord(
                fid=fid,
                name="school %d" % fid,
                school_type="grundskola",
                geometry=Polygon(ring),
                schedule=hours,
            )
        )
    return found


def scenes(rng, count):
    hours = [WeeklySchedule.parse(text) for text in ("Mo-Fr 20:00-02:00", "Fr,Sa 22-04", "24/7")]
    found = []
    for fid in range(count):
        x, y, side = rng.uniform(0, SIZE), rng.uniform(0, SIZE), rng.uniform(50, 400)
        found.append(
            SceneRecord(
                fid=fid,
                name="scene %d" % fid,
                geometry=box(x, y, x + side, y + side),
                schedule=rng.choice(hours),
            )
        )
    return found


def looks(schools, scene_records, distance):
    """(CPU seconds of this thread between looks at cancel, whole run in seconds).

    CPU time is the work done; on a busy machine the wall clock also counts the
    time waited for a core."""
    asked = []

    def is_canceled():
        asked.append(time.thread_time())
        return False

    started, wall = time.thread_time(), time.perf_counter()
    overlap.analyse(schools, scene_records, distance, is_canceled=is_canceled)
    moments = [started] + asked + [time.thread_time()]
    return [b - a for a, b in zip(moments, moments[1:])], time.perf_counter() - wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=4000)
    parser.add_argument("--scenes", type=int, default=500)
    parser.add_argument("--distance", type=float, default=300.0)
    args = parser.parse_args()
    rng = random.Random(7)
    schools, scene_records = grounds(rng, args.schools), scenes(rng, args.scenes)
    sized, sized_time = looks(schools, scene_records, args.distance)
    shipped = overlap._FIRST_BATCH, overlap.next_batch
    overlap._FIRST_BATCH, overlap.next_batch = overlap._CHUNK, lambda size, seconds: overlap._CHUNK
    try:
        fixed, fixed_time = looks(schools, scene_records, args.distance)
    finally:
        overlap._FIRST_BATCH, overlap.next_batch = shipped
    print("{} school grounds x {} scenes, {} m".format(args.schools, args.scenes, args.distance))
    # The first gap is the setup (reading the geometries into arrays and an index).
    for label, gaps, total in (
        ("sized batches", sized, sized_time),
        ("fixed 1,000", fixed, fixed_time),
    ):
        print(
            "{:14} setup {:6.1f} ms  then longest {:7.1f} ms  median {:6.1f} ms  looks {:6d}  "
            "CPU {:6.2f} s  wall {:6.2f} s".format(
                label,
                1000 * gaps[0],
                1000 * max(gaps[1:]),
                1000 * statistics.median(gaps[1:]),
                len(gaps) - 1,
                sum(gaps),
                total,
            )
        )
    print("CPU time sized / fixed: {:.2f}".format(sum(sized) / sum(fixed)))


if __name__ == "__main__":
    main()
