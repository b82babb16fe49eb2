"""drogscen:measurecoverage — how far the safety measures in force cover each
affected school's needs in time."""

import datetime

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.coverage import COVERAGE_FIELDS, coverage_field_alias, coverage_row
from ..core.errors import AnalysisCanceled, InputError
from ..core.period import Period
from ..core.school_calendar import SchoolCalendar
from ..definitions import algorithms, defaults
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.compat import FieldType
from ..qgis_io.measures_coverage import measure_coverage
from ..qgis_io.period_coverage import period_measure_coverage
from .base import DrogscenAlgorithm
from .outputs import OutputSinks

_VARIANT_TYPES = {"int": FieldType.LONG, "string": FieldType.STRING}


class MeasureCoverageAlgorithm(DrogscenAlgorithm):
    OVERLAP = keys.OVERLAP
    MEASURES = keys.MEASURES
    INCLUDE_PLANNED = keys.INCLUDE_PLANNED
    SUMMARY = keys.SUMMARY
    DISTANCE = keys.DISTANCE
    DATE = keys.DATE
    PERIOD_START = keys.PERIOD_START
    PERIOD_END = keys.PERIOD_END
    SCHOOL_HOLIDAYS = keys.SCHOOL_HOLIDAYS
    OUTPUT = keys.OUTPUT
    SCHOOL_COUNT = keys.SCHOOL_COUNT
    COVERED_COUNT = keys.COVERED_COUNT

    def name(self):
        return algorithms.MEASURE_COVERAGE_NAME

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Coverage of safety measures")

    def group(self):
        return tr("Safety measures")

    def groupId(self):  # noqa: N802 (QGIS API)
        return "measures"

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Compares each affected school's needs, from the Overlaps output of the overlap "
            "analysis, with the safety measures in force there.\n\nAdult presence hours are "
            "covered by adult presence measures; guard hours by cameras, sensors and guard "
            "patrols; a yard round is needed on each day the school opens after scene activity, "
            "and a yard round measure covers it when its hours include a time that day before "
            "the opening, while the school is still closed. Other measures (lighting, fencing...) "
            "cover no hours.\n\nA measure counts for a school when its 'school' field names it, "
            "or, with the School summary, when it lies within the distance of the school. It is "
            "in force when its status is ongoing or done (or planned, when planned measures are "
            "included), it has started by the date and not ended before it. Cameras and sensors "
            "without hours are always on.\n\nThe output has one row per affected school: the "
            "minutes per week needed and uncovered, the uncovered hours, and the days a yard "
            "round is missing. Measures that cannot be read are left out and reported.\n\n"
            "With a period (the one the overlap analysis ran over), the needs are those of the "
            "period and each measure covers only the days it exists, from its start date to its "
            "end date; the minutes are per 7 days of the period and the hours and days carry "
            "dates. Without one, the weekly needs are compared with the measures in force on "
            "the date."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.add(
            QgsProcessingParameterFeatureSource(
                self.OVERLAP, tr("Overlaps"), [QgsProcessing.TypeVectorPolygon]
            ),
            tr("The Overlaps output (OUTPUT) of drogscen:overlap."),
        )
        self.add(
            QgsProcessingParameterMultipleLayers(
                self.MEASURES, tr("Measures layers"), QgsProcessing.TypeVectorAnyGeometry
            ),
            tr(
                "Layers of safety measures with the fields measure_type, school, hours and "
                "status (and start_date, end_date), such as New measures layer creates."
            ),
        )
        self.add(
            QgsProcessingParameterBoolean(
                self.INCLUDE_PLANNED, tr("Count planned measures"), False
            ),
            tr("Count planned measures as if they were in force, to see what the plans cover."),
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SUMMARY,
                tr("School summary"),
                [QgsProcessing.TypeVectorAnyGeometry],
                optional=True,
            ),
            tr(
                "The School summary output (SUMMARY) of drogscen:overlap: measures within the "
                "distance of a school count for it, whatever their 'school' field says."
            ),
        )
        distance = QgsProcessingParameterDistance(
            self.DISTANCE, tr("Distance"), defaults.DEFAULT_DISTANCE, self.SUMMARY, minValue=0.0
        )
        distance.setDefaultUnit(QgsUnitTypes.DistanceMeters)
        self.add(
            distance,
            tr(
                "With the School summary: how far from a school a measure counts, in metres; "
                "the distance of the analysis run."
            ),
        )
        self.add(
            QgsProcessingParameterDateTime(
                self.DATE, tr("Date"), QgsProcessingParameterDateTime.Date, optional=True
            ),
            tr(
                "The date the measures must be in force on (start and end dates). Empty means "
                "today."
            ),
            advanced=True,
        )
        self._add_period_parameters()
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Measure coverage"), QgsProcessing.TypeVector
            ),
            tr(
                "One row per affected school: needed and uncovered minutes per week, the "
                "uncovered hours and the yard round days missing."
            ),
        )
        self.addOutput(QgsProcessingOutputNumber(self.SCHOOL_COUNT, tr("Affected schools")))
        self.addOutput(
            QgsProcessingOutputNumber(self.COVERED_COUNT, tr("Schools whose needs are covered"))
        )

    def _add_period_parameters(self):
        for name, label in (
            (self.PERIOD_START, tr("Period start")),
            (self.PERIOD_END, tr("Period end")),
        ):
            self.add(
                QgsProcessingParameterString(name, label, optional=True),
                tr(
                    "First and last date of the period (2026-08-17), as in the overlap analysis: "
                    "the needs over it, each measure counted on the days it exists. Empty: the "
                    "weekly needs against the measures in force on the date."
                ),
            )
        self.add(
            QgsProcessingParameterString(
                self.SCHOOL_HOLIDAYS, tr("School holidays"), optional=True, multiLine=True
            ),
            tr(
                "With a period: the school holidays as in the overlap analysis "
                "('2026-10-26/2026-10-30, …'), what SH means in the measures' hours."
            ),
        )

    def _period(self, parameters, context):
        """The period and the school holidays, or (None, ()) without a period."""
        start, end = (
            self.parameterAsString(parameters, name, context).strip()
            for name in (self.PERIOD_START, self.PERIOD_END)
        )
        if not (start or end):
            return None, ()
        holidays = self.parameterAsString(parameters, self.SCHOOL_HOLIDAYS, context)
        return (
            Period.parse(start or end, end or start),
            SchoolCalendar.parse("", holidays).school_holidays,
        )

    def _date(self, parameters, context):
        value = self.parameterAsDateTime(parameters, self.DATE, context)
        if parameters.get(self.DATE) in (None, "") or not value.isValid():
            return datetime.date.today()
        return value.date().toPyDate()

    def process(self, parameters, context, feedback):
        overlap = self.source(parameters, self.OVERLAP, context)
        layers = self.parameterAsLayerList(parameters, self.MEASURES, context)
        measures = [layer for layer in layers if isinstance(layer, QgsVectorLayer)]
        if not measures:
            raise InputError(
                tr("{parameter}: no measures layer given.").format(
                    parameter=self._label(self.MEASURES)
                )
            )
        summary = None
        if parameters.get(self.SUMMARY) not in (None, ""):
            summary = self.source(parameters, self.SUMMARY, context)
        on = self._date(parameters, context)
        include_planned = self.parameterAsBoolean(parameters, self.INCLUDE_PLANNED, context)
        period, school_holidays = self._period(parameters, context)
        linking = {
            "schools": summary,
            "distance": self.parameterAsDouble(parameters, self.DISTANCE, context),
            "transform_context": context.transformContext(),
            "feedback": feedback,
        }
        if period is None:
            rows, warnings = measure_coverage(
                overlap, measures, include_planned=include_planned, on=on, **linking
            )
        else:
            rows, warnings = period_measure_coverage(
                overlap, measures, period, school_holidays, include_planned, **linking
            )
        for warning in warnings:
            feedback.pushWarning(warning)

        fields = QgsFields()
        for name, kind in COVERAGE_FIELDS:
            field = QgsField(name, _VARIANT_TYPES[kind])
            field.setAlias(coverage_field_alias(name))
            fields.append(field)
        covered = 0
        features = []
        for row in rows:
            if feedback.isCanceled():
                raise AnalysisCanceled(tr("The coverage was canceled."))
            feature = QgsFeature(fields)
            feature.setAttributes(coverage_row(row.school_fid, row.school_name, row.coverage))
            features.append(feature)
            if not row.coverage.uncovered_min and row.coverage.round_days_missing is None:
                covered += 1
        with OutputSinks(self, parameters, context, feedback) as sinks:
            sink, destination = sinks.create(self.OUTPUT, fields, QgsWkbTypes.NoGeometry)
            if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        feedback.setProgress(100.0)
        if period is None:
            message = tr(
                "{covered} of {schools} affected schools have their needs covered on {date}."
            ).format(covered=covered, schools=len(rows), date=on.isoformat())
        else:
            message = tr(
                "{covered} of {schools} affected schools have their needs covered from "
                "{start} to {end}."
            ).format(
                covered=covered,
                schools=len(rows),
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            )
        feedback.pushInfo(message)
        return {self.OUTPUT: destination, self.SCHOOL_COUNT: len(rows), self.COVERED_COUNT: covered}
