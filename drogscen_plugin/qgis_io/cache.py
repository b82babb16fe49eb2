"""Where fetched register details are kept between runs (see net.unit_cache)."""

import os

from qgis.core import QgsApplication, QgsSettings

CACHE_DIR_KEY = "drogscen/cache_dir"


def cache_folder(settings=None):
    """drogscen/cache_dir when set, else the QGIS profile's cache folder for the plugin."""
    value = (settings or QgsSettings()).value(CACHE_DIR_KEY, "")
    chosen = "" if value is None else str(value).strip()
    if chosen:
        return chosen
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "cache", "drogscen", "skolverket")
