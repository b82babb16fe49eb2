"""Desktop run vs database run of drogscen:overlap on PostGIS tables.

A throwaway PostgreSQL cluster (as the tests start it) gets synthetic,
seeded data made in SQL: schools as points and scenes 50-400 m across,
spread as densely as in bench_scale.py (default 100,000 schools x 5,000
scenes on 67 x 67 km). Each run is a process of its own writing both
outputs to tables of the database: RUN_IN_DATABASE 'never' (the desktop)
and 'always' (the database). Prints each run's time and the QGIS
process's peak memory, then compares the outputs in SQL: pairs, ids,
minutes and hours texts, distances (mm) and areas (relative).

    .venv/bin/python bench/bench_db.py --schools 10000 --scenes 500   # a quick run
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

DATA = """
SELECT setseed(0.42);
CREATE TABLE schools (id serial PRIMARY KEY, name text, type text, opening_hours text,
                      geom geometry(Point, 3006));
INSERT INTO schools (name, type, opening_hours, geom)
SELECT 'S' || i, (ARRAY['grundskola', 'förskola'])[1 + floor(random() * 2)::int],
       (ARRAY[NULL, 'Mo-Fr 07:00-18:00', 'Mo-Fr 06:30-18:30', 'Mo-Fr 08:00-16:00'])
         [1 + floor(random() * 4)::int],
       ST_SetSRID(ST_MakePoint(600000 + random() * {size}, 6550000 + random() * {size}), 3006)
FROM generate_series(1, {schools}) AS i;
CREATE TABLE scenes (id serial PRIMARY KEY, name text, active_hours text,
                     geom geometry(Polygon, 3006));
INSERT INTO scenes (name, active_hours, geom)
SELECT 'C' || i, (ARRAY['Fr,Sa 22:00-03:00', 'Mo-Fr 14:00-19:00', '24/7', NULL,
                        'Mo-Su 21:00-02:00', 'Sa,Su 10:00-16:00'])[1 + floor(random() * 6)::int],
       ST_Buffer(ST_SetSRID(ST_MakePoint(600000 + random() * {size},
                                         6550000 + random() * {size}), 3006),
                 25 + random() * 175, 1 + floor(random() * 3)::int)
FROM generate_series(1, {scenes}) AS i;
CREATE INDEX ON schools USING gist (geom);
CREATE INDEX ON scenes USING gist (geom);
ANALYZE schools; ANALYZE scenes;
"""

COMPARE = """
SELECT (SELECT count(*) FROM out_never), (SELECT count(*) FROM out_always),
  (SELECT count(*) FROM (SELECT school_fid, scene_fid FROM out_never EXCEPT
                         SELECT school_fid, scene_fid FROM out_always) AS a),
  (SELECT count(*) FROM (SELECT school_fid, scene_fid FROM out_always EXCEPT
                         SELECT school_fid, scene_fid FROM out_never) AS b),
  max(abs(d.distance_m - b.distance_m)),
  count(*) FILTER (WHERE abs(d.overlap_m2 - b.overlap_m2)
                         > 1e-3 * greatest(d.overlap_m2, b.overlap_m2)),
  count(*) FILTER (WHERE (d.school_name, d.scene_name, d.scene_min, d.concurrent_min,
                          d.afterhours_min, d.conflict, d.presence_hours, d.guard_hours,
                          d.round_days, d.round_before, d.hours_note)
                IS DISTINCT FROM (b.school_name, b.scene_name, b.scene_min, b.concurrent_min,
                          b.afterhours_min, b.conflict, b.presence_hours, b.guard_hours,
                          b.round_days, b.round_before, b.hours_note))
FROM out_never d JOIN out_always b USING (school_fid, scene_fid)
"""


def one_run(uri, mode):
    """In a process of its own: run with RUN_IN_DATABASE ``mode``; print JSON."""
    sys.path.insert(0, HERE)
    from bench_overlap import peak_mib, start_qgis
    from qgis.core import QgsDataSourceUri, QgsProcessingFeedback

    app, plugin = start_qgis()  # noqa: F841 (kept alive for the run)
    import processing

    def table(name):
        source = QgsDataSourceUri(uri)
        source.setDataSource("public", name, "geom", "", "id")
        return "postgres://" + source.uri(False)

    modes = {"never": 2, "always": 1}

    class Steps(QgsProcessingFeedback):
        """Prints each log line with the seconds since the start, to stderr."""

        def pushInfo(self, message):  # noqa: N802 (QGIS API)
            print("{:8.1f} s  {}".format(time.perf_counter() - start, message), file=sys.stderr)

    start = time.perf_counter()
    result = processing.run("drogscen:overlap", {
        "SCENES": table("scenes"), "SCHOOLS": table("schools"),
        "OUTPUT": table("out_" + mode), "SUMMARY": table("summary_" + mode),
        "RUN_IN_DATABASE": modes[mode],
        # A plain week: what the database computes.
        "PERIOD_START": "2026-03-02", "PERIOD_END": "2026-03-08"}, feedback=Steps())
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_mib": peak_mib(),
                      "pairs": result["PAIR_COUNT"]}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100000)
    parser.add_argument("--scenes", type=int, default=5000)
    parser.add_argument("--size", type=float, default=67000.0, help="side of the area, metres")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--uri", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.run:
        return one_run(arguments.uri, arguments.run)

    sys.path.insert(0, os.path.join(ROOT, "tests", "qgis"))
    from postgis_cluster import Cluster, server_bindir

    bindir = server_bindir()
    if bindir is None:
        sys.exit("PostgreSQL is not installed (make system-deps installs it).")
    cluster = Cluster(bindir)
    try:
        cluster.start()
        cluster.sql("CREATE DATABASE bench")
        cluster.sql("CREATE EXTENSION postgis", "bench")
        started = time.perf_counter()
        cluster.sql(DATA.format(schools=arguments.schools, scenes=arguments.scenes,
                                size=arguments.size), "bench")
        print("{} schools x {} scenes on {:.0f} x {:.0f} km made in PostGIS in {:.1f} s".format(
            arguments.schools, arguments.scenes, arguments.size / 1000, arguments.size / 1000,
            time.perf_counter() - started))
        uri = "dbname='bench' host=127.0.0.1 port={} user='postgres' sslmode=disable".format(
            cluster.port)
        runs = {}
        for mode in ("never", "always"):
            output = subprocess.run(
                [sys.executable, os.path.abspath(__file__), "--run", mode, "--uri", uri],
                capture_output=True, text=True, check=True).stdout
            runs[mode] = json.loads(output.strip().splitlines()[-1])
            print("{:8s} {:8.1f} s  peak {:7.0f} MiB  {} pairs".format(
                "desktop" if mode == "never" else "database", runs[mode]["seconds"],
                runs[mode]["peak_mib"], runs[mode]["pairs"]))
        print("database/desktop: time {:.2f}, peak memory {:.2f}".format(
            runs["always"]["seconds"] / runs["never"]["seconds"],
            runs["always"]["peak_mib"] / runs["never"]["peak_mib"]))
        compare = subprocess.run(
            [os.path.join(bindir, "psql"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U",
             "postgres", "-d", "bench", "-At", "-F", " ", "-c", COMPARE],
            capture_output=True, text=True, check=True).stdout.split()
        print("pairs: desktop {}, database {}; only in the desktop's {}, only in the database's "
              "{}; of the common pairs: largest distance difference {} m, areas more than 0.1 % "
              "apart {}, other values different {}".format(*compare))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
