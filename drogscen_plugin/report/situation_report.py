"""One situation report: its content, its two layouts, its PDF, its place in the project."""

import datetime

from qgis.core import QgsFeedback, QgsProject
from qgis.PyQt import sip

from ..core import report_content as content
from ..core.errors import InputError
from ..i18n import tr
from . import export
from .data import ReportData
from .layout import OVERVIEW_TEMPLATE, SCHOOL_TEMPLATE, load_template
from .map_layers import ReportMaps
from .options import PAPERS, ReportOptions
from .overview import fill_overview
from .school_pages import fill_school_pages


class SituationReport:
    """The layouts of one report; ``build`` makes them, ``export_pdf`` writes the PDF.

    ``warnings`` collects what the user should know (unreadable dates...);
    ``week_charts`` and ``day_strips`` hold each affected school's week chart
    and day-by-hour strip (SVG text) by school_fid.
    """

    def __init__(self, layers, options=None, project=None):
        self.layers = layers
        self.options = options or ReportOptions()
        self.project = project or QgsProject.instance()
        self.today = self.options.today or datetime.date.today()
        self.data = None
        self.maps = None
        self.overview = None
        self.schools_layout = None
        self.week_charts = {}
        self.day_strips = {}
        if self.options.paper not in PAPERS:
            raise InputError(
                tr("Paper must be one of {papers}, not {paper}.").format(
                    papers=", ".join(PAPERS), paper=self.options.paper
                )
            )
        if self.options.period not in content.PERIOD_KINDS:
            raise InputError(
                tr("Period must be year, quarter or term, not {period}.").format(
                    period=self.options.period
                )
            )

    @property
    def warnings(self):
        return self.data.warnings if self.data is not None else []

    @property
    def map_layers(self):
        return self.maps.map_layers if self.maps is not None else []

    @property
    def has_trend_page(self):
        return self.layers.scenes is not None or self.layers.districts is not None

    @property
    def overview_pages(self):
        return 2 if self.has_trend_page else 1

    @property
    def page_count(self):
        """Pages of the PDF: the overview pages and one per affected school."""
        return self.overview_pages + len(self.data.affected)

    @property
    def title(self):
        return self.options.title or tr("Situation report: open drug scenes near schools")

    def build(self, feedback=None):
        """Read the layers and build both layouts (not yet in the project)."""
        feedback = feedback or QgsFeedback()
        self.data = ReportData(
            self.layers, self.options, self.today, self.project.transformContext()
        )
        self.maps = ReportMaps(self.data, self.overview_pages + 1)
        feedback.setProgress(5)
        self.overview = load_template(
            self.project,
            OVERVIEW_TEMPLATE,
            tr("{title} – overview").format(title=self.title),
            self.options.paper,
        )
        fill_overview(self, self.overview)
        feedback.setProgress(10)
        self.schools_layout = load_template(
            self.project,
            SCHOOL_TEMPLATE,
            tr("{title} – schools").format(title=self.title),
            self.options.paper,
        )
        self.week_charts, self.day_strips = fill_school_pages(self, self.schools_layout, feedback)
        feedback.setProgress(20)
        return self.overview, self.schools_layout

    def export_pdf(self, path, feedback=None):
        """Write every page into one PDF; progress 20-100 % on ``feedback``."""
        export.export_pdf(self.overview, self.schools_layout, path, feedback)

    def discard(self):
        """Delete the layouts and the report's own layers now, unless the project
        holds the layouts.

        For a report that failed or is not kept: the QGIS objects do not wait
        for the garbage collector, which may run after QGIS has exited.
        """
        manager = self.project.layoutManager()
        for layout in (self.overview, self.schools_layout):
            if layout is not None and manager.layoutByName(layout.name()) is not layout:
                sip.delete(layout)
        self.overview = self.schools_layout = None
        for layer in self.layers.derived:
            if self.project.mapLayer(layer.id()) is None:
                sip.delete(layer)
        self.layers.derived = []

    def add_to_project(self):
        """Put both layouts into the project's layout manager, replacing earlier
        ones of the same name, and the report's own layers into the project."""
        manager = self.project.layoutManager()
        for layout in (self.overview, self.schools_layout):
            old = manager.layoutByName(layout.name())
            if old is not None:
                manager.removeLayout(old)
            manager.addLayout(layout)
        group_name = tr("Situation report layers")
        root = self.project.layerTreeRoot()
        old_group = root.findGroup(group_name)
        if old_group is not None:
            root.removeChildNode(old_group)
        # The buffers, and the input layers Processing loaded only for this run.
        missing = [
            layer for layer in self.maps.map_layers if self.project.mapLayer(layer.id()) is None
        ]
        if not missing:
            return
        group = root.addGroup(group_name)
        group.setItemVisibilityChecked(False)
        for layer in missing:
            self.project.addMapLayer(layer, False)
            group.addLayer(layer)


def export_report(layers, path, options=None, project=None, feedback=None, add_to_project=True):
    """Build the report, write it to ``path`` (PDF) and return the SituationReport.

    With ``add_to_project`` the layouts go into the project's layout manager.
    Runs in the main thread (QGIS renders layouts there); ``feedback`` gives
    progress and cancel.
    """
    export.check_writable(path)
    report = SituationReport(layers, options, project)
    try:
        report.build(feedback)
        report.export_pdf(path, feedback)
    except Exception:
        report.discard()
        raise
    if add_to_project:
        report.add_to_project()
    return report


def report_steps(layers, path, options=None, project=None):
    """``export_report`` in slices, for the main thread to stay responsive: a
    generator yielding the percentage done (the layouts, then each page) and
    returning the SituationReport, its layouts not yet in the project.

    Closed before its end, or failing, it leaves nothing behind: no file at
    ``path``, no layouts, no layers of its own.
    """
    export.check_writable(path)
    report = SituationReport(layers, options, project)
    try:
        report.build()
        yield 20.0
        pages = export.pdf_pages(report.overview, report.schools_layout, path)
        try:
            for percent in pages:
                yield 20.0 + 0.8 * percent
        finally:
            # Now, not when collected: its clean-up removes the unfinished file.
            pages.close()
    except BaseException:
        report.discard()
        raise
    return report
