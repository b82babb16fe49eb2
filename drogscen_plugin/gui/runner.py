"""The one background runner: steps one after the other as QGIS tasks, with
progress and cancel, for the dock's analysis, the fetch of schools and the report.

A step is a Processing algorithm run in a worker thread, or work that must stay
in the main thread (print layouts are not thread-safe) done in small slices
between which QGIS goes on drawing and answering the user.

The analysis runs drogscen:overlap and drogscen:bufferschools. They read
clones of the chosen layers, held in a private project: Processing finds
layers there from its worker thread, the user's layers stay untouched (the
map-extent choice is a selection on the clone), and the result layers keep
the input feature ids. Outputs are temporary layers owned by the
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
    QgsProject,
    QgsProxyProgressTask,
)
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.errors import DrogscenError, InputError
from ..definitions import algorithms
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.feedback import CollectingFeedback
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


class AlgorithmStep:
    """A Processing algorithm run in a worker thread; its results are kept by ``name``."""

    def __init__(
        self, algorithm_id, parameters, context, span=(0.0, 100.0), name=None, failure=None
    ):
        self.algorithm_id = algorithm_id
        self.failure = failure or tr("The analysis failed.")
        self.parameters = parameters
        self.context = context
        self.span = span
        self.name = name or algorithm_id
        self._task = None

    def start(self, runner):
        algorithm = QgsApplication.processingRegistry().algorithmById(self.algorithm_id)
        feedback = CollectingFeedback()
        task = QgsProcessingAlgRunnerTask(algorithm, self.parameters, self.context, feedback)
        # The task manager owns the task; it reads these until it is deleted, even
        # when the plugin unloads during the run.
        task.step = self
        task.feedback = feedback
        # Slots of the runner, not lambdas: Qt forgets them when the runner goes.
        task.progressChanged.connect(runner.step_progress)
        task.executed.connect(runner.algorithm_executed)
        task.taskTerminated.connect(runner.algorithm_terminated)
        QgsApplication.taskManager().addTask(task)
        self._task = task
        return task

    def cancel(self):
        self._task.cancel()


class SlicedStep:
    """Work that must run in the main thread, in slices: ``work`` is a generator
    yielding its progress (0-100) after each slice and returning its result.

    The task manager shows it as a task; a cancel closes the generator at once,
    whose ``finally`` clauses clean up.
    """

    def __init__(self, description, work, span=(0.0, 100.0), name="work"):
        self.description = description
        self.work = work
        self.span = span
        self.name = name
        self._task = None
        self._runner = None

    def start(self, runner):
        self._runner = runner
        self._task = QgsProxyProgressTask(self.description)
        QgsApplication.taskManager().addTask(self._task)
        QTimer.singleShot(0, self._slice)
        return self._task

    def cancel(self):
        if self._task is not None:
            self.work.close()
            self._end(False, {}, "")

    def _slice(self):
        runner, task = self._runner, self._task
        if task is None:
            return
        try:
            percent = next(self.work)
        except StopIteration as stop:
            self._end(True, {"RESULT": stop.value}, "")
            return
        except Exception as error:
            self._end(False, {}, str(error))
            if not isinstance(error, DrogscenError):
                raise
            return
        task.setProxyProgress(percent)
        runner.step_progress(percent, task)
        QTimer.singleShot(0, self._slice)

    def _end(self, ok, results, error):
        task, self._task = self._task, None
        task.finalize(ok)
        self._runner.step_ended(task, ok, results, error)


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
        return [
            AlgorithmStep(OVERLAP, overlap, self.context, (0.0, OVERLAP_SHARE)),
            AlgorithmStep(BUFFERS, buffers, self.context, (OVERLAP_SHARE, 100.0)),
        ]

    def layers(self, results, school_count):
        """Move the result layers out of the context and the private project."""
        overlap, buffers = results[OVERLAP], results[BUFFERS]
        return AnalysisLayers(
            scenes=self.project.takeMapLayer(self.scenes),
            buffers=self.context.takeResultLayer(buffers[keys.OUTPUT]),
            overlaps=self.context.takeResultLayer(overlap[keys.OUTPUT]),
            summary=self.context.takeResultLayer(overlap[keys.SUMMARY]),
            pair_count=int(overlap[keys.PAIR_COUNT]),
            school_count=school_count,
        )


class TaskRunner(QObject):
    """Runs steps one after the other; reports progress (0-100) and ends with
    exactly one of ``succeeded(value)``, ``failed(message)`` or ``canceled()``.

    ``value`` is what ``finish(results)`` makes of the steps' results by name;
    the results alone by default.
    """

    progressChanged = pyqtSignal(float)  # noqa: N815 (Qt naming)
    succeeded = pyqtSignal(object)
    failed = pyqtSignal(str)
    canceled = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._steps = []
        self._step = None
        self._task = None
        self._results = {}
        self._canceling = False
        self.finish = dict

    def is_running(self):
        return self._task is not None

    def start_steps(self, steps, finish=dict):
        """Start ``steps``; ``finish(results)`` makes the value of ``succeeded``."""
        self._steps = list(steps)
        self._results = {}
        self._canceling = False
        self.finish = finish
        self.progressChanged.emit(0.0)
        self._next_step()

    def cancel(self):
        if self._task is not None:
            self._canceling = True
            self._step.cancel()

    def _next_step(self):
        self._step = self._steps.pop(0)
        self._task = self._step.start(self)

    def step_progress(self, percent, task=None):
        if task is not None and task is not self._task:
            return
        start, end = self._step.span
        self.progressChanged.emit(start + (end - start) * percent / 100.0)

    def algorithm_executed(self, ok, results):
        task = self.sender()
        self.step_ended(task, ok, results, task.feedback.error_message(task.step.failure))

    def algorithm_terminated(self):
        # A task canceled before it started ends here without executed().
        task = self.sender()
        self.step_ended(task, False, {}, task.feedback.error_message(task.step.failure))

    def step_ended(self, task, ok, results, error):
        if task is not self._task:
            return
        if not ok or self._canceling:
            canceling = self._canceling
            self._reset()
            if canceling:
                self.canceled.emit()
            else:
                self.failed.emit(error)
            return
        self._results[self._step.name] = results
        if self._steps:
            self._next_step()
            return
        results, finish = self._results, self.finish
        self._reset()
        self.progressChanged.emit(100.0)
        self.succeeded.emit(finish(results))

    def _reset(self):
        # What the steps held (a private project, a context) goes now, not when
        # collected: that may be after QGIS has exited.
        self._task = None
        self._step = None
        self._steps = []
        self._results = {}
        self.finish = dict


class AnalysisRunner(TaskRunner):
    """Runs drogscen:overlap and drogscen:bufferschools; ``succeeded(AnalysisLayers)``."""

    def start(self, values, extent=None):
        """Start a run on ``values`` (FormValues); ``extent`` restricts the schools.

        Raises InputError, before anything runs, when no school lies in the extent.
        """
        job = _Job(values)
        if extent is not None:
            school_count = job.select_extent(extent)
            if school_count == 0:
                raise InputError(
                    tr("No school of layer '{layer}' lies in the current map extent.").format(
                        layer=values.schools_layer.name()
                    )
                )
        else:
            school_count = values.schools_layer.featureCount()
        self.start_steps(
            job.steps(extent is not None), lambda results: job.layers(results, school_count)
        )
