"""What every Drogscen algorithm shares: group, parameter help, defaults,
progress and cancel wiring, and core errors as Processing errors."""

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterDistance,
    QgsProcessingParameterField,
    QgsUnitTypes,
)

from ..core.cancel import CancelClock
from ..core.errors import DrogscenError, InputError, ScheduleError
from ..core.help import ALGORITHM_SECTIONS, help_url
from ..core.schedule import WeeklySchedule
from ..definitions import parameters as keys
from ..definitions.defaults import DEFAULT_DISTANCE
from ..i18n import tr
from ..qgis_io.checks import MAX_DISTANCE, require_metric_crs
from .guard import check_algorithm_run


class DrogscenAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses implement ``process`` instead of ``processAlgorithm``."""

    def createInstance(self):  # noqa: N802 (QGIS API)
        return type(self)()

    def group(self):
        return tr("Analysis")

    def groupId(self):  # noqa: N802 (QGIS API)
        return "analysis"

    def helpUrl(self):  # noqa: N802 (QGIS API)
        return help_url(ALGORITHM_SECTIONS[self.name()])

    def add(self, parameter, help_text, advanced=False):
        """Add a parameter with its help text."""
        parameter.setHelp(help_text)
        if advanced:
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(parameter)

    def add_distance(self, help_text, schools=keys.SCHOOLS, crs=keys.ANALYSIS_CRS):
        """DISTANCE in metres of ``crs``, and the optional per-school DISTANCE_FIELD."""
        distance = QgsProcessingParameterDistance(
            keys.DISTANCE,
            tr("Distance"),
            DEFAULT_DISTANCE,
            crs,
            minValue=0.0,
            maxValue=MAX_DISTANCE,
        )
        distance.setDefaultUnit(QgsUnitTypes.DistanceMeters)
        self.add(distance, help_text)
        self.add(
            QgsProcessingParameterField(
                keys.DISTANCE_FIELD,
                tr("Distance field (per school)"),
                None,
                schools,
                QgsProcessingParameterField.Numeric,
                optional=True,
            ),
            tr(
                "Numeric field with a school's own distance in metres; empty values use the "
                "distance above."
            ),
            advanced=True,
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS API)
        # QGIS 3.22 rejects a missing parameter even when it has a default;
        # processAlgorithm uses the default, so check that instead.
        filled = dict(parameters)
        for definition in self.parameterDefinitions():
            if filled.get(definition.name()) is None and definition.defaultValue() is not None:
                filled[definition.name()] = definition.defaultValue()
        return super().checkParameterValues(filled, context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        try:
            # Before anything is read or written: no output where an input or another output is.
            check_algorithm_run(self, parameters, context)
            # Long steps deep in the core (parsing hours, evaluating days, GEOS
            # on many geometries) look at cancel through the thread's clock.
            with CancelClock(feedback.isCanceled).active():
                return self.process(parameters, context, feedback)
        except (DrogscenError, QgsProcessingException) as error:
            message = str(error)
        # QGIS never frees an exception that leaves processAlgorithm, nor the
        # frames it holds: raise one that holds no layers, sources or sinks.
        del parameters, context, feedback
        raise QgsProcessingException(message)

    # --- parameter helpers ---------------------------------------------------

    def _label(self, name):
        return "{} ({})".format(self.parameterDefinition(name).description(), name)

    def source(self, parameters, name, context):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return source

    def field_name(self, parameters, name, context, source, feedback, require=None):
        """The field chosen for ``name``, or None.

        A default field name the layer lacks means "no field" (a layer
        without hours is fine); a field the user chose must exist, and pass
        ``require(layer name, field)`` (checked here for the desktop and the database run).
        """
        value = self.parameterAsString(parameters, name, context)
        if not value:
            return None
        index = source.fields().lookupField(value)
        if index >= 0:
            if require is not None:
                require(source.sourceName(), source.fields().at(index))
            return value
        message = tr("{parameter}: layer '{layer}' has no field '{field}'.").format(
            parameter=self._label(name), layer=source.sourceName(), field=value
        )
        if parameters.get(name) in (None, ""):
            feedback.pushInfo(message)
            return None
        raise InputError(message)

    def analysis_crs(self, parameters, name, context):
        crs = self.parameterAsCrs(parameters, name, context)
        try:
            require_metric_crs(crs)
        except InputError as error:
            raise InputError(
                tr("{parameter}: {message}").format(parameter=self._label(name), message=error)
            ) from error
        return crs

    def schedule(self, parameters, name, context):
        """A parameter's opening_hours text as a WeeklySchedule; a clear error when invalid."""
        text = self.parameterAsString(parameters, name, context)
        try:
            return WeeklySchedule.parse(text)
        except ScheduleError as error:
            raise InputError(
                tr("{parameter}: '{text}' is not valid opening hours: {message}").format(
                    parameter=self._label(name), text=text, message=error
                )
            ) from error

    @staticmethod
    def progress(feedback, start, end):
        """A core ``progress(percent)`` callback filling ``start``..``end`` of the feedback."""
        return lambda percent: feedback.setProgress(start + (end - start) * percent / 100.0)
