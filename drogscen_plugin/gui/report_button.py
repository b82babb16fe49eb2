"""The "Export report…" button of the Results tab: the situation report of the shown run,
written in the background with its progress and a Cancel button in the message bar."""

import os
import re

from qgis.core import QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import QFileDialog, QProgressBar, QPushButton

from ..core.errors import DrogscenError
from ..definitions import defaults
from ..i18n import tr
from ..processing import atomic, journal
from ..report import ReportError, ReportLayers, ReportOptions, check_writable, report_steps
from .measures_panel import project_measure_layers
from .runner import SlicedStep, TaskRunner

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


def staged_report(layers, path, options, project):
    """``report_steps`` writing beside ``path`` and renamed over it when complete: a
    report already at ``path`` stays whole when the export fails or is canceled."""
    staged = atomic.sibling(path)
    try:
        report = yield from report_steps(layers, staged, options, project)
        try:
            journal.replace_all([(staged, path)])
        except OSError as error:
            report.discard()
            raise ReportError(
                tr("Could not write {path}: {reason}").format(path=path, reason=error.strerror)
            ) from None
    finally:
        atomic.remove(staged)
    return report


class ReportButton(QPushButton):
    """Writes the report of ``dock.result`` to a PDF the user names, in the background."""

    def __init__(self, dock):
        super().__init__(tr("Export report…"))
        self.dock = dock
        self.setToolTip(tr("The situation report of this run as PDF, with its layouts"))
        self.setEnabled(False)
        self.districts = district_picker()
        prefer_districts(self.districts)
        self.runner = TaskRunner(self)
        self.runner.progressChanged.connect(self._progress)
        self.runner.succeeded.connect(self._written)
        self.runner.failed.connect(self._failed)
        self.runner.canceled.connect(self._canceled)
        self.progress_bar = None
        self._message = None
        self._path = None
        QgsProject.instance().legendLayersAdded.connect(self._layers_added)
        self.clicked.connect(self.choose_path)

    def _layers_added(self, *_):
        prefer_districts(self.districts)

    def teardown(self):
        self.cancel()
        QgsProject.instance().legendLayersAdded.disconnect(self._layers_added)

    def choose_path(self):
        path, _ = QFileDialog.getSaveFileName(
            self.dock, tr("Export report"), QgsProject.instance().homePath(), tr("PDF (*.pdf)")
        )
        if path:
            self.export_to(path)

    def is_exporting(self):
        return self.runner.is_running()

    def cancel(self):
        self.runner.cancel()

    def export_to(self, path):
        """Start writing the shown run's report to ``path``; False when it cannot start
        (the reason is shown). The end comes as the dock's next message."""
        result = self.dock.result
        if result is None or self.is_exporting():
            return False
        try:
            check_writable(path)
        except DrogscenError as error:
            self.dock.show_error(str(error))
            return False
        project = QgsProject.instance()
        layers = ReportLayers(
            overlap=result.overlaps,
            summary=result.summary,
            scenes=result.scenes,
            buffers=result.buffers,
            districts=self.districts.currentLayer(),
            measures=project_measure_layers(project),
        )
        options = ReportOptions(
            distance=result.values.distance,
            scene_name_field=result.values.scene_name_field or defaults.SCENE_NAME_FIELD,
        )
        self._path = path
        step = SlicedStep(
            tr("Exporting the situation report"), staged_report(layers, path, options, project)
        )
        self.setEnabled(False)
        self._show_progress()
        self.runner.start_steps([step], lambda results: results[step.name]["RESULT"])
        return True

    def _show_progress(self):
        """Progress and Cancel in the message bar, in place of the dock's last message."""
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        cancel = QPushButton(tr("Cancel"))
        cancel.clicked.connect(self.cancel)
        self.dock.show_progress_message(
            tr("Writing the situation report to {path}…").format(path=os.path.basename(self._path)),
            [self.progress_bar, cancel],
        )

    def _progress(self, percent):
        if self.progress_bar is not None and not sip.isdeleted(self.progress_bar):
            self.progress_bar.setValue(round(percent))

    def _ended(self):
        self.progress_bar = None
        self.setEnabled(self.dock.result is not None)

    def _written(self, report):
        self._ended()
        report.add_to_project()
        message = tr("Wrote {path} ({pages} pages).").format(
            path=self._path, pages=report.page_count
        )
        self.dock.show_success(message, self._path)

    def _failed(self, message):
        self._ended()
        self.dock.show_error(message)

    def _canceled(self):
        self._ended()
        self.dock.pop_message()
        self.dock.show_status(tr("The export was canceled; no file was written."))
