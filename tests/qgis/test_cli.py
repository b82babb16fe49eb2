"""python3 -m drogscen_plugin analyse, run as a user runs it: in a fresh process."""

import subprocess
import sys
from pathlib import Path

import processing
import pytest
from layer_helpers import run_cli as cli
from qgis.core import QgsProject, QgsVectorFileWriter, QgsVectorLayer

ROOT = Path(__file__).resolve().parents[2]

ALL_OPTIONS = (
    "--scenes",
    "--schools",
    "--out",
    "--distance",
    "--distance-field",
    "--scene-name-field",
    "--scene-hours-field",
    "--school-name-field",
    "--school-type-field",
    "--school-hours-field",
    "--default-school-hours",
    "--default-preschool-hours",
    "--crs",
    "--period-start",
    "--period-end",
    "--school-holidays",
    "--school-terms",
    "--scene-from-field",
    "--scene-to-field",
)


def layer(path, name):
    result = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert result.isValid(), (path, name)
    return result


@pytest.fixture
def inputs(sample_gpkg):
    return [
        "--scenes",
        sample_gpkg + "|layername=scenes",
        "--schools",
        sample_gpkg + "|layername=schools",
    ]


def in_process(sample_gpkg, **parameters):
    """The same analysis through processing.run, the oracle for the CLI's outputs."""
    results = processing.run(
        "drogscen:overlap",
        dict(
            SCENES=sample_gpkg + "|layername=scenes",
            SCHOOLS=sample_gpkg + "|layername=schools",
            OUTPUT="TEMPORARY_OUTPUT",
            SUMMARY="TEMPORARY_OUTPUT",
            **parameters,
        ),
    )
    return results["OUTPUT"], results["SUMMARY"]


def rows(vector_layer, fields):
    return sorted(
        tuple(feature[field] for field in fields) for feature in vector_layer.getFeatures()
    )


PAIR_KEY = (
    "school_name",
    "scene_name",
    "concurrent_min",
    "afterhours_min",
    "presence_hours",
    "period_concurrent_min",
    "conflict_dates",
    "round_count",
)
SUMMARY_KEY = ("school_name", "scene_count", "worst_conflict", "concurrent_min", "afterhours_min")


@pytest.mark.parametrize(
    "options, parameters",
    [
        ([], {}),
        (
            [
                "--distance",
                "150",
                "--default-school-hours",
                "Mo-Fr 08:00-15:00",
                "--school-hours-field",
                "opening_hours",
            ],
            {
                "DISTANCE": 150,
                "DEFAULT_SCHOOL_HOURS": "Mo-Fr 08:00-15:00",
                "SCHOOL_HOURS_FIELD": "opening_hours",
            },
        ),
        (
            [
                "--period-start",
                "2026-08-17",
                "--period-end",
                "2026-12-20",
                "--school-holidays",
                "2026-10-26/2026-10-30",
                "--school-terms",
                "2026-08-17/2026-12-18",
            ],
            {
                "PERIOD_START": "2026-08-17",
                "PERIOD_END": "2026-12-20",
                "SCHOOL_HOLIDAYS": "2026-10-26/2026-10-30",
                "SCHOOL_TERMS": "2026-08-17/2026-12-18",
            },
        ),
        (
            ["--scene-from-field", "", "--scene-to-field", ""],
            {"SCENE_FROM_FIELD": "", "SCENE_TO_FIELD": ""},
        ),
    ],
)
def test_analyse_writes_both_layers_equal_to_processing_run(
    inputs, sample_gpkg, tmp_path, options, parameters
):
    out = tmp_path / "nested" / "result.gpkg"
    if "--period-start" not in options:
        # The command's default is the real current week; the oracle's too.
        options = options + ["--period-start", "2026-03-02", "--period-end", "2026-03-08"]
        parameters = dict(parameters, PERIOD_START="2026-03-02", PERIOD_END="2026-03-08")
    result = cli("analyse", *inputs, "--out", str(out), *options)
    assert result.returncode == 0, result.stderr
    overlap, summary = layer(out, "overlap"), layer(out, "summary")
    expected_overlap, expected_summary = in_process(sample_gpkg, **parameters)
    assert overlap.featureCount() == expected_overlap.featureCount() > 0
    assert rows(overlap, PAIR_KEY) == rows(expected_overlap, PAIR_KEY)
    assert rows(summary, SUMMARY_KEY) == rows(expected_summary, SUMMARY_KEY)
    assert summary.featureCount() == layer(sample_gpkg, "schools").featureCount()
    assert overlap.crs().authid() == "EPSG:3006"


def test_summary_table_lists_each_affected_school_worst_first(inputs, sample_gpkg, tmp_path):
    out = tmp_path / "result.gpkg"
    result = cli("analyse", *inputs, "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    affected = [f for f in layer(out, "summary").getFeatures() if f["scene_count"] > 0]
    total = layer(out, "summary").featureCount()
    assert lines[0] == "{} of {} schools have a scene within the distance.".format(
        len(affected), total
    )
    header = lines.index(next(line for line in lines if line.startswith("School ")))
    assert "Worst conflict" in lines[header] and "After-hours h/week" in lines[header]
    table = lines[header + 2 : header + 2 + len(affected)]
    assert sorted(line.split("  ")[0].strip() for line in table) == sorted(
        f["school_name"] for f in affected
    )
    # Worst first: every school with a conflict while open comes before those only while closed.
    conflicts = ["while open" if "while open" in line else "while closed" for line in table]
    assert conflicts == sorted(conflicts, key=lambda c: c != "while open")
    assert "while open" in conflicts and "while closed" in conflicts
    # Hours per week, as the summary has them in minutes.
    by_name = {f["school_name"]: f for f in affected}
    for line in table:
        name = line.split("  ")[0].strip()
        concurrent, afterhours = line.split()[-2:]
        assert float(concurrent) == pytest.approx(by_name[name]["concurrent_min"] / 60, abs=0.05)
        assert float(afterhours) == pytest.approx(by_name[name]["afterhours_min"] / 60, abs=0.05)
    # The sample has a scene without hours: the algorithm's warning is shown.
    assert any(line.startswith("Warnings (") for line in lines)
    assert lines[-1] == "Wrote {} (layers: overlap, summary).".format(out)


def test_an_existing_geopackage_keeps_its_other_layers(inputs, sample_gpkg, tmp_path):
    out = tmp_path / "result.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "my_notes"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer(sample_gpkg, "districts"), str(out), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError
    for _ in range(2):
        result = cli("analyse", *inputs, "--out", str(out))
        assert result.returncode == 0, result.stderr
    assert layer(out, "my_notes").featureCount() == layer(sample_gpkg, "districts").featureCount()
    # Replaced, not appended to, on the second run.
    assert layer(out, "overlap").featureCount() == in_process(sample_gpkg)[0].featureCount()


def test_help_documents_every_option():
    result = cli("analyse", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())  # argparse wraps to the terminal width
    for option in ALL_OPTIONS:
        assert option in text, option
    # Defaults come from the algorithm itself.
    assert "scene field with the active hours (default: active_hours)" in text
    assert "(default: Mo-Fr 06:30-18:30)" in text
    assert "Exit status" in text


def assert_usage_error(result, *words):
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("drogscen: error: ")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stdout


@pytest.mark.parametrize(
    "arguments, words",
    [
        ([], ["COMMAND"]),
        (["analyse", "--scenes", "a.gpkg"], ["--schools", "--out"]),
        (["analyse", "--distance", "far"], ["--distance", "far"]),
        (["analyse", "--distance", "-5"], ["--distance", "-5"]),
        (
            ["analyse", "--scenes", "a.gpkg", "--schools", "b.gpkg", "--out", "c.gpkg", "--bogus"],
            ["--bogus"],
        ),
        (["frobnicate"], ["frobnicate"]),
    ],
)
def test_bad_arguments_exit_2_with_one_line(arguments, words):
    assert_usage_error(cli(*arguments), *words)


@pytest.mark.parametrize(
    "extra, words",
    [
        (["--school-name-field", "namn"], ["--school-name-field", "namn", "schools"]),
        (["--scene-hours-field", "tider"], ["--scene-hours-field", "tider", "scenes"]),
        (["--default-preschool-hours", "Mo-Fr 25:00-26:00 x"], ["--default-preschool-hours"]),
        (["--crs", "EPSG:999999"], ["--crs", "EPSG:999999"]),
        (["--crs", "EPSG:4326"], ["--crs", "metres"]),
        (["--period-start", "2026-13-01"], ["PERIOD_START", "2026-13-01"]),
        (["--period-start", "2026-10-19", "--period-end", "2026-10-01"], ["ends", "2026-10-01"]),
        (["--school-holidays", "höstlov"], ["School holidays", "höstlov"]),
        (["--scene-to-field", "stängd"], ["--scene-to-field", "stängd", "scenes"]),
    ],
)
def test_bad_values_exit_2_with_one_line(inputs, tmp_path, extra, words):
    out = tmp_path / "result.gpkg"
    assert_usage_error(cli("analyse", *inputs, "--out", str(out), *extra), *words)
    assert not out.exists()


def test_output_must_be_a_new_geopackage_not_an_input(inputs, sample_gpkg, tmp_path):
    assert_usage_error(cli("analyse", *inputs, "--out", str(tmp_path / "result.shp")), ".gpkg")
    before = Path(sample_gpkg).read_bytes()
    assert_usage_error(cli("analyse", *inputs, "--out", sample_gpkg), "input")
    assert Path(sample_gpkg).read_bytes() == before


def test_unreadable_files_exit_2_with_one_line(sample_gpkg, tmp_path):
    out = str(tmp_path / "result.gpkg")
    schools = sample_gpkg + "|layername=schools"
    missing = str(tmp_path / "missing.gpkg")
    assert_usage_error(
        cli("analyse", "--scenes", missing, "--schools", schools, "--out", out),
        "--scenes",
        "missing.gpkg",
    )
    garbage = tmp_path / "garbage.gpkg"
    garbage.write_text("not a geopackage", encoding="utf-8")
    assert_usage_error(
        cli("analyse", "--scenes", str(garbage), "--schools", schools, "--out", out),
        "--scenes",
        "garbage.gpkg",
    )
    assert_usage_error(
        cli(
            "analyse",
            "--scenes",
            sample_gpkg + "|layername=nosuchlayer",
            "--schools",
            schools,
            "--out",
            out,
        ),
        "--scenes",
        "nosuchlayer",
    )


def test_an_analysis_the_algorithm_refuses_exits_1_with_its_message(sample_gpkg, tmp_path):
    # Points as scenes: the algorithm names the problem; the process ends cleanly.
    result = cli(
        "analyse",
        "--scenes",
        sample_gpkg + "|layername=schools",
        "--schools",
        sample_gpkg + "|layername=schools",
        "--out",
        str(tmp_path / "result.gpkg"),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("drogscen: the analysis failed: "), result.stderr


def test_a_python_without_pyqgis_gets_one_line_saying_so():
    # -S leaves out site-packages, where PyQGIS lives.
    result = subprocess.run(
        [sys.executable, "-S", "-m", "drogscen_plugin", "analyse"],
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "drogscen: error: PyQGIS not found; run this with the Python that QGIS uses, "
        "e.g. /usr/bin/python3"
    ]
