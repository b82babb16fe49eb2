"""The QGIS plugin object: registers the Processing provider and the translations."""

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from . import i18n
from .processing.provider import DrogscenProvider

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def install_translation():
    """Route ``tr`` through Qt and load ``i18n/drogscen_<locale>.qm`` when it exists.

    Returns the installed QTranslator (to remove later) or None.
    """
    i18n.install(QCoreApplication.translate)
    # QGIS's own choice: the user's override in QGIS settings, else the system locale.
    locale = QgsApplication.locale()[:2]
    path = os.path.join(PLUGIN_DIR, "i18n", "drogscen_{}.qm".format(locale))
    if not os.path.exists(path):
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translation(translator):
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
    i18n.install(None)


class DrogscenPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None

    def initProcessing(self):  # noqa: N802 (name required by QGIS)
        # QGIS calls this on its own for processing plugins and initGui calls it again.
        if self.provider is None:
            self.translator = install_translation()
            self.provider = DrogscenProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (name required by QGIS)
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translation(self.translator)
        self.translator = None
