"""Old results or new, never a mix: runs killed at random moments, and a full disk.

The command line is killed (SIGKILL: no clean-up of its own) at random moments
of a run that replaces the layers of an existing GeoPackage; afterwards the
file must hold the old layers or the new ones, and the user's own layer. On a
tiny tmpfs the outputs of drogscen:overlap in four formats must fail the run
cleanly: the old file byte for byte, nothing of the run left.
"""

import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from layer_helpers import memory_layer, to_geopackage
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

ROOT = Path(__file__).resolve().parents[2]
KILLS = 24


def cli_command(sample_gpkg, out, distance):
    return [
        sys.executable,
        "-m",
        "drogscen_plugin",
        "analyse",
        "--scenes",
        sample_gpkg + "|layername=scenes",
        "--schools",
        sample_gpkg + "|layername=schools",
        "--out",
        str(out),
        "--distance",
        str(distance),
    ]


def environment():
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", LC_ALL="C.UTF-8")


def run_cli(sample_gpkg, out, distance):
    result = subprocess.run(
        cli_command(sample_gpkg, out, distance),
        cwd=str(ROOT),
        env=environment(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return result


def content(path):
    """The rows of every layer of a GeoPackage, by layer name."""
    found = {}
    for name in ("overlap", "summary", "mine"):
        layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
        if not layer.isValid():
            continue
        names = [field for field in layer.fields().names() if field != "fid"]
        found[name] = sorted(
            tuple(str(feature[field]) for field in names) + (feature.geometry().asWkt(3),)
            for feature in layer.getFeatures()
        )
    return found


def test_a_command_line_run_killed_at_any_moment_leaves_old_or_new(sample_gpkg, tmp_path):
    pristine = tmp_path / "pristine.gpkg"
    mine = memory_layer("Point", [("note", "string")], [("POINT(674000 6580000)", ["mine"])])
    to_geopackage(mine, pristine, "mine")
    run_cli(sample_gpkg, pristine, 100)
    old = content(pristine)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(pristine, fresh / "out.gpkg")
    started = time.monotonic()
    run_cli(sample_gpkg, fresh / "out.gpkg", 400)
    duration = time.monotonic() - started
    new = content(fresh / "out.gpkg")
    assert old != new and old["mine"] == new["mine"]

    work = tmp_path / "work"
    work.mkdir()
    out = work / "out.gpkg"
    rng = random.Random(13)
    outcomes = []
    for _ in range(KILLS):
        shutil.copy(pristine, out)
        process = subprocess.Popen(
            cli_command(sample_gpkg, out, 400),
            cwd=str(ROOT),
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        # Most kills fall late in the run, where the file is written.
        time.sleep(duration * rng.choice([rng.uniform(0.0, 1.0), rng.uniform(0.7, 1.05)]))
        process.kill()
        process.wait()
        found = content(out)
        assert found in (old, new)
        outcomes.append("new" if found == new else "old")
    print("kills leaving old/new: {}/{}".format(outcomes.count("old"), outcomes.count("new")))
    # The next run clears what killed runs left and leaves nothing of its own.
    run_cli(sample_gpkg, out, 400)
    assert content(out) == new
    assert sorted(os.listdir(work)) == ["out.gpkg"]


# --- a full disk -------------------------------------------------------------------


@pytest.fixture
def tiny_disk():
    """A 600 kB tmpfs, or a skip saying why there cannot be one."""
    folder = tempfile.mkdtemp(prefix="drogscen_tiny_")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", folder], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        os.rmdir(folder)
        pytest.skip("cannot mount a tmpfs here (needs root): " + mounted.stderr.strip())
    try:
        yield Path(folder)
    finally:
        subprocess.run(["umount", folder], check=True)
        os.rmdir(folder)


def layout(count, size):
    rng = random.Random(5)
    x0, y0 = 674000.0, 6580000.0
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string"), ("opening_hours", "string")],
        [
            (
                "POINT({} {})".format(x0 + rng.uniform(0, size), y0 + rng.uniform(0, size)),
                ["School {}".format(i), "grundskola", None],
            )
            for i in range(count)
        ],
        name="schools",
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [
            (
                "POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))".format(
                    x0 + x, y0 + y, x0 + x + 150, y0 + y + 150
                ),
                ["Scene {}".format(i), "Fr,Sa 22-03"],
            )
            for i, (x, y) in enumerate(
                (rng.uniform(0, size), rng.uniform(0, size)) for _ in range(count // 4)
            )
        ],
        name="scenes",
    )
    return schools, scenes


def digest(folder):
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def big_layout(extension):
    """Outputs of some MB; KML is written slowly (time grows with the square of the
    features), so it gets fewer, each larger in KML."""
    return layout(100, 1200) if extension == "kml" else layout(800, 3000)


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)


# What a failed write says: GDAL's refusal of a feature, or its failure while closing.
WRITE_FAILED = ("Could not write feature", "The outputs could not be written")


def run(schools, scenes, output):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
    context = QgsProcessingContext()
    feedback = Feedback()
    results, ok = algorithm.run(
        {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": output, "SUMMARY": "memory:"},
        context,
        feedback,
    )
    context.temporaryLayerStore().removeAllMapLayers()
    if not ok:
        assert feedback.errors and feedback.errors[-1].startswith(WRITE_FAILED), feedback.errors
    return ok, results


@pytest.mark.parametrize("extension", ["gpkg", "shp", "fgb", "kml"])
def test_a_full_disk_fails_the_run_and_keeps_the_old_file(tiny_disk, extension):
    output = str(tiny_disk / ("pairs." + extension))
    small = layout(8, 800)
    ok, _ = run(*small, output)
    assert ok
    before = digest(tiny_disk)
    assert QgsVectorLayer(output).featureCount() > 0

    ok, results = run(*big_layout(extension), output)

    assert not ok and not results
    assert digest(tiny_disk) == before  # the old output byte for byte, nothing else


@pytest.mark.parametrize("extension", ["gpkg", "shp", "fgb", "kml"])
def test_a_full_disk_leaves_nothing_where_there_was_nothing(tiny_disk, extension):
    ok, results = run(*big_layout(extension), str(tiny_disk / ("pairs." + extension)))
    assert not ok and not results
    assert list(tiny_disk.iterdir()) == []


def test_file_outputs_are_loaded_from_their_final_place(tmp_path):
    import processing
    from qgis.core import QgsProject

    schools, scenes = layout(8, 800)
    out = tmp_path / "pairs.gpkg"
    result = processing.runAndLoadResults(
        "drogscen:overlap",
        {"SCHOOLS": schools, "SCENES": scenes, "OUTPUT": str(out), "SUMMARY": "memory:"},
    )
    project = QgsProject.instance()
    # A file output is reported by its path, as QGIS's own algorithms report it.
    assert result["OUTPUT"] == str(out)
    loaded = [
        layer for layer in project.mapLayers().values() if layer.source().split("|")[0] == str(out)
    ]
    try:
        assert len(loaded) == 1 and loaded[0].featureCount() == result["PAIR_COUNT"] > 0
        assert sorted(os.listdir(tmp_path)) == ["pairs.gpkg"]
    finally:
        project.removeMapLayers([layer.id() for layer in loaded] + [result["SUMMARY"]])


def test_a_layer_name_gdal_refuses_leaves_the_file_as_it_was(tmp_path):
    out = tmp_path / "user.gpkg"
    mine = memory_layer("Point", [("note", "string")], [("POINT(674000 6580000)", ["mine"])])
    to_geopackage(mine, out, "mine")
    before = digest(tmp_path)
    schools, scenes = layout(8, 800)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
    context = QgsProcessingContext()
    feedback = Feedback()
    name = "gpkg_contents"  # a table of the format itself
    results, ok = algorithm.run(
        {
            "SCHOOLS": schools,
            "SCENES": scenes,
            "SUMMARY": "memory:",
            "OUTPUT": "ogr:dbname='{}' table=\"{}\" (geom)".format(out, name),
        },
        context,
        feedback,
    )
    context.temporaryLayerStore().removeAllMapLayers()
    assert not ok and not results and feedback.errors
    assert digest(tmp_path) == before


def hours_layer(count):
    return memory_layer(
        "Point",
        [("name", "string"), ("opening_hours", "string")],
        [
            ("POINT({} {})".format(674000 + i, 6580000), ["School {}".format(i), "Mo-Fr 07-17"])
            for i in range(count)
        ],
        name="schools",
    )


@pytest.mark.parametrize("extension", ["gpkg", "shp"])
def test_check_hours_on_a_full_disk_keeps_the_old_file(tiny_disk, extension):
    output = str(tiny_disk / ("checked." + extension))
    parameters = {"INPUT": hours_layer(10), "FIELD": "opening_hours", "OUTPUT": output}
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:checkhours")
    context = QgsProcessingContext()
    results, ok = algorithm.run(parameters, context, Feedback())
    assert ok
    before = digest(tiny_disk)

    feedback = Feedback()
    results, ok = algorithm.run(dict(parameters, INPUT=hours_layer(20000)), context, feedback)
    context.temporaryLayerStore().removeAllMapLayers()

    assert not ok and not results
    assert feedback.errors[-1].startswith(WRITE_FAILED), feedback.errors
    assert digest(tiny_disk) == before


@pytest.mark.parametrize("runner", ["processing", "cli"])
def test_a_geopackage_another_program_has_open_keeps_its_data_and_stays_whole(
    sample_gpkg, tmp_path, runner
):
    """QGIS keeps a GeoPackage it edits open in WAL mode: what it saved may still be in
    the -wal file. A run writing another layer of that file must keep it, and leave a
    file that both programs read."""
    import sqlite3

    out = tmp_path / "user.gpkg"
    mine = memory_layer("Point", [("note", "string")], [("POINT(674000 6580000)", ["mine"])])
    to_geopackage(mine, out, "mine")
    editor = sqlite3.connect(str(out))
    editor.execute("PRAGMA journal_mode=WAL")
    editor.execute("PRAGMA wal_autocheckpoint=0")  # saved edits stay in the -wal file
    editor.execute("CREATE TABLE saved_edits (note TEXT)")
    editor.execute("INSERT INTO saved_edits VALUES ('saved in QGIS')")
    editor.commit()
    assert (tmp_path / "user.gpkg-wal").stat().st_size > 0
    try:
        if runner == "cli":
            run_cli(sample_gpkg, out, 300)
        else:
            schools, scenes = layout(8, 800)
            algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
            context = QgsProcessingContext()
            results, ok = algorithm.run(
                {
                    "SCHOOLS": schools,
                    "SCENES": scenes,
                    "SUMMARY": "memory:",
                    "OUTPUT": "ogr:dbname='{}' table=\"overlap\" (geom)".format(out),
                },
                context,
                Feedback(),
            )
            context.temporaryLayerStore().removeAllMapLayers()
            assert ok, results
        # The editor's connection reads the new layer beside its own data.
        assert editor.execute("SELECT note FROM saved_edits").fetchall() == [("saved in QGIS",)]
        assert editor.execute("SELECT count(*) FROM overlap").fetchone()[0] > 0
    finally:
        editor.close()
    reader = sqlite3.connect(str(out))
    try:
        assert reader.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert reader.execute("SELECT note FROM saved_edits").fetchall() == [("saved in QGIS",)]
    finally:
        reader.close()
    assert content(out)["mine"] and content(out)["overlap"]


@pytest.mark.parametrize("extension", ["gpkg", "fgb", "shp", "cli"])
def test_an_output_through_a_symbolic_link_replaces_the_file_it_points_to(
    sample_gpkg, tmp_path, extension
):
    """The link is the user's: it stays a link, and the file it names gets the results."""
    real_folder = tmp_path / "data"
    real_folder.mkdir()
    suffix = "gpkg" if extension == "cli" else extension
    real = real_folder / ("results." + suffix)
    old = memory_layer("Point", [("note", "string")], [("POINT(674000 6580000)", ["old"])])
    if suffix == "gpkg":
        to_geopackage(old, real, "mine")
    else:
        from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = {"fgb": "FlatGeobuf", "shp": "ESRI Shapefile"}[suffix]
        error = QgsVectorFileWriter.writeAsVectorFormatV3(
            old, str(real), QgsCoordinateTransformContext(), options
        )
        assert error[0] == QgsVectorFileWriter.NoError, error
    link = tmp_path / ("link." + suffix)
    link.symlink_to(real)
    if extension == "cli":
        run_cli(sample_gpkg, link, 300)
    else:
        schools, scenes = layout(8, 800)
        algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
        context = QgsProcessingContext()
        output = (
            str(link)
            if suffix != "gpkg"
            else "ogr:dbname='{}' table=\"overlap\" (geom)".format(link)
        )
        results, ok = algorithm.run(
            {"SCHOOLS": schools, "SCENES": scenes, "SUMMARY": "memory:", "OUTPUT": output},
            context,
            Feedback(),
        )
        context.temporaryLayerStore().removeAllMapLayers()
        assert ok, results
    assert link.is_symlink() and link.resolve() == real.resolve()
    written = QgsVectorLayer(
        str(real) + ("|layername=overlap" if suffix == "gpkg" else ""), "written", "ogr"
    )
    assert written.isValid() and "scene_fid" in written.fields().names()
    if suffix == "gpkg":
        assert content(real)["mine"]  # the user's own layer kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", link.name]


def test_a_geopackage_in_wal_mode_with_other_pages_is_replaced_whole(tmp_path):
    """SQLite copies into a file in WAL mode only between equal page sizes."""
    import sqlite3

    out = tmp_path / "old.gpkg"
    mine = memory_layer("Point", [("note", "string")], [("POINT(674000 6580000)", ["mine"])])
    to_geopackage(mine, out, "mine")
    connection = sqlite3.connect(str(out))
    connection.execute("PRAGMA page_size=1024")
    connection.execute("VACUUM")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    schools, scenes = layout(8, 800)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
    context = QgsProcessingContext()
    results, ok = algorithm.run(
        {"SCHOOLS": schools, "SCENES": scenes, "SUMMARY": "memory:", "OUTPUT": str(out)},
        context,
        Feedback(),
    )
    context.temporaryLayerStore().removeAllMapLayers()
    assert ok, results
    written = QgsVectorLayer(str(out), "written", "ogr")
    assert written.isValid() and written.featureCount() == results["PAIR_COUNT"] > 0
    assert "mine" not in content(out)  # the file is replaced whole, as Processing does
    assert sorted(os.listdir(tmp_path)) == ["old.gpkg"]
