"""Every refusal of the command line: exit 2, one line on stderr naming what is wrong,
and nothing written (no output, no staged files left)."""

import os
from pathlib import Path

import pytest
from layer_helpers import memory_layer, run_cli, to_geopackage

ROOT = Path(__file__).resolve().parents[2]


def cli(*arguments):
    return run_cli("analyse", *arguments)


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """Scenes and schools with fields of every kind: text, integer, real, date."""
    folder = tmp_path_factory.mktemp("typed")
    path = folder / "typed.gpkg"
    fields = [
        ("name", "string"),
        ("hours", "string"),
        ("number", "integer"),
        ("real", "double"),
        ("day", "date"),
    ]
    values = ["A", "Mo-Fr 08-17", 7, 1.5, "2026-01-01"]
    to_geopackage(
        memory_layer(
            "Polygon",
            fields,
            [("POLYGON((674000 6580000, 674100 6580000, 674100 6580100, 674000 6580000))", values)],
        ),
        path,
        "scenes",
    )
    to_geopackage(
        memory_layer("Point", fields, [("POINT(674050 6580200)", values)]), path, "schools"
    )
    return [
        "--scenes",
        "{}|layername=scenes".format(path),
        "--schools",
        "{}|layername=schools".format(path),
    ]


def assert_refused(result, *words):
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("drogscen: error: "), lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert "Traceback" not in result.stdout


@pytest.mark.parametrize(
    "option, field, layer",
    [
        ("--school-hours-field", "number", "schools"),
        ("--school-hours-field", "day", "schools"),
        ("--school-name-field", "real", "schools"),
        ("--school-type-field", "number", "schools"),
        ("--scene-hours-field", "number", "scenes"),
        ("--scene-name-field", "day", "scenes"),
        ("--distance-field", "day", "schools"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_naming_field_and_layer(
    typed, tmp_path, option, field, layer
):
    out = tmp_path / "out.gpkg"
    assert_refused(
        cli(*typed, "--out", str(out), option, field),
        option,
        "'{}'".format(field),
        "'{}'".format(layer),
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "option, field",
    [
        ("--school-hours-field", "hours"),
        ("--distance-field", "number"),
        ("--distance-field", "real"),
    ],
)
def test_fields_of_a_usable_type_are_taken(typed, tmp_path, option, field):
    out = tmp_path / "out.gpkg"
    result = cli(*typed, "--out", str(out), option, field)
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(tmp_path)) == ["out.gpkg"]


def test_output_refusals(typed, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    (tmp_path / "folder.gpkg").mkdir()
    (tmp_path / "folder.pdf").mkdir()
    garbage = tmp_path / "garbage.gpkg"
    garbage.write_text("not a GeoPackage")
    before = sorted(os.listdir(tmp_path))
    out = str(tmp_path / "out.gpkg")
    for arguments, words in (
        (["--out", str(blocker / "out.gpkg")], ["--out", "a_file"]),
        (["--out", str(tmp_path / "folder.gpkg")], ["--out", "folder.gpkg"]),
        (["--out", str(tmp_path / "out.shp")], ["--out", ".gpkg"]),
        (["--out", str(garbage)], ["--out", "garbage.gpkg"]),
        (["--out", out, "--report", str(tmp_path / "folder.pdf")], ["--report", "folder.pdf"]),
        (["--out", out, "--report", str(blocker / "r.pdf")], ["--report", "a_file"]),
        (["--out", out, "--report", str(tmp_path / "r.txt")], ["--report", ".pdf"]),
        (["--out", out, "--districts", typed[1]], ["--districts", "--report"]),
        (["--out", out, "--crs", ""], ["--crs"]),
        (["--out", out, "--default-school-hours", ""], ["--default-school-hours"]),
    ):
        assert_refused(cli(*typed, *arguments), *words)
        assert sorted(os.listdir(tmp_path)) == before, arguments
    assert garbage.read_text() == "not a GeoPackage"
