"""Writing the report's layouts into one PDF: the overview, then the school atlas."""

import os
import shutil

from qgis.core import QgsAbstractLayoutIterator, QgsFeedback, QgsLayoutExporter, QgsRenderContext
from qgis.PyQt import sip

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
            "Not enough memory to render the report to {path}: close other programs or choose "
            "A4."
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
        raise ReportError(tr("Cannot write {path}: the folder {folder} does not exist.").format(
            path=path, folder=folder))
    if os.path.isdir(path):
        raise ReportError(tr("Cannot write {path}: it is a folder.").format(path=path))
    existed = os.path.exists(path)
    try:
        # Append mode: opens a locked or read-only file without changing it.
        with open(path, "ab"):
            pass
    except PermissionError:
        if existed:
            raise ReportError(tr(
                "Cannot write {path}: the file is read-only or open in another program "
                "(locked). Close it and try again.").format(path=path)) from None
        raise ReportError(tr("Cannot write {path}: no permission to write in {folder}.").format(
            path=path, folder=folder)) from None
    except OSError as error:
        raise ReportError(tr("Cannot write {path}: {reason}.").format(
            path=path, reason=error.strerror)) from None
    finally:
        if not existed and os.path.exists(path):
            os.remove(path)
    # A report takes a few megabytes.
    if shutil.disk_usage(folder).free < 5 * 1024 * 1024:
        raise ReportError(tr("Cannot write {path}: the disk is full.").format(path=path))


class _ReportPages(QgsAbstractLayoutIterator):
    """The overview layout once, then every atlas feature of the school layout."""

    def __init__(self, overview, atlas, feedback):
        super().__init__()
        self._overview = overview
        self._atlas = atlas
        self._feedback = feedback
        self._step = -1
        self._current = overview

    def count(self):
        return 1 + self._atlas.count()

    def beginRender(self):  # noqa: N802 (QGIS API)
        self._step = -1
        return self._atlas.beginRender()

    def endRender(self):  # noqa: N802 (QGIS API)
        return self._atlas.endRender()

    def next(self):
        self._step += 1
        if self._feedback.isCanceled():
            return False
        if self._step == 0:
            self._current = self._overview
            return True
        self._current = self._atlas.layout()
        return self._atlas.next()

    def filePath(self, baseFilePath, extension):  # noqa: N802, N803 (QGIS API)
        return baseFilePath

    def layout(self):
        return self._current


def export_pdf(overview, schools_layout, path, feedback=None):
    """Write the overview and every school page into one PDF; progress 20-100 %.

    Raises ReportError in words when the file cannot be written, and
    AnalysisCanceled when canceled.
    """
    feedback = feedback or QgsFeedback()
    check_writable(path)
    pages_feedback = QgsFeedback()
    pages_feedback.progressChanged.connect(
        lambda percent: feedback.setProgress(20 + 0.8 * percent))
    feedback.canceled.connect(pages_feedback.cancel)
    if feedback.isCanceled():
        pages_feedback.cancel()
    pages = _ReportPages(overview, schools_layout.atlas(), pages_feedback)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    settings.appendGeoreference = False
    settings.exportMetadata = True
    # Real text, not outlines: smaller files, and the text can be searched and copied.
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    try:
        result, _error = QgsLayoutExporter.exportToPdf(pages, path, settings, pages_feedback)
    finally:
        # Not left to the garbage collector: a traceback kept after QGIS exits
        # would delete it then, and crash.
        sip.delete(pages)
    if result == QgsLayoutExporter.Canceled or (
            result == QgsLayoutExporter.Success and pages_feedback.isCanceled()):
        raise AnalysisCanceled(export_error_message(QgsLayoutExporter.Canceled, path))
    if result != QgsLayoutExporter.Success:
        raise ReportError(export_error_message(result, path))
