"""The "Export report…" button of the Results tab: the situation report of the shown run."""

import re

from qgis.core import QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import QFileDialog, QPushButton

from ..core.errors import DrogscenError
from ..definitions import defaults
from ..i18n import tr
from ..report import ReportLayers, ReportOptions, export_report
from .measures_panel import project_measure_layers

DISTRICT_NAMES = re.compile(r"district|stadsdel|distrikt|område", re.IGNORECASE)


def district_picker():
    """Polygon layers or none, a layer named like districts first when there is one."""
    picker = QgsMapLayerComboBox()
    picker.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
    picker.setAllowEmptyLayer(True)
    picker.setToolTip(tr("Districts for the report's table of scenes and schools per district"))
    picker.setLayer(None)
    return picker


def prefer_districts(picker):
    """Choose a layer named like districts while none is chosen."""
    if picker.currentLayer() is not None:
        return
    for node in QgsProject.instance().layerTreeRoot().findLayers():
        if node.layer() is not None and DISTRICT_NAMES.search(node.layer().name()):
            picker.setLayer(node.layer())
            if picker.currentLayer() is not None:
                return


class ReportButton(QPushButton):
    """Writes the report of ``dock.result`` to a PDF the user names."""

    def __init__(self, dock):
        super().__init__(tr("Export report…"))
        self.dock = dock
        self.setToolTip(tr("The situation report of this run as PDF, with its layouts"))
        self.setEnabled(False)
        self.districts = district_picker()
        prefer_districts(self.districts)
        QgsProject.instance().legendLayersAdded.connect(self._layers_added)
        self.clicked.connect(self.choose_path)

    def _layers_added(self, *_):
        prefer_districts(self.districts)

    def teardown(self):
        QgsProject.instance().legendLayersAdded.disconnect(self._layers_added)

    def choose_path(self):
        path, _ = QFileDialog.getSaveFileName(
            self.dock, tr("Export report"), QgsProject.instance().homePath(), tr("PDF (*.pdf)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path):
        """Export the shown run's report to ``path``; returns the report, or None on error."""
        result = self.dock.result
        if result is None:
            return None
        values = result.values
        project = QgsProject.instance()
        layers = ReportLayers(
            overlap=result.overlaps,
            summary=result.summary,
            scenes=result.scenes,
            districts=self.districts.currentLayer(),
            measures=project_measure_layers(project),
        )
        options = ReportOptions(
            distance=values.distance,
            scene_name_field=values.scene_name_field or defaults.SCENE_NAME_FIELD,
        )
        try:
            report = export_report(layers, path, options, project)
        except DrogscenError as error:
            self.dock.show_error(str(error))
            return None
        message = tr("Wrote {path} ({pages} pages).").format(path=path, pages=report.page_count)
        self.dock.show_success(message, path)
        return report
