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
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.coverage import COVERAGE_FIELDS, coverage_field_alias, coverage_row
from ..core.errors import AnalysisCanceled, InputError
from ..definitions import algorithms, defaults
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.compat import FieldType
from ..qgis_io.measures_coverage import measure_coverage
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
            "round is missing. Measures that cannot be read are left out and reported."
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
            tr("With the School summary: how far from a school a measure counts, in metres; "
               "the distance of the analysis run."),
        )
        self.add(
            QgsProcessingParameterDateTime(
                self.DATE, tr("Date"), QgsProcessingParameterDateTime.Date, optional=True
            ),
            tr("The date the measures must be in force on (start and end dates). Empty means "
               "today."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Measure coverage"), QgsProcessing.TypeVector
            ),
            tr("One row per affected school: needed and uncovered minutes per week, the "
               "uncovered hours and the yard round days missing."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.SCHOOL_COUNT, tr("Affected schools")))
        self.addOutput(
            QgsProcessingOutputNumber(self.COVERED_COUNT, tr("Schools whose needs are covered"))
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

        rows, warnings = measure_coverage(
            overlap,
            measures,
            include_planned=include_planned,
            on=on,
            schools=summary,
            distance=self.parameterAsDouble(parameters, self.DISTANCE, context),
            transform_context=context.transformContext(),
            feedback=feedback,
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
        feedback.pushInfo(
            tr("{covered} of {schools} affected schools have their needs covered on {date}.")
            .format(covered=covered, schools=len(rows), date=on.isoformat())
        )
        return {self.OUTPUT: destination, self.SCHOOL_COUNT: len(rows), self.COVERED_COUNT: covered}
