"""The QGIS plugin object: the Processing provider, the expression functions, the
translations, and in the QGIS window the dock with its toolbar button and menus."""

import os

from qgis.core import QgsApplication, QgsProject
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QCoreApplication, Qt, QThreadPool, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QFileDialog, QInputDialog, QLineEdit

from . import i18n
from .core.errors import DrogscenError
from .gui.dock import DrogscenDock
from .gui.layer_choice import free_layer_name
from .i18n import tr
from .processing.provider import DrogscenProvider
from .qgis_io.expressions import register_functions, unregister_functions
from .qgis_io.hours_form import register_form_init, unregister_form_init
from .qgis_io.scene_layer import create_scene_layer

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ICON = os.path.join(PLUGIN_DIR, "resources", "icons", "icon.png")
MENU = "&Drogscen"
# How long unload waits for map renders in worker threads; Qt's global pool also
# runs QGIS's tasks, so a long task elsewhere delays unloading at most this long.
RENDER_WAIT_MS = 10_000


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
        self.dock = None
        self.dock_action = None
        self.new_layer_action = None
        self.new_measures_action = None

    def initProcessing(self):  # noqa: N802 (name required by QGIS)
        # QGIS calls this on its own for processing plugins and initGui calls it again.
        if self.provider is None:
            self.translator = install_translation()
            self.provider = DrogscenProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)
            # After the translator: the functions' help is built in the user's language.
            register_functions()
            register_form_init()

    def initGui(self):  # noqa: N802 (name required by QGIS)
        self.initProcessing()
        if self.dock is not None:
            return
        window = self.iface.mainWindow()
        self.dock = DrogscenDock(self.iface, window)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

        self.dock_action = QAction(QIcon(ICON), tr("Drogscen"), window)
        self.dock_action.setObjectName("DrogscenDockAction")
        self.dock_action.setToolTip(
            tr("Drogscen: open drug scenes near schools, in space and time")
        )
        self.dock_action.setCheckable(True)
        self.dock.setToggleVisibilityAction(self.dock_action)
        self.new_layer_action = QAction(tr("New scenes layer…"), window)
        self.new_layer_action.setObjectName("DrogscenNewScenesLayerAction")
        self.new_layer_action.triggered.connect(self.new_scenes_layer)
        self.new_measures_action = QAction(tr("New measures layer…"), window)
        self.new_measures_action.setObjectName("DrogscenNewMeasuresLayerAction")
        self.new_measures_action.triggered.connect(self.dock.measures.new_layers)

        self.iface.addToolBarIcon(self.dock_action)
        for action in self.actions():
            self.iface.addPluginToMenu(MENU, action)
            self.iface.addPluginToVectorMenu(MENU, action)

    def actions(self):
        candidates = (self.dock_action, self.new_layer_action, self.new_measures_action)
        return [action for action in candidates if action]

    def unload(self):
        if self.dock is not None:
            self.iface.removeToolBarIcon(self.dock_action)
            for action in self.actions():
                self.iface.removePluginMenu(MENU, action)
                self.iface.removePluginVectorMenu(MENU, action)
                action.deleteLater()
            self.dock_action = self.new_layer_action = self.new_measures_action = None
            self.dock.teardown()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
            self._end_map_renders()
        if self.provider is not None:
            unregister_functions()
            unregister_form_init()
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translation(self.translator)
        self.translator = None

    def _end_map_renders(self):
        """Map renders evaluate expressions in worker threads: stop them and let them
        end before the expression functions are removed under them."""
        for canvas in self.iface.mainWindow().findChildren(QgsMapCanvas):
            canvas.stopRendering()
        QThreadPool.globalInstance().waitForDone(RENDER_WAIT_MS)

    # --- "New scenes layer…" ----------------------------------------------------------

    def new_scenes_layer(self):
        window = self.iface.mainWindow()
        path, _ = QFileDialog.getSaveFileName(
            window,
            tr("New scenes layer"),
            QgsProject.instance().homePath(),
            tr("GeoPackage (*.gpkg)"),
        )
        if not path:
            return
        name, ok = QInputDialog.getText(
            window,
            tr("New scenes layer"),
            tr("Layer name"),
            QLineEdit.EchoMode.Normal,
            free_layer_name(QgsProject.instance(), tr("scenes")),
        )
        if ok and name.strip():
            self.add_scenes_layer(path, name.strip())

    def add_scenes_layer(self, path, name="scenes"):
        """Create a scenes layer ``name`` in the GeoPackage ``path``, add it at the top of
        the layer tree (not inside a selected group) and make it the active layer; a
        problem goes to the message bar. Returns the layer."""
        try:
            layer = create_scene_layer(path, name)
        except DrogscenError as error:
            self.iface.messageBar().pushCritical("Drogscen", str(error))
            return None
        project = QgsProject.instance()
        project.addMapLayer(layer, False)
        project.layerTreeRoot().insertLayer(0, layer)
        self.iface.setActiveLayer(layer)
        return layer
