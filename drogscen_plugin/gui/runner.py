"""Runs drogscen:overlap and drogscen:bufferschools in the background, one after the other.

The algorithms read clones of the chosen layers, held in a private project:
Processing finds layers there from its worker thread, the user's layers stay
untouched (the map-extent choice is a selection on the clone), and the result
layers keep the input feature ids. Outputs are temporary layers owned by the
processing context until the whole run succeeds; a canceled or failed run
drops them with the context.
"""

from dataclasses import dataclass

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.errors import InputError
from ..definitions import algorithms
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.grid import analysis_crs_setting
from .period_form import period_parameters

OVERLAP = algorithms.OVERLAP
BUFFERS = algorithms.BUFFER_SCHOOLS
# Share of the progress bar for the overlap step; the buffers take the rest.
OVERLAP_SHARE = 85.0


@dataclass
class AnalysisLayers:
    """The layers of a successful run, owned by the caller."""

    scenes: object
    buffers: object
    overlaps: object
    summary: object
    pair_count: int
    school_count: int


class _Feedback(QgsProcessingFeedback):
    """Keeps the errors an algorithm reports, to show them to the user."""

    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)
        super().reportError(error, fatalError)


class _Job:
    """What the tasks of one run read: the private project, its clones and the context."""

    def __init__(self, values):
        self.values = values
        self.project = QgsProject()
        self.project.setTransformContext(QgsProject.instance().transformContext())
        self.project.setEllipsoid(QgsProject.instance().ellipsoid())
        self.scenes = values.scenes_layer.clone()
        self.schools = values.schools_layer.clone()
        self.project.addMapLayers([self.scenes, self.schools], False)
        self.context = QgsProcessingContext()
        self.context.setProject(self.project)
        self.results = {}

    def select_extent(self, extent):
        """Restrict the schools to ``extent`` (a QgsReferencedRectangle); their count."""
        transform = QgsCoordinateTransform(
            extent.crs(), self.schools.crs(), QgsProject.instance().transformContext()
        )
        self.schools.selectByRect(transform.transformBoundingBox(extent))
        return self.schools.selectedFeatureCount()

    def steps(self, extent_only):
        values = self.values
        schools = QgsProcessingFeatureSourceDefinition(self.schools.id(), extent_only)
        overlap = {
            keys.SCENES: self.scenes.id(),
            keys.SCENE_NAME_FIELD: values.scene_name_field,
            keys.SCENE_HOURS_FIELD: values.scene_hours_field,
            keys.SCHOOLS: schools,
            keys.SCHOOL_NAME_FIELD: values.school_name_field,
            keys.SCHOOL_TYPE_FIELD: values.school_type_field,
            keys.SCHOOL_HOURS_FIELD: values.school_hours_field,
            keys.DISTANCE: values.distance,
            keys.DEFAULT_SCHOOL_HOURS: values.school_hours,
            keys.DEFAULT_PRESCHOOL_HOURS: values.preschool_hours,
            **period_parameters(values.period or {}),
            keys.ANALYSIS_CRS: analysis_crs_setting(),
            keys.OUTPUT: QgsProcessing.TEMPORARY_OUTPUT,
            keys.SUMMARY: QgsProcessing.TEMPORARY_OUTPUT,
        }
        buffers = {
            keys.SCHOOLS: schools,
            keys.DISTANCE: values.distance,
            keys.ANALYSIS_CRS: analysis_crs_setting(),
            keys.OUTPUT: QgsProcessing.TEMPORARY_OUTPUT,
        }
        return [(OVERLAP, overlap, 0.0, OVERLAP_SHARE), (BUFFERS, buffers, OVERLAP_SHARE, 100.0)]

    def layers(self, school_count):
        """Move the result layers out of the context and the private project."""
        overlap, buffers = self.results[OVERLAP], self.results[BUFFERS]
        return AnalysisLayers(
            scenes=self.project.takeMapLayer(self.scenes),
            buffers=self.context.takeResultLayer(buffers[keys.OUTPUT]),
            overlaps=self.context.takeResultLayer(overlap[keys.OUTPUT]),
            summary=self.context.takeResultLayer(overlap[keys.SUMMARY]),
            pair_count=int(overlap[keys.PAIR_COUNT]),
            school_count=school_count,
        )


class AnalysisRunner(QObject):
    """Starts a run, reports progress (0-100), and ends with exactly one of
    ``succeeded(AnalysisLayers)``, ``failed(message)`` or ``canceled()``."""

    progressChanged = pyqtSignal(float)  # noqa: N815 (Qt naming)
    succeeded = pyqtSignal(object)
    failed = pyqtSignal(str)
    canceled = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._job = None
        self._steps = []
        self._task = None
        self._span = (0.0, 100.0)
        self._canceling = False
        self._school_count = 0

    def is_running(self):
        return self._job is not None

    def start(self, values, extent=None):
        """Start a run on ``values`` (FormValues); ``extent`` restricts the schools.

        Raises InputError, before anything runs, when no school lies in the extent.
        """
        job = _Job(values)
        if extent is not None:
            self._school_count = job.select_extent(extent)
            if self._school_count == 0:
                raise InputError(tr("No school of layer '{layer}' lies in the current map extent.")
                                 .format(layer=values.schools_layer.name()))
        else:
            self._school_count = values.schools_layer.featureCount()
        self._job = job
        self._steps = job.steps(extent is not None)
        self._canceling = False
        self.progressChanged.emit(0.0)
        self._next_step()

    def cancel(self):
        if self._task is not None:
            self._canceling = True
            self._task.cancel()

    def _next_step(self):
        algorithm_id, parameters, start, end = self._steps.pop(0)
        algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        feedback = _Feedback()
        task = QgsProcessingAlgRunnerTask(algorithm, parameters, self._job.context, feedback)
        # The task manager owns the task; it reads these until it is deleted, even
        # when the plugin unloads during the run.
        task.job = self._job
        task.feedback = feedback
        task.algorithm_id = algorithm_id
        self._span = (start, end)
        self._task = task
        task.progressChanged.connect(self._task_progress)
        task.executed.connect(self._executed)
        task.taskTerminated.connect(self._terminated)
        QgsApplication.taskManager().addTask(task)

    def _task_progress(self, percent):
        start, end = self._span
        self.progressChanged.emit(start + (end - start) * percent / 100.0)

    def _executed(self, ok, results):
        task = self.sender()
        if task is not self._task:
            return
        if not ok or self._canceling:
            self._end(task)
            return
        self._job.results[task.algorithm_id] = results
        if self._steps:
            self._next_step()
            return
        job = self._job
        self._reset()
        self.progressChanged.emit(100.0)
        self.succeeded.emit(job.layers(self._school_count))

    def _terminated(self):
        # A task canceled before it started ends here without executed().
        task = self.sender()
        if task is self._task:
            self._end(task)

    def _end(self, task):
        canceling = self._canceling
        self._reset()
        if canceling:
            self.canceled.emit()
            return
        errors = [error for error in task.feedback.errors if error]
        self.failed.emit("\n".join(errors) or tr("The analysis failed."))

    def _reset(self):
        self._job = None
        self._task = None
        self._steps = []
