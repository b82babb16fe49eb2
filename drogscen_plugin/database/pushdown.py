"""drogscen:overlap as SQL in the database of its inputs and outputs.

One transaction: the inputs are read into temporary tables (2D, linear,
invalid polygons repaired as on the desktop), the time part (period.py)
puts each distinct schedule of the analysis period into a temporary table
as a tsmultirange, pairs come from ST_DWithin on spatial indexes, and the
minutes of time overlaps from the range operators. Only hours texts, date
values, schedules, keys and counts cross to this computer, never a
geometry. The output tables replace any earlier ones at commit, so that
readers see the old result or the new one, never half.
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
from ..definitions import parameters as keys
from ..definitions.conflicts import AFTER_HOURS, CONCURRENT, NO_CONFLICT
from ..i18n import tr
from ..processing.outputs import Destination
from ..qgis_io.checks import POLYGONS, require_geometry_type
from ..qgis_io.layers import POINTS_OR_POLYGONS, LayerReader
from ..qgis_io.reading_log import id_list
from ..qgis_io.school_sources import school_sources
from ..qgis_io.writing import output_wkb_type
from . import period_sql
from . import sql as statements
from .period import PeriodSteps
from .session import psycopg2

_SCENE_TYPES = ("POLYGON", "MULTIPOLYGON")
_SCHOOL_TYPES = ("POINT", "MULTIPOINT", "POLYGON", "MULTIPOLYGON")


class _Tally:
    """What was repaired, skipped and flagged in one layer, logged as the desktop logs it."""

    report = LayerReader.report

    def __init__(self, name, feedback):
        self.name = name
        self.feedback = feedback
        self.repaired, self.skipped, self.hours_unknown, self.hours_invalid = [], [], [], []
        # Lines are refused before the database run starts.
        self.refused, self.hours_unlikely = [], []


class PushDown:
    """One database run. ``fields`` are the chosen field names: scene (name,
    hours, first seen, closed on) and school (name, type, hours, distance);
    ``times`` the TimeSettings."""

    def __init__(self, plan, scene_fields, school_fields, defaults, distance, crs, feedback, times):
        self.plan = plan
        self.period = PeriodSteps(self, times, scene_fields[2:])
        self.connection = plan.connection
        self.scene_fields = scene_fields
        self.school_fields = school_fields
        self.defaults = defaults
        self.distance = distance
        self.srid = crs.postgisSrid()
        self.feedback = feedback
        self.tallies = {}
        self.cursor = None
        # The schools' data sources, for every summary row (qgis_io.school_sources).
        self.school_sources = ""

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
                # The text of dates and multiranges this run reads.
                cursor.execute("SET LOCAL datestyle = 'ISO, YMD'")
                counts = self._steps(layer_names, school_wkb_type)
            if feedback.isCanceled():
                raise AnalysisCanceled(tr("The analysis was canceled."))
            self.connection.commit()
            return counts
        except psycopg2.extensions.QueryCanceledError:
            raise AnalysisCanceled(tr("The analysis was canceled.")) from None
        except psycopg2.Error as error:
            raise InputError(
                tr("The database run failed: {error}").format(error=str(error).strip())
            ) from None
        finally:
            feedback.canceled.disconnect(self.connection.cancel)
            self.connection.rollback()
            self.connection.close()

    def execute(self, statement, parameters=None, progress=None):
        if self.feedback.isCanceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        self.cursor.execute(statement, parameters)
        if progress is not None:
            self.feedback.setProgress(progress)

    def _steps(self, layer_names, school_wkb_type):
        plan = self.plan
        self.feedback.pushInfo(tr("Reading scenes…"))
        self._read(
            "drogscen_scene",
            plan.scenes,
            statements.scene_columns(*self.scene_fields),
            layer_names[0],
            _SCENE_TYPES,
            5,
        )
        self.feedback.pushInfo(tr("Reading schools…"))
        self._read(
            "drogscen_school",
            plan.schools,
            statements.school_columns(*self.school_fields),
            layer_names[1],
            _SCHOOL_TYPES,
            10,
        )
        self.period.read_schedules(layer_names, self.scene_fields[1], self.school_fields[2])
        self.period.read_dates(layer_names[0])
        outside = self.period.assign(self.distance)
        self._distances(layer_names[1])
        for tally in self.tallies.values():
            tally.report()
        self.feedback.pushInfo(tr("Finding pairs in the database…"))
        self.execute(statements.PAIRS, progress=70)
        self.execute(period_sql.UNION)
        self.execute(statements.BUFFERS)
        self.period.measures()
        self.feedback.pushInfo(tr("Writing the output tables in the database…"))
        counts = self._write(school_wkb_type)
        counts["SCENES_OUTSIDE_COUNT"] = len(outside)
        return counts

    def _read(self, temporary, table, columns, layer, allowed, progress):
        self.execute(statements.read_table(temporary, table, columns), {"selected": table.selected})
        table_sql = statements.sql.Identifier(temporary)
        self.execute(statements.sql.SQL(statements.CHECKS).format(table=table_sql))
        repaired, skipped, infinite, kinds = self.cursor.fetchone()
        tally = self.tallies[temporary] = _Tally(layer, self.feedback)
        tally.repaired, tally.skipped = repaired or [], skipped or []
        if infinite:
            raise InputError(
                tr(
                    "Layer '{layer}': features with coordinates that are not finite "
                    "numbers (feature ids {ids})."
                ).format(layer=layer, ids=id_list(infinite))
            )
        for kind in kinds or ():
            if kind not in allowed:
                raise InputError(
                    tr("Layer '{layer}': {kind} geometry is not supported.").format(
                        layer=layer, kind=kind
                    )
                )
        self.execute(
            statements.sql.SQL(statements.PREPARE).format(table=table_sql), progress=progress
        )

    def _distances(self, layer):
        """Warn of per-school distances that are not distances; those schools use DISTANCE."""
        field = self.school_fields[3]
        if field is None:
            return
        self.execute(statements.BAD_DISTANCES)
        for key, value in self.cursor.fetchall():
            self.feedback.pushWarning(
                tr(
                    "Layer '{layer}', feature {fid}, field '{field}': {value!r} is not a distance "
                    "in metres; the analysis distance is used."
                ).format(layer=layer, fid=key, field=field, value=value)
            )

    def _write(self, school_wkb_type):
        outputs = self.plan.outputs
        conflicts = {
            "concurrent": CONCURRENT,
            "after_hours": AFTER_HOURS,
            "none": NO_CONFLICT,
            "note_format": _sql_format(tr("{scene}: {note}")),
        }
        pairs_table = outputs[keys.OUTPUT]
        self.execute(
            statements.output_table(
                pairs_table.schema, pairs_table.table, PAIR_FIELDS, "MultiPolygon", self.srid
            )
        )
        self.execute(statements.insert(statements.INSERT_PAIRS, outputs[keys.OUTPUT]), conflicts)
        pairs = self.cursor.rowcount
        self.execute(statements.spatial_index(outputs[keys.OUTPUT]), progress=90)
        if keys.SUMMARY in outputs:
            self._write_summary(outputs[keys.SUMMARY], school_wkb_type, conflicts)
        tallies = self.tallies.values()
        return {
            keys.PAIR_COUNT: pairs,
            keys.REPAIRED_COUNT: sum(len(tally.repaired) for tally in tallies),
            keys.SKIPPED_COUNT: sum(len(tally.skipped) for tally in tallies),
            keys.HOURS_UNKNOWN_COUNT: len(self.tallies["drogscen_scene"].hours_unknown),
            keys.HOURS_INVALID_COUNT: sum(len(tally.hours_invalid) for tally in tallies),
        }

    def _write_summary(self, summary_table, school_wkb_type, conflicts):
        settings = self.period.times.settings
        run = {
            "period_start": settings.period.start,
            "period_end": settings.period.end,
            "school_terms": settings.calendar.terms_text,
            "school_holidays": settings.calendar.school_holidays_text,
            "school_sources": self.school_sources,
        }
        summary_type = output_wkb_type(school_wkb_type)
        multi = QgsWkbTypes.isMultiType(summary_type)
        self.execute(
            statements.output_table(
                summary_table.schema,
                summary_table.table,
                SUMMARY_FIELDS,
                QgsWkbTypes.displayString(summary_type),
                self.srid,
            )
        )
        geometry = "ST_Multi(s.geom)" if multi else "s.geom"
        self.execute(
            statements.insert(statements.INSERT_SUMMARY, summary_table, geometry),
            dict(conflicts, **run),
        )
        self.execute(statements.spatial_index(summary_table), progress=100)


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
        context.addLayerToLoadOnCompletion(
            uri,
            QgsProcessingContext.LayerDetails(
                value.destinationName or description, value.destinationProject, name
            ),
        )


def _announce(plan, algorithm, sources, feedback):
    """Check the layers' geometry types; say which tables are replaced."""
    require_geometry_type(sources[0], POLYGONS)
    require_geometry_type(sources[1], POINTS_OR_POLYGONS)
    for name, output in plan.outputs.items():
        existing = Destination("postgres:" + output.uri).existing()
        if existing:
            label = "{} ({})".format(algorithm.parameterDefinition(name).description(), name)
            feedback.pushWarning(tr("{output}: {existing}").format(output=label, existing=existing))


def run(plan, algorithm, parameters, context, settings, sources, feedback):
    """The database run of ``algorithm`` (drogscen:overlap); its results dict.

    ``settings`` are the scene fields (name, hours, first seen, closed on)
    and school fields (name, type, hours, distance), the default school and
    preschool schedules, the distance, the analysis CRS and the TimeSettings;
    ``sources`` the scene and school feature sources (for names and geometry types).
    """
    fields, defaults, distance, crs, times = settings
    try:
        _announce(plan, algorithm, sources, feedback)
    except BaseException:
        plan.connection.close()
        raise
    pushdown = PushDown(plan, fields[0], fields[1], defaults, distance, crs, feedback, times)
    pushdown.school_sources = school_sources(sources[1])
    results = pushdown.run([source.sourceName() for source in sources], sources[1].wkbType())
    for name, output in plan.outputs.items():
        results[name] = output_uri(output)
        _load_on_completion(algorithm, parameters, name, context, results[name])
    feedback.pushInfo(
        tr("{pairs} school-scene pairs within {distance:g} m.").format(
            pairs=results[keys.PAIR_COUNT], distance=distance
        )
    )
    return results
