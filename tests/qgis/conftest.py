"""QGIS tests: the real plugin, loaded once through classFactory as QGIS loads it.

pytest-qgis starts QGIS offscreen and gives a QgisInterface; this file
initializes Processing (so native: algorithms exist) and loads the plugin.
"""

import importlib.util
import sys
from pathlib import Path

import pytest
from postgis_cluster import running_postgis
from processing.core.Processing import Processing
from qgis.core import QgsTemporalNavigationObject

import drogscen_plugin
import drogscen_plugin.plugin

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "drogscen_sample.gpkg"


def plugin_package():
    """The repository root as the package 'drogscen', its folder name once installed.

    Its drogscen_plugin is the one the tests import, so that the plugin and the
    tests share one copy of every module.
    """
    spec = importlib.util.spec_from_file_location(
        "drogscen", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules["drogscen"] = package
    sys.modules["drogscen.drogscen_plugin"] = drogscen_plugin
    sys.modules["drogscen.drogscen_plugin.plugin"] = drogscen_plugin.plugin
    spec.loader.exec_module(package)
    return package


@pytest.fixture(scope="session", autouse=True)
def plugin(qgis_app, qgis_iface):
    Processing.initialize()
    # QGIS gives its canvas the Temporal Controller's navigation object; the dock follows it.
    canvas = qgis_iface.mapCanvas()
    canvas.setTemporalController(QgsTemporalNavigationObject(canvas))
    instance = plugin_package().classFactory(qgis_iface)
    instance.initProcessing()
    instance.initGui()
    yield instance
    instance.unload()


@pytest.fixture(scope="session")
def sample_gpkg():
    """Path of the shipped sample GeoPackage."""
    return str(SAMPLE)


@pytest.fixture(scope="session")
def postgis(sample_gpkg):
    """The sample data in a PostGIS database on a throwaway cluster (postgis_cluster.py)."""
    yield from running_postgis(sample_gpkg)
