"""Benchmark: drogscen:overlap against QGIS's native:buffer + native:intersection.

Synthetic, seeded data in EPSG:3006 (scenes 50-400 m across, within a
30 x 30 km area) as memory layers, in two cases: schools as points, and
schools as grounds (polygons 40-180 m across). Ours runs twice: with the
overlaps only, the one output QGIS's chain makes too (like for like), and
with the school summary as well (20,000 more features). All runs of a case
in the same process on the same layers, taking turns, and the best of
``--repeat`` runs of each counts. Prints the shapely in use, the times (wall
clock, and CPU time, which a busy machine disturbs less), the pair counts,
the ratios (ours / QGIS) and the peak memory. Ours measures true circles (exact areas
for points) where QGIS's buffer draws 20-gons, so the pair counts differ a
little. ``make bench`` runs it under Debian's shapely 1.8 and under
shapely 2; for a quick run:

    python3 bench/bench_overlap.py --schools 2000 --scenes 200
"""

import argparse
import math
import os
import random
import resource
import sys
import time

from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

X0, Y0 = 650000.0, 6560000.0  # south-west corner, Stockholm area
SCENE_HOURS = [
    "Mo-Fr 20:00-02:00",
    "Fr,Sa 22:00-04:00",
    "Mo-Su 14:00-19:00",
    "Sa,Su 10:00-18:00",
    "24/7",
    None,
]
SCHOOL_HOURS = [None, None, None, "Mo-Fr 07:30-17:00", "Mo-Fr 06:00-19:00"]


def memory_layer(geometry_type, fields, name):
    uri = "{}?crs=EPSG:3006{}".format(
        geometry_type, "".join("&field={}:string".format(f) for f in fields)
    )
    return QgsVectorLayer(uri, name, "memory")


def star(rng, cx, cy, radius):
    """A simple polygon: one vertex per equal sector keeps it simple."""
    count = rng.randint(6, 14)
    ring = []
    for k in range(count):
        angle = 2 * math.pi * (k + rng.uniform(0.1, 0.9)) / count
        r = radius * rng.uniform(0.5, 1.0)
        ring.append(QgsPointXY(cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return QgsGeometry.fromPolygonXY([ring + ring[:1]])


def synthetic_layers(schools, scenes, size, seed=1, grounds=False):
    """(schools, scenes) memory layers; schools as points, or as grounds."""
    rng = random.Random(seed)
    kind = "Polygon" if grounds else "Point"
    school_layer = memory_layer(kind, ("name", "type", "opening_hours"), "schools")
    features = []
    for i in range(schools):
        feature = QgsFeature(school_layer.fields())
        x, y = X0 + rng.uniform(0, size), Y0 + rng.uniform(0, size)
        if grounds:
            feature.setGeometry(star(rng, x, y, rng.uniform(20, 90)))
        else:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes(
            ["S{}".format(i), rng.choice(["grundskola", "förskola"]), rng.choice(SCHOOL_HOURS)]
        )
        features.append(feature)
    school_layer.dataProvider().addFeatures(features)

    scene_layer = memory_layer("Polygon", ("name", "active_hours"), "scenes")
    features = []
    for i in range(scenes):
        cx, cy = X0 + rng.uniform(0, size), Y0 + rng.uniform(0, size)
        feature = QgsFeature(scene_layer.fields())
        feature.setGeometry(star(rng, cx, cy, rng.uniform(25, 200)))  # 50-400 m across
        feature.setAttributes(["C{}".format(i), rng.choice(SCENE_HOURS)])
        features.append(feature)
    scene_layer.dataProvider().addFeatures(features)
    return school_layer, scene_layer


def peak_mib():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def report(label, seconds, cpu, detail, peak):
    print(
        "{:38s} {:7.2f} s (CPU {:.2f} s)  {}  (peak {:.0f} MiB)".format(
            label, seconds, cpu, detail, peak
        )
    )


def timed(function):
    """(wall-clock seconds, CPU seconds, result) of a call."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - start, time.process_time() - cpu, result


def versions():
    import numpy
    import shapely
    from qgis.core import Qgis

    geos = getattr(shapely, "geos_version_string", None)
    if geos is None:  # shapely 1.8
        from shapely.geos import geos_version_string as geos
    return "shapely {} (GEOS {}), numpy {}, QGIS {}".format(
        shapely.__version__, geos, numpy.__version__, Qgis.QGIS_VERSION
    )


def start_qgis():
    """QGIS offscreen with Processing and the plugin's provider: (app, plugin).

    The caller keeps both alive for the run.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    sys.path.insert(0, ROOT)
    from processing.core.Processing import Processing

    from drogscen_plugin.plugin import DrogscenPlugin

    Processing.initialize()
    plugin = DrogscenPlugin(None)
    plugin.initProcessing()
    return app, plugin


def compare(label, schools, scenes, distance, repeat):
    """Time ours (with and without the summary) and QGIS's chain on one case, taking
    turns; print the times, pair counts, ratios and peak memory."""
    import processing

    print(
        "--- {}: {} schools x {} scenes".format(
            label, schools.featureCount(), scenes.featureCount()
        )
    )

    def ours(summary):
        outputs = {"OUTPUT": "memory:", "SUMMARY": "memory:" if summary else None}
        return processing.run(
            "drogscen:overlap",
            dict({"SCHOOLS": schools, "SCENES": scenes, "DISTANCE": distance}, **outputs),
        )

    def native():
        buffers = processing.run(
            "native:buffer",
            {"INPUT": schools, "DISTANCE": distance, "SEGMENTS": 5, "OUTPUT": "memory:"},
        )["OUTPUT"]
        return processing.run(
            "native:intersection", {"INPUT": buffers, "OVERLAY": scenes, "OUTPUT": "memory:"}
        )["OUTPUT"]

    runs = {
        "both": lambda: ours(True),
        "overlaps": lambda: ours(False),
        "native": native,
    }
    # Taking turns, so that a busy machine slows all alike; peaks from the first round.
    times = {name: [] for name in runs}
    peaks, results = {}, {}
    for _ in range(repeat):
        for name, function in runs.items():
            *seconds, results[name] = timed(function)
            times[name].append(seconds)
            peaks.setdefault(name, peak_mib())
    wall, cpu = {}, {}
    for name, measured in times.items():
        wall[name], cpu[name] = (min(column) for column in zip(*measured))

    both, native_layer = results["both"], results["native"]
    report(
        "drogscen:overlap, overlaps + summary",
        wall["both"],
        cpu["both"],
        "{} pairs, {} summary rows".format(
            both["OUTPUT"].featureCount(), both["SUMMARY"].featureCount()
        ),
        peaks["both"],
    )
    report(
        "drogscen:overlap, overlaps only",
        wall["overlaps"],
        cpu["overlaps"],
        "{} pairs".format(results["overlaps"]["OUTPUT"].featureCount()),
        peaks["overlaps"],
    )
    report(
        "native:buffer + native:intersection",
        wall["native"],
        cpu["native"],
        "{} pairs".format(native_layer.featureCount()),
        peaks["native"],
    )
    for name, what in (("overlaps", "overlaps only"), ("both", "overlaps + summary")):
        print(
            "ratio ours / QGIS ({}, {}): {:.2f} (CPU {:.2f})".format(
                label, what, wall[name] / wall["native"], cpu[name] / cpu["native"]
            )
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=20000)
    parser.add_argument("--scenes", type=int, default=2000)
    parser.add_argument("--distance", type=float, default=300.0)
    parser.add_argument("--size", type=float, default=30000.0, help="side of the area in metres")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the best counts")
    args = parser.parse_args()

    app, plugin = start_qgis()
    print(versions())
    print(
        "distance {:g} m, area {:g} km x {:g} km, best of {} runs".format(
            args.distance, args.size / 1000, args.size / 1000, args.repeat
        )
    )
    for label, grounds, goal in (("points", False, 0.5), ("grounds", True, 1.0)):
        schools, scenes = synthetic_layers(args.schools, args.scenes, args.size, grounds=grounds)
        print("peak memory after making the data: {:.0f} MiB".format(peak_mib()))
        compare(label, schools, scenes, args.distance, args.repeat)
        print("(goal for {}: <= {:g})".format(label, goal))
    plugin.unload()


if __name__ == "__main__":
    main()
