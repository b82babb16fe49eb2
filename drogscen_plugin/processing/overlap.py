"""drogscen:overlap — which scenes lie near each school, how much area, and when."""

import gc
from contextlib import contextmanager

from qgis.core import (
    QgsProcessingException,
    QgsWkbTypes,
)

from ..core.errors import AnalysisCanceled
from ..core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from ..core.overlap import analyse
from ..core.period import Period
from ..core.period_times import TimeSettings
from ..core.school_calendar import SchoolCalendar
from ..database import plan as database_plan
from ..database import pushdown
from ..definitions import algorithms
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.checks import POLYGONS, require_distance, require_text
from ..qgis_io.grid import grid_advice, source_extent
from ..qgis_io.layers import POINTS_OR_POLYGONS, LayerReader
from ..qgis_io.mixed import summary_geometries
from ..qgis_io.reading_log import log_scenes_outside
from ..qgis_io.school_sources import school_sources
from ..qgis_io.writing import output_wkb_type, qgs_fields, set_field_aliases, write_rows
from .base import DrogscenAlgorithm
from .outputs import OutputSinks, destination_text
from .overlap_parameters import OverlapParameters


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


class OverlapAlgorithm(OverlapParameters, DrogscenAlgorithm):
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
        scene_reader, school_reader, scenes, schools = self._read(
            (scene_source, school_source),
            (scene_fields, school_fields),
            date_fields,
            (default_school, default_preschool),
            (crs, times, context, feedback),
        )
        feedback.pushInfo(
            tr("Analysing {schools} schools and {scenes} scenes within {distance:g} m…").format(
                schools=len(schools), scenes=len(scenes), distance=distance
            )
        )
        # The summary may be skipped: then it is neither made nor written.
        summaries = bool(destination_text(parameters, self.SUMMARY, context))
        analysis = analyse(
            schools,
            scenes,
            distance,
            times=times,
            progress=self.progress(feedback, 15, 90),
            is_canceled=feedback.isCanceled,
            summaries=summaries,
        )
        if feedback.isCanceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        log_scenes_outside(analysis.scenes_outside, times.period, feedback)

        results = self._write(
            analysis,
            summaries,
            (school_reader, school_source),
            crs,
            (parameters, context, feedback),
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

    @staticmethod
    def _read(sources, fields, date_fields, defaults_hours, run):
        """The readers of the scenes and the schools, and their records."""
        crs, times, context, feedback = run
        scene_source, school_source = sources
        scene_fields, school_fields = fields
        scene_reader = LayerReader(scene_source, POLYGONS, crs, context, feedback)
        school_reader = LayerReader(school_source, POINTS_OR_POLYGONS, crs, context, feedback)
        feedback.pushInfo(tr("Reading scenes…"))
        scenes = scene_reader.scenes(
            *scene_fields, span=(0, 5), date_fields=date_fields, times=times
        )
        feedback.pushInfo(tr("Reading schools…"))
        schools = school_reader.schools(*school_fields, *defaults_hours, span=(5, 15), times=times)
        scene_reader.report()
        school_reader.report()

        return scene_reader, school_reader, scenes, schools

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

    def _write(self, analysis, summaries, schools, crs, run):
        """Write the outputs (the summary only when ``summaries``), all or nothing;
        the results so far. ``schools``: the schools' reader and source."""
        parameters, context, feedback = run
        school_reader, school_source = schools
        sinks = OutputSinks(self, parameters, context, feedback)
        results = {
            self.PAIR_COUNT: len(analysis.pair_rows),
            self.SCENES_OUTSIDE_COUNT: len(analysis.scenes_outside),
        }
        outputs = [
            (
                self.OUTPUT,
                PAIR_FIELDS,
                QgsWkbTypes.MultiPolygon,
                analysis.pair_rows,
                analysis.pair_geometries,
                (90, 95),
            )
        ]
        if summaries:
            sources = school_sources(school_source)
            for row in analysis.summary_rows if sources else ():
                row[_SCHOOL_SOURCES] = sources
            summary_type, school_shapes, mixed_note = _summary_shapes(school_reader, school_source)
            if mixed_note:
                feedback.pushInfo(mixed_note)
            outputs.append(
                (
                    self.SUMMARY,
                    SUMMARY_FIELDS,
                    summary_type,
                    analysis.summary_rows,
                    school_shapes,
                    (95, 100),
                )
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


def _summary_shapes(school_reader, school_source):
    """``(wkb_type, geometries, note)`` of the summary: one geometry per school read,
    in the same order (see ``mixed.summary_geometries``)."""
    if school_reader.point_wkbs is not None:
        # Plain points kept as their WKB: written as read, without a QgsGeometry each.
        return QgsWkbTypes.Point, school_reader.point_wkbs, ""
    return summary_geometries(school_reader.geometries, school_source.wkbType(), output_wkb_type)
