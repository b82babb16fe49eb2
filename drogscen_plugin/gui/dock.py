"""The Drogscen dock: settings, Run/Cancel with progress, results table and time of week."""

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsReferencedRectangle,
    QgsSettings,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import DrogscenError
from ..core.help import DOCK_SECTION, help_url
from ..i18n import tr
from ..qgis_io.grid import ANALYSIS_CRS_KEY, analysis_crs_setting, grid_advice
from .fetch_dialog import FetchButton
from .measures_panel import MeasuresPanel
from .report_button import ReportButton
from .results import AnalysisResult
from .results_model import COLUMNS, FID_ROLE, ResultsModel, sorted_results
from .runner import AnalysisRunner
from .settings_form import ERROR_STYLE, SettingsForm
from .time_control import TimeOfWeekControl

TITLE = "Drogscen"
# Width of the dock when first shown: the results table needs more than QGIS's default.
FIRST_WIDTH = 440
# Long names are elided (the tooltip has them whole), so the numbers stay in view.
MAX_COLUMN_WIDTH = 140


class DrogscenDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Drogscen: scenes near schools"), parent)
        self.setObjectName("DrogscenDock")
        self.iface = iface
        self.result = None
        self._values = None
        self._widened = False
        self.runner = AnalysisRunner(self)

        self.form = SettingsForm()
        self.fetch_button = FetchButton(self)
        self.form.schools_box.layout().addRow(self.fetch_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)

        self.time_control = TimeOfWeekControl()
        self.time_control.setEnabled(False)
        time_box = QGroupBox(tr("Time of week"))
        QVBoxLayout(time_box).addWidget(self.time_control)
        self.model = ResultsModel(self)
        self.proxy = sorted_results(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("concurrent_min"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setToolTip(tr("Click a row to show the school and the scene on the map"))
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.addWidget(time_box)
        results_layout.addWidget(self.table, 1)
        self.report_button = ReportButton(self)
        results_layout.addWidget(self.report_button)
        self.measures = MeasuresPanel(self)
        results_layout.addWidget(self.measures)

        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, tr("Settings"))
        self.tabs.addTab(results, tr("Results"))

        self.run_button = QPushButton(tr("Run"))
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.help_button = QPushButton(tr("Help"))
        self.help_button.setToolTip(tr("Open the plugin's manual at the section about the dock"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.help_button)
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.setWidget(widget)

        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.help_button.clicked.connect(self.show_help)
        self.runner.progressChanged.connect(lambda value: self.progress.setValue(round(value)))
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self.show_error)
        self.runner.canceled.connect(self._canceled)
        self.table.clicked.connect(self._row_clicked)
        self.time_control.momentChanged.connect(self._show_moment)
        QgsProject.instance().readProject.connect(self.form.restore_layers)

        self.form.restore_settings()

    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        window = self.iface.mainWindow()
        if not self._widened and window.dockWidgetArea(self) != Qt.DockWidgetArea.NoDockWidgetArea:
            self._widened = True
            window.resizeDocks([self], [FIRST_WIDTH], Qt.Orientation.Horizontal)

    def show_help(self):
        QDesktopServices.openUrl(QUrl(help_url(DOCK_SECTION)))

    # --- running -------------------------------------------------------------------

    def run(self):
        """Check the settings and start the analysis in the background."""
        if self.runner.is_running():
            return
        try:
            values = self.form.checked_values()
            extent = None
            if values.extent_only:
                canvas = self.iface.mapCanvas()
                extent = QgsReferencedRectangle(
                    canvas.extent(), canvas.mapSettings().destinationCrs()
                )
            self.form.save_settings()
            self._advise_grid(values)
            self.runner.start(values, extent)
        except DrogscenError as error:
            self.show_error(str(error))
            return
        self._values = values
        self._set_running(True)
        self.show_status(tr("Analysing…"))

    def _advise_grid(self, values):
        """Warn when the layers lie outside the analysis CRS's area of use, offering one
        that fits; the run goes on."""
        crs = QgsCoordinateReferenceSystem(analysis_crs_setting())
        layers = (values.scenes_layer, values.schools_layer)
        message, fitting = grid_advice(
            crs, [(layer.extent(), layer.crs()) for layer in layers],
            QgsProject.instance().transformContext())
        if not message:
            return
        bar = self.iface.messageBar()
        # One line here; the analysis log has the details.
        item = bar.createMessage(TITLE, tr(
            "The layers lie outside the area of use of {crs}: distances may be a percent off."
        ).format(crs=crs.authid()))
        button = QPushButton(tr("Use {crs} from the next run").format(crs=fitting.authid()))

        def use_fitting():
            QgsSettings().setValue(ANALYSIS_CRS_KEY, fitting.authid())
            bar.popWidget(item)

        button.clicked.connect(use_fitting)
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Warning)

    def _set_running(self, running):
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.form.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self.progress.setValue(0)

    def _succeeded(self, layers):
        self._set_running(False)
        result = AnalysisResult(layers, self._values)
        try:
            result.add_to_project()
        except DrogscenError as error:
            self.show_error(str(error))
            return
        self._show_result(result)
        message = tr(
            "{pairs} school–scene pairs within {distance:g} m of {schools} schools."
        ).format(pairs=layers.pair_count, distance=self._values.distance,
                 schools=layers.school_count)
        self.show_success(message)

    def _canceled(self):
        self._set_running(False)
        self.show_status(tr("The analysis was canceled; no layers were added."))

    def _show_result(self, result):
        self.result = result
        self.model.set_layer(result.overlaps)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))
        self.time_control.setEnabled(True)
        self.report_button.setEnabled(True)
        self.measures.set_result(result)
        for layer in result.used_layers():
            layer.willBeDeleted.connect(self._forget_result)
        self._show_moment(self.time_control.moment())
        self.tabs.setCurrentIndex(1)

    def _forget_result(self):
        """A layer of the shown result is being removed: the table and the time
        control let go of the result."""
        if self.result is None or not any(self.sender() is layer
                                          for layer in self.result.used_layers()):
            return
        self.result = None
        self.model.set_layer(None)
        self.time_control.setEnabled(False)
        self.report_button.setEnabled(False)
        self.measures.set_result(None)

    # --- messages ------------------------------------------------------------------

    def show_status(self, message):
        self.status.setStyleSheet("")
        self.status.setText(message)

    def show_success(self, message):
        """Show ``message`` in the dock and, for a moment, in the QGIS message bar."""
        self.show_status(message)
        self.iface.messageBar().pushMessage(TITLE, message, Qgis.Success, 5)

    def show_error(self, message):
        """Show ``message`` in the dock and in the QGIS message bar."""
        # Errors of the tools on the Results tab may come during a run.
        self._set_running(self.runner.is_running())
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)
        self.iface.messageBar().pushCritical(TITLE, message)

    # --- results -------------------------------------------------------------------

    def _row_clicked(self, index):
        if self.result is not None:
            self.result.zoom_and_flash(self.iface.mapCanvas(), index.data(FID_ROLE))

    def selected_fid(self):
        """The overlaps feature id of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(FID_ROLE) if rows else None

    def _show_moment(self, moment):
        if self.result is not None:
            self.result.show_moment(moment)

    def teardown(self):
        """Before the plugin unloads: stop a run, keep the settings, leave the project."""
        self.runner.cancel()
        self.fetch_button.cancel()
        self.form.save_settings()
        QgsProject.instance().readProject.disconnect(self.form.restore_layers)
