"""Benchmark: time measures of one school × scene pair as their spans double.

A scene of N short spans a week against a school open N short times: the
time per pair should double with N (linear), not quadruple. Prints the seconds per pair
for each size and the ratio to the size before; no QGIS needed:

    PYTHONPATH=. python3 bench/bench_time_measures.py
"""

import argparse
import time

from drogscen_plugin.core.schedule import MINUTES_PER_WEEK, WeeklySchedule
from drogscen_plugin.core.timing import time_measures


def spread(spans, offset):
    """``spans`` one-minute spans spread over the week, from minute ``offset`` of each step."""
    step = MINUTES_PER_WEEK // spans
    return WeeklySchedule.from_intervals(
        (k * step + offset, k * step + offset + 1) for k in range(spans)
    )


def seconds_per_pair(spans, repeat):
    school, schedule = spread(spans, 0), spread(spans, 2)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        measures = time_measures(school, schedule)
        assert measures.afterhours_min == spans
        best = min(best, time.perf_counter() - started)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=200)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    before = None
    for step in range(args.steps):
        spans = args.start * 2**step
        seconds = seconds_per_pair(spans, args.repeat)
        ratio = "" if before is None else "  x{:.2f} for x2 spans".format(seconds / before)
        print("{:>7} spans: {:8.4f} s per pair{}".format(spans, seconds, ratio))
        before = seconds


if __name__ == "__main__":
    main()
