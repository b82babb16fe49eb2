"""drogscen:checkhours — which hours values the analysis can read, and how it reads them."""

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingUtils,
)

from ..core.cancel import check
from ..core.errors import AnalysisCanceled, InputError, ScheduleError
from ..core.hours import canonical_hours
from ..core.schedule import Schedule
from ..definitions import algorithms
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.checks import require_text
from ..qgis_io.compat import FieldType
from ..qgis_io.layers import PROGRESS_STEP, is_blank, plain
from .base import DrogscenAlgorithm
from .outputs import OutputSinks


def _calendar_kinds():
    # Literal tr() calls, so the translation tools find them.
    return {
        "dates": tr("dates"),
        "PH": tr("public holidays (PH)"),
        "SH": tr("the school holidays (SH) given to the analysis"),
    }


def read_hours(text):
    """(meaning or None, canonical text) of readable hours; raises ScheduleError.

    Hours that read the calendar keep their text (no weekly form says it all);
    their meaning names what they read and the hours of the other days.
    """
    canonical = canonical_hours(text)
    schedule = Schedule.parse(text)
    words = schedule.calendar_words
    if not words:
        return None, canonical
    kinds = _calendar_kinds()
    return tr("hours by the calendar: {kinds} as the rules say; other days {week}").format(
        kinds=", ".join(kinds[word] for word in words),
        week=schedule.plain_week().to_opening_hours(),
    ), canonical


class CheckHoursAlgorithm(DrogscenAlgorithm):
    INPUT = keys.INPUT
    FIELD = keys.FIELD
    OUTPUT = keys.OUTPUT
    VALID_COUNT = keys.VALID_COUNT
    INVALID_COUNT = keys.INVALID_COUNT
    EMPTY_COUNT = keys.EMPTY_COUNT

    def name(self):
        return algorithms.CHECK_HOURS_NAME

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Check hours")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Reads a field of opening_hours text the way the overlap analysis does. The output is "
            "the input layer with three more fields: hours_valid (true when the hours were "
            "understood, false when not, empty when there are none), hours_message (what is "
            "wrong, and where; for hours that read the calendar, such as 'Jul off', 'PH off' "
            "or '2024 Apr 10-16 off', what they read and the hours of the other days) and "
            "hours_canonical (the hours in canonical opening_hours form; hours that read the "
            "calendar as given). "
            "Each value that cannot be read is also reported in the log with its feature id, "
            "followed by the counts."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.add(
            QgsProcessingParameterFeatureSource(
                self.INPUT, tr("Layer"), [QgsProcessing.TypeVector]
            ),
            tr("Any layer or table with hours."),
        )
        self.add(
            QgsProcessingParameterField(
                self.FIELD, tr("Hours field"), None, self.INPUT, QgsProcessingParameterField.String
            ),
            tr("The field with opening_hours text, such as 'Mo-Fr 07:00-18:00'."),
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Checked hours"), QgsProcessing.TypeVector
            ),
            tr("The input features with hours_valid, hours_message and hours_canonical."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.VALID_COUNT, tr("Hours understood")))
        self.addOutput(QgsProcessingOutputNumber(self.INVALID_COUNT, tr("Hours not understood")))
        self.addOutput(QgsProcessingOutputNumber(self.EMPTY_COUNT, tr("No hours")))

    def process(self, parameters, context, feedback):
        source = self.source(parameters, self.INPUT, context)
        field = self.parameterAsString(parameters, self.FIELD, context)
        index = source.fields().lookupField(field)
        if index < 0:
            raise InputError(
                tr("Layer '{layer}' has no field '{field}'.").format(
                    layer=source.sourceName(), field=field
                )
            )
        require_text(source.sourceName(), source.fields().at(index))

        extra = QgsFields()
        extra.append(QgsField("hours_valid", FieldType.BOOL))
        extra.append(QgsField("hours_message", FieldType.STRING))
        extra.append(QgsField("hours_canonical", FieldType.STRING))
        fields = QgsProcessingUtils.combineFields(source.fields(), extra)
        counts = {self.VALID_COUNT: 0, self.INVALID_COUNT: 0, self.EMPTY_COUNT: 0}
        features = []
        total = max(source.featureCount(), 1)
        # Geometries are copied as they are, valid or not.
        iterator = source.getFeatures(
            QgsFeatureRequest(), QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks
        )
        for count, feature in enumerate(iterator):
            if count % PROGRESS_STEP == 0:
                if feedback.isCanceled():
                    raise AnalysisCanceled(tr("The check was canceled."))
                feedback.setProgress(100.0 * count / total)
            check()
            value = plain(feature.attribute(index))
            if is_blank(value):
                counts[self.EMPTY_COUNT] += 1
                checked = [None, tr("no hours"), None]
            else:
                try:
                    meaning, canonical = read_hours(str(value))
                except ScheduleError as error:
                    counts[self.INVALID_COUNT] += 1
                    checked = [False, str(error), None]
                    feedback.pushWarning(
                        tr("Feature {fid}, field '{field}': '{value}': {message}").format(
                            fid=feature.id(), field=field, value=value, message=error
                        )
                    )
                else:
                    counts[self.VALID_COUNT] += 1
                    checked = [True, meaning, canonical]
            output = QgsFeature(fields)
            output.setGeometry(feature.geometry())
            output.setAttributes(feature.attributes() + checked)
            features.append(output)
        with OutputSinks(self, parameters, context, feedback) as sinks:
            sink, destination = sinks.create(
                self.OUTPUT, fields, source.wkbType(), source.sourceCrs()
            )
            if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))

        feedback.pushInfo(
            tr("{valid} understood, {invalid} not understood, {empty} without hours.").format(
                valid=counts[self.VALID_COUNT],
                invalid=counts[self.INVALID_COUNT],
                empty=counts[self.EMPTY_COUNT],
            )
        )
        counts[self.OUTPUT] = destination
        return counts
