"""drogscen:scenetrend — open drug scenes per year or quarter: active, opened, closed."""

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate

from ..core.errors import AnalysisCanceled, InputError
from ..core.report_content import PERIOD_KINDS, locate, trend
from ..definitions import algorithms, defaults
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.compat import FieldType
from ..report.data import read_districts, read_trend_scenes
from .export_report import ReportAlgorithm, period_options
from .outputs import OutputSinks

OUTPUT_FIELDS = (
    ("period", FieldType.STRING),
    ("period_start", FieldType.DATE),
    ("period_end", FieldType.DATE),
    ("district", FieldType.STRING),
    ("active", FieldType.INT),
    ("opened", FieldType.INT),
    ("closed", FieldType.INT),
)


class SceneTrendAlgorithm(ReportAlgorithm):
    SCENES = keys.SCENES
    FIRST_SEEN_FIELD = keys.FIRST_SEEN_FIELD
    CLOSED_ON_FIELD = keys.CLOSED_ON_FIELD
    PERIOD = keys.PERIOD
    DISTRICTS = keys.DISTRICTS
    DISTRICT_NAME_FIELD = keys.DISTRICT_NAME_FIELD
    OUTPUT = keys.OUTPUT
    UNDATED_COUNT = keys.UNDATED_COUNT

    def name(self):
        return algorithms.SCENE_TREND_NAME

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Scene trend per year or quarter")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "How many open drug scenes there were per year or quarter, from the scenes' first "
            "seen and closed dates: active (open at the end of the period; for the current "
            "period, on the report date), opened and closed in the period. The periods run "
            "from the first first-seen date to the report date.\n\nThe output table has one "
            "row per period for the whole layer (district empty) and, when districts are "
            "given, one row per district and period; a scene counts in the district holding "
            "its representative point. Scenes without a first seen date are left out and "
            "counted; unreadable dates are reported with the feature id."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SCENES, tr("Open drug scenes"), [QgsProcessing.TypeVector]
            ),
            tr("Scenes with a first seen date and, when closed, a closed date."),
        )
        self.add(
            QgsProcessingParameterField(
                self.FIRST_SEEN_FIELD,
                tr("First seen field"),
                defaults.SCENE_FROM_FIELD,
                self.SCENES,
            ),
            tr("Date field (or YYYY-MM-DD text): when the scene was first seen."),
        )
        self.add(
            QgsProcessingParameterField(
                self.CLOSED_ON_FIELD,
                tr("Closed on field"),
                defaults.SCENE_TO_FIELD,
                self.SCENES,
                optional=True,
            ),
            tr("Date field (or YYYY-MM-DD text): when the scene closed; empty while open."),
        )
        self.add(
            QgsProcessingParameterEnum(self.PERIOD, tr("Per"), period_options(), defaultValue=0),
            tr(
                "Count per year, per quarter or per term (VT: January to June, HT: July to "
                "December)."
            ),
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.DISTRICTS, tr("Districts"), [QgsProcessing.TypeVectorPolygon], optional=True
            ),
            tr("Polygons of districts: adds rows per district."),
        )
        self.add(
            QgsProcessingParameterField(
                self.DISTRICT_NAME_FIELD,
                tr("District name field"),
                defaults.DISTRICT_NAME_FIELD,
                self.DISTRICTS,
                optional=True,
            ),
            tr("Field with the district's name."),
        )
        self.add_report_date()
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Scene trend"), QgsProcessing.TypeVector
            ),
            tr("One row per period (and district): active, opened and closed scenes."),
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.UNDATED_COUNT, tr("Scenes without a first seen date"))
        )

    def process(self, parameters, context, feedback):
        scenes_source = self.source(parameters, self.SCENES, context)
        kind = PERIOD_KINDS[self.parameterAsEnum(parameters, self.PERIOD, context)]
        today = self.report_date(parameters, context)
        first_seen = self.parameterAsString(parameters, self.FIRST_SEEN_FIELD, context)
        if scenes_source.fields().lookupField(first_seen) < 0:
            raise InputError(
                tr("{parameter}: layer '{layer}' has no field '{field}'.").format(
                    parameter=self._label(self.FIRST_SEEN_FIELD),
                    layer=scenes_source.sourceName(),
                    field=first_seen,
                )
            )
        scenes, warnings = read_trend_scenes(
            scenes_source,
            first_seen,
            self.parameterAsString(parameters, self.CLOSED_ON_FIELD, context),
            None,
        )
        for warning in warnings:
            feedback.pushWarning(warning)
        undated = sum(1 for scene in scenes if scene.first_seen is None)
        if undated:
            feedback.pushInfo(
                tr("{count} scenes without a first seen date are left out.").format(count=undated)
            )

        groups = [(None, scenes)]
        if parameters.get(self.DISTRICTS) not in (None, ""):
            districts_source = self.source(parameters, self.DISTRICTS, context)
            # Districts are read in the scenes' CRS.
            transform = QgsCoordinateTransform(
                districts_source.sourceCrs(), scenes_source.sourceCrs(), context.transformContext()
            )
            districts = read_districts(
                districts_source,
                self.parameterAsString(parameters, self.DISTRICT_NAME_FIELD, context),
                transform,
            )
            places = locate([scene.geometry for scene in scenes], [shape for _, shape in districts])
            for index, (name, _) in enumerate(districts):
                groups.append((name, [s for s, place in zip(scenes, places) if place == index]))

        fields = QgsFields()
        for name, kind_of_field in OUTPUT_FIELDS:
            fields.append(QgsField(name, kind_of_field))
        dated = [scene.first_seen for scene in scenes if scene.first_seen is not None]
        first = min(dated) if dated else None
        features = []
        for number, (district, members) in enumerate(groups):
            if feedback.isCanceled():
                raise AnalysisCanceled(tr("The trend was canceled."))
            for row in trend(members, kind, today, first=first):
                feature = QgsFeature(fields)
                feature.setAttributes(
                    [
                        row.period.label,
                        QDate(row.period.start),
                        QDate(row.period.end),
                        district,
                        row.active,
                        row.opened,
                        row.closed,
                    ]
                )
                features.append(feature)
            feedback.setProgress(100.0 * (number + 1) / len(groups))
        with OutputSinks(self, parameters, context, feedback) as sinks:
            sink, destination = sinks.create(self.OUTPUT, fields, QgsWkbTypes.NoGeometry)
            if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        return {self.OUTPUT: destination, self.UNDATED_COUNT: undated}
