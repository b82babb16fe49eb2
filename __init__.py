"""Drogscen: open drug scenes near schools and preschools, in space and time."""


def classFactory(iface):  # noqa: N802 (name required by QGIS)
    # Imported here so QGIS can read the plugin list without loading Qt code.
    from .drogscen_plugin.plugin import DrogscenPlugin

    return DrogscenPlugin(iface)
