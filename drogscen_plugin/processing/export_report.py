"""drogscen:exportreport — the situation report ("lägesbild") as a PDF and as print layouts."""

import datetime

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
)

from ..core.report_content import PERIOD_KINDS, QUARTER, TERM, YEAR
from ..definitions import algorithms, defaults
from ..definitions import parameters as keys
from ..i18n import tr
from ..report import (
    PAPERS,
    ReportError,
    ReportLayers,
    ReportOptions,
    SituationReport,
    check_writable,
)
from . import atomic, journal
from .base import DrogscenAlgorithm


def period_options():
    """Labels of the PERIOD choices, in the order of core.report_content.PERIOD_KINDS."""
    labels = {YEAR: tr("Year"), QUARTER: tr("Quarter"), TERM: tr("Term (VT/HT)")}
    return [labels[kind] for kind in PERIOD_KINDS]


class ReportAlgorithm(DrogscenAlgorithm):
    """Shared by the report algorithms: their group and the report date."""

    REPORT_DATE = keys.REPORT_DATE

    def group(self):
        return tr("Reports")

    def groupId(self):  # noqa: N802 (QGIS API)
        return "reports"

    def add_report_date(self):
        self.add(
            QgsProcessingParameterDateTime(
                self.REPORT_DATE,
                tr("Report date"),
                QgsProcessingParameterDateTime.Date,
                optional=True,
            ),
            tr(
                "The date the report describes: scenes open on it count as active, and the "
                "trend runs up to it. Empty means today."
            ),
            advanced=True,
        )

    def report_date(self, parameters, context):
        value = self.parameterAsDateTime(parameters, self.REPORT_DATE, context)
        if parameters.get(self.REPORT_DATE) in (None, "") or not value.isValid():
            return datetime.date.today()
        return value.date().toPyDate()


class ExportReportAlgorithm(ReportAlgorithm):
    OVERLAP = keys.OVERLAP
    SUMMARY = keys.SUMMARY
    SCENES = keys.SCENES
    SCENE_NAME_FIELD = keys.SCENE_NAME_FIELD
    FIRST_SEEN_FIELD = keys.FIRST_SEEN_FIELD
    CLOSED_ON_FIELD = keys.CLOSED_ON_FIELD
    SOURCE_FIELD = keys.SOURCE_FIELD
    DISTRICTS = keys.DISTRICTS
    DISTRICT_NAME_FIELD = keys.DISTRICT_NAME_FIELD
    MEASURES = keys.MEASURES
    INCLUDE_PLANNED = keys.INCLUDE_PLANNED
    PERIOD = keys.PERIOD
    PAPER = keys.PAPER
    DISTANCE = keys.DISTANCE
    ADD_LAYOUTS = keys.ADD_LAYOUTS
    OUTPUT = keys.OUTPUT
    PAGE_COUNT = keys.PAGE_COUNT

    def name(self):
        return algorithms.EXPORT_REPORT_NAME

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Situation report (PDF and layouts)")

    def flags(self):
        # QGIS renders print layouts in the main thread only.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "A situation report (lägesbild) of an analysis run, as one PDF and as two print "
            "layouts in the project's layout manager.\n\nThe overview page has the map with "
            "scenes, buffers, overlaps and schools, the parameters, a table of the affected "
            "schools and the data sources. A second page, when scenes or districts are given, "
            "shows the trend of scenes per year or quarter (from first_seen and closed_on) and "
            "a table per district. Then one page per affected school: its map, a week chart of "
            "its opening hours and the scenes' active hours, and the measures (adult presence, "
            "guards, the yard round).\n\nThe PDF has 1 page, plus 1 for trend and districts when "
            "scenes or districts are given, plus 1 per affected school.\n\nThe hours shown are "
            "the ones the analysis used, as its outputs carry them. The outputs do not record "
            "the distance: give the one used, for the parameters line and the buffers.\n\nWith "
            "measures layers, each school page also shows how far the measures in force on "
            "the report date cover its needs (as drogscen:measurecoverage with the school "
            "summary and the distance)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self._add_layers()
        self._add_options()
        self.add(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Report (PDF)"), tr("PDF files (*.pdf)")
            ),
            tr("The PDF file to write."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.PAGE_COUNT, tr("Pages")))

    def _add_layers(self):
        """The analysis outputs, and the scenes and districts with their fields."""
        self.add(
            QgsProcessingParameterVectorLayer(
                self.OVERLAP, tr("Overlaps"), [QgsProcessing.TypeVectorPolygon]
            ),
            tr("The Overlaps output (OUTPUT) of drogscen:overlap."),
        )
        self.add(
            QgsProcessingParameterVectorLayer(
                self.SUMMARY, tr("School summary"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            tr("The School summary output (SUMMARY) of drogscen:overlap."),
        )
        self.add(
            QgsProcessingParameterVectorLayer(
                self.SCENES,
                tr("Open drug scenes"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            ),
            tr(
                "The scenes analysed: drawn on the maps, and with their first seen and closed "
                "dates the trend."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCENE_NAME_FIELD,
                tr("Scene name field"),
                defaults.SCENE_NAME_FIELD,
                self.SCENES,
                optional=True,
            ),
            tr("Field with the scene's name, for the map labels."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterField(
                self.FIRST_SEEN_FIELD,
                tr("First seen field"),
                defaults.SCENE_FROM_FIELD,
                self.SCENES,
                optional=True,
            ),
            tr("Date field (or YYYY-MM-DD text): when the scene was first seen."),
            advanced=True,
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
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(
                self.SOURCE_FIELD, tr("Source field"), defaults.SCENE_SOURCE_FIELD, optional=True
            ),
            tr(
                "Field of the scenes (and of the school summary, when it has one) naming where "
                "the data come from; OpenStreetMap sources get the OpenStreetMap attribution."
            ),
            advanced=True,
        )
        self._add_districts()

    def _add_districts(self):
        """The districts and their name field, for the table per district."""
        self.add(
            QgsProcessingParameterVectorLayer(
                self.DISTRICTS, tr("Districts"), [QgsProcessing.TypeVectorPolygon], optional=True
            ),
            tr(
                "Polygons of districts: a table with active scenes, affected schools and "
                "conflicts while open per district."
            ),
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
            advanced=True,
        )

    def _add_options(self):
        self.add(
            QgsProcessingParameterMultipleLayers(
                self.MEASURES,
                tr("Measures layers"),
                QgsProcessing.TypeVectorAnyGeometry,
                optional=True,
            ),
            tr(
                "Layers of safety measures: each school page shows their coverage of the "
                "school's needs."
            ),
        )
        self.add(
            QgsProcessingParameterBoolean(
                self.INCLUDE_PLANNED, tr("Count planned measures"), False
            ),
            tr("Count planned measures in the coverage as if they were in force."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterEnum(
                self.PERIOD, tr("Trend per"), period_options(), defaultValue=0
            ),
            tr(
                "Count the scenes per year, per quarter or per term (VT: January to June, HT: "
                "July to December)."
            ),
        )
        self.add(
            QgsProcessingParameterEnum(self.PAPER, tr("Paper"), list(PAPERS), defaultValue=0),
            tr("A4 or A3, landscape."),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.DISTANCE,
                tr("Distance used (m)"),
                QgsProcessingParameterNumber.Double,
                defaults.DEFAULT_DISTANCE,
                minValue=0.0,
            ),
            tr(
                "The distance of the analysis run, in metres: shown in the parameters and drawn "
                "as the buffers (the outputs do not record it)."
            ),
        )
        self.add_report_date()
        self.add(
            QgsProcessingParameterBoolean(
                self.ADD_LAYOUTS, tr("Add the layouts to the project"), True
            ),
            tr(
                "Put the overview and school layouts into the project's layout manager, to "
                "adjust them in the Layout Designer. Layers the layouts need that are not in the "
                "project are added to a hidden group 'Situation report layers'."
            ),
        )

    def layer(self, parameters, name, context):
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None and parameters.get(name) not in (None, ""):
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return layer

    def process(self, parameters, context, feedback):
        layers = ReportLayers(
            overlap=self.layer(parameters, self.OVERLAP, context),
            summary=self.layer(parameters, self.SUMMARY, context),
            scenes=self.layer(parameters, self.SCENES, context),
            districts=self.layer(parameters, self.DISTRICTS, context),
            measures=[
                layer
                for layer in self.parameterAsLayerList(parameters, self.MEASURES, context)
                if isinstance(layer, QgsVectorLayer)
            ],
        )

        def text(name):
            return self.parameterAsString(parameters, name, context)

        options = ReportOptions(
            distance=self.parameterAsDouble(parameters, self.DISTANCE, context),
            scene_name_field=text(self.SCENE_NAME_FIELD),
            first_seen_field=text(self.FIRST_SEEN_FIELD),
            closed_on_field=text(self.CLOSED_ON_FIELD),
            source_field=text(self.SOURCE_FIELD),
            district_name_field=text(self.DISTRICT_NAME_FIELD),
            period=PERIOD_KINDS[self.parameterAsEnum(parameters, self.PERIOD, context)],
            paper=PAPERS[self.parameterAsEnum(parameters, self.PAPER, context)],
            today=self.report_date(parameters, context),
            include_planned=self.parameterAsBoolean(parameters, self.INCLUDE_PLANNED, context),
        )
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        check_writable(path)
        project = context.project()
        report = SituationReport(layers, options, project)
        # Written beside the file and renamed in when complete: an old report stays whole.
        staged = None
        try:
            feedback.pushInfo(tr("Building the layouts…"))
            report.build(feedback)
            for warning in report.warnings:
                feedback.pushWarning(warning)
            feedback.pushInfo(
                tr("Writing {pages} pages to {path}…").format(pages=report.page_count, path=path)
            )
            staged = atomic.sibling(path)
            report.export_pdf(staged, feedback)
            try:
                journal.replace_all([(staged, path)])
            except OSError as error:
                raise ReportError(
                    tr("Could not write {path}: {reason}").format(path=path, reason=error.strerror)
                ) from None
        except Exception:
            if staged is not None:
                atomic.remove(staged)
            report.discard()
            raise
        if not self.parameterAsBoolean(parameters, self.ADD_LAYOUTS, context) or project is None:
            report.discard()
        else:
            # Layers Processing loaded for this run would vanish with it.
            store = context.temporaryLayerStore()
            for layer in report.map_layers:
                if store.mapLayer(layer.id()) is not None:
                    store.takeMapLayer(layer)
            report.add_to_project()
            feedback.pushInfo(
                tr(
                    "The layouts '{overview}' and '{schools}' are in the project's layout manager."
                ).format(overview=report.overview.name(), schools=report.schools_layout.name())
            )
        return {self.OUTPUT: path, self.PAGE_COUNT: report.page_count}
