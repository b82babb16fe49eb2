"""drogscen:publish — a run's outputs as the shared lägesbild in a PostGIS schema."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDatabaseSchema,
    QgsProcessingParameterProviderConnection,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProviderRegistry,
)

from ..core.errors import AnalysisCanceled, InputError
from ..core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from ..database import publish, session
from ..definitions import algorithms
from ..definitions import parameters as keys
from ..i18n import tr
from ..net.http import plugin_version
from .base import DrogscenAlgorithm


class PublishAlgorithm(DrogscenAlgorithm):
    OVERLAPS = keys.OVERLAPS
    SUMMARY = keys.SUMMARY
    CONNECTION = keys.CONNECTION
    SCHEMA = keys.SCHEMA
    NAME = keys.NAME
    READERS = keys.READERS
    NOTE = keys.NOTE
    RUN_ID = keys.RUN_ID
    OVERLAPS_TABLE = keys.OVERLAPS_TABLE
    SUMMARY_TABLE = keys.SUMMARY_TABLE

    def name(self):
        return algorithms.PUBLISH_NAME

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Publish the lägesbild to a shared database")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Writes the overlaps and the school summary of an analysis to two tables in a "
            "PostGIS schema (NAME_overlaps and NAME_summary) and adds a row to the run table "
            "drogscen_runs there: when, who, the sources and note, the counts and the plugin "
            "version. Everything happens in one transaction: partners who open the tables see "
            "the previous lägesbild until the new one is complete, never half of one. "
            "Republishing under the same name replaces it. The reader roles get read-only "
            "access (USAGE on the schema, SELECT on the tables)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.add(
            QgsProcessingParameterVectorLayer(
                self.OVERLAPS, tr("Overlaps"), [QgsProcessing.SourceType.TypeVectorPolygon]
            ),
            tr("The Overlaps output of the analysis."),
        )
        self.add(
            QgsProcessingParameterVectorLayer(
                self.SUMMARY, tr("School summary"), [QgsProcessing.SourceType.TypeVectorAnyGeometry]
            ),
            tr("The School summary output of the analysis."),
        )
        self.add(
            QgsProcessingParameterProviderConnection(
                self.CONNECTION, tr("Database connection"), "postgres"
            ),
            tr("The saved PostgreSQL connection of the shared database."),
        )
        self.add(
            QgsProcessingParameterDatabaseSchema(
                self.SCHEMA, tr("Schema"), self.CONNECTION, "public"
            ),
            tr("The schema that holds the shared lägesbild."),
        )
        self.add(
            QgsProcessingParameterString(self.NAME, tr("Name"), "lagesbild"),
            tr("Table name prefix: letters, digits and underscores."),
        )
        self.add(
            QgsProcessingParameterString(self.READERS, tr("Reader roles"), "", optional=True),
            tr("Comma-separated database roles that may read the lägesbild."),
        )
        self.add(
            QgsProcessingParameterString(self.NOTE, tr("Note"), "", optional=True),
            tr("A note for the run table, such as the analysis settings."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.RUN_ID, tr("Run id")))
        self.addOutput(QgsProcessingOutputString(self.OVERLAPS_TABLE, tr("Overlaps table")))
        self.addOutput(QgsProcessingOutputString(self.SUMMARY_TABLE, tr("Summary table")))

    def _layers(self, parameters, context):
        layers = []
        for name, spec in ((self.OVERLAPS, PAIR_FIELDS), (self.SUMMARY, SUMMARY_FIELDS)):
            layer = self.parameterAsVectorLayer(parameters, name, context)
            names = set(layer.fields().names())
            lacking = [field for field, _ in spec if field not in names]
            if lacking:
                raise InputError(
                    tr(
                        "{parameter}: layer '{layer}' lacks the fields {fields}; "
                        "is it an output of the analysis?"
                    ).format(
                        parameter=self._label(name), layer=layer.name(), fields=", ".join(lacking)
                    )
                )
            layers.append(layer)
        return layers

    def process(self, parameters, context, feedback):
        name = self.parameterAsString(parameters, self.NAME, context)
        if not name or not name.replace("_", "a").isalnum() or not name.isascii():
            raise InputError(
                tr(
                    "{parameter}: '{name}' is not a table name of letters, digits and underscores."
                ).format(parameter=self._label(self.NAME), name=name)
            )
        schema = self.parameterAsSchema(parameters, self.SCHEMA, context)
        readers = [
            role.strip()
            for role in self.parameterAsString(parameters, self.READERS, context).split(",")
            if role.strip()
        ]
        layers = self._layers(parameters, context)
        if session.psycopg2 is None:
            raise InputError(tr("Publishing needs the Python module psycopg2."))
        connection_name = self.parameterAsConnectionName(parameters, self.CONNECTION, context)
        found = (
            QgsProviderRegistry.instance()
            .providerMetadata("postgres")
            .findConnection(connection_name)
        )
        if found is None:
            raise InputError(
                tr("{parameter}: no PostgreSQL connection '{name}'.").format(
                    parameter=self._label(self.CONNECTION), name=connection_name
                )
            )
        details = {
            "overlaps": layers[0].publicSource(),
            "summary": layers[1].publicSource(),
            "note": self.parameterAsString(parameters, self.NOTE, context),
            "plugin_version": plugin_version(),
        }
        try:
            connection = session.connect(found.uri())
            run_id = publish.publish(
                connection,
                schema,
                name,
                layers,
                layers[0].crs().postgisSrid(),
                details,
                readers,
                feedback,
            )
        except session.psycopg2.Error as error:
            raise InputError(
                tr("Publishing failed, nothing was changed: {error}").format(
                    error=str(error).strip()
                )
            ) from None
        if run_id is None:
            raise AnalysisCanceled(tr("Publishing was canceled; nothing was changed."))
        tables = ["{}.{}".format(schema, table) for table in publish.table_names(name)]
        feedback.pushInfo(
            tr("Published as {tables} (run {run}).").format(tables=" and ".join(tables), run=run_id)
        )
        return {self.RUN_ID: run_id, self.OVERLAPS_TABLE: tables[0], self.SUMMARY_TABLE: tables[1]}
