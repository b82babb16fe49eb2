"""Desktop run vs database run of drogscen:overlap on PostGIS tables.

A throwaway PostgreSQL cluster (as the tests start it) gets synthetic,
seeded data made in SQL: schools as points and scenes 50-400 m across,
spread as densely as in bench_scale.py (default 100,000 schools x 5,000
scenes on 67 x 67 km). Each run is a process of its own writing both
outputs to tables of the database: RUN_IN_DATABASE 'never' (the desktop)
and 'always' (the database), over a calendar period (by default the autumn
term 2026 of the example school year, with its höstlov; scenes first seen
and closed on dates of their own). Prints each run's time and the QGIS
process's peak memory, then compares the outputs in SQL: pairs, ids,
minutes, dates, rounds and hours texts, distances (mm) and areas (relative).

    .venv/bin/python bench/bench_db.py --schools 10000 --scenes 500   # a quick run
    .venv/bin/python bench/bench_db.py --period 2026-03-02/2026-03-08  # a plain week
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
                     first_seen date, closed_on date, geom geometry(Polygon, 3006));
INSERT INTO scenes (name, active_hours, geom)
SELECT 'C' || i, (ARRAY['Fr,Sa 22:00-03:00', 'Mo-Fr 14:00-19:00; PH off', '24/7', NULL,
                        'Mo-Su 21:00-02:00', 'Sa,Su 10:00-16:00', 'SH Mo-Fr 10:00-15:00'])
                   [1 + floor(random() * 7)::int],
       ST_Buffer(ST_SetSRID(ST_MakePoint(600000 + random() * {size},
                                         6550000 + random() * {size}), 3006),
                 25 + random() * 175, 1 + floor(random() * 3)::int)
FROM generate_series(1, {scenes}) AS i;
-- Half of the scenes first seen on a day of 2026, a third of those closed 1-300 days later.
UPDATE scenes SET first_seen = DATE '2026-01-01' + floor(random() * 365)::int
  WHERE random() < 0.5;
UPDATE scenes SET closed_on = first_seen + 1 + floor(random() * 300)::int
  WHERE first_seen IS NOT NULL AND random() < 0.33;
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
  coalesce(max(abs(d.overlap_m2 - b.overlap_m2)) FILTER (
    WHERE abs(d.overlap_m2 - b.overlap_m2) > 1e-3 * greatest(d.overlap_m2, b.overlap_m2)), 0),
  coalesce(max(greatest(d.overlap_m2, b.overlap_m2)) FILTER (
    WHERE abs(d.overlap_m2 - b.overlap_m2) > 1e-3 * greatest(d.overlap_m2, b.overlap_m2)), 0),
  count(*) FILTER (WHERE (d.school_name, d.scene_name, d.scene_min, d.concurrent_min,
                          d.afterhours_min, d.conflict, d.presence_hours, d.guard_hours,
                          d.round_days, d.round_before, d.period_concurrent_min,
                          d.period_afterhours_min, d.conflict_dates, d.round_count, d.hours_note)
                IS DISTINCT FROM (b.school_name, b.scene_name, b.scene_min, b.concurrent_min,
                          b.afterhours_min, b.conflict, b.presence_hours, b.guard_hours,
                          b.round_days, b.round_before, b.period_concurrent_min,
                          b.period_afterhours_min, b.conflict_dates, b.round_count, b.hours_note))
FROM out_never d JOIN out_always b USING (school_fid, scene_fid)
"""

# Schools whose pairs are the same in both runs: their summaries must be equal.
COMPARE_SUMMARY = """
WITH same AS (SELECT school_fid FROM summary_never EXCEPT
              SELECT school_fid FROM (
                (SELECT school_fid, scene_fid FROM out_never EXCEPT
                 SELECT school_fid, scene_fid FROM out_always) UNION ALL
                (SELECT school_fid, scene_fid FROM out_always EXCEPT
                 SELECT school_fid, scene_fid FROM out_never)) AS apart)
SELECT count(*), count(*) FILTER (WHERE (d.scene_count, d.worst_conflict, d.concurrent_min,
    d.afterhours_min, d.presence_hours, d.guard_hours, d.round_days, d.round_before,
    d.period_concurrent_min, d.period_afterhours_min, d.conflict_dates, d.round_count,
    d.hours_note)
  IS DISTINCT FROM (b.scene_count, b.worst_conflict, b.concurrent_min, b.afterhours_min,
    b.presence_hours, b.guard_hours, b.round_days, b.round_before, b.period_concurrent_min,
    b.period_afterhours_min, b.conflict_dates, b.round_count, b.hours_note))
FROM same JOIN summary_never d USING (school_fid) JOIN summary_always b USING (school_fid)
"""

# The first summaries that differ, both versions, to see why.
DIFFERENT_SUMMARIES = """
SELECT d.school_fid, b.school_fid IS NULL, to_jsonb(d) - 'geom' - 'id', to_jsonb(b) - 'geom' - 'id'
FROM summary_never d JOIN summary_always b USING (school_fid)
WHERE (to_jsonb(d) - 'geom' - 'id' - 'nearest_m') <> (to_jsonb(b) - 'geom' - 'id' - 'nearest_m')
ORDER BY 1 LIMIT 3
"""

# The example school year 2026/27 (school_calendar.py).
TERMS = "2026-08-17/2026-12-18, 2027-01-08/2027-06-11"
HOLIDAYS = (
    "2026-10-26/2026-10-30, 2026-12-21/2027-01-07, 2027-03-01/2027-03-05, 2027-03-29/2027-04-02"
)


def one_run(uri, mode, period):
    """In a process of its own: run with RUN_IN_DATABASE ``mode`` over ``period``
    (START/END); print JSON."""
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
    result = processing.run(
        "drogscen:overlap",
        {
            "SCENES": table("scenes"),
            "SCHOOLS": table("schools"),
            "OUTPUT": table("out_" + mode),
            "SUMMARY": table("summary_" + mode),
            "RUN_IN_DATABASE": modes[mode],
            "PERIOD_START": period.split("/")[0],
            "PERIOD_END": period.split("/")[1],
            "SCHOOL_TERMS": TERMS,
            "SCHOOL_HOLIDAYS": HOLIDAYS,
            "SCENE_FROM_FIELD": "first_seen",
            "SCENE_TO_FIELD": "closed_on",
        },
        feedback=Steps(),
    )
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - start,
                "peak_mib": peak_mib(),
                "pairs": result["PAIR_COUNT"],
                "outside": result["SCENES_OUTSIDE_COUNT"],
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100000)
    parser.add_argument("--scenes", type=int, default=5000)
    parser.add_argument("--size", type=float, default=67000.0, help="side of the area, metres")
    parser.add_argument(
        "--period",
        default="2026-08-17/2026-12-18",
        help="first and last date, START/END (default: the autumn term)",
    )
    parser.add_argument(
        "--steps",
        action="store_true",
        help="print each run's log lines with the seconds since its start",
    )
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--uri", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.run:
        return one_run(arguments.uri, arguments.run, arguments.period)

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
        cluster.sql(
            DATA.format(schools=arguments.schools, scenes=arguments.scenes, size=arguments.size),
            "bench",
        )
        print(
            "{} schools x {} scenes on {:.0f} x {:.0f} km made in PostGIS in {:.1f} s".format(
                arguments.schools,
                arguments.scenes,
                arguments.size / 1000,
                arguments.size / 1000,
                time.perf_counter() - started,
            )
        )
        uri = "dbname='bench' host=127.0.0.1 port={} user='postgres' sslmode=disable".format(
            cluster.port
        )
        runs = {}
        for mode in ("never", "always"):
            done = subprocess.run(
                [
                    sys.executable,
                    os.path.abspath(__file__),
                    "--run",
                    mode,
                    "--uri",
                    uri,
                    "--period",
                    arguments.period,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            if arguments.steps:
                print(done.stderr, end="")
            runs[mode] = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                "{:8s} {:8.1f} s  peak {:7.0f} MiB  {} pairs, {} scenes outside {}".format(
                    "desktop" if mode == "never" else "database",
                    runs[mode]["seconds"],
                    runs[mode]["peak_mib"],
                    runs[mode]["pairs"],
                    runs[mode]["outside"],
                    arguments.period,
                )
            )
        print(
            "database/desktop: time {:.2f}, peak memory {:.2f}".format(
                runs["always"]["seconds"] / runs["never"]["seconds"],
                runs["always"]["peak_mib"] / runs["never"]["peak_mib"],
            )
        )

        def psql(statement, *options):
            return subprocess.run(
                [
                    os.path.join(bindir, "psql"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(cluster.port),
                    "-U",
                    "postgres",
                    "-d",
                    "bench",
                    *options,
                    "-c",
                    statement,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout

        def query(statement):
            return psql(statement, "-At", "-F", " ").split()

        print(
            "pairs: desktop {}, database {}; only in the desktop's {}, only in the database's "
            "{}; of the common pairs: largest distance difference {} m, areas more than 0.1 % "
            "apart {} (at most {} m² apart, the largest of them {} m²), other values "
            "different {}".format(*query(COMPARE))
        )
        same, different = query(COMPARE_SUMMARY)
        print(
            "schools with the same pairs in both: {}, their summaries different: {}".format(
                same, different
            )
        )
        if int(different):
            print(psql(DIFFERENT_SUMMARIES))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
