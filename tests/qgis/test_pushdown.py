"""drogscen:overlap as SQL in PostGIS (RUN_IN_DATABASE) against the desktop run
and against an independent oracle, on the sample data and on hard cases.

The database run must give the desktop's pairs, ids, names, minutes and
measures, distances within 1 mm and areas within 0.1 %. Areas are also
checked against shapely with a 1,024-corner circle, independent of both.
"""

import math
import threading

import processing
import pytest
from qgis.core import (
    QgsApplication,
    QgsDataSourceUri,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from shapely import wkt

from drogscen_plugin.core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from drogscen_plugin.database import session

psycopg2 = pytest.importorskip(
    "psycopg2", reason="the database run needs psycopg2 (Debian: python3-psycopg2)"
)

# Around Stockholm in SWEREF 99 TM.
X, Y = 674000, 6580000

HARD_CASES = """
DROP TABLE IF EXISTS scenes_hard, schools_hard, grounds_hard;
-- 'wholly inside' and 'Gården' have hours that are legal but unlikely (no days; weekends).
CREATE TABLE scenes_hard (id serial PRIMARY KEY, name text, active_hours text, geom geometry);
INSERT INTO scenes_hard (name, active_hours, geom) VALUES
  ('bowtie', 'Fr,Sa 22:00-03:00',
   ST_GeomFromText('POLYGON(({x} {y}, {x1} {y1}, {x1} {y}, {x} {y1}, {x} {y}))', 3006)),
  ('two parts', 'Mo-Fr 07:00-09:00', ST_GeomFromText('MULTIPOLYGON((({x2} {y}, {x3} {y},
   {x3} {y1}, {x2} {y1}, {x2} {y})), (({x4} {y}, {x5} {y}, {x5} {y1}, {x4} {y1}, {x4} {y})))',
   3006)),
  ('no hours', NULL, ST_Buffer(ST_MakePoint({x6}, {y}), 60)),
  ('unreadable', 'Mo-Fr 25:00-26:00', ST_Buffer(ST_MakePoint({x6}, {y2}), 40)),
  ('empty', 'Mo 10:00-12:00', 'POLYGON EMPTY'::geometry),
  ('none', 'Mo 10:00-12:00', NULL),
  ('wholly inside', '10:00-14:00', ST_Buffer(ST_MakePoint({x}, {y2}), 20)),
  ('far away', '24/7', ST_Buffer(ST_MakePoint({x} + 10000, {y}), 50));
ALTER TABLE scenes_hard ALTER COLUMN geom TYPE geometry(MultiPolygon, 3006)
  USING ST_SetSRID(ST_Multi(geom), 3006);
CREATE TABLE schools_hard (id serial PRIMARY KEY, name text, type text, opening_hours text,
                           reach float8, geom geometry(Point, 3006));
INSERT INTO schools_hard (name, type, opening_hours, reach, geom) VALUES
  ('Punkten', 'grundskola', NULL, NULL, ST_SetSRID(ST_MakePoint({x} - 150, {y} + 50), 3006)),
  ('Egna avståndet', 'grundskola', 'Mo-Fr 08:00-15:00', 80,
   ST_SetSRID(ST_MakePoint({x6} - 100, {y}), 3006)),
  ('Fel avstånd', 'grundskola', NULL, -5, ST_SetSRID(ST_MakePoint({x6} + 150, {y2}), 3006)),
  ('Oläsliga timmar', 'gymnasieskola', 'sometimes', NULL,
   ST_SetSRID(ST_MakePoint({x} + 30, {y2} - 30), 3006)),
  ('Ingen nära', 'förskola', NULL, NULL, ST_SetSRID(ST_MakePoint({x} - 5000, {y}), 3006)),
  ('Utan plats', 'grundskola', NULL, NULL, NULL);
CREATE TABLE grounds_hard (id serial PRIMARY KEY, name text, type text, opening_hours text,
                           reach float8, geom geometry(MultiPolygon, 3006));
INSERT INTO grounds_hard (name, type, opening_hours, reach, geom) VALUES
  ('Gården', 'förskola', 'Mo-Su 07:30-17:00', NULL, ST_Multi(ST_GeomFromText(
   'POLYGON(({x3} {y3}, {x4} {y3}, {x4} {y4}, {x3} {y4}, {x3} {y3}))', 3006))),
  ('Två gårdar', 'grundskola', NULL, 120, ST_Multi(ST_Collect(
   ST_Buffer(ST_SetSRID(ST_MakePoint({x}, {y} - 250), 3006), 30),
   ST_Buffer(ST_SetSRID(ST_MakePoint({x6}, {y} - 200), 3006), 30)))),
  ('Rosett', 'grundskola', NULL, NULL, ST_Multi(ST_GeomFromText(
   'POLYGON(({x} {y4}, {x1} {y3}, {x1} {y4}, {x} {y3}, {x} {y4}))', 3006)));
""".format(
    x=X,
    y=Y,
    x1=X + 120,
    y1=Y + 120,
    x2=X + 400,
    x3=X + 460,
    x4=X + 520,
    x5=X + 560,
    x6=X + 1200,
    y2=Y + 600,
    y3=Y - 200,
    y4=Y - 120,
)


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, message):  # noqa: N802 (QGIS API)
        self.lines.append(message)
        super().pushInfo(message)

    def pushWarning(self, message):  # noqa: N802 (QGIS API)
        self.lines.append(message)
        super().pushWarning(message)


@pytest.fixture(scope="module")
def hard(postgis):
    postgis.sql(HARD_CASES)
    return postgis


# A plain week (no holiday, no lov) without the scenes' dates; calendar periods are in
# test_pushdown_period.py.
WEEK = {
    "PERIOD_START": "2026-03-02",
    "PERIOD_END": "2026-03-08",
    "SCENE_FROM_FIELD": "",
    "SCENE_TO_FIELD": "",
}


def run(database, scenes, schools, suffix, mode=0, **parameters):
    """Run drogscen:overlap; outputs in the database, or in memory for ``suffix`` None."""
    log = Log()
    outputs = {
        name: "memory:"
        if suffix is None
        else database.processing_uri("{}_{}".format(name.lower(), suffix))
        for name in ("OUTPUT", "SUMMARY")
    }
    result = processing.run(
        "drogscen:overlap",
        dict(
            {
                "SCENES": database.processing_uri(scenes),
                "SCHOOLS": database.processing_uri(schools),
                "RUN_IN_DATABASE": mode,
            },
            **dict(outputs, **dict(WEEK, **parameters)),
        ),
        feedback=log,
    )
    return result, log.lines


def rows(result, name, spec, key):
    """{key: (attributes, geometry WKB)} of an output layer."""
    layer = result[name]
    if not isinstance(layer, QgsVectorLayer):
        layer = QgsVectorLayer(layer[len("postgres://") :], name, "postgres")
    assert layer.isValid()
    found = {}
    for feature in layer.getFeatures():
        values = {}
        for field, _ in spec:
            value = feature[field]
            values[field] = None if isinstance(value, QVariant) and value.isNull() else value
        found[tuple(values[k] for k in key)] = (values, bytes(feature.geometry().asWkb()))
    return found


def area_tolerance(values, wkb, chord_error):
    """Relative tolerance of an overlap area: 0.1 %, or the desktop's chords (``chord_error``
    metres inside the true arcs of grounds buffers) along the piece's outline."""
    if not chord_error or not wkb or not values["overlap_m2"]:
        return 1e-3
    piece = QgsGeometry()
    piece.fromWkb(wkb)
    outline = piece.length()
    return max(1e-3, chord_error * outline / values["overlap_m2"])


def assert_equal_runs(ours, theirs, spec, key, areas, chord_error=0.0):
    """Equal keys and values; distances within 1 mm; areas within 0.1 % when ``areas``
    (or within the desktop's chord error along the outline, see ``area_tolerance``)."""
    ours, theirs = rows(ours[0], *spec, key), rows(theirs[0], *spec, key)
    assert set(ours) == set(theirs)
    for ids, (values, wkb) in theirs.items():
        got = ours[ids][0]
        for name, _kind in spec[1]:
            if name in ("distance_m", "nearest_m"):
                assert got[name] == pytest.approx(values[name], abs=1e-3), (ids, name)
            elif name in ("overlap_m2", "overlap_share"):
                if areas:
                    tolerance = area_tolerance(values, wkb, chord_error)
                    assert got[name] == pytest.approx(values[name], rel=tolerance), (ids, name)
            else:
                assert got[name] == values[name], (ids, name)


PAIRS = ("OUTPUT", PAIR_FIELDS)
SUMMARIES = ("SUMMARY", SUMMARY_FIELDS)
COUNTS = (
    "PAIR_COUNT",
    "REPAIRED_COUNT",
    "SKIPPED_COUNT",
    "HOURS_UNKNOWN_COUNT",
    "HOURS_INVALID_COUNT",
)


CASES = {
    "sample": ("scenes", "schools", {}),
    "hard cases": (
        "scenes_hard",
        "schools_hard",
        {"DISTANCE_FIELD": "reach", "SCENE_HOURS_FIELD": "active_hours"},
    ),
    "grounds": (
        "scenes_hard",
        "grounds_hard",
        {"DISTANCE_FIELD": "reach", "SCENE_HOURS_FIELD": "active_hours"},
    ),
}


@pytest.fixture(scope="module", params=list(CASES))
def both_runs(request, hard):
    scenes, schools, parameters = CASES[request.param]
    suffix = request.param.replace(" ", "_")
    database = run(hard, scenes, schools, "db_" + suffix, **parameters)
    desktop = run(hard, scenes, schools, "desk_" + suffix, mode=2, **parameters)
    return request.param, database, desktop


def test_the_database_run_says_where_it_ran_and_counts_as_the_desktop(both_runs):
    case, database, desktop = both_runs
    assert (
        "Running in the database: the inputs and outputs are tables of one PostGIS "
        "database." in database[1]
    )
    assert "Running on this computer: RUN_IN_DATABASE is 'never'." in desktop[1]
    for name in COUNTS:
        assert database[0][name] == desktop[0][name], name
    assert database[0]["PAIR_COUNT"] >= 3
    if case == "hard cases":
        counts = {name: database[0][name] for name in COUNTS}
        # the bowtie; 'empty' and 'none' and the school without a place; 'no hours';
        # 'unreadable' and the school's 'sometimes'
        assert counts == {
            "PAIR_COUNT": counts["PAIR_COUNT"],
            "REPAIRED_COUNT": 1,
            "SKIPPED_COUNT": 3,
            "HOURS_UNKNOWN_COUNT": 1,
            "HOURS_INVALID_COUNT": 2,
        }


def test_the_database_run_equals_the_desktop_in_all_but_areas(both_runs):
    _, database, desktop = both_runs
    assert_equal_runs(database, desktop, PAIRS, ("school_fid", "scene_fid"), areas=False)
    assert_equal_runs(database, desktop, SUMMARIES, ("school_fid",), areas=False)


def test_the_database_areas_equal_the_desktop_within_a_thousandth(both_runs):
    case, database, desktop = both_runs
    # Point schools: both exact to 0.1 %. Grounds: the desktop's arcs are chords up to
    # 5 cm inside the true ones (README), which a thin piece along the arc feels more.
    chord_error = 0.05 if case == "grounds" else 0.0
    assert_equal_runs(
        database, desktop, PAIRS, ("school_fid", "scene_fid"), areas=True, chord_error=chord_error
    )


def key(table):
    """The key column: QGIS exported the sample with "fid"."""
    return "fid" if table in ("scenes", "schools") else "id"


def oracle(database, scenes, schools, distance, reach_field=None):
    """{(school, scene): (distance, area, share)} with shapely and a 1,024-corner
    circle, from valid scenes; schools with their own reach when ``reach_field``."""
    scene_rows = database.sql(
        "SELECT {}, ST_AsText(geom) FROM {} WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom) "
        "AND ST_IsValid(geom)".format(key(scenes), scenes)
    )
    school_rows = database.sql(
        "SELECT {}, ST_AsText(geom), {} FROM {} WHERE geom IS NOT NULL".format(
            key(schools), reach_field or "NULL", schools
        )
    )
    found = {}
    for school, school_wkb, reach in school_rows:
        school_shape = wkt.loads(school_wkb)
        if not school_shape.is_valid:
            continue
        own = None if isinstance(reach, QVariant) else reach
        radius = own if own is not None and own >= 0 else distance
        disc = school_shape.buffer(radius, 256)
        for scene, scene_wkb in scene_rows:
            scene_shape = wkt.loads(scene_wkb)
            gap = school_shape.distance(scene_shape)
            if gap <= radius:
                area = disc.intersection(scene_shape).area
                whole = math.pi * radius**2 if school_shape.geom_type == "Point" else disc.area
                found[school, scene] = (gap, area, area / whole)
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_the_database_areas_equal_an_independent_oracle(hard, case):
    scenes, schools, parameters = CASES[case]
    result, _ = run(hard, scenes, schools, "oracle_" + case.replace(" ", "_"), **parameters)
    expected = oracle(hard, scenes, schools, 300.0, parameters.get("DISTANCE_FIELD"))
    pairs = rows(result, *PAIRS, ("school_fid", "scene_fid"))
    checked = 0
    for ids, (gap, area, share) in expected.items():
        values = pairs[ids][0]
        assert values["distance_m"] == pytest.approx(gap, abs=1e-3), ids
        assert values["overlap_m2"] == pytest.approx(area, rel=1e-3, abs=1e-6), ids
        assert values["overlap_share"] == pytest.approx(share, rel=1e-3, abs=1e-9), ids
        checked += 1
    assert checked >= 2
    # Pairs beyond the oracle's come only from the repaired scene and grounds.
    assert all(
        values["scene_name"] == "bowtie" or values["school_name"] == "Rosett"
        for ids, (values, _) in pairs.items()
        if ids not in expected
    )


def test_outputs_elsewhere_run_on_this_computer_and_say_so(hard):
    _, log = run(hard, "scenes", "schools", None)
    assert "Running on this computer: OUTPUT is not a table in the database of the inputs." in log


def test_always_refuses_outputs_elsewhere_before_writing(hard, tmp_path):
    with pytest.raises(Exception) as error:
        processing.run(
            "drogscen:overlap",
            {
                **WEEK,
                "SCENES": hard.processing_uri("scenes"),
                "SCHOOLS": hard.processing_uri("schools"),
                "OUTPUT": str(tmp_path / "out.gpkg"),
                "SUMMARY": "memory:",
                "RUN_IN_DATABASE": 1,
            },
        )
    assert (
        "Cannot run in the database (RUN_IN_DATABASE 'always'): OUTPUT is not a table in "
        "the database of the inputs." in str(error.value)
    )
    assert not (tmp_path / "out.gpkg").exists()


@pytest.fixture(scope="module")
def limited(postgis, sample_gpkg):
    """A database without PostGIS, and one whose user may not create temporary tables."""
    from postgis_cluster import PostGIS, load_sample

    cluster = postgis.cluster
    cluster.sql("CREATE DATABASE plain")
    cluster.sql("CREATE DATABASE notemp")
    cluster.sql("CREATE EXTENSION postgis", "notemp")
    notemp = PostGIS(cluster, "notemp")
    load_sample(notemp, sample_gpkg)
    cluster.sql(
        "REVOKE TEMP ON DATABASE notemp FROM PUBLIC; CREATE ROLE analyst LOGIN; "
        "GRANT USAGE, CREATE ON SCHEMA public TO analyst; "
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst",
        "notemp",
    )
    return PostGIS(cluster, "plain"), PostGIS(cluster, "notemp", user="analyst")


def test_a_database_without_postgis_is_named_as_lacking_it(limited):
    plain, _ = limited
    connection = session.connect(plain.connection_uri)
    try:
        assert session.missing(connection, ["public"]) == ["the PostGIS extension in the database"]
    finally:
        connection.close()


def test_a_user_without_temp_falls_back_or_is_refused_before_writing(limited):
    _, notemp = limited
    result, log = run(notemp, "scenes", "schools", "fallback")
    lacking = "the database lacks the right of user analyst to create temporary tables (TEMP)"
    assert "Running on this computer: {}.".format(lacking) in log
    assert result["PAIR_COUNT"] > 5 and notemp.exists("output_fallback")
    with pytest.raises(Exception) as error:
        run(notemp, "scenes", "schools", "refused", mode=1)
    assert "Cannot run in the database (RUN_IN_DATABASE 'always'): {}.".format(lacking) in str(
        error.value
    )
    assert not notemp.exists("output_refused") and not notemp.exists("summary_refused")


def test_selected_features_only_are_analysed_in_the_database(hard):
    # An integer key: QGIS's feature ids are the keys before any feature is read.
    layer = hard.layer("schools_hard", "id")
    QgsProject.instance().addMapLayer(layer)
    try:
        chosen = [1, 3, 5]
        layer.selectByIds(chosen)
        schools = QgsProcessingFeatureSourceDefinition(layer.id(), True)
        results = {}
        for mode in (0, 2):
            log = Log()
            results[mode] = processing.run(
                "drogscen:overlap",
                {
                    **WEEK,
                    "SCENES": hard.processing_uri("scenes_hard"),
                    "SCHOOLS": schools,
                    "SCENE_HOURS_FIELD": "active_hours",
                    "DISTANCE_FIELD": "reach",
                    "OUTPUT": hard.processing_uri("output_selected_{}".format(mode)),
                    "SUMMARY": hard.processing_uri("summary_selected_{}".format(mode)),
                    "RUN_IN_DATABASE": mode,
                },
                feedback=log,
            )
        summaries = rows(results[0], *SUMMARIES, ("school_fid",))
        assert sorted(ids[0] for ids in summaries) == chosen
        # Punkten and the bowtie, Fel avstånd and the unreadable scene; Ingen nära has none.
        assert sorted(rows(results[0], *PAIRS, ("school_fid", "scene_fid"))) == [(1, 1), (3, 4)]
        assert_equal_runs(
            (results[0],), (results[2],), PAIRS, ("school_fid", "scene_fid"), areas=False
        )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_the_outputs_load_into_the_project_as_sinks_do(hard):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    parameters = {
        "SCENES": hard.processing_uri("scenes"),
        "SCHOOLS": hard.processing_uri("schools"),
    }
    for name in ("OUTPUT", "SUMMARY"):
        parameters[name] = QgsProcessingOutputLayerDefinition(
            hard.processing_uri(name.lower() + "_loaded"), QgsProject.instance()
        )
    results, ok = algorithm.run(parameters, context, Log())
    assert ok
    loading = context.layersToLoadOnCompletion()
    assert set(loading) == {results["OUTPUT"], results["SUMMARY"]}
    assert loading[results["OUTPUT"]].name == "Overlaps"
    assert loading[results["OUTPUT"]].outputName == "OUTPUT"


def test_coordinates_that_are_not_finite_are_refused_naming_the_feature(hard):
    hard.sql(
        "DROP TABLE IF EXISTS schools_nan; CREATE TABLE schools_nan AS "
        "SELECT * FROM schools_hard; ALTER TABLE schools_nan ADD PRIMARY KEY (id); "
        "UPDATE schools_nan SET geom = ST_SetSRID(ST_MakePoint('NaN', 6580000), 3006) "
        "WHERE id = 3"
    )
    with pytest.raises(Exception) as error:
        run(hard, "scenes_hard", "schools_nan", "nan", mode=1)
    assert (
        "Layer 'schools_nan': features with coordinates that are not finite numbers "
        "(feature ids 3)." in str(error.value)
    )
    assert not hard.exists("output_nan")


def test_a_second_database_run_says_it_replaces_the_tables(hard):
    run(hard, "scenes", "schools", "twice")
    _, log = run(hard, "scenes", "schools", "twice", DISTANCE=100)
    assert "Overlaps (OUTPUT): the table public.output_twice exists and is replaced." in log
    assert "School summary (SUMMARY): the table public.summary_twice exists and is replaced." in log
    assert "Layer 'scenes' has no hours field: every scene is treated as always active." not in log


WAITING = (
    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'Drogscen' "
    "AND wait_event_type = 'Lock'"
)


def test_cancel_during_a_query_stops_the_database_and_keeps_the_old_table(hard):
    """The run waits for a table another session holds; cancel reaches the server."""
    first, _ = run(hard, "scenes", "schools", "held")
    holder = psycopg2.connect(host="127.0.0.1", port=hard.port, dbname="drogscen", user="postgres")
    log = Log()
    seen = []

    def poll(cursor, waiting):
        """Until the run's session is (or no longer is) waiting for the lock; bounded."""
        for _ in range(3000):
            cursor.execute(WAITING)
            if bool(cursor.fetchone()[0]) == waiting:
                return True
            cursor.execute("SELECT pg_sleep(0.01)")
        return False

    def cancel_once_waiting():
        watcher = psycopg2.connect(
            host="127.0.0.1", port=hard.port, dbname="drogscen", user="postgres"
        )
        watcher.autocommit = True
        try:
            with watcher.cursor() as cursor:
                seen.append(poll(cursor, True))
                log.cancel()
                seen.append(poll(cursor, False))
        finally:
            watcher.close()
            holder.rollback()  # lets a run that did not stop go on, so that the test ends

    with holder.cursor() as cursor:
        cursor.execute("LOCK TABLE output_held IN ACCESS SHARE MODE")
    watcher = threading.Thread(target=cancel_once_waiting)
    watcher.start()
    try:
        with pytest.raises(Exception) as error:
            processing.run(
                "drogscen:overlap",
                {
                    **WEEK,
                    "SCENES": hard.processing_uri("scenes"),
                    "SCHOOLS": hard.processing_uri("schools"),
                    "OUTPUT": hard.processing_uri("output_held"),
                    "SUMMARY": hard.processing_uri("summary_held"),
                    "DISTANCE": 100,
                },
                feedback=log,
            )
    finally:
        watcher.join()
        holder.close()
    assert seen == [True, True]
    assert "The analysis was canceled." in str(error.value)
    # The table of the first run, whole.
    assert hard.sql("SELECT count(*) FROM output_held") == [[first["PAIR_COUNT"]]]
    assert first["PAIR_COUNT"] > 0


def test_a_layer_filter_is_applied_in_the_database(hard):
    """The scenes layer's subset string (its SQL filter) is the desktop's too."""
    # An integer key: the desktop's feature ids are the keys also with a filter.
    source = QgsDataSourceUri(hard.uri("scenes_hard"))
    source.setSql('"name" NOT LIKE \'%inside%\' AND "id" <> 4')
    scenes = "postgres://" + source.uri(False)
    results = {}
    for mode in (0, 2):
        results[mode] = processing.run(
            "drogscen:overlap",
            {
                **WEEK,
                "SCENES": scenes,
                "SCHOOLS": hard.processing_uri("schools_hard"),
                "SCENE_HOURS_FIELD": "active_hours",
                "DISTANCE_FIELD": "reach",
                "OUTPUT": hard.processing_uri("output_filtered_{}".format(mode)),
                "SUMMARY": hard.processing_uri("summary_filtered_{}".format(mode)),
                "RUN_IN_DATABASE": mode,
            },
        )
    pairs = rows(results[0], *PAIRS, ("school_fid", "scene_fid"))
    # Of the four pairs, those with 'unreadable' (4) and 'wholly inside' (7) are filtered out.
    assert sorted(pairs) == [(1, 1), (2, 3)]
    assert_equal_runs((results[0],), (results[2],), PAIRS, ("school_fid", "scene_fid"), areas=False)


@pytest.mark.parametrize("mode", [0, 1])
def test_a_name_field_that_is_not_text_is_refused_in_the_database_too(hard, mode):
    """The same refusal as on this computer, before any table is written."""
    hard.sql(
        "DROP TABLE IF EXISTS scenes_dated; CREATE TABLE scenes_dated AS SELECT id, "
        "DATE '2024-01-01' + id AS name, active_hours, geom FROM scenes_hard; "
        "ALTER TABLE scenes_dated ADD PRIMARY KEY (id)"
    )
    with pytest.raises(
        QgsProcessingException,
        match="Layer '.*': field 'name' holds date, not text; choose a text field",
    ):
        processing.run(
            "drogscen:overlap",
            {
                "SCENES": hard.processing_uri("scenes_dated"),
                "SCHOOLS": hard.processing_uri("schools_hard"),
                "SCENE_HOURS_FIELD": "active_hours",
                "OUTPUT": hard.processing_uri("output_dated"),
                "SUMMARY": hard.processing_uri("summary_dated"),
                "RUN_IN_DATABASE": mode,
            },
        )
    assert not hard.exists("output_dated") and not hard.exists("summary_dated")


def test_a_skipped_summary_is_not_made_in_the_database(hard):
    both, _ = run(hard, "scenes", "schools", "summary_kept")
    only, lines = run(hard, "scenes", "schools", "summary_skipped", SUMMARY=None)

    assert any("Running in the database" in line for line in lines)
    assert "SUMMARY" not in only
    assert only["PAIR_COUNT"] == both["PAIR_COUNT"] > 0
    key = ("school_fid", "scene_fid")
    assert rows(only, "OUTPUT", PAIR_FIELDS, key) == rows(both, "OUTPUT", PAIR_FIELDS, key)
    tables = hard.sql("SELECT tablename FROM pg_tables WHERE tablename LIKE 'summary_summary_%'")
    assert [row[0] for row in tables] == ["summary_summary_kept"]
