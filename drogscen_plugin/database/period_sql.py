"""The SQL of the push-down's time part: the period as tsmultirange values.

Temporary tables, dropped at commit: ``drogscen_schedule`` (each distinct
schedule of the period once, its open intervals from the look-back before
the period to its end), ``drogscen_hours`` (hours text -> schedule, weekly
label, note), ``drogscen_dates`` (date field values -> the days a scene
exists), ``drogscen_part`` (a scene schedule while the scene exists: its
activity), ``drogscen_combination`` (a school schedule and parts: a
pair's one, or all of a school's scenes'), ``drogscen_measure`` (the
measures per distinct school schedule and activity).
"""

from .session import sql

SCHEDULES = """
CREATE TEMP TABLE drogscen_schedule (id int PRIMARY KEY, open tsmultirange) ON COMMIT DROP;
CREATE TEMP TABLE drogscen_hours (kind text, hours text, type text, schedule int, label text,
    note text) ON COMMIT DROP;
CREATE TEMP TABLE drogscen_dates (seen text, closed text, first_day date, last_day date)
  ON COMMIT DROP;
"""

DISTINCT_SCENE_HOURS = "SELECT DISTINCT hours FROM drogscen_scene"
DISTINCT_SCHOOL_HOURS = "SELECT DISTINCT hours, type FROM drogscen_school"
DISTINCT_DATES = """
SELECT DISTINCT seen, closed FROM drogscen_scene WHERE seen IS NOT NULL OR closed IS NOT NULL
"""

# Each feature's schedule, label and note, matched on the hours text (and the
# school type); each school's reach; each scene's days.
ASSIGN = """
ALTER TABLE drogscen_scene ADD COLUMN first_day date, ADD COLUMN last_day date,
  ADD COLUMN part int;
UPDATE drogscen_scene c SET schedule = h.schedule, label = h.label, note = h.note
  FROM drogscen_hours h WHERE h.kind = 'scene' AND h.hours IS NOT DISTINCT FROM c.hours;
UPDATE drogscen_scene c SET first_day = d.first_day, last_day = d.last_day FROM drogscen_dates d
  WHERE d.seen IS NOT DISTINCT FROM c.seen AND d.closed IS NOT DISTINCT FROM c.closed;
ALTER TABLE drogscen_school ADD COLUMN reach float8;
UPDATE drogscen_school s SET schedule = h.schedule, label = h.label, note = h.note,
    reach = CASE WHEN s.own >= 0 AND s.own < 'Infinity' THEN s.own ELSE %(distance)s END
  FROM drogscen_hours h
  WHERE h.kind = 'school' AND h.hours IS NOT DISTINCT FROM s.hours AND h.type = s.type;
"""

# Scenes that do not exist on any day of the period ([start, end)) are left out.
_OUTSIDE = "greatest(%(start)s, first_day) >= least(%(end)s, last_day + 1)"
OUTSIDE = "SELECT array_agg(key ORDER BY key) FROM drogscen_scene WHERE " + _OUTSIDE
LEAVE_OUT = "DELETE FROM drogscen_scene WHERE " + _OUTSIDE

# A scene's activity: its schedule from the look-back (``window``) on, while it exists.
PARTS = """
CREATE TEMP TABLE drogscen_part ON COMMIT DROP AS
SELECT row_number() OVER ()::int AS id, d.schedule, d.first_day, d.last_day,
       x.open * tsmultirange(tsrange(greatest(%(window)s, d.first_day),
                                     least(%(end)s, d.last_day + 1))) AS active
FROM (SELECT DISTINCT schedule, first_day, last_day FROM drogscen_scene) AS d
     JOIN drogscen_schedule x ON x.id = d.schedule;
UPDATE drogscen_scene c SET part = p.id FROM drogscen_part p
  WHERE p.schedule = c.schedule AND p.first_day IS NOT DISTINCT FROM c.first_day
    AND p.last_day IS NOT DISTINCT FROM c.last_day;
ANALYZE drogscen_scene;
ANALYZE drogscen_school;
"""

# Each school's scenes: how many, the nearest, and their parts (keys, not
# values: integer arrays compare and hash cheaply).
UNION = """
CREATE TEMP TABLE drogscen_union ON COMMIT DROP AS
SELECT p.school, count(*) AS scenes, min(p.distance_m) AS nearest,
       array_agg(DISTINCT c.part ORDER BY c.part) AS parts
FROM drogscen_pair p JOIN drogscen_scene c ON c.key = p.scene
GROUP BY p.school;
ANALYZE drogscen_union;
"""

# The distinct (school schedule, parts) whose measures are needed, a pair's
# (one part) or a school's (all its scenes' parts), and their activity
# together; the measures once per distinct (school schedule, activity).
COMBINATIONS = """
CREATE TEMP TABLE drogscen_combination ON COMMIT DROP AS
SELECT DISTINCT s.schedule AS school, ARRAY[c.part] AS parts
FROM drogscen_pair p JOIN drogscen_school s ON s.key = p.school
     JOIN drogscen_scene c ON c.key = p.scene
UNION
SELECT s.schedule, u.parts FROM drogscen_union u JOIN drogscen_school s ON s.key = u.school;
ALTER TABLE drogscen_combination ADD COLUMN id serial PRIMARY KEY,
  ADD COLUMN active tsmultirange, ADD COLUMN measure int;
UPDATE drogscen_combination k SET active = a.active
FROM (SELECT k.id, range_agg(t.active) AS active
      FROM drogscen_combination k CROSS JOIN unnest(k.parts) AS part
           JOIN drogscen_part t ON t.id = part
      GROUP BY k.id) AS a
WHERE a.id = k.id;
CREATE TEMP TABLE drogscen_measure ON COMMIT DROP AS
SELECT DISTINCT school, active FROM drogscen_combination;
ALTER TABLE drogscen_measure ADD COLUMN id serial PRIMARY KEY;
UPDATE drogscen_combination k SET measure = m.id FROM drogscen_measure m
  WHERE m.school = k.school AND m.active = k.active;
CREATE INDEX ON drogscen_combination (school, parts);
ANALYZE drogscen_combination;
CREATE TEMP TABLE drogscen_text (id int PRIMARY KEY, presence_hours text, guard_hours text,
    round_days text, round_before text, conflict_dates text, round_count bigint) ON COMMIT DROP;
"""
ACTIVITIES = "SELECT id, school, active::text FROM drogscen_measure"

# Minutes of time overlaps with the range operators * (both) and - (only the
# first); per 7 days of the period rounded half to even, as the desktop rounds
# (%% is psycopg2's %).
MINUTES = """
CREATE FUNCTION pg_temp.drogscen_minutes(tsmultirange) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS
  'SELECT coalesce(sum(extract(epoch FROM upper(r) - lower(r)))::bigint / 60, 0)
   FROM unnest($1) AS r';
CREATE FUNCTION pg_temp.drogscen_per_7_days(bigint, int) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS
  'SELECT $1 * 7 / $2 + CASE WHEN 2 * ($1 * 7 %% $2) > $2
                              OR 2 * ($1 * 7 %% $2) = $2 AND $1 * 7 / $2 %% 2 = 1
                         THEN 1 ELSE 0 END';
ALTER TABLE drogscen_measure ADD COLUMN period_scene_min bigint,
  ADD COLUMN period_concurrent_min bigint, ADD COLUMN period_afterhours_min bigint,
  ADD COLUMN presence_hours text, ADD COLUMN guard_hours text, ADD COLUMN round_days text,
  ADD COLUMN round_before text, ADD COLUMN conflict_dates text, ADD COLUMN round_count bigint;
UPDATE drogscen_measure m SET
  period_scene_min = pg_temp.drogscen_minutes(t.in_period),
  period_concurrent_min = pg_temp.drogscen_minutes(t.in_period * x.open),
  period_afterhours_min = pg_temp.drogscen_minutes(t.in_period - x.open),
  presence_hours = w.presence_hours, guard_hours = w.guard_hours, round_days = w.round_days,
  round_before = w.round_before, conflict_dates = w.conflict_dates, round_count = w.round_count
FROM (SELECT id, active * tsmultirange(tsrange(%(start)s, %(end)s)) AS in_period
      FROM drogscen_measure) AS t, drogscen_schedule x, drogscen_text w
WHERE t.id = m.id AND x.id = m.school AND w.id = m.id;
ALTER TABLE drogscen_measure ADD COLUMN scene_min bigint, ADD COLUMN concurrent_min bigint,
  ADD COLUMN afterhours_min bigint;
UPDATE drogscen_measure SET
  scene_min = pg_temp.drogscen_per_7_days(period_scene_min, %(days)s),
  concurrent_min = pg_temp.drogscen_per_7_days(period_concurrent_min, %(days)s),
  afterhours_min = pg_temp.drogscen_per_7_days(period_afterhours_min, %(days)s);
ANALYZE drogscen_measure;
"""


def keys_with(temporary, condition):
    """The keys of ``temporary`` where ``condition`` (SQL with %s parameters) holds."""
    return sql.SQL("SELECT array_agg(key ORDER BY key) FROM {} WHERE " + condition).format(
        sql.Identifier(temporary)
    )
