"""Writing the report's layouts into one PDF: the overview, then the school atlas."""

import os
import shutil

from qgis.core import (
    Qgis,
    QgsFeedback,
    QgsLayoutExporter,
    QgsLayoutRenderContext,
    QgsPaintEngineHack,
    QgsRenderContext,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QMarginsF
from qgis.PyQt.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from ..core.errors import AnalysisCanceled
from ..i18n import tr
from .layout import ReportError


def export_error_message(result, path):
    """QgsLayoutExporter's result code in words."""
    messages = {
        QgsLayoutExporter.FileError: tr(
            "Cannot write {path}: the file may be open in another program (locked), the folder "
            "may be read-only or missing, or the disk may be full."
        ),
        QgsLayoutExporter.MemoryError: tr(
            "Not enough memory to render the report to {path}: close other programs or choose A4."
        ),
        QgsLayoutExporter.PrintError: tr("The PDF writer could not start for {path}."),
        QgsLayoutExporter.IteratorError: tr(
            "The school pages could not be prepared (atlas error) for {path}."
        ),
        QgsLayoutExporter.SvgLayerError: tr("A layer could not be written to {path}."),
        QgsLayoutExporter.Canceled: tr("The export of {path} was canceled."),
    }
    message = messages.get(result, tr("Exporting {path} failed (code {code})."))
    return message.format(path=path, code=int(result))


def check_writable(path):
    """Raise ReportError, in words, when ``path`` cannot be written."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ReportError(
            tr("Cannot write {path}: the folder {folder} does not exist.").format(
                path=path, folder=folder
            )
        )
    if os.path.isdir(path):
        raise ReportError(tr("Cannot write {path}: it is a folder.").format(path=path))
    existed = os.path.exists(path)
    try:
        # Append mode: opens a locked or read-only file without changing it.
        with open(path, "ab"):
            pass
    except PermissionError:
        if existed:
            raise ReportError(
                tr(
                    "Cannot write {path}: the file is read-only or open in another program "
                    "(locked). Close it and try again."
                ).format(path=path)
            ) from None
        raise ReportError(
            tr("Cannot write {path}: no permission to write in {folder}.").format(
                path=path, folder=folder
            )
        ) from None
    except OSError as error:
        raise ReportError(
            tr("Cannot write {path}: {reason}.").format(path=path, reason=error.strerror)
        ) from None
    finally:
        if not existed and os.path.exists(path):
            os.remove(path)
    # A report takes a few megabytes.
    if shutil.disk_usage(folder).free < 5 * 1024 * 1024:
        raise ReportError(tr("Cannot write {path}: the disk is full.").format(path=path))


def _pdf_context(layout):
    """Set ``layout`` up as QgsLayoutExporter does for vector PDF with real text (text
    that can be searched and copied); returns what to restore afterwards."""
    context = layout.renderContext()
    saved = (context.flags(), context.textRenderFormat())
    context.setFlags(QgsLayoutExporter.PdfExportSettings().flags)
    # The PDF engine has no composition modes: effects would drop items.
    context.setFlag(QgsLayoutRenderContext.FlagUseAdvancedEffects, False)
    context.setFlag(QgsLayoutRenderContext.FlagForceVectorOutput, True)
    context.setTextRenderFormat(QgsRenderContext.TextFormatAlwaysText)
    return saved


def _page_layout(layout, page):
    size = (
        layout.renderContext()
        .measurementConverter()
        .convert(layout.pageCollection().page(page).sizeWithUnits(), QgsUnitTypes.LayoutMillimeters)
    )
    page_layout = QPageLayout(
        QPageSize(size.toQSizeF(), QPageSize.Unit.Millimeter),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )
    page_layout.setMode(QPageLayout.Mode.FullPageMode)
    return page_layout


class _PdfPages:
    """One PDF written a layout at a time, each layout's pages at their own size."""

    def __init__(self, path):
        self.path = path
        self.writer = QPdfWriter(path)
        self.writer.setCreator("QGIS {}".format(Qgis.QGIS_VERSION))
        self.painter = QPainter()

    def add(self, layout):
        saved = _pdf_context(layout)
        exporter = QgsLayoutExporter(layout)
        try:
            for page in range(layout.pageCollection().pageCount()):
                if not layout.pageCollection().shouldExportPage(page):
                    continue
                self.writer.setPageLayout(_page_layout(layout, page))
                if self.painter.isActive():
                    self.writer.newPage()
                else:
                    self._begin(layout)
                exporter.renderPage(self.painter, page)
        finally:
            layout.renderContext().setFlags(saved[0])
            layout.renderContext().setTextRenderFormat(saved[1])

    def _begin(self, layout):
        self.writer.setResolution(round(layout.renderContext().dpi()))
        if not self.painter.begin(self.writer):
            raise ReportError(export_error_message(QgsLayoutExporter.FileError, self.path))
        QgsPaintEngineHack.fixEngineFlags(self.painter.paintEngine())

    def close(self):
        if self.painter.isActive():
            self.painter.end()


def pdf_pages(overview, schools_layout, path):
    """Write the overview and every school page into one PDF, a page at a time.

    A generator yielding the percentage done after each page, so that a caller
    may write the pages in slices between which QGIS stays responsive (layouts
    are drawn in the main thread only). Closed before its end, or failing, it
    removes the unfinished file.
    """
    check_writable(path)
    atlas = schools_layout.atlas()
    if not atlas.beginRender():
        raise ReportError(export_error_message(QgsLayoutExporter.IteratorError, path))
    total = 1 + atlas.count()
    pages = _PdfPages(path)
    complete = False
    try:
        pages.add(overview)
        yield 100.0 / total
        for number in range(2, total + 1):
            if not atlas.next():
                raise ReportError(export_error_message(QgsLayoutExporter.IteratorError, path))
            pages.add(schools_layout)
            yield 100.0 * number / total
        complete = True
    finally:
        pages.close()
        atlas.endRender()
        if not complete and os.path.exists(path):
            os.remove(path)


def export_pdf(overview, schools_layout, path, feedback=None):
    """Write the overview and every school page into one PDF; progress 20-100 %.

    Raises ReportError in words when the file cannot be written, and
    AnalysisCanceled when canceled.
    """
    feedback = feedback or QgsFeedback()
    writing = pdf_pages(overview, schools_layout, path)
    try:
        for percent in writing:
            if feedback.isCanceled():
                break
            feedback.setProgress(20 + 0.8 * percent)
    finally:
        writing.close()
    if feedback.isCanceled():
        raise AnalysisCanceled(export_error_message(QgsLayoutExporter.Canceled, path))
