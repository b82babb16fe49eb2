"""Publishing a lägesbild: the run's outputs as named tables in a shared schema.

One transaction: the tables are created when new, emptied and filled, and
a row goes into the run table. Readers in other sessions see the previous
lägesbild until the commit and the new one after it, never half of one;
their grants stay, since the tables are emptied, not replaced.
"""

import json

from qgis.core import QgsWkbTypes
from qgis.PyQt.QtCore import QDate

from ..core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from .session import psycopg2, sql
from .sql import output_table

RUN_TABLE = "drogscen_runs"

_RUNS = """
CREATE TABLE IF NOT EXISTS {runs} (
    id serial PRIMARY KEY,
    published timestamptz NOT NULL DEFAULT now(),
    published_by text NOT NULL DEFAULT current_user,
    name text NOT NULL,
    parameters jsonb NOT NULL,
    pair_count bigint NOT NULL,
    school_count bigint NOT NULL,
    plugin_version text NOT NULL)
"""


def table_names(name):
    """The overlap and summary table names of a published lägesbild ``name``."""
    return name + "_overlaps", name + "_summary"


def _rows(layer, spec, feedback):
    names = [field for field, _ in spec]
    for feature in layer.getFeatures():
        if feedback.isCanceled():
            return
        values = [
            None
            if value is None or (hasattr(value, "isNull") and value.isNull())
            else value.toPyDate()
            if isinstance(value, QDate)
            else value
            for value in (feature[name] for name in names)
        ]
        geometry = feature.geometry()
        yield [None if geometry.isNull() else bytes(geometry.asWkb())] + values


def _fill(cursor, schema, table, layer, spec, srid, feedback):
    """Insert the features of ``layer``; returns how many."""
    names = [field for field, _ in spec]
    statement = sql.SQL("INSERT INTO {} (geom, {}) VALUES %s").format(
        sql.Identifier(schema, table), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    template = "(ST_GeomFromWKB(%s, {}), {})".format(int(srid), ", ".join(["%s"] * len(names)))
    rows = list(_rows(layer, spec, feedback))
    psycopg2.extras.execute_values(
        cursor, statement.as_string(cursor), rows, template=template, page_size=1000
    )
    return len(rows)


def publish(connection, schema, name, layers, srid, details, readers, feedback):
    """Publish the overlap and summary ``layers`` as ``name``; returns the run id.

    ``details`` go into the run table's parameters; ``readers`` are roles
    that get read-only access (USAGE on the schema, SELECT on the tables).
    """
    overlaps, summary = layers
    tables = table_names(name)
    summary_type = QgsWkbTypes.displayString(QgsWkbTypes.flatType(summary.wkbType()))
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                output_table(schema, tables[0], PAIR_FIELDS, "MultiPolygon", srid, replace=False)
            )
            cursor.execute(
                output_table(schema, tables[1], SUMMARY_FIELDS, summary_type, srid, replace=False)
            )
            pairs = _fill(cursor, schema, tables[0], overlaps, PAIR_FIELDS, srid, feedback)
            schools = _fill(cursor, schema, tables[1], summary, SUMMARY_FIELDS, srid, feedback)
            runs = sql.Identifier(schema, RUN_TABLE)
            cursor.execute(sql.SQL(_RUNS).format(runs=runs))
            cursor.execute(
                sql.SQL(
                    "INSERT INTO {} (name, parameters, pair_count, school_count, plugin_version) "
                    "VALUES (%s, %s, %s, %s, %s) RETURNING id"
                ).format(runs),
                (
                    name,
                    json.dumps(details, ensure_ascii=False),
                    pairs,
                    schools,
                    details["plugin_version"],
                ),
            )
            run_id = cursor.fetchone()[0]
            for role in readers:
                cursor.execute(
                    sql.SQL(
                        "GRANT USAGE ON SCHEMA {schema} TO {role}; "
                        "GRANT SELECT ON {a}, {b}, {runs} TO {role}"
                    ).format(
                        schema=sql.Identifier(schema),
                        role=sql.Identifier(role),
                        a=sql.Identifier(schema, tables[0]),
                        b=sql.Identifier(schema, tables[1]),
                        runs=runs,
                    )
                )
            if feedback.isCanceled():
                connection.rollback()
                return None
        connection.commit()
        return run_id
    finally:
        connection.rollback()
        connection.close()
