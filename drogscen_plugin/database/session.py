"""A psycopg2 session on the database behind a QGIS PostgreSQL data source,
and what that database lets the analysis do.

QGIS's own connection API runs each statement on whichever pooled
connection is free, so temporary tables would not survive from one
statement to the next: the push-down needs one session of its own.
QGIS ships psycopg2 with its DB Manager; ``connectionInfo(True)`` resolves
authentication configurations into libpq parameters.
"""

from collections import namedtuple

from qgis.core import QgsDataSourceUri

from ..i18n import tr

try:
    import psycopg2
    import psycopg2.extras
    from psycopg2 import sql
except ImportError:  # a QGIS install without it: the analysis stays on the desktop
    psycopg2 = sql = None

# Multiranges (tsmultirange, range_agg over them) came with PostgreSQL 14.
MINIMUM_SERVER = 140000

Identity = namedtuple("Identity", "service host port dbname")


def identity(uri):
    """What names a database in a QGIS PostgreSQL URI, comparable between URIs."""
    source = QgsDataSourceUri(uri)
    return Identity(source.service(), source.host(), source.port() or "5432", source.database())


def connect(uri):
    """A psycopg2 connection to the database of a QGIS PostgreSQL URI."""
    info = QgsDataSourceUri(uri).connectionInfo(True)
    return psycopg2.connect(info, application_name="Drogscen")


_CAPABILITIES = """
SELECT current_setting('server_version_num')::int,
       current_setting('server_version'),
       (SELECT extversion FROM pg_extension WHERE extname = 'postgis'),
       has_database_privilege(current_database(), 'TEMP'),
       current_user
"""

_SCHEMA_RIGHT = """
SELECT nspname, has_schema_privilege(oid, 'CREATE') AND has_schema_privilege(oid, 'USAGE')
FROM pg_namespace WHERE nspname = ANY(%s)
"""


def version_lacking(number, version):
    """What a server of ``server_version_num`` ``number`` lacks, as a phrase, or ""."""
    if number < MINIMUM_SERVER:
        return tr("PostgreSQL 14 or newer (the server is {version})").format(version=version)
    return ""


def missing(connection, schemas):
    """What the database lacks for the push-down, as translated phrases
    (empty when nothing): PostgreSQL 14, PostGIS, TEMP, CREATE in ``schemas``."""
    with connection.cursor() as cursor:
        cursor.execute(_CAPABILITIES)
        number, version, postgis, temporary, user = cursor.fetchone()
        cursor.execute(_SCHEMA_RIGHT, (sorted(set(schemas)),))
        writable = dict(cursor.fetchall())
    connection.rollback()
    lacking = []
    too_old = version_lacking(number, version)
    if too_old:
        lacking.append(too_old)
    if postgis is None:
        lacking.append(tr("the PostGIS extension in the database"))
    if not temporary:
        lacking.append(
            tr("the right of user {user} to create temporary tables (TEMP)").format(user=user)
        )
    for schema in sorted(set(schemas)):
        if not writable.get(schema):
            lacking.append(
                tr("the right of user {user} to create tables in schema {schema}").format(
                    user=user, schema=schema
                )
            )
    return lacking


def quoted(schema, table):
    """A schema-qualified table name for psycopg2.sql."""
    return sql.Identifier(schema, table)
