"""drogscen:overlap as SQL in the database of its inputs and outputs.

One transaction: the inputs are read into temporary tables (2D, linear,
invalid polygons repaired as on the desktop), the plugin's own parser reads
each distinct hours text once, the schedules go into a temporary table as
int4multirange values, pairs come from ST_DWithin on spatial indexes, and
the minutes of time overlaps from the range operators. Only hours texts,
schedules, keys and counts cross to this computer, never a geometry. The
output tables replace any earlier ones at commit, so that readers see the
old result or the new one, never half.
"""

from qgis.core import (
    QgsDataSourceUri,
    QgsProcessingContext,
    QgsProcessingOutputLayerDefinition,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt

from ..core.errors import AnalysisCanceled, InputError
from ..core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from ..core.hours import scene_hours_check, scene_schedule, school_hours_check, school_schedule
from ..core.period_times import PeriodTimes
from ..core.schedule import Schedule
from ..core.timing import AFTER_HOURS, CONCURRENT, NO_CONFLICT, time_measures
from ..i18n import tr
from ..processing.outputs import Destination
from ..qgis_io.checks import POLYGONS, require_geometry_type
from ..qgis_io.layers import POINTS_OR_POLYGONS, LayerReader, is_blank
from ..qgis_io.writing import output_wkb_type
from . import sql as statements
from .ranges import multirange_text, schedule_of
from .session import psycopg2

_SCENE_TYPES = ("POLYGON", "MULTIPOLYGON")
_SCHOOL_TYPES = ("POINT", "MULTIPOINT", "POLYGON", "MULTIPOLYGON")
# Ids named in one log line.
_LISTED = 20


class _Tally:
    """What was repaired, skipped and flagged in one layer, logged as the desktop logs it."""

    report = LayerReader.report

    def __init__(self, name, feedback):
        self.name = name
        self.feedback = feedback
        self.repaired, self.skipped, self.hours_unknown, self.hours_invalid = [], [], [], []
        # Lines are refused before the database run starts.
        self.refused, self.hours_unlikely = [], []


def _listed(ids):
    text = ", ".join(str(key) for key in ids[:_LISTED])
    if len(ids) > _LISTED:
        text += tr(" and {count} more").format(count=len(ids) - _LISTED)
    return text


class PushDown:
    """One database run. ``fields`` are the chosen field names: scene (name,
    hours) and school (name, type, hours, distance)."""

    def __init__(self, plan, scene_fields, school_fields, defaults, distance, crs, feedback,
                 times):
        self.plan = plan
        # The period: a plain week (plan.py), so weekly minutes are its minutes.
        self.times = PeriodTimes(times)
        self.connection = plan.connection
        self.scene_fields = scene_fields
        self.school_fields = school_fields
        self.defaults = defaults
        self.distance = distance
        self.srid = crs.postgisSrid()
        self.feedback = feedback
        self.tallies = {}
        self.weeks = {}
        self.cursor = None

    def run(self, layer_names, school_wkb_type):
        """Run in one transaction; returns the result counts. Raises
        AnalysisCanceled when canceled, InputError for unusable data."""
        feedback = self.feedback
        # Direct: the run's thread is busy in the query; cancel reaches the server from
        # the thread that cancels.
        feedback.canceled.connect(self.connection.cancel, Qt.ConnectionType.DirectConnection)
        try:
            with self.connection.cursor() as cursor:
                self.cursor = cursor
                counts = self._steps(layer_names, school_wkb_type)
            if feedback.isCanceled():
                raise AnalysisCanceled(tr("The analysis was canceled."))
            self.connection.commit()
            return counts
        except psycopg2.extensions.QueryCanceledError:
            raise AnalysisCanceled(tr("The analysis was canceled.")) from None
        except psycopg2.Error as error:
            raise InputError(tr("The database run failed: {error}").format(
                error=str(error).strip())) from None
        finally:
            feedback.canceled.disconnect(self.connection.cancel)
            self.connection.rollback()
            self.connection.close()

    def _execute(self, statement, parameters=None, progress=None):
        if self.feedback.isCanceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        self.cursor.execute(statement, parameters)
        if progress is not None:
            self.feedback.setProgress(progress)

    def _steps(self, layer_names, school_wkb_type):
        plan = self.plan
        self.feedback.pushInfo(tr("Reading scenes…"))
        self._read("drogscen_scene", plan.scenes, statements.scene_columns(*self.scene_fields),
                   layer_names[0], _SCENE_TYPES, 5)
        self.feedback.pushInfo(tr("Reading schools…"))
        self._read("drogscen_school", plan.schools,
                   statements.school_columns(*self.school_fields), layer_names[1],
                   _SCHOOL_TYPES, 10)
        self._schedules(layer_names)
        self._distances(layer_names[1])
        for tally in self.tallies.values():
            tally.report()
        self.feedback.pushInfo(tr("Finding pairs in the database…"))
        self._execute(statements.PAIRS, progress=70)
        self._execute(statements.BUFFERS)
        self._measures()
        return self._write(school_wkb_type)

    def _read(self, temporary, table, columns, layer, allowed, progress):
        self._execute(statements.read_table(temporary, table, columns),
                      {"selected": table.selected})
        table_sql = statements.sql.Identifier(temporary)
        self._execute(statements.sql.SQL(statements.CHECKS).format(table=table_sql))
        repaired, skipped, infinite, kinds = self.cursor.fetchone()
        tally = self.tallies[temporary] = _Tally(layer, self.feedback)
        tally.repaired, tally.skipped = repaired or [], skipped or []
        if infinite:
            raise InputError(tr("Layer '{layer}': features with coordinates that are not finite "
                                "numbers (feature ids {ids}).").format(
                                    layer=layer, ids=_listed(infinite)))
        for kind in kinds or ():
            if kind not in allowed:
                raise InputError(tr("Layer '{layer}': {kind} geometry is not supported.").format(
                    layer=layer, kind=kind))
        self._execute(statements.sql.SQL(statements.PREPARE).format(table=table_sql),
                      progress=progress)

    def _week(self, schedule):
        """The id of a schedule in drogscen_week, added when new."""
        if schedule not in self.weeks:
            self.weeks[schedule] = len(self.weeks) + 1
        return self.weeks[schedule]

    def _calendar(self):
        """SH, and the week dated hours have: the database runs only plain weeks."""
        settings = self.times.settings
        return settings.calendar.school_holidays, settings.period.start

    def _schedules(self, layer_names):
        """Parse each distinct hours text once; fill drogscen_week and drogscen_hours."""
        self._execute(statements.SCHEDULES)
        rows = []
        self._execute(statements.DISTINCT_SCENE_HOURS)
        flagged = self.scene_fields[1] is not None
        for (text,) in self.cursor.fetchall():
            schedule, note = scene_schedule(text, *self._calendar())
            if note and flagged:
                self._flag("drogscen_scene", layer_names[0], self.scene_fields[1], text, note)
            elif not note:
                note = self._unlikely("drogscen_scene", text, scene_hours_check(text, schedule))
            rows.append(("scene", text, None, self._week(schedule), note))
        self._execute(statements.DISTINCT_SCHOOL_HOURS)
        for text, school_type in self.cursor.fetchall():
            schedule, note = school_schedule(text, school_type, *self.defaults,
                                             *self._calendar())
            if note:
                self._flag("drogscen_school", layer_names[1], self.school_fields[2], text, note)
            else:
                note = self._unlikely(
                    "drogscen_school", text, school_hours_check(text, schedule))
            rows.append(("school", text, school_type, self._week(schedule), note))
        if not flagged:
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}' has no hours field: every scene is treated as always active."
                ).format(layer=layer_names[0])
            )
        weeks = [(number, multirange_text(schedule), schedule.to_opening_hours())
                 for schedule, number in self.weeks.items()]
        psycopg2.extras.execute_values(
            self.cursor, "INSERT INTO drogscen_week VALUES %s", weeks,
            template="(%s, %s::int4multirange, %s)")
        psycopg2.extras.execute_values(self.cursor, "INSERT INTO drogscen_hours VALUES %s", rows)
        self._execute(statements.ASSIGN, {"distance": self.distance}, progress=15)

    def _keys_with_hours(self, temporary, text):
        self._execute(statements.sql.SQL(
            "SELECT array_agg(key ORDER BY key) FROM {} WHERE hours IS NOT DISTINCT FROM %s"
        ).format(statements.sql.Identifier(temporary)), (text,))
        return self.cursor.fetchone()[0] or []

    def _unlikely(self, temporary, text, note):
        """Count the features whose hours are legal but unlikely; the note they keep."""
        if note:
            self.tallies[temporary].hours_unlikely.extend(self._keys_with_hours(temporary, text))
        return note

    def _flag(self, temporary, layer, field, text, note):
        """Count the features with these hours; say why when they are not blank."""
        ids = self._keys_with_hours(temporary, text)
        tally = self.tallies[temporary]
        if is_blank(text):
            tally.hours_unknown.extend(ids)
            return
        tally.hours_invalid.extend(ids)
        self.feedback.pushWarning(
            tr("Layer '{layer}', feature {fid}, field '{field}': {note}").format(
                layer=layer, fid=_listed(ids), field=field, note=note))

    def _distances(self, layer):
        """Warn of per-school distances that are not distances; those schools use DISTANCE."""
        field = self.school_fields[3]
        if field is None:
            return
        self._execute(statements.BAD_DISTANCES)
        for key, value in self.cursor.fetchall():
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}', feature {fid}, field '{field}': {value!r} is not a distance "
                    "in metres; the analysis distance is used."
                ).format(layer=layer, fid=key, field=field, value=value))

    def _measures(self):
        """Minutes in SQL with range operators; the hours texts and the yard
        round per distinct (school schedule, scenes' schedule) with the plugin's own code."""
        self._execute(statements.COMBINATIONS)
        rows = []
        for school_text, scene_text in self.cursor.fetchall():
            school, scene = schedule_of(school_text), schedule_of(scene_text)
            measures = time_measures(school, scene)
            dated = self.times.get_measures(
                Schedule.parse(school.to_opening_hours()), Schedule.parse(scene.to_opening_hours()))
            rows.append((school_text, scene_text, measures.presence_hours, measures.guard_hours,
                         measures.round_days, measures.round_before, dated.conflict_dates,
                         dated.round_count))
        self._execute(statements.MEASURE_COLUMNS)
        psycopg2.extras.execute_values(
            self.cursor, "INSERT INTO drogscen_text VALUES %s", rows,
            template="(%s::int4multirange, %s::int4multirange, %s, %s, %s, %s, %s, %s)")
        self._execute(statements.MINUTES, progress=80)

    def _write(self, school_wkb_type):
        outputs = self.plan.outputs
        conflicts = {"concurrent": CONCURRENT, "after_hours": AFTER_HOURS, "none": NO_CONFLICT,
                     "note_format": _sql_format(tr("{scene}: {note}"))}
        summary_type = output_wkb_type(school_wkb_type)
        multi = QgsWkbTypes.isMultiType(summary_type)
        pairs_table, summary_table = outputs["OUTPUT"], outputs["SUMMARY"]
        self._execute(statements.output_table(pairs_table.schema, pairs_table.table, PAIR_FIELDS,
                                              "MultiPolygon", self.srid))
        self._execute(statements.insert(statements.INSERT_PAIRS, outputs["OUTPUT"]), conflicts)
        pairs = self.cursor.rowcount
        self._execute(statements.spatial_index(outputs["OUTPUT"]), progress=90)
        self._execute(statements.output_table(
            summary_table.schema, summary_table.table, SUMMARY_FIELDS,
            QgsWkbTypes.displayString(summary_type), self.srid))
        geometry = "ST_Multi(s.geom)" if multi else "s.geom"
        self._execute(statements.insert(statements.INSERT_SUMMARY, outputs["SUMMARY"],
                                        geometry), conflicts)
        self._execute(statements.spatial_index(outputs["SUMMARY"]), progress=100)
        tallies = self.tallies.values()
        return {
            "PAIR_COUNT": pairs,
            "REPAIRED_COUNT": sum(len(tally.repaired) for tally in tallies),
            "SKIPPED_COUNT": sum(len(tally.skipped) for tally in tallies),
            "HOURS_UNKNOWN_COUNT": len(self.tallies["drogscen_scene"].hours_unknown),
            "HOURS_INVALID_COUNT": sum(len(tally.hours_invalid) for tally in tallies),
        }


def _sql_format(template):
    """A "{scene}: {note}" template as a format() string of SQL."""
    return template.replace("%", "%%").replace("{scene}", "%1$s").replace("{note}", "%2$s")


def output_uri(output):
    """The output table as Processing returns destinations: ``postgres://...``."""
    uri = QgsDataSourceUri(output.uri)
    uri.setDataSource(output.schema, output.table, "geom", "", "id")
    return "postgres://" + uri.uri(False)


def _load_on_completion(algorithm, parameters, name, context, uri):
    """Have the output loaded into the project, as parameterAsSink does for a sink."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.destinationProject:
        description = algorithm.parameterDefinition(name).description()
        context.addLayerToLoadOnCompletion(uri, QgsProcessingContext.LayerDetails(
            value.destinationName or description, value.destinationProject, name))


def _announce(plan, algorithm, sources, feedback):
    """Check the layers' geometry types; say which tables are replaced."""
    require_geometry_type(sources[0], POLYGONS)
    require_geometry_type(sources[1], POINTS_OR_POLYGONS)
    for name, output in plan.outputs.items():
        existing = Destination("postgres:" + output.uri).existing()
        if existing:
            label = "{} ({})".format(algorithm.parameterDefinition(name).description(), name)
            feedback.pushWarning(tr("{output}: {existing}").format(output=label,
                                                                  existing=existing))


def run(plan, algorithm, parameters, context, settings, sources, feedback):
    """The database run of ``algorithm`` (drogscen:overlap); its results dict.

    ``settings`` are the scene and school field names, the default school
    and preschool schedules, the distance, the analysis CRS and the
    TimeSettings (a plain week); ``sources``
    the scene and school feature sources (for names and geometry types).
    """
    fields, defaults, distance, crs, times = settings
    try:
        _announce(plan, algorithm, sources, feedback)
    except BaseException:
        plan.connection.close()
        raise
    pushdown = PushDown(plan, fields[0], fields[1], defaults, distance, crs, feedback, times)
    results = pushdown.run([source.sourceName() for source in sources], sources[1].wkbType())
    for name, output in plan.outputs.items():
        results[name] = output_uri(output)
        _load_on_completion(algorithm, parameters, name, context, results[name])
    feedback.pushInfo(tr("{pairs} school-scene pairs within {distance:g} m.").format(
        pairs=results["PAIR_COUNT"], distance=distance))
    return results
