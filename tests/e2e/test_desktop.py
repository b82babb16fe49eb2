"""End to end: real QGIS under Xvfb, the plugin installed in a temporary profile.

desktop_script.py drives QGIS and writes a JSON report; this test checks it
against the command line's analysis of the same sample data, and leaves the
screenshots in build/screenshots/: desktop.png (the results at a time of
week), desktop_settings.png and desktop_row.png (a table row clicked).
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "drogscen_sample.gpkg"
SCRIPT = Path(__file__).with_name("desktop_script.py")
SCREENSHOT = ROOT / "build" / "screenshots" / "desktop.png"
WIDTH, HEIGHT = 1366, 768
QGIS_TIMEOUT_S = 300

pytestmark = pytest.mark.skipif(
    shutil.which("xvfb-run") is None or shutil.which("qgis") is None,
    reason="needs xvfb-run and the qgis program (Debian: xvfb, qgis)",
)


def install_plugin(profiles, language):
    """The plugin as `make deploy` installs it, enabled in a fresh profile in ``language``."""
    profile = profiles / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "deploy",
            "QGIS_PLUGINS_DIR={}".format(plugins),
        ],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    settings = profile / "QGIS" / "QGIS3.ini"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(
        "[PythonPlugins]\ndrogscen=true\n\n[locale]\noverrideFlag=true\nuserLocale={}\n".format(
            language
        ),
        encoding="utf-8",
    )


def run_qgis(tmp_path, language="en", bench=False):
    profiles = tmp_path / "profiles"
    install_plugin(profiles, language)
    report = tmp_path / "report.json"
    screenshot = SCREENSHOT.with_name("{}_{}.png".format(SCREENSHOT.stem, language))
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    for old in screenshot.parent.glob(screenshot.stem + "*.png"):
        old.unlink()
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in ("QT_QPA_PLATFORM", "PYTHONPATH", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH")
    }
    env.update(
        DROGSCEN_E2E_SAMPLE=str(SAMPLE),
        DROGSCEN_E2E_RESULT=str(report),
        DROGSCEN_E2E_SCREENSHOT=str(screenshot),
        DROGSCEN_E2E_DIR=str(SCRIPT.parent),
        LANG="en_US.UTF-8",
        HOME=str(tmp_path),  # nothing of the developer's own QGIS
        XDG_RUNTIME_DIR=str(tmp_path),
    )
    if bench:
        env["DROGSCEN_E2E_BENCH"] = "1"
    command = [
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 {}x{}x24".format(WIDTH, HEIGHT),
        "qgis",
        "--nologo",
        "--noversioncheck",
        "--profiles-path",
        str(profiles),
        "--code",
        str(SCRIPT),
    ]
    finished = subprocess.run(
        command,
        env=env,
        cwd=str(tmp_path),
        capture_output=True,
        text=True,
        timeout=QGIS_TIMEOUT_S,
        stdin=subprocess.DEVNULL,
        check=False,
    )  # the report says what went wrong
    assert report.exists(), "QGIS wrote no report (exit {}):\n{}\n{}".format(
        finished.returncode, finished.stdout[-3000:], finished.stderr[-3000:]
    )
    return json.loads(report.read_text(encoding="utf-8"))


def command_line_counts(tmp_path):
    """The oracle: the same analysis through the command line."""
    out = tmp_path / "cli.gpkg"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "drogscen_plugin",
            "analyse",
            "--scenes",
            "{}|layername=scenes".format(SAMPLE),
            "--schools",
            "{}|layername=schools".format(SAMPLE),
            "--out",
            str(out),
        ],
        cwd=str(ROOT),
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    return {
        name: QgsVectorLayer("{}|layername={}".format(out, name), name, "ogr").featureCount()
        for name in ("overlap", "summary")
    }


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_dock_runs_the_analysis_in_real_qgis(tmp_path, language):
    # The redraw benchmark once, in English.
    report = run_qgis(tmp_path, language, bench=language == "en")
    assert "error" not in report, report["error"]
    expected = command_line_counts(tmp_path)

    assert report["loaded"] and report["dock_visible"]
    before = report["before_unload"]
    assert before["plugins_menu"] and before["vector_menu"] and before["toolbar"]
    assert before["docks"] == ["DrogscenDock"] and before["provider"]
    assert len(before["functions"]) == 3
    # The dock chose the layers itself, one for each role.
    assert report["picked"] == {"scenes": "scenes", "schools": "schools", "districts": "districts"}

    assert not report["same_layer"]["running"]
    assert "'scenes'" in report["same_layer"]["status"]
    # Hours in the interface's language, stored as OSM hours.
    days = {"en": "Mo", "sv": "Må"}[language]
    assert any(days in hours for hours in report["table_hours"]), report["table_hours"]

    (group,) = report["groups"]
    assert re.match(r"^Drogscen \d{4}-\d\d-\d\d \d\d:\d\d$", group)
    layers = report["layers"]
    assert all(layer["in_group"] for layer in layers.values())
    assert layers["overlaps"]["features"] == expected["overlap"] == report["table_rows"]
    assert layers["summary"]["features"] == expected["summary"]
    assert layers["buffers"]["features"] == report["inputs"]["schools"]
    assert layers["scenes"]["features"] == report["inputs"]["scenes"]
    assert layers["overlaps"]["renderer"] == "RuleRenderer"  # conflict colours under time
    assert layers["scenes"]["renderer"] == "RuleRenderer"

    # School, scene, conflict and both minute counts in view at the dock's first width.
    print("columns in view ({}): {}".format(language, report["visible_columns"]))
    assert len(report["visible_columns"]) >= 5
    assert report["selected_on_map"]
    assert report["followed"] == [2, 15]  # Wednesday 15:00 from the Temporal Controller
    assert report["suggested"] > 0 and report["coverage_rows"] > 0
    # The report in the background: progress in the message bar, the window in use
    # between the pages, then one message with the link.
    assert report["export_started"] and report["report_pages"] > 0
    assert report["export_progress"] >= report["report_pages"]
    # An export in one call would let the event loop turn once at most.
    assert report["export_turns"] >= report["report_pages"] // 2
    assert "report.pdf" in report["exporting_bar"]
    assert any("report.pdf" in text and "href=" in text for text in report["message_bar"])
    assert len(report["message_bar"]) == 1
    # The form of a new scenes layer, opened by QGIS: the parser's message under the field.
    assert report["form_field"] == "Mo-Fx 22:00-03:00"
    assert report["form_note"] and "3" in report["form_note"], report["form_note"]

    assert report["form_screenshot"]["saved"]
    for key in (
        "settings_screenshot",
        "screenshot",
        "row_screenshot",
        "temporal_screenshot",
        "measures_screenshot",
        "exporting_screenshot",
        "report_screenshot",
    ):
        shot = report[key]
        assert shot["saved"] and (shot["width"], shot["height"]) == (WIDTH, HEIGHT), key
    image = QImage(str(SCREENSHOT.with_name("{}_{}.png".format(SCREENSHOT.stem, language))))
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)

    if "redraw_ms" in report:
        times = sorted(report["redraw_ms"])
        print(
            "redraw per time step at 2,000 schools x 200 scenes ({} pairs): median {:.0f} ms, "
            "max {:.0f} ms over {} steps".format(
                report["bench_pairs"], times[len(times) // 2], times[-1], len(times)
            )
        )

    after = report["after_unload"]
    assert after == {
        "plugins_menu": [],
        "vector_menu": [],
        "toolbar": [],
        "docks": [],
        "provider": False,
        "functions": [],
    }
