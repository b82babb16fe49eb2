"""Two output files of one run: after a kill at any moment and the recovery, both old or both new.

drogscen:overlap runs in a process of its own (overlap_process.py) with OUTPUT
and SUMMARY as two GeoPackages or two shapefiles replacing those of an earlier
run with another distance. It is killed (SIGKILL) at random moments, and at
every file-system step of putting the outputs in place; after each kill the
recovery (journal.recover, which every later run does first) must leave the
old pair or the new pair, the input untouched and nothing of the run behind.
The files are read with GDAL directly, each time anew.
"""

import glob
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from osgeo import ogr

from drogscen_plugin.processing import journal

ROOT = Path(__file__).resolve().parents[2]
HELPER = Path(__file__).with_name("overlap_process.py")
KILLS = 24
FORMATS = {"gpkg": ("pairs.gpkg", "summary.gpkg"), "shp": ("pairs.shp", "summary.shp")}


def environment():
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )


def command(folder, names, distance, kill_at=0):
    return [
        sys.executable,
        str(HELPER),
        str(folder / "input.gpkg"),
        str(folder / names[0]),
        str(folder / names[1]),
        str(distance),
        str(kill_at),
    ]


def run(folder, names, distance, kill_at=0):
    return subprocess.run(
        command(folder, names, distance, kill_at),
        cwd=str(ROOT),
        env=environment(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def rows(path):
    """Every feature of a file's only layer, as text; None when GDAL cannot read it."""
    source = ogr.Open(str(path))
    if source is None:
        return None
    layer = source.GetLayer(0)
    found = sorted(
        tuple(str(feature.GetField(i)) for i in range(feature.GetFieldCount()))
        + (feature.GetGeometryRef().ExportToWkt() if feature.GetGeometryRef() else "",)
        for feature in layer
    )
    source = None
    return found


def state(folder, names):
    return tuple(rows(folder / name) for name in names)


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def leftovers(folder):
    return sorted(os.path.basename(path) for path in glob.glob(str(folder / ".drogscen_*")))


class Case:
    """A folder with the input and the old outputs, the new outputs as a second run makes
    them, and the old folder's files to start each kill from."""

    def __init__(self, tmp_path, sample_gpkg, extension):
        self.names = FORMATS[extension]
        self.pristine = tmp_path / "pristine"
        self.pristine.mkdir()
        shutil.copy(sample_gpkg, self.pristine / "input.gpkg")
        result = run(self.pristine, self.names, 100)
        assert result.returncode == 0, result.stderr
        self.old = state(self.pristine, self.names)
        fresh = tmp_path / "fresh"
        shutil.copytree(self.pristine, fresh)
        started = time.monotonic()
        result = run(fresh, self.names, 400)
        self.duration = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        self.steps = int(result.stdout.split()[-1])
        self.new = state(fresh, self.names)
        assert None not in self.old + self.new
        assert self.old[0] != self.new[0] and self.old[1] != self.new[1]
        self.input = digest(self.pristine / "input.gpkg")
        self.work = tmp_path / "work"

    def reset(self):
        if self.work.exists():
            shutil.rmtree(self.work)
        shutil.copytree(self.pristine, self.work)

    def outcome(self):
        """After the recovery: 'old' or 'new'; fails on a mix or a touched input."""
        journal.recover(str(self.work))
        found = state(self.work, self.names)
        assert found in (self.old, self.new), "a mix of old and new outputs"
        assert digest(self.work / "input.gpkg") == self.input
        assert leftovers(self.work) == []
        return "new" if found == self.new else "old"


@pytest.fixture(params=sorted(FORMATS))
def case(request, tmp_path, sample_gpkg):
    return Case(tmp_path, sample_gpkg, request.param)


def test_killed_at_every_step_of_putting_two_outputs_in_place(case):
    outcomes, mixed = [], 0
    for kill_at in range(1, case.steps + 1):
        case.reset()
        result = run(case.work, case.names, 400, kill_at)
        assert result.returncode == -9, (kill_at, result.stderr)
        mixed += state(case.work, case.names) not in (case.old, case.new)
        outcomes.append(case.outcome())
    print(
        "{} steps; after the recovery old/new: {}/{}; a mix before it: {}".format(
            case.steps, outcomes.count("old"), outcomes.count("new"), mixed
        )
    )
    # Old until the journal is in place, new from then on.
    committed = outcomes.index("new")
    assert 0 < committed and outcomes == ["old"] * committed + ["new"] * (case.steps - committed)


def kill_at_random(arguments, duration, rng):
    """Start ``arguments`` and kill it at a random moment of a run of ``duration``
    seconds; most kills fall late, where the files are written and put in place."""
    process = subprocess.Popen(
        arguments,
        cwd=str(ROOT),
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    time.sleep(duration * rng.choice([rng.uniform(0.0, 1.0), rng.uniform(0.8, 1.05)]))
    process.kill()
    process.wait()


def test_killed_at_random_moments(case):
    rng = random.Random(13)
    outcomes = []
    for _ in range(KILLS):
        case.reset()
        kill_at_random(command(case.work, case.names, 400), case.duration, rng)
        outcomes.append(case.outcome())
    print("kills leaving old/new: {}/{}".format(outcomes.count("old"), outcomes.count("new")))


def test_the_next_run_completes_an_interrupted_one_before_reading(case):
    """The command line writing a third file in the folder first rolls the journal forward."""
    for kill_at in range(1, case.steps + 1):
        case.reset()
        assert run(case.work, case.names, 400, kill_at).returncode == -9
        if state(case.work, case.names) not in (case.old, case.new):
            break
    # Killed with one output new and the other old, the journal in place.
    assert state(case.work, case.names) not in (case.old, case.new)
    assert glob.glob(str(case.work / ".drogscen_*" / journal.JOURNAL))
    other = case.work / "other.gpkg"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "drogscen_plugin",
            "analyse",
            "--scenes",
            "{}|layername=scenes".format(case.work / "input.gpkg"),
            "--schools",
            "{}|layername=schools".format(case.work / "input.gpkg"),
            "--out",
            str(other),
        ],
        cwd=str(ROOT),
        env=environment(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert state(case.work, case.names) == case.new
    assert digest(case.work / "input.gpkg") == case.input
    assert leftovers(case.work) == []


# --- journals that must be rolled back -------------------------------------------------


def dead_pid():
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(process.stdout)


def staged_run(tmp_path, torn=False, short=False):
    """Old targets a.dat and b.dat, their staged new contents and a journal of a dead run."""
    import json

    for name in ("a.dat", "b.dat"):
        (tmp_path / name).write_text("old " + name)
    staging = tmp_path / ".drogscen_{}_1".format(dead_pid())
    staging.mkdir()
    steps, sizes = [], {}
    for name in ("a.dat", "b.dat"):
        (staging / name).write_text("new " + name)
        steps.append(["rename", str(staging / name), str(tmp_path / name)])
        sizes[str(staging / name)] = len("new " + name) + (1 if short else 0)
    text = json.dumps({"steps": steps, "folders": [str(staging)], "sizes": sizes}, sort_keys=True)
    digest_line = hashlib.sha256(text.encode()).hexdigest()
    if torn:
        text = text[:-10]
    (staging / journal.JOURNAL).write_text(digest_line + "\n" + text)
    return staging


def contents(folder):
    return {path.name: path.read_text() for path in folder.iterdir() if path.is_file()}


def test_a_journal_not_written_whole_is_rolled_back(tmp_path):
    staged_run(tmp_path, torn=True)
    journal.recover(str(tmp_path))
    assert contents(tmp_path) == {"a.dat": "old a.dat", "b.dat": "old b.dat"}
    assert not list(tmp_path.glob(".drogscen_*"))


def test_a_journal_whose_staged_files_are_not_complete_is_rolled_back(tmp_path):
    staged_run(tmp_path, short=True)
    journal.recover(str(tmp_path))
    assert contents(tmp_path) == {"a.dat": "old a.dat", "b.dat": "old b.dat"}
    assert not list(tmp_path.glob(".drogscen_*"))


def test_a_journal_half_done_is_rolled_forward(tmp_path):
    staging = staged_run(tmp_path)
    os.replace(staging / "a.dat", tmp_path / "a.dat")
    journal.recover(str(tmp_path))
    assert contents(tmp_path) == {"a.dat": "new a.dat", "b.dat": "new b.dat"}
    assert not list(tmp_path.glob(".drogscen_*"))


def test_the_staging_of_a_run_still_running_is_left_alone(tmp_path):
    staging = staged_run(tmp_path)
    running = staging.with_name(".drogscen_{}_1".format(os.getppid()))
    staging.rename(running)
    journal.recover(str(tmp_path))
    assert contents(tmp_path) == {"a.dat": "old a.dat", "b.dat": "old b.dat"}
    assert running.is_dir()


def test_a_step_failing_after_the_commit_is_completed_by_the_next_recovery(tmp_path):
    """Once the journal is in place the run cannot go back: a failing rename (here onto a
    folder in the way) leaves the journal, and a later recovery in this same process
    completes it when the obstacle is gone."""
    from drogscen_plugin.processing import atomic

    (tmp_path / "a.dat").write_text("old a")
    blocked = tmp_path / "b.dat"
    blocked.mkdir()
    (blocked / "inside").write_text("in the way")
    pairs = []
    for name in ("a.dat", "b.dat"):
        staged = atomic.sibling(str(tmp_path / name))
        Path(staged).write_text("new " + name)
        pairs.append((staged, str(tmp_path / name)))
    with pytest.raises(journal.Interrupted):
        journal.replace_all(pairs)
    assert (tmp_path / "a.dat").read_text() == "new a.dat"
    with pytest.raises(OSError):
        journal.recover(str(tmp_path))  # still in the way: said, not hidden
    shutil.rmtree(blocked)
    journal.recover(str(tmp_path))
    assert contents(tmp_path) == {"a.dat": "new a.dat", "b.dat": "new b.dat"}
    assert leftovers(tmp_path) == []


def test_a_first_step_that_fails_keeps_the_old_files(tmp_path):
    from drogscen_plugin.processing import atomic

    blocked = tmp_path / "a.dat"
    blocked.mkdir()
    (blocked / "inside").write_text("in the way")
    (tmp_path / "b.dat").write_text("old b")
    pairs = []
    for name in ("a.dat", "b.dat"):
        staged = atomic.sibling(str(tmp_path / name))
        Path(staged).write_text("new " + name)
        pairs.append((staged, str(tmp_path / name)))
    with pytest.raises(OSError) as raised:
        journal.replace_all(pairs)
    assert not isinstance(raised.value, journal.Interrupted)
    assert (tmp_path / "b.dat").read_text() == "old b"
    assert not glob.glob(str(tmp_path / ".drogscen_*" / journal.JOURNAL))


# --- the command line: its GeoPackage and its report together ---------------------------

CLI_HELPER = Path(__file__).with_name("cli_process.py")


class CliCase:
    """OUT.gpkg (with a layer of the user's) and the report of an earlier run; a run with
    another distance replaces both, killed at every step and at random moments."""

    def __init__(self, tmp_path):
        from layer_helpers import memory_layer, to_geopackage

        self.pristine = tmp_path / "pristine"
        self.pristine.mkdir()
        shutil.copy(
            Path(__file__).resolve().parents[2] / "resources" / "sample" / "drogscen_sample.gpkg",
            self.pristine / "input.gpkg",
        )
        mine = memory_layer("Point", [("note", "string")], [("POINT(674000 6580000)", ["mine"])])
        to_geopackage(mine, self.pristine / "out.gpkg", "mine")
        assert self.run(self.pristine, 100).returncode == 0
        self.old = self.state(self.pristine)
        fresh = tmp_path / "fresh"
        shutil.copytree(self.pristine, fresh)
        started = time.monotonic()
        result = self.run(fresh, 400)
        self.duration = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        self.steps = int(result.stdout.split()[-1])
        self.new = self.state(fresh)
        assert self.old[0] != self.new[0] and self.old[0][2] == self.new[0][2]  # mine kept
        self.input = digest(self.pristine / "input.gpkg")
        self.work = tmp_path / "work"

    @staticmethod
    def arguments(folder, distance):
        source = str(folder / "input.gpkg")
        return [
            "analyse",
            "--scenes",
            source + "|layername=scenes",
            "--schools",
            source + "|layername=schools",
            "--out",
            str(folder / "out.gpkg"),
            "--report",
            str(folder / "report.pdf"),
            "--distance",
            str(distance),
        ]

    def command(self, folder, distance, kill_at=0):
        return [
            sys.executable,
            str(CLI_HELPER),
            str(folder),
            str(kill_at),
            *self.arguments(folder, distance),
        ]

    def run(self, folder, distance, kill_at=0):
        return subprocess.run(
            self.command(folder, distance, kill_at),
            cwd=str(ROOT),
            env=environment(),
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )

    @staticmethod
    def state(folder):
        source = ogr.Open(str(folder / "out.gpkg"))
        layers = []
        for name in ("overlap", "summary", "mine"):
            layer = source.GetLayerByName(name)
            layers.append(
                None
                if layer is None
                else sorted(
                    tuple(str(feature.GetField(i)) for i in range(feature.GetFieldCount()))
                    for feature in layer
                )
            )
        source = None
        pdf = (folder / "report.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and b"%%EOF" in pdf[-64:]
        return tuple(layers), hashlib.sha256(pdf).hexdigest()

    def reset(self):
        if self.work.exists():
            shutil.rmtree(self.work)
        shutil.copytree(self.pristine, self.work)

    def outcome(self):
        journal.recover(str(self.work))
        layers, pdf = self.state(self.work)
        assert digest(self.work / "input.gpkg") == self.input
        assert leftovers(self.work) == []
        if layers == self.old[0]:
            assert pdf == self.old[1], "old layers with a new report"
            return "old"
        assert layers == self.new[0], "a mix of old and new layers"
        assert pdf != self.old[1], "new layers with the old report"
        return "new"


def test_the_command_line_killed_at_every_step_and_at_random_leaves_both_old_or_both_new(tmp_path):
    case = CliCase(tmp_path)
    outcomes = []
    for kill_at in range(1, case.steps + 1):
        case.reset()
        assert case.run(case.work, 400, kill_at).returncode == -9
        outcomes.append(case.outcome())
    committed = outcomes.index("new")
    assert 0 < committed and outcomes == ["old"] * committed + ["new"] * (case.steps - committed)
    rng = random.Random(17)
    for _ in range(KILLS):
        case.reset()
        kill_at_random(case.command(case.work, 400), case.duration, rng)
        outcomes.append(case.outcome())
    print(
        "{} steps; kills leaving old/new: {}/{}".format(
            case.steps, outcomes.count("old"), outcomes.count("new")
        )
    )
