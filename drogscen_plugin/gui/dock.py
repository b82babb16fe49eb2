"""The Drogscen dock: settings, Run/Cancel with progress, results table, date and time."""

import html
from datetime import datetime

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsReferencedRectangle,
    QgsSettings,
)
from qgis.gui import QgsDockWidget, QgsMessageBarItem
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QItemSelectionModel, Qt, QUrl
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
from ..qgis_io.grid import ANALYSIS_CRS_KEY, analysis_crs_setting, grid_advice, source_extent
from .fetch_dialog import FetchButton
from .measures_panel import MeasuresPanel
from .project_state import (
    PROJECT_RUN_KEY,
    keep_layers,
    mark_run,
    read_project_state,
    results_path,
    run_layers,
    write_project_state,
)
from .publish_button import PublishButton
from .report_button import ReportButton
from .results import AnalysisResult, add_time_fields
from .results_model import COLUMNS, FID_ROLE, ResultsModel, sorted_results
from .runner import AnalysisLayers, AnalysisRunner
from .settings_form import ERROR_STYLE, SettingsForm, values_from_state
from .time_control import DateTimeControl

TITLE = "Drogscen"
# Width of the dock when first shown: the results table needs more than QGIS's default.
FIRST_WIDTH = 480
# The table's columns: those kept in view whole, the names sharing the rest, and the
# hours of the measures, each at most MAX_COLUMN_WIDTH wide.
FIRST_COLUMNS = ("conflict", "concurrent_min", "afterhours_min")
NAME_COLUMNS = ("school_name", "scene_name")
LATER_COLUMNS = tuple(name for name in COLUMNS if name not in FIRST_COLUMNS + NAME_COLUMNS)
MIN_NAME_WIDTH = 80
MAX_COLUMN_WIDTH = 140


class DrogscenDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Drogscen: scenes near schools"), parent)
        self.setObjectName("DrogscenDock")
        self.iface = iface
        self.result = None
        self._values = None
        self._state = None
        self._widened = False
        self._message = None
        self._syncing = False
        self.runner = AnalysisRunner(self)

        self.form = SettingsForm()
        self.fetch_button = FetchButton(self)
        self.form.schools_box.layout().addRow(self.fetch_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)

        results = self._results_tab()
        self.measures = MeasuresPanel(self)

        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, tr("Settings"))
        self.tabs.addTab(results, tr("Results"))
        self.tabs.addTab(self.measures, tr("Measures"))

        self._add_footer()
        self._connect()
        self.form.restore_settings()

    def _results_tab(self):
        """The date and time, the results table and the report and publish buttons."""
        self.time_control = DateTimeControl()
        self.time_control.setEnabled(False)
        time_box = QGroupBox(tr("Date and time"))
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
        self.report_button = ReportButton(self)
        results = QWidget()
        self.results_tab = results
        results_layout = QVBoxLayout(results)
        results_layout.addWidget(time_box)
        results_layout.addWidget(self.table, 1)
        report_row = QHBoxLayout()
        report_row.addWidget(QLabel(tr("Districts")))
        report_row.addWidget(self.report_button.districts, 1)
        report_row.addWidget(self.report_button)
        self.publish_button = PublishButton()
        report_row.addWidget(self.publish_button)
        results_layout.addLayout(report_row)
        return results

    def _add_footer(self):
        """The tabs, then Run, Cancel, Help, the progress bar and the status line."""
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

    def _connect(self):
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.help_button.clicked.connect(self.show_help)
        self.runner.progressChanged.connect(lambda value: self.progress.setValue(round(value)))
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self.show_error)
        self.runner.canceled.connect(self._canceled)
        self.table.clicked.connect(self._row_clicked)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_row_in_view)
        self.time_control.momentChanged.connect(self._show_moment)
        QgsProject.instance().readProject.connect(self._project_read)
        self.iface.mapCanvas().temporalController().updateTemporalRange.connect(
            self._temporal_range
        )

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
        self._state = self.form.state()
        self._set_running(True)
        self.show_status(tr("Analysing…"))

    def _advise_grid(self, values):
        """Warn when the layers lie outside the analysis CRS's area of use, offering one
        that fits; the run goes on."""
        crs = QgsCoordinateReferenceSystem(analysis_crs_setting())
        layers = (values.scenes_layer, values.schools_layer)
        message, fitting = grid_advice(
            crs,
            [(source_extent(layer), layer.crs()) for layer in layers],
            QgsProject.instance().transformContext(),
        )
        if not message:
            return
        bar = self.iface.messageBar()
        # One line here; the analysis log has the details.
        item = bar.createMessage(
            TITLE,
            tr(
                "The layers lie outside the area of use of {crs}: distances may be a percent off."
            ).format(crs=crs.authid()),
        )
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
        run_id = datetime.now().strftime("%Y%m%d_%H%M%S")
        project = QgsProject.instance()
        try:
            add_time_fields(layers)
            path = results_path(project) if self._values.keep_results else None
            if path is not None:
                layers = keep_layers(layers, path, run_id)
            result = AnalysisResult(layers, self._values)
            result.add_to_project()
        except DrogscenError as error:
            self.show_error(str(error))
            return
        if path is not None:
            mark_run(layers, run_id)
            write_project_state(
                project,
                PROJECT_RUN_KEY,
                {
                    "run": run_id,
                    "values": self._state,
                    "pair_count": layers.pair_count,
                    "school_count": layers.school_count,
                },
            )
        self._show_result(result)
        message = tr(
            "{pairs} school–scene pairs within {distance:g} m of {schools} schools."
        ).format(
            pairs=layers.pair_count, distance=self._values.distance, schools=layers.school_count
        )
        self.show_success(message)

    def _project_read(self, *_):
        """A project opened: its settings, and its last run when its layers were kept."""
        self.form.restore_settings()
        project = QgsProject.instance()
        run = read_project_state(project, PROJECT_RUN_KEY)
        layers = run_layers(project, run.get("run")) if run is not None else None
        if layers is None:
            return
        kept = AnalysisLayers(
            pair_count=int(run.get("pair_count", 0)),
            school_count=int(run.get("school_count", 0)),
            **layers,
        )
        self._show_result(AnalysisResult(kept, values_from_state(run.get("values", {}), project)))

    def _canceled(self):
        self._set_running(False)
        self.show_status(tr("The analysis was canceled; no layers were added."))

    def _show_result(self, result):
        self.result = result
        self.model.set_layer(result.overlaps)
        result.overlaps.selectionChanged.connect(self._map_selected)
        self.tabs.setCurrentWidget(self.results_tab)
        # The table gets its width now, for the columns to share it.
        self.results_tab.layout().activate()
        self._fit_columns()
        self.time_control.setEnabled(True)
        self.report_button.setEnabled(True)
        self.publish_button.set_run(
            result, (result.values.scenes_layer, result.values.schools_layer)
        )
        self.measures.set_result(result)
        for layer in result.used_layers():
            layer.willBeDeleted.connect(self._forget_result)
        self._show_moment(self.time_control.moment())

    def _fit_columns(self):
        """Names share what the notes, conflict and minutes leave of the table's width,
        so those stay in view; long names are elided (the tooltip has them whole)."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        fixed = sum(header.sectionSize(COLUMNS.index(name)) for name in FIRST_COLUMNS)
        room = (self.table.viewport().width() - fixed) // len(NAME_COLUMNS)
        for name in NAME_COLUMNS + LATER_COLUMNS:
            column = COLUMNS.index(name)
            limit = max(room, MIN_NAME_WIDTH) if name in NAME_COLUMNS else MAX_COLUMN_WIDTH
            header.resizeSection(column, min(header.sectionSize(column), limit))

    def _forget_result(self):
        """A layer of the shown result is being removed: the table and the time
        control let go of the result."""
        if self.result is None or not any(
            self.sender() is layer for layer in self.result.used_layers()
        ):
            return
        self.result = None
        self.report_button.cancel()
        self.model.set_layer(None)
        self.time_control.setEnabled(False)
        self.report_button.setEnabled(False)
        self.publish_button.set_run(None, ())
        self.measures.set_result(None)

    # --- messages ------------------------------------------------------------------

    def show_status(self, message):
        self.status.setStyleSheet("")
        self.status.setText(message)

    def show_success(self, message, path=None):
        """Show ``message`` in the dock and, for a moment, in the QGIS message bar, in
        place of the dock's previous message there; ``path``, when in the message, is
        a link there that opens the file."""
        self.show_status(message)
        text = html.escape(message)
        if path is not None:
            text = text.replace(
                html.escape(path),
                '<a href="{}">{}</a>'.format(
                    html.escape(QUrl.fromLocalFile(path).toString()), html.escape(path)
                ),
            )
        self.pop_message()
        self._message = QgsMessageBarItem(TITLE, text, Qgis.MessageLevel.Success, 5)
        self.iface.messageBar().pushItem(self._message)

    def show_error(self, message):
        """Show ``message`` in the dock and in the QGIS message bar."""
        # Errors of the tools on the Results tab may come during a run.
        self._set_running(self.runner.is_running())
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)
        bar = self.iface.messageBar()
        self.pop_message()
        bar.pushCritical(TITLE, message)
        # Replaced by the dock's next message, as a success replaces a success.
        self._message = bar.currentItem()

    def show_progress_message(self, text, widgets):
        """Show ``text`` with ``widgets`` (a progress bar, a button) in the message bar,
        in place of the dock's previous message there, until the next one."""
        self.show_status(text)
        bar = self.iface.messageBar()
        item = bar.createMessage(TITLE, text)
        for widget in widgets:
            item.layout().addWidget(widget)
        self.pop_message()
        bar.pushWidget(item, Qgis.MessageLevel.Info)
        self._message = item

    def pop_message(self):
        """Take the dock's last message off the message bar, while it is there."""
        bar = self.iface.messageBar()
        if (
            self._message is not None
            and not sip.isdeleted(self._message)
            and self._message in bar.items()
        ):
            bar.popWidget(self._message)

    # --- results -------------------------------------------------------------------

    def _row_clicked(self, index):
        if self.result is None:
            return
        fid = index.data(FID_ROLE)
        self._syncing = True
        try:
            self.result.overlaps.selectByIds([fid])
        finally:
            self._syncing = False
        self.result.zoom_and_flash(self.iface.mapCanvas(), fid)

    def _map_selected(self, *_):
        """Features selected on the map: the table shows the first of them."""
        if self._syncing or self.result is None or self.sender() is not self.result.overlaps:
            return
        fids = sorted(self.result.overlaps.selectedFeatureIds())
        row = self.model.row_of(fids[0]) if fids else -1
        if row < 0:
            self.table.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _keep_row_in_view(self, *_):
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)

    def selected_fid(self):
        """The overlaps feature id of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(FID_ROLE) if rows else None

    def _temporal_range(self, time_range):
        """One clock: while the Temporal Controller runs, the dock shows its time."""
        begin = time_range.begin()
        self.time_control.follow(begin.toPyDateTime() if begin.isValid() else None)

    def _show_moment(self, moment):
        if self.result is not None:
            self.result.show_moment(moment)

    def teardown(self):
        """Before the plugin unloads: stop a run, keep the settings, leave the project."""
        self.runner.cancel()
        self.fetch_button.cancel()
        self.form.save_settings()
        QgsProject.instance().readProject.disconnect(self._project_read)
        self.iface.mapCanvas().temporalController().updateTemporalRange.disconnect(
            self._temporal_range
        )
        self.form.teardown()
        self.report_button.teardown()
