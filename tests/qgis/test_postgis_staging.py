"""Staged PostGIS tables: named so that they are recognised, and removed when their run died.

A run writes each PostGIS output to TABLE__drogscen_tmp_HOST_PID_N and renames
it in at the end; a run killed before that leaves the staged table. The next
run writing to that schema drops the staged tables of runs of this machine that
no longer run, and keeps those of running ones and of other machines. Shown
with tables made by hand and with runs killed (SIGKILL) at random moments on the
throwaway cluster of the tests (postgis_cluster.py).
"""

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import processing

from drogscen_plugin.processing import outputs

ROOT = Path(__file__).resolve().parents[2]
HELPER = Path(__file__).with_name("overlap_process.py")
KILLS = 10


def dead_pid():
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(process.stdout)


def staged_tables(postgis):
    rows = postgis.sql(
        "SELECT tablename FROM pg_tables WHERE tablename LIKE "
        "'%\\_\\_drogscen\\_tmp\\_%' ORDER BY tablename"
    )
    return [row[0] for row in rows]


def make_table(postgis, name):
    postgis.sql(
        'CREATE TABLE "{}" (id serial PRIMARY KEY, geom geometry(Point, 3006))'.format(name)
    )


def sources(postgis):
    """The inputs, analysed on this computer: the staging is the desktop's way of writing."""
    return {
        "SCENES": postgis.processing_uri("scenes"),
        "SCHOOLS": postgis.processing_uri("schools"),
        "RUN_IN_DATABASE": 2,
    }


def test_a_run_drops_the_staged_tables_of_dead_runs_of_this_machine_only(postgis):
    other_host = "abcdef" if outputs._HOST != "abcdef" else "fedcba"
    dead, alive = dead_pid(), os.getppid()
    dead_here = "overlap_s__drogscen_tmp_{}_{}_1".format(outputs._HOST, dead)
    alive_here = "overlap_s__drogscen_tmp_{}_{}_2".format(outputs._HOST, alive)
    elsewhere = "overlap_s__drogscen_tmp_{}_{}_3".format(other_host, dead)
    for name in (dead_here, alive_here, elsewhere):
        make_table(postgis, name)
    try:
        result = processing.run(
            "drogscen:overlap",
            dict(
                sources(postgis),
                OUTPUT=postgis.processing_uri("overlap_s"),
                SUMMARY=postgis.processing_uri("summary_s"),
            ),
        )
        assert result["PAIR_COUNT"] > 0
        assert postgis.exists("overlap_s") and postgis.exists("summary_s")
        assert staged_tables(postgis) == sorted([alive_here, elsewhere])
    finally:
        for name in (alive_here, elsewhere, "overlap_s", "summary_s"):
            postgis.sql('DROP TABLE IF EXISTS "{}"'.format(name))


def test_a_staged_name_keeps_within_postgresql_names(postgis):
    """A long output name is cut so that the whole staged name fits in 63 bytes."""
    long_name = "överlapp_" * 6  # 60 bytes
    try:
        processing.run(
            "drogscen:overlap",
            dict(sources(postgis), OUTPUT=postgis.processing_uri(long_name), SUMMARY="memory:"),
        )
        assert postgis.exists(long_name)
        assert staged_tables(postgis) == []
    finally:
        postgis.sql('DROP TABLE IF EXISTS "{}"'.format(long_name))


def counts(postgis):
    return tuple(
        postgis.sql("SELECT count(*) FROM {}".format(name))[0][0]
        for name in ("overlap_k", "summary_k")
    )


def test_runs_killed_at_random_moments_leave_old_or_new_and_no_staged_table_after_the_next(
    postgis, sample_gpkg, tmp_path
):
    shutil.copy(sample_gpkg, tmp_path / "input.gpkg")
    destinations = [postgis.processing_uri(name) for name in ("overlap_k", "summary_k")]

    def command(distance):
        return [
            sys.executable,
            str(HELPER),
            str(tmp_path / "input.gpkg"),
            *destinations,
            str(distance),
        ]

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    try:
        subprocess.run(command(100), env=env, cwd=str(ROOT), check=True, capture_output=True)
        old = counts(postgis)
        started = time.monotonic()
        subprocess.run(command(400), env=env, cwd=str(ROOT), check=True, capture_output=True)
        duration = time.monotonic() - started
        new = counts(postgis)
        assert old != new
        rng = random.Random(4)
        left = 0
        for _ in range(KILLS):
            subprocess.run(command(100), env=env, cwd=str(ROOT), check=True, capture_output=True)
            process = subprocess.Popen(
                command(400),
                env=env,
                cwd=str(ROOT),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(duration * rng.uniform(0.5, 1.0))
            process.kill()
            process.wait()
            # Both tables are renamed in one transaction.
            assert counts(postgis) in (old, new)
            left += len(staged_tables(postgis))
        print("staged tables left by {} killed runs: {}".format(KILLS, left))
        subprocess.run(command(400), env=env, cwd=str(ROOT), check=True, capture_output=True)
        assert counts(postgis) == new
        assert staged_tables(postgis) == []
    finally:
        for name in ("overlap_k", "summary_k"):
            postgis.sql('DROP TABLE IF EXISTS "{}"'.format(name))
