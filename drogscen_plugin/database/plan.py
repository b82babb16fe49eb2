"""Where a run of drogscen:overlap goes: into the database, or on this computer.

The database run needs both inputs as PostGIS tables of one database, in
the analysis CRS, each with a single integer key, both outputs as tables of
that database, psycopg2, and a server that offers PostgreSQL 14, PostGIS,
temporary tables and tables in the output schemas.
"""

from collections import namedtuple

from qgis.core import (
    QgsDataSourceUri,
    QgsFeatureRequest,
    QgsProcessingFeatureSourceDefinition,
)

from ..core.errors import InputError
from ..definitions import parameters as keys
from ..i18n import tr
from ..processing.outputs import DATABASE, Destination, destination_text
from . import session

AUTOMATIC, ALWAYS, NEVER = 0, 1, 2

# PostgreSQL's names of the key's type, as the provider reports them.
_INTEGER_TYPES = ("int2", "int4", "int8")

# What the SQL reads of an input layer. ``selected`` is None for all features.
Table = namedtuple("Table", "name uri schema table geometry key subset selected")
Output = namedtuple("Output", "schema table uri")
Plan = namedtuple("Plan", "connection scenes schools outputs")


class _Refusal(Exception):
    """Why a run cannot go to the database."""


def _input(algorithm, parameters, name, context, crs):
    layer = algorithm.parameterAsVectorLayer(parameters, name, context)
    if layer is None or layer.providerType() != "postgres":
        raise _Refusal(tr("{parameter} is not a PostGIS layer").format(parameter=name))
    source = QgsDataSourceUri(layer.source())
    keys = layer.dataProvider().pkAttributeIndexes()
    fields = layer.fields()
    if (
        source.table().startswith("(")
        or len(keys) != 1
        or (fields.at(keys[0]).typeName().lower() not in _INTEGER_TYPES)
    ):
        raise _Refusal(
            tr("{parameter} is not a table with a single integer key").format(parameter=name)
        )
    if layer.crs() != crs:
        raise _Refusal(
            tr("{parameter} is in {crs}, not in the analysis CRS").format(
                parameter=name, crs=layer.crs().authid()
            )
        )
    key = fields.at(keys[0]).name()
    definition = parameters.get(name)
    selected = None
    if isinstance(definition, QgsProcessingFeatureSourceDefinition) and (
        definition.selectedFeaturesOnly
    ):
        # Feature ids are not always the keys (QGIS numbers bigint keys itself).
        request = QgsFeatureRequest()
        request.setFilterFids(layer.selectedFeatureIds())
        request.setFlags(QgsFeatureRequest.Flag.NoGeometry).setSubsetOfAttributes([keys[0]])
        selected = [feature[key] for feature in layer.getFeatures(request)]
    return Table(
        name,
        layer.source(),
        source.schema() or "public",
        source.table(),
        source.geometryColumn(),
        key,
        source.sql(),
        selected,
    )


def _output(parameters, name, context, database):
    destination = Destination(destination_text(parameters, name, context))
    if (
        destination.kind != DATABASE
        or destination.provider != "postgres"
        or (session.identity(destination.uri) != database)
    ):
        raise _Refusal(
            tr("{parameter} is not a table in the database of the inputs").format(parameter=name)
        )
    source = QgsDataSourceUri(destination.uri)
    return Output(source.schema() or "public", source.table(), destination.uri)


def _tables(algorithm, parameters, context, crs):
    scenes = _input(algorithm, parameters, keys.SCENES, context, crs)
    schools = _input(algorithm, parameters, keys.SCHOOLS, context, crs)
    database = session.identity(scenes.uri)
    if session.identity(schools.uri) != database:
        raise _Refusal(tr("SCENES and SCHOOLS are in different databases"))
    # The summary may be skipped.
    outputs = {
        name: _output(parameters, name, context, database)
        for name in (keys.OUTPUT, keys.SUMMARY)
        if name == keys.OUTPUT or destination_text(parameters, name, context)
    }
    if session.psycopg2 is None:
        raise _Refusal(tr("the Python module psycopg2 is not installed"))
    return scenes, schools, outputs


def _connected(scenes, outputs):
    try:
        connection = session.connect(scenes.uri)
    except session.psycopg2.Error as error:
        raise _Refusal(
            tr("no connection to the database: {error}").format(error=str(error).strip())
        ) from error
    try:
        lacking = session.missing(connection, [output.schema for output in outputs.values()])
    except session.psycopg2.Error as error:
        connection.close()
        raise _Refusal(str(error).strip()) from error
    if lacking:
        connection.close()
        raise _Refusal(tr("the database lacks {what}").format(what="; ".join(lacking)))
    return connection


def choose(mode, algorithm, parameters, context, crs, feedback):
    """A Plan with an open connection, or None to run on this computer; says
    which in the log, and why. ``ALWAYS`` raises InputError naming what is missing.
    """
    if mode == NEVER:
        feedback.pushInfo(tr("Running on this computer: RUN_IN_DATABASE is 'never'."))
        return None
    try:
        scenes, schools, outputs = _tables(algorithm, parameters, context, crs)
        connection = _connected(scenes, outputs)
    except _Refusal as refusal:
        if mode == ALWAYS:
            raise InputError(
                tr("Cannot run in the database (RUN_IN_DATABASE 'always'): {reason}.").format(
                    reason=refusal
                )
            ) from None
        feedback.pushInfo(tr("Running on this computer: {reason}.").format(reason=refusal))
        return None
    feedback.pushInfo(
        tr("Running in the database: the inputs and outputs are tables of one PostGIS database.")
    )
    return Plan(connection, scenes, schools, outputs)
