"""Scale run: drogscen:overlap on 100,000 schools and 5,000 scenes.

Synthetic, seeded data as in bench_overlap.py (schools as points, scenes
50-400 m across), spread so that schools and scenes are as dense as there
(default area 67 x 67 km). One run, writing both outputs to GeoPackages in
a temporary folder. Prints the progress as it comes (time, percent, memory
in use), the longest wait between two progress reports, the time and the
peak memory; exits with status 1 when the peak exceeds ``--memory-limit``
(GiB, default 24: the machine the plugin is built for) or the progress
stalled for longer than ``--max-silence`` seconds.

    python3 bench/bench_scale.py --schools 10000 --scenes 500   # a quick run
"""

import argparse
import os
import sys
import tempfile
import time

from bench_overlap import peak_mib, start_qgis, synthetic_layers, versions
from qgis.core import QgsProcessingFeedback

GIB = 1024.0  # MiB


def rss_mib():
    """Memory in use now (resident set), in MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


class ProgressLog(QgsProcessingFeedback):
    """Prints each step of at least ``step`` percent; keeps every report's time."""

    def __init__(self, step=5.0):
        super().__init__()
        self.start = time.perf_counter()
        self.times = [self.start]
        self.step = step
        self.printed = -step
        self.progressChanged.connect(self.on_progress)

    def on_progress(self, percent):
        now = time.perf_counter()
        self.times.append(now)
        if percent >= self.printed + self.step or percent >= 100:
            self.printed = percent
            print(
                "  {:7.1f} s  {:5.1f} %  {:8.0f} MiB in use".format(
                    now - self.start, percent, rss_mib()
                ),
                flush=True,
            )

    def pushInfo(self, info):  # noqa: N802 (QGIS API)
        print("  {:7.1f} s  {}".format(time.perf_counter() - self.start, info), flush=True)

    def pushWarning(self, warning):  # noqa: N802 (QGIS API)
        self.pushInfo(warning)

    def longest_silence(self):
        times = self.times + [time.perf_counter()]
        return max(later - earlier for earlier, later in zip(times, times[1:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100_000)
    parser.add_argument("--scenes", type=int, default=5_000)
    parser.add_argument("--distance", type=float, default=300.0)
    parser.add_argument("--size", type=float, default=67_000.0, help="side of the area in metres")
    parser.add_argument("--memory-limit", type=float, default=24.0, help="GiB")
    parser.add_argument(
        "--max-silence",
        type=float,
        default=60.0,
        help="longest wait between progress reports, in seconds",
    )
    args = parser.parse_args()

    app, plugin = start_qgis()
    import processing

    print(versions())
    start = time.perf_counter()
    schools, scenes = synthetic_layers(args.schools, args.scenes, args.size)
    print(
        "{} schools x {} scenes over {:g} km x {:g} km, distance {:g} m: made in {:.1f} s, "
        "{:.0f} MiB in use".format(
            schools.featureCount(),
            scenes.featureCount(),
            args.size / 1000,
            args.size / 1000,
            args.distance,
            time.perf_counter() - start,
            rss_mib(),
        ),
        flush=True,
    )

    with tempfile.TemporaryDirectory(prefix="drogscen-scale-") as folder:
        feedback = ProgressLog()
        result = processing.run(
            "drogscen:overlap",
            {
                "SCHOOLS": schools,
                "SCENES": scenes,
                "DISTANCE": args.distance,
                "OUTPUT": os.path.join(folder, "pairs.gpkg"),
                "SUMMARY": os.path.join(folder, "summary.gpkg"),
            },
            feedback=feedback,
        )
        seconds = time.perf_counter() - feedback.start
        silence = feedback.longest_silence()
        written = {
            name: os.path.getsize(result[name].split("|")[0]) / 1024.0**2
            for name in ("OUTPUT", "SUMMARY")
        }
    peak = peak_mib()
    print(
        "drogscen:overlap: {:.1f} s, {} pairs ({:.0f} MiB), {} summary rows ({:.0f} MiB)".format(
            seconds,
            result["PAIR_COUNT"],
            written["OUTPUT"],
            schools.featureCount(),
            written["SUMMARY"],
        )
    )
    print(
        "progress reports: {}, longest wait between two: {:.2f} s (limit {:g} s)".format(
            len(feedback.times) - 1, silence, args.max_silence
        )
    )
    print(
        "peak memory: {:.0f} MiB = {:.2f} GiB (limit {:g} GiB)".format(
            peak, peak / GIB, args.memory_limit
        )
    )
    plugin.unload()
    if peak / GIB > args.memory_limit or silence > args.max_silence:
        print("bench-scale: over the limit")
        sys.exit(1)


if __name__ == "__main__":
    main()
