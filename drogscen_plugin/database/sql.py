"""The SQL of the push-down, composed with psycopg2.sql (identifiers quoted).

Temporary tables, dropped at commit: ``drogscen_scene`` and
``drogscen_school`` (inputs as analysed: 2D, linear, repaired, with a
spatial index), ``drogscen_pair`` (pairs within reach, their overlap) and
``drogscen_buffer``; the time part's are in period_sql.py.
"""

from .session import sql

# Polygons are repaired as on the desktop; points are taken as they are.
# Valid geometries have finite coordinates; GEOS names the others.
_GEOMETRY = """
  SELECT *, CASE WHEN g IS NULL OR ST_IsEmpty(g) OR infinite THEN NULL
                 WHEN valid OR GeometryType(g) LIKE '%%POINT' THEN g
                 ELSE ST_CollectionExtract(ST_MakeValid(g), 3) END AS geom,
            NOT valid AND NOT infinite AND GeometryType(g) NOT LIKE '%%POINT' AS repaired
  FROM (SELECT *, coalesce(NOT valid AND ST_IsValidReason(g) LIKE 'Invalid Coordinate%%',
                           false) AS infinite
        FROM (SELECT *, coalesce(ST_IsValid(g), true) AS valid
              FROM (SELECT {key} AS key, {columns},
                           ST_Force2D(CASE WHEN ST_HasArc({geom}) THEN ST_CurveToLine({geom})
                                           ELSE {geom} END) AS g
                    FROM {table} WHERE ({subset}) AND ({selected})) AS read) AS checked
       ) AS finite
"""


def _text(column):
    return (
        sql.SQL("NULL::text")
        if column is None
        else sql.SQL("{}::text").format(sql.Identifier(column))
    )


def read_table(temporary, table, columns):
    """CREATE TEMP TABLE ``temporary`` of ``table``'s features; ``columns``
    maps output names to composed SQL expressions."""
    selected = (
        sql.SQL("true")
        if table.selected is None
        else sql.SQL("{} = ANY(%(selected)s)").format(sql.Identifier(table.key))
    )
    body = sql.SQL(_GEOMETRY).format(
        key=sql.Identifier(table.key),
        columns=sql.SQL(", ").join(
            sql.SQL("{} AS {}").format(expression, sql.Identifier(name))
            for name, expression in columns.items()
        ),
        geom=sql.Identifier(table.geometry),
        table=sql.Identifier(table.schema, table.table),
        # A subset string is SQL as it is; its % signs are not parameters.
        subset=sql.SQL((table.subset or "true").replace("%", "%%")),
        selected=selected,
    )
    return sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS {}").format(
        sql.Identifier(temporary), body
    )


def scene_columns(name, hours, seen, closed):
    """``seen``, ``closed``: the first-seen and closed-on fields, or None."""
    return {
        "name": sql.SQL("coalesce({}, '')").format(_text(name)),
        "hours": _text(hours),
        "seen": _text(seen),
        "closed": _text(closed),
    }


def school_columns(name, school_type, hours, distance):
    own = (
        sql.SQL("NULL::float8")
        if distance is None
        else sql.SQL("{}::float8").format(sql.Identifier(distance))
    )
    return {
        "name": sql.SQL("coalesce({}, '')").format(_text(name)),
        "type": sql.SQL("coalesce({}, '')").format(_text(school_type)),
        "hours": _text(hours),
        "own": own,
    }


# What a read table holds that the analysis cannot use or must report.
CHECKS = """
SELECT array_agg(key ORDER BY key) FILTER (WHERE repaired AND geom IS NOT NULL
                                            AND NOT ST_IsEmpty(geom)),
       array_agg(key ORDER BY key) FILTER (WHERE (geom IS NULL OR ST_IsEmpty(geom))
                                            AND NOT infinite),
       array_agg(key ORDER BY key) FILTER (WHERE infinite),
       array_agg(DISTINCT GeometryType(geom)) FILTER (WHERE geom IS NOT NULL)
FROM {table}
"""

PREPARE = """
DELETE FROM {table} WHERE geom IS NULL OR ST_IsEmpty(geom);
ALTER TABLE {table} ADD COLUMN schedule int, ADD COLUMN label text, ADD COLUMN note text,
  ADD PRIMARY KEY (key);
CREATE INDEX ON {table} USING gist (geom);
ANALYZE {table};
"""

# A per-school distance that is not a distance in metres; NaN sorts above all numbers.
BAD_DISTANCES = """
SELECT key, own FROM drogscen_school
WHERE own IS NOT NULL AND NOT (own >= 0 AND own < 'Infinity') ORDER BY key
"""

# True distance within reach (closed); a point's piece is the scene itself
# when the whole scene lies within the circle. A point's circle has 4,096
# corners (chords within 0.1 mm of the arc at 300 m, so that thin pieces
# along the arc keep the desktop's exact areas within 0.1 %): one unit
# circle, scaled and moved to each school, clipped to the scene's box.
# Grounds' buffers have 128 corners per quarter circle (5.6 mm at 300 m).
PAIRS = """
CREATE TEMP TABLE drogscen_pair ON COMMIT DROP AS
WITH unit AS (SELECT ST_Buffer('POINT(0 0)'::geometry, 1, 'quad_segs=1024') AS circle)
SELECT s.key AS school, c.key AS scene, ST_Distance(s.geom, c.geom) AS distance_m,
       CASE WHEN GeometryType(s.geom) <> 'POINT'
            THEN ST_Multi(ST_CollectionExtract(ST_Intersection(
                 c.geom, ST_Buffer(s.geom, s.reach, 'quad_segs=128')), 3))
            WHEN ST_DFullyWithin(c.geom, s.geom, s.reach) THEN ST_Multi(c.geom)
            ELSE ST_Multi(ST_CollectionExtract(ST_Intersection(c.geom, ST_ClipByBox2D(
                 ST_SetSRID(ST_Translate(ST_Scale(unit.circle, s.reach, s.reach),
                                         ST_X(s.geom), ST_Y(s.geom)), ST_SRID(s.geom)),
                 c.geom::box2d)), 3)) END AS geom
FROM unit, drogscen_school s JOIN drogscen_scene c ON ST_DWithin(s.geom, c.geom, s.reach);
ALTER TABLE drogscen_pair ADD COLUMN area float8;
UPDATE drogscen_pair SET area = ST_Area(geom);
ANALYZE drogscen_pair;
"""

# Buffer areas of the schools with pairs that are not points.
BUFFERS = """
CREATE TEMP TABLE drogscen_buffer ON COMMIT DROP AS
SELECT key AS school, ST_Area(ST_Buffer(geom, reach, 'quad_segs=128')) AS area
FROM drogscen_school WHERE GeometryType(geom) <> 'POINT'
  AND key IN (SELECT school FROM drogscen_union);
"""

_KINDS = {"int": "bigint", "double": "double precision", "string": "varchar", "date": "date"}

# An output table as QGIS's sinks make them: an id key, a typed geometry, the fields.
_OUTPUT_TABLE = (
    "CREATE TABLE {exists}{table} (id serial PRIMARY KEY, geom geometry({kind}, {srid}), "
    "{columns}); "
)


def output_table(schema, table, spec, geometry_type, srid, replace=True):
    """CREATE an output table with the fields of ``spec``: replacing one that
    is there (``replace``), or keeping it and emptying it."""
    name = sql.Identifier(schema, table)
    created = sql.SQL(_OUTPUT_TABLE).format(
        exists=sql.SQL("" if replace else "IF NOT EXISTS "),
        table=name,
        kind=sql.SQL(geometry_type),
        srid=sql.Literal(srid),
        columns=sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(field), sql.SQL(_KINDS[kind]))
            for field, kind in spec
        ),
    )
    if replace:
        return sql.SQL("DROP TABLE IF EXISTS {}; ").format(name) + created
    return created + sql.SQL("TRUNCATE {};").format(name)


def spatial_index(output):
    return sql.SQL("CREATE INDEX ON {} USING gist (geom); ANALYZE {};").format(
        sql.Identifier(output.schema, output.table), sql.Identifier(output.schema, output.table)
    )


_SHARE = """LEAST(GREATEST(coalesce(p.area / NULLIF(CASE WHEN GeometryType(s.geom) = 'POINT'
    THEN pi() * s.reach * s.reach ELSE b.area END, 0), 0), 0), 1)"""

INSERT_PAIRS = (
    """
INSERT INTO {table} (geom, school_fid, scene_fid, school_name, school_type, school_hours,
    scene_name, scene_hours, distance_m, overlap_m2, overlap_share, scene_min, concurrent_min,
    afterhours_min, conflict, presence_hours, guard_hours, round_days, round_before,
    period_concurrent_min, period_afterhours_min, conflict_dates, round_count, hours_note)
SELECT p.geom, p.school, p.scene, s.name, s.type, s.label, c.name, c.label, p.distance_m,
       p.area, """
    + _SHARE
    + """, m.scene_min, m.concurrent_min, m.afterhours_min,
       CASE WHEN m.period_concurrent_min > 0 THEN %(concurrent)s ELSE %(after_hours)s END,
       m.presence_hours, m.guard_hours, m.round_days, m.round_before,
       m.period_concurrent_min, m.period_afterhours_min, m.conflict_dates, m.round_count,
       concat_ws('; ', NULLIF(s.note, ''), NULLIF(c.note, ''))
FROM drogscen_pair p JOIN drogscen_school s ON s.key = p.school
     JOIN drogscen_scene c ON c.key = p.scene
     JOIN drogscen_combination k ON k.school = s.schedule AND k.parts = ARRAY[c.part]
     JOIN drogscen_measure m ON m.id = k.measure
     LEFT JOIN drogscen_buffer b ON b.school = p.school
ORDER BY p.school, p.scene
"""
)

# Scene notes once each, in the order of the scenes' keys.
INSERT_SUMMARY = """
INSERT INTO {table} (geom, school_fid, school_name, school_type, school_hours, scene_count,
    worst_conflict, concurrent_min, afterhours_min, nearest_m, presence_hours, guard_hours,
    round_days, round_before, period_concurrent_min, period_afterhours_min, conflict_dates,
    round_count, hours_note, period_start, period_end, school_terms, school_holidays,
    school_sources)
SELECT {geometry}, s.key, s.name, s.type, s.label, coalesce(u.scenes, 0),
       CASE WHEN u.school IS NULL THEN %(none)s WHEN m.period_concurrent_min > 0
            THEN %(concurrent)s ELSE %(after_hours)s END,
       coalesce(m.concurrent_min, 0), coalesce(m.afterhours_min, 0), u.nearest,
       m.presence_hours, m.guard_hours, m.round_days, m.round_before,
       coalesce(m.period_concurrent_min, 0), coalesce(m.period_afterhours_min, 0),
       coalesce(m.conflict_dates, ''), coalesce(m.round_count, 0),
       concat_ws('; ', NULLIF(s.note, ''), n.notes),
       %(period_start)s, %(period_end)s, %(school_terms)s, %(school_holidays)s,
       %(school_sources)s
FROM drogscen_school s
     LEFT JOIN drogscen_union u ON u.school = s.key
     LEFT JOIN drogscen_combination k ON k.school = s.schedule AND k.parts = u.parts
     LEFT JOIN drogscen_measure m ON m.id = k.measure
     LEFT JOIN (
       SELECT school, string_agg(note, '; ' ORDER BY first) AS notes
       FROM (SELECT p.school, format(%(note_format)s, c.name, c.note) AS note,
                    min(p.scene) AS first
             FROM drogscen_pair p JOIN drogscen_scene c ON c.key = p.scene
             WHERE c.note <> '' GROUP BY 1, 2) AS each
       GROUP BY school) AS n ON n.school = s.key
ORDER BY s.key
"""


def insert(template, output, geometry=None):
    return sql.SQL(template).format(
        table=sql.Identifier(output.schema, output.table), geometry=sql.SQL(geometry or "NULL")
    )
