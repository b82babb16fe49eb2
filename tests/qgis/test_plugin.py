"""The plugin as QGIS sees it: provider registration, metadata, the packaged folder."""

import configparser
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
ALGORITHMS = [
    "drogscen:bufferschools",
    "drogscen:checkhours",
    "drogscen:exportreport",
    "drogscen:fetchschools",
    "drogscen:measurecoverage",
    "drogscen:overlap",
    "drogscen:publish",
    "drogscen:scenetrend",
]


def registered():
    provider = QgsApplication.processingRegistry().providerById("drogscen")
    if provider is None:
        return None
    return sorted(algorithm.id() for algorithm in provider.algorithms())


def metadata():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def test_loading_registers_the_provider_with_its_algorithms(plugin):
    assert QgsApplication.processingRegistry().providerById("drogscen") is plugin.provider
    assert plugin.provider.name() == "Drogscen"
    assert registered() == ALGORITHMS


def test_unload_removes_the_provider_and_loading_again_restores_it(plugin):
    main = sys.modules["__main__"]
    assert hasattr(main, "drogscen_hours_form")  # where QGIS finds the form init function
    plugin.unload()
    try:
        assert registered() is None
        assert plugin.provider is None
        assert not hasattr(main, "drogscen_hours_form")
    finally:
        plugin.initProcessing()
    assert registered() == ALGORITHMS
    assert hasattr(main, "drogscen_hours_form")


def test_init_gui_after_init_processing_registers_once(plugin):
    # QGIS calls initProcessing for processing plugins, then initGui.
    before = len(QgsApplication.processingRegistry().providers())
    plugin.initProcessing()
    plugin.initGui()
    assert len(QgsApplication.processingRegistry().providers()) == before
    assert registered() == ALGORITHMS


def test_metadata_has_what_the_plugin_repository_requires():
    general = metadata()
    for key in (
        "name",
        "qgisMinimumVersion",
        "description",
        "about",
        "version",
        "author",
        "email",
        "repository",
        "tracker",
        "homepage",
        "tags",
        "category",
        "icon",
        "changelog",
    ):
        assert general.get(key, "").strip(), key
    assert general["name"] == "Drogscen"
    assert general["qgisMinimumVersion"] == "3.22"
    # QGIS 4.x (Qt6) is admitted; the Qt6 check (scripts/check_qt6.py) backs supportsQt6.
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["hasProcessingProvider"] == "yes"
    assert general["supportsQt6"] == "True"
    assert general["experimental"] == "False"
    assert general["version"] == "0.1.0"
    assert "drogscener" in general["about"]  # the Swedish sentence


def test_icon_is_a_64_pixel_png():
    image = QImage(str(ROOT / metadata()["icon"]))
    assert not image.isNull()
    assert (image.width(), image.height()) == (64, 64)


def test_license_is_the_gpl_version_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text
    assert "Version 2, June 1991" in text


def make(*arguments):
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *arguments],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def plugin_files(names):
    """Paths in a plugin folder, without the folder name."""
    return {name.split("/", 1)[1] for name in names if "/" in name and not name.endswith("/")}


def assert_plugin_content(files):
    for required in (
        "__init__.py",
        "metadata.txt",
        "LICENSE",
        "README.md",
        "drogscen_plugin/plugin.py",
        "drogscen_plugin/cli.py",
        "drogscen_plugin/processing/provider.py",
        "resources/icons/icon.png",
        "resources/sample/drogscen_sample.gpkg",
    ):
        assert required in files, required
    for path in files:
        assert not path.startswith(("tests/", ".venv", "build/", "bench/", ".ci/")), path
        assert "__pycache__" not in path and not path.endswith(".pyc"), path
        assert path not in ("Makefile", "pyproject.toml", "resources/sample/make_sample.py"), path


def test_package_is_a_zip_of_the_drogscen_folder_without_tests(tmp_path):
    make("package", "BUILD={}".format(tmp_path))
    archive = tmp_path / "drogscen-{}.zip".format(metadata()["version"])
    with zipfile.ZipFile(archive) as package:
        names = package.namelist()
        assert package.testzip() is None
    assert {name.split("/", 1)[0] for name in names} == {"drogscen"}
    assert_plugin_content(plugin_files(names))


# The QGIS plugin repository's upload limit (plugins.qgis.org).
REPOSITORY_MAX_SIZE = 25_000_000
REPOSITORY_REQUIRED = (
    "name",
    "description",
    "version",
    "qgisMinimumVersion",
    "author",
    "email",
    "about",
    "tracker",
    "repository",
)
COMPILED = (".pyc", ".pyo", ".pyd", ".so", ".dll", ".dylib", ".exe", ".qrc")


def test_package_passes_the_plugin_repository_checks(tmp_path):
    make("package", "BUILD={}".format(tmp_path))
    archive = tmp_path / "drogscen-{}.zip".format(metadata()["version"])
    assert archive.stat().st_size <= REPOSITORY_MAX_SIZE
    with zipfile.ZipFile(archive) as package:
        names = package.namelist()
        # The repository reads metadata.txt with ConfigParser's defaults (interpolation on).
        parser = configparser.ConfigParser()
        parser.optionxform = str
        parser.read_string(package.read("drogscen/metadata.txt").decode("utf-8"))
        general = dict(parser.items("general"))
        assert "drogscen/" + general["icon"] in names
    for name in names:
        parts = name.rstrip("/").split("/")
        assert ".." not in parts and not name.startswith("/"), name
        assert not any(part.startswith(".") for part in parts), "hidden: " + name
        assert not set(parts) & {"__MACOSX", ".git", "__pycache__"}, name
        assert not name.endswith(COMPILED) and not name.endswith("resources_rc.py"), name
    assert "drogscen/LICENSE" in names and "drogscen/__init__.py" in names
    for key in REPOSITORY_REQUIRED:
        assert general.get(key, "").strip(), key
    for key in ("tracker", "repository", "homepage"):
        assert general[key].startswith("https://"), key
    assert "/" not in general["author"]
    assert general["supportsQt6"] == "True" and general["qgisMaximumVersion"] == "4.99"


LOAD_INSTALLED = textwrap.dedent("""
    import sys
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    import drogscen
    from drogscen.drogscen_plugin.i18n import tr
    plugin = drogscen.classFactory(None)
    plugin.initProcessing()
    provider = QgsApplication.processingRegistry().providerById("drogscen")
    print(sorted(a.id() for a in provider.algorithms()))
    print(tr("Drogscen: open drug scenes near schools, in space and time"))
    plugin.unload()
    print(QgsApplication.processingRegistry().providerById("drogscen"))
    print(tr("Drogscen: open drug scenes near schools, in space and time"))
    print("drogscen_plugin" in sys.modules)
""")


def run_installed(plugins_dir, language):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    # Fresh settings: a developer's own QGIS language choice must not count.
    env.update(
        QT_QPA_PLATFORM="offscreen", LANG=language, XDG_CONFIG_HOME=str(plugins_dir / "config")
    )
    # Run from the plugins folder, away from the repository, as QGIS does.
    result = subprocess.run(
        [sys.executable, "-c", LOAD_INSTALLED],
        cwd=str(plugins_dir),
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_deployed_folder_loads_on_its_own_and_unloads(tmp_path):
    make("deploy", "QGIS_PLUGINS_DIR={}".format(tmp_path))
    folder = tmp_path / "drogscen"
    assert_plugin_content(
        {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}
    )
    lines = run_installed(tmp_path, "en_US.UTF-8")
    assert lines == [
        str(ALGORITHMS),
        "Drogscen: open drug scenes near schools, in space and time",
        "None",
        "Drogscen: open drug scenes near schools, in space and time",
        # Relative imports only: the package never needs the repository's name.
        "False",
    ]


TRANSLATION = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Drogscen</name>
    <message>
        <source>Drogscen: open drug scenes near schools, in space and time</source>
        <translation>Drogscen: öppna drogscener nära skolor, i rum och tid</translation>
    </message>
</context>
</TS>
"""


@pytest.mark.skipif(shutil.which("lrelease") is None, reason="needs Qt's lrelease")
def test_translation_of_the_user_locale_is_installed_at_load_and_removed_at_unload(tmp_path):
    make("deploy", "QGIS_PLUGINS_DIR={}".format(tmp_path))
    source = tmp_path / "drogscen_sv.ts"
    source.write_text(TRANSLATION, encoding="utf-8")
    (tmp_path / "drogscen" / "i18n").mkdir(exist_ok=True)
    subprocess.run(
        [
            "lrelease",
            "-silent",
            str(source),
            "-qm",
            str(tmp_path / "drogscen" / "i18n" / "drogscen_sv.qm"),
        ],
        check=True,
    )
    lines = run_installed(tmp_path, "sv_SE.UTF-8")
    assert lines[1] == "Drogscen: öppna drogscener nära skolor, i rum och tid"
    assert lines[3] == "Drogscen: open drug scenes near schools, in space and time"
