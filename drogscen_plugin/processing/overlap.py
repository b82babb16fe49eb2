"""drogscen:overlap — which scenes lie near each school, how much area, and when."""

import gc
from contextlib import contextmanager

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.errors import AnalysisCanceled
from ..core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from ..core.hours import DEFAULT_PRESCHOOL_HOURS, DEFAULT_SCHOOL_HOURS
from ..core.overlap import analyse
from ..core.period import Period
from ..core.period_times import TimeSettings
from ..core.school_calendar import SchoolCalendar
from ..database import plan as database_plan
from ..database import pushdown
from ..definitions import algorithms, defaults
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.checks import POLYGONS, require_distance, require_text
from ..qgis_io.grid import grid_advice, source_extent
from ..qgis_io.layers import POINTS_OR_POLYGONS, LayerReader
from ..qgis_io.mixed import summary_geometries
from ..qgis_io.school_sources import school_sources
from ..qgis_io.writing import output_wkb_type, qgs_fields, set_field_aliases, write_rows
from .base import DrogscenAlgorithm
from .outputs import OutputSinks


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector paused for the duration.

    A run creates some hundred thousand objects that live until it ends, and
    each collection they trigger also walks all of QGIS's Python objects:
    together a tenth of the run. Reference counting goes on freeing objects.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Where a summary row holds the schools' data sources.
_SCHOOL_SOURCES = [name for name, _ in SUMMARY_FIELDS].index("school_sources")


class OverlapAlgorithm(DrogscenAlgorithm):
    SCENES = keys.SCENES
    SCENE_NAME_FIELD = keys.SCENE_NAME_FIELD
    SCENE_HOURS_FIELD = keys.SCENE_HOURS_FIELD
    SCHOOLS = keys.SCHOOLS
    SCHOOL_NAME_FIELD = keys.SCHOOL_NAME_FIELD
    SCHOOL_TYPE_FIELD = keys.SCHOOL_TYPE_FIELD
    SCHOOL_HOURS_FIELD = keys.SCHOOL_HOURS_FIELD
    DISTANCE = keys.DISTANCE
    DISTANCE_FIELD = keys.DISTANCE_FIELD
    DEFAULT_SCHOOL_HOURS = keys.DEFAULT_SCHOOL_HOURS
    DEFAULT_PRESCHOOL_HOURS = keys.DEFAULT_PRESCHOOL_HOURS
    ANALYSIS_CRS = keys.ANALYSIS_CRS
    PERIOD_START = keys.PERIOD_START
    PERIOD_END = keys.PERIOD_END
    SCHOOL_HOLIDAYS = keys.SCHOOL_HOLIDAYS
    SCHOOL_TERMS = keys.SCHOOL_TERMS
    SCENE_FROM_FIELD = keys.SCENE_FROM_FIELD
    SCENE_TO_FIELD = keys.SCENE_TO_FIELD
    RUN_IN_DATABASE = keys.RUN_IN_DATABASE
    OUTPUT = keys.OUTPUT
    SUMMARY = keys.SUMMARY
    PAIR_COUNT = keys.PAIR_COUNT
    REPAIRED_COUNT = keys.REPAIRED_COUNT
    SKIPPED_COUNT = keys.SKIPPED_COUNT
    HOURS_UNKNOWN_COUNT = keys.HOURS_UNKNOWN_COUNT
    HOURS_INVALID_COUNT = keys.HOURS_INVALID_COUNT
    SCENES_OUTSIDE_COUNT = keys.SCENES_OUTSIDE_COUNT

    def name(self):
        return algorithms.OVERLAP_NAME

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Drug scenes near schools (space and time)")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "For every school and preschool: which open drug scenes lie within the distance, how "
            "much of the school's buffer they cover, and when they are active compared with the "
            "school's opening hours.\n\nHours use the OpenStreetMap opening_hours syntax (for "
            "example 'Mo-Fr 07:00-18:00' or 'Fr,Sa 22:00-03:00'); Swedish day names and whole "
            "hours ('Må-Fr 7-18') are accepted.\n\nOverlaps has one feature per school and scene: "
            "the overlap area, its share of the buffer, the scene's active minutes per week, the "
            "minutes while the school is open (concurrent) and closed (after hours), and three "
            "measures as opening hours: adult presence on the yard, guard hours (sensors and "
            "cameras), and the morning yard round (days and latest time).\n\nThe summary has one "
            "feature per school with the totals over all its scenes.\n\nInvalid polygons are "
            "repaired, features without geometry skipped, and layers in other CRSs transformed, "
            "all reported in the log. Scenes without hours count as always active; hours that "
            "cannot be read are reported per feature and flagged in hours_note. The input layers "
            "are not changed."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self._add_scene_parameters()
        self._add_school_parameters()
        self._add_time_parameters()
        self.add_distance(tr("How far from a school a scene counts, in metres."))
        self._add_run_settings()
        self._add_outputs()

    def _add_scene_parameters(self):
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SCENES, tr("Open drug scenes"), [QgsProcessing.TypeVectorPolygon]
            ),
            tr("Polygons of the open drug scenes."),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCENE_NAME_FIELD,
                tr("Scene name field"),
                defaults.SCENE_NAME_FIELD,
                self.SCENES,
                optional=True,
            ),
            tr("Field with the scene's name; used when the layer has it."),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCENE_HOURS_FIELD,
                tr("Scene active hours field"),
                defaults.SCENE_HOURS_FIELD,
                self.SCENES,
                QgsProcessingParameterField.String,
                optional=True,
            ),
            tr(
                "Field with the weekly hours when the scene is active, in opening_hours syntax. "
                "Empty values, or no field, mean always active."
            ),
        )

    def _add_school_parameters(self):
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SCHOOLS,
                tr("Schools and preschools"),
                [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon],
            ),
            tr(
                "Points, polygons of school grounds (buffered from their boundary), or both in "
                "one layer; lines among them are left out and named in the log."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCHOOL_NAME_FIELD,
                tr("School name field"),
                defaults.SCHOOL_NAME_FIELD,
                self.SCHOOLS,
                optional=True,
            ),
            tr("Field with the school's name; used when the layer has it."),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCHOOL_TYPE_FIELD,
                tr("School type field"),
                defaults.SCHOOL_TYPE_FIELD,
                self.SCHOOLS,
                optional=True,
            ),
            tr(
                "Field with the school type; values such as 'förskola', 'preschool' or "
                "'kindergarten' mean a preschool, which gets the default preschool hours."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCHOOL_HOURS_FIELD,
                tr("School opening hours field"),
                defaults.SCHOOL_HOURS_FIELD,
                self.SCHOOLS,
                QgsProcessingParameterField.String,
                optional=True,
            ),
            tr(
                "Field with the school's opening hours in opening_hours syntax. Empty values, or "
                "no field, take the default hours of the school type."
            ),
        )

    def _add_run_settings(self):
        """Default hours, analysis CRS, where the analysis runs."""
        self.add(
            QgsProcessingParameterString(
                self.DEFAULT_SCHOOL_HOURS, tr("Default school hours"), DEFAULT_SCHOOL_HOURS
            ),
            tr(
                "Opening hours of schools without their own: the school day plus the after-school "
                "centre (fritidshem)."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(
                self.DEFAULT_PRESCHOOL_HOURS, tr("Default preschool hours"), DEFAULT_PRESCHOOL_HOURS
            ),
            tr("Opening hours of preschools without their own."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterCrs(self.ANALYSIS_CRS, tr("Analysis CRS"), defaults.ANALYSIS_CRS),
            tr(
                "Projected CRS in metres in which distances and areas are measured and the "
                "outputs are written; EPSG:3006 (SWEREF 99 TM) suits all of Sweden."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterEnum(
                self.RUN_IN_DATABASE,
                tr("Run in the database"),
                [tr("Automatic"), tr("Always"), tr("Never")],
                defaultValue=database_plan.AUTOMATIC,
            ),
            tr(
                "Automatic: when the scenes, the schools and both outputs are tables of one "
                "PostGIS database (PostgreSQL 14 or newer), the analysis runs there as SQL and no "
                "geometry travels to this computer; otherwise it runs here. Always: run in the "
                "database or stop, saying what is missing. Never: always run here."
            ),
        )

    def _add_outputs(self):
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Overlaps"), QgsProcessing.TypeVectorPolygon
            ),
            tr(
                "One polygon per school and scene: the part of the scene within the school's "
                "buffer."
            ),
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY, tr("School summary"), QgsProcessing.TypeVectorAnyGeometry
            ),
            tr("One feature per school with the totals over its scenes."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.PAIR_COUNT, tr("School-scene pairs")))
        self.addOutput(
            QgsProcessingOutputNumber(self.REPAIRED_COUNT, tr("Invalid geometries repaired"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.SKIPPED_COUNT, tr("Features without geometry skipped"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.HOURS_UNKNOWN_COUNT, tr("Scenes without hours"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.HOURS_INVALID_COUNT, tr("Features with unreadable hours")
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.SCENES_OUTSIDE_COUNT, tr("Scenes that did not exist in the period")
            )
        )

    def _add_time_parameters(self):
        for name, label in (
            (self.SCENE_FROM_FIELD, tr("Scene first seen field")),
            (self.SCENE_TO_FIELD, tr("Scene closed on field")),
        ):
            default = (
                defaults.SCENE_FROM_FIELD
                if name == self.SCENE_FROM_FIELD
                else defaults.SCENE_TO_FIELD
            )
            self.add(
                QgsProcessingParameterField(name, label, default, self.SCENES, optional=True),
                tr(
                    "Date when the scene was first seen / closed: a scene counts from its first "
                    "seen date up to the day before it closed. Chosen by itself when the layer has "
                    "'first_seen' / 'closed_on'; empty means always there."
                ),
            )
        for name, label in (
            (self.PERIOD_START, tr("Period start")),
            (self.PERIOD_END, tr("Period end")),
        ):
            self.add(
                QgsProcessingParameterString(name, label, optional=True),
                tr(
                    "First and last date of the period analysed (2026-08-17); empty: the current "
                    "Monday to Sunday. Minutes per week are the period's per 7 days."
                ),
            )
        self.add(
            QgsProcessingParameterString(
                self.SCHOOL_HOLIDAYS, tr("School holidays"), optional=True, multiLine=True
            ),
            tr(
                "Date ranges of the school holidays (lov), such as '2026-10-26/2026-10-30, "
                "2026-12-21/2027-01-07': what SH means in hours; schools without their own hours "
                "keep only the fritidshem open then (Mo-Fr 07:00-18:00), gymnasiums close, "
                "preschools stay open."
            ),
        )
        self.add(
            QgsProcessingParameterString(
                self.SCHOOL_TERMS, tr("School terms"), optional=True, multiLine=True
            ),
            tr(
                "Date ranges of the terms, such as '2026-08-17/2026-12-18, 2027-01-08/2027-06-11'; "
                "outside them and the school holidays (the summer break) schools without their own "
                "hours are closed and preschools open. Empty: every day is a term day."
            ),
            advanced=True,
        )

    def process(self, parameters, context, feedback):
        with _collector_paused():
            return self._process(parameters, context, feedback)

    def _process(self, parameters, context, feedback):
        crs = self.analysis_crs(parameters, self.ANALYSIS_CRS, context)
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context)
        default_school = self.schedule(parameters, self.DEFAULT_SCHOOL_HOURS, context)
        default_preschool = self.schedule(parameters, self.DEFAULT_PRESCHOOL_HOURS, context)
        scene_source = self.source(parameters, self.SCENES, context)
        school_source = self.source(parameters, self.SCHOOLS, context)
        scene_fields, school_fields = self._fields(
            parameters, context, feedback, scene_source, school_source
        )
        extents = [(source_extent(src), src.sourceCrs()) for src in (scene_source, school_source)]
        grid_warning, _ = grid_advice(crs, extents, context.transformContext())
        if grid_warning:
            feedback.pushWarning(grid_warning)
        times, date_fields = self._times(parameters, context, scene_source, feedback)
        plan = database_plan.choose(
            self.parameterAsEnum(parameters, self.RUN_IN_DATABASE, context),
            self,
            parameters,
            context,
            crs,
            feedback,
        )
        if plan is not None:
            settings = (
                (scene_fields + list(date_fields), school_fields),
                (default_school, default_preschool),
                distance,
                crs,
                times,
            )
            return pushdown.run(
                plan, self, parameters, context, settings, (scene_source, school_source), feedback
            )
        scene_reader = LayerReader(scene_source, POLYGONS, crs, context, feedback)
        school_reader = LayerReader(school_source, POINTS_OR_POLYGONS, crs, context, feedback)
        feedback.pushInfo(tr("Reading scenes…"))
        scenes = scene_reader.scenes(
            *scene_fields, span=(0, 5), date_fields=date_fields, times=times
        )
        feedback.pushInfo(tr("Reading schools…"))
        schools = school_reader.schools(
            *school_fields, default_school, default_preschool, span=(5, 15), times=times
        )
        scene_reader.report()
        school_reader.report()

        feedback.pushInfo(
            tr("Analysing {schools} schools and {scenes} scenes within {distance:g} m…").format(
                schools=len(schools), scenes=len(scenes), distance=distance
            )
        )
        analysis = analyse(
            schools,
            scenes,
            distance,
            times=times,
            progress=self.progress(feedback, 15, 90),
            is_canceled=feedback.isCanceled,
        )
        if feedback.isCanceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        if analysis.scenes_outside:
            feedback.pushInfo(
                tr(
                    "Scenes left out, as they did not exist from {start} to {end}: "
                    "{count} (features {fids})."
                ).format(
                    start=times.period.start.isoformat(),
                    end=times.period.end.isoformat(),
                    count=len(analysis.scenes_outside),
                    fids=", ".join(map(str, analysis.scenes_outside[:20]))
                    + (" …" if len(analysis.scenes_outside) > 20 else ""),
                )
            )

        sources = school_sources(school_source)
        for row in analysis.summary_rows if sources else ():
            row[_SCHOOL_SOURCES] = sources

        results = self._write(
            analysis, school_reader, school_source, crs, (parameters, context, feedback)
        )

        readers = (scene_reader, school_reader)
        results[self.REPAIRED_COUNT] = sum(len(reader.repaired) for reader in readers)
        results[self.SKIPPED_COUNT] = sum(len(reader.skipped) for reader in readers)
        results[self.HOURS_UNKNOWN_COUNT] = len(scene_reader.hours_unknown)
        results[self.HOURS_INVALID_COUNT] = sum(len(reader.hours_invalid) for reader in readers)
        feedback.pushInfo(
            tr("{pairs} school-scene pairs within {distance:g} m.").format(
                pairs=len(analysis.pair_rows), distance=distance
            )
        )
        return results

    def _fields(self, parameters, context, feedback, scene_source, school_source):
        """The chosen fields of the scenes (name, hours) and of the schools (name, type,
        hours, distance); None for each not used."""

        def field(name, source):
            require = require_distance if name == self.DISTANCE_FIELD else require_text
            return self.field_name(parameters, name, context, source, feedback, require)

        scene_fields = [
            field(name, scene_source) for name in (self.SCENE_NAME_FIELD, self.SCENE_HOURS_FIELD)
        ]
        school_fields = [
            field(name, school_source)
            for name in (
                self.SCHOOL_NAME_FIELD,
                self.SCHOOL_TYPE_FIELD,
                self.SCHOOL_HOURS_FIELD,
                self.DISTANCE_FIELD,
            )
        ]
        return scene_fields, school_fields

    def _write(self, analysis, school_reader, school_source, crs, run):
        """Write both outputs, all or nothing; the results so far."""
        parameters, context, feedback = run
        sinks = OutputSinks(self, parameters, context, feedback)
        results = {
            self.PAIR_COUNT: len(analysis.pair_rows),
            self.SCENES_OUTSIDE_COUNT: len(analysis.scenes_outside),
        }
        # One summary per school read, in the same order.
        summary_type, school_shapes, mixed_note = summary_geometries(
            school_reader.geometries, school_source.wkbType(), output_wkb_type
        )
        if mixed_note:
            feedback.pushInfo(mixed_note)
        outputs = (
            (
                self.OUTPUT,
                PAIR_FIELDS,
                QgsWkbTypes.MultiPolygon,
                analysis.pair_rows,
                analysis.pair_geometries,
                (90, 95),
            ),
            (
                self.SUMMARY,
                SUMMARY_FIELDS,
                summary_type,
                analysis.summary_rows,
                school_shapes,
                (95, 100),
            ),
        )
        try:
            for name, spec, wkb_type, rows, geometries, span in outputs:
                fields = qgs_fields(spec)
                sink, destination = sinks.create(name, fields, wkb_type, crs)
                if not write_rows(sink, rows, geometries, fields, wkb_type, feedback, span):
                    raise QgsProcessingException(self.writeFeatureError(sink, parameters, name))
                results[name] = destination
                # A memory output is already a layer: it can carry the aliases.
                memory_layer = context.temporaryLayerStore().mapLayer(destination)
                if memory_layer is not None:
                    set_field_aliases(memory_layer)
            if feedback.isCanceled():
                raise AnalysisCanceled(tr("The analysis was canceled."))
        except BaseException:
            # No half-written output, nor a whole one the run does not report.
            sinks.discard()
            raise
        sinks.commit()
        return results

    def _times(self, parameters, context, scene_source, feedback):
        """The TimeSettings, and the scene date fields (None each when not used)."""
        text = {
            name: self.parameterAsString(parameters, name, context).strip()
            for name in (
                self.PERIOD_START,
                self.PERIOD_END,
                self.SCHOOL_HOLIDAYS,
                self.SCHOOL_TERMS,
            )
        }
        start, end = text[self.PERIOD_START], text[self.PERIOD_END]
        if start or end:
            period = Period.parse(start or end, end or start)
        else:
            period = Period.current_week()
        calendar = SchoolCalendar.parse(text[self.SCHOOL_TERMS], text[self.SCHOOL_HOLIDAYS])
        feedback.pushInfo(
            tr("Period: {start} to {end} ({days} days).").format(
                start=period.start.isoformat(), end=period.end.isoformat(), days=period.days
            )
        )
        date_fields = tuple(
            self.field_name(parameters, name, context, scene_source, feedback)
            for name in (self.SCENE_FROM_FIELD, self.SCENE_TO_FIELD)
        )
        return TimeSettings(period, calendar), date_fields
