"""The "Export report…" button of the Results tab: the situation report of the shown run."""

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QFileDialog, QPushButton

from ..core.errors import DrogscenError
from ..i18n import tr
from ..report import ReportLayers, ReportOptions, export_report
from .measures_panel import project_measure_layers


class ReportButton(QPushButton):
    """Writes the report of ``dock.result`` to a PDF the user names."""

    def __init__(self, dock):
        super().__init__(tr("Export report…"))
        self.dock = dock
        self.setToolTip(tr("The situation report of this run as PDF, with its layouts"))
        self.setEnabled(False)
        self.clicked.connect(self.choose_path)

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
            measures=project_measure_layers(project),
        )
        options = ReportOptions(
            distance=values.distance,
            scene_name_field=values.scene_name_field or "name",
        )
        try:
            report = export_report(layers, path, options, project)
        except DrogscenError as error:
            self.dock.show_error(str(error))
            return None
        message = tr("Wrote {path} ({pages} pages).").format(path=path, pages=report.page_count)
        self.dock.show_success(message)
        return report
