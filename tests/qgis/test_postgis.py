"""drogscen:overlap on PostGIS, as municipalities keep their data.

A throwaway PostgreSQL cluster with PostGIS runs on 127.0.0.1 for the
session (``make test`` installs the Debian packages); QGIS loads the sample
data into it. The analysis reads PostGIS layers and writes a PostGIS table
(``postgres://`` destination) or a GeoPackage, and equals, feature for
feature, the analysis of the sample GeoPackage. A second copy of the data
has the column types PostGIS databases bring: bigint ids beyond 32 bits,
varchar and text hours, time-zone timestamps, multi-part 3D geometries.
"""

import getpass
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

import processing
import pytest
from qgis.core import (
    QgsApplication,
    QgsDataSourceUri,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsVectorLayerExporter,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from drogscen_plugin.core.fields import PAIR_FIELDS, SUMMARY_FIELDS

DATABASE = "drogscen"
# Ids of the second copy: beyond what 32 bits hold.
BIG = 10_000_000_000
INSTALL = "Debian/Ubuntu: apt-get install postgresql postgresql-postgis (make test does)"


# --- a throwaway cluster ----------------------------------------------------------


def server_bindir():
    """The bin folder of the newest PostgreSQL server installed, or None."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")  # Debian and Ubuntu
    if found:
        return os.path.dirname(max(found, key=lambda path: int(path.split(os.sep)[4])))
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """initdb, start and stop a cluster in a folder of its own.

    PostgreSQL refuses to run as root: then it runs as the ``postgres`` user
    that the Debian packages create.
    """

    def __init__(self, bindir):
        self.bindir = bindir
        self.folder = tempfile.mkdtemp(prefix="drogscen-postgis-")
        self.data = os.path.join(self.folder, "data")
        self.log = os.path.join(self.folder, "server.log")
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            self.user = "postgres"
            account = pwd.getpwnam(self.user)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        os.chmod(self.folder, 0o700)

    def run(self, program, *arguments, as_server=False):
        command = [os.path.join(self.bindir, program), *arguments]
        if as_server and self.user:
            command = ["runuser", "-u", self.user, "--"] + command
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)

    def start(self):
        self.run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                 "--no-locale", "--no-sync", as_server=True)
        options = "-c listen_addresses=127.0.0.1 -p {} -c unix_socket_directories={} " \
                  "-c fsync=off".format(self.port, self.folder)
        self.run("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60",
                 "start", as_server=True)

    def sql(self, statement, database="postgres"):
        self.run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d",
                 database, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement)

    def stop(self):
        try:
            if os.path.exists(os.path.join(self.data, "postmaster.pid")):
                self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop",
                         as_server=True)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def log_tail(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as log:
                return log.read()[-800:]
        except OSError:
            return ""


class PostGIS:
    """The database: URIs for QGIS, and SQL through QGIS's own connection."""

    def __init__(self, port):
        self.port = port
        self.connection_uri = (
            "dbname='{}' host=127.0.0.1 port={} user='postgres' sslmode=disable".format(
                DATABASE, port
            )
        )
        self.connection = QgsProviderRegistry.instance().providerMetadata(
            "postgres").createConnection(self.connection_uri, {})

    def uri(self, table, key=None):
        uri = QgsDataSourceUri(self.connection_uri)
        uri.setDataSource("public", table, "geom", "", key or "")
        return uri.uri(False)

    def layer(self, table, key):
        layer = QgsVectorLayer(self.uri(table, key), table, "postgres")
        assert layer.isValid(), table
        return layer

    def processing_uri(self, table):
        """The table as Processing takes it, as a source or a destination."""
        return "postgres://" + self.uri(table)

    def sql(self, statement):
        return self.connection.executeSql(statement)

    def exists(self, table):
        return self.connection.tableExists("public", table)


@pytest.fixture(scope="session")
def postgis(sample_gpkg):
    """The sample data in a PostGIS database on a cluster of its own."""
    if "postgres" not in QgsProviderRegistry.instance().providerList():
        pytest.skip("QGIS has no PostgreSQL provider here")
    bindir = server_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed ({})".format(INSTALL))
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            pytest.skip("running as root without runuser: PostgreSQL cannot be started")
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root, and no user 'postgres' to run PostgreSQL as")
    cluster = Cluster(bindir)
    try:
        try:
            cluster.start()
            cluster.sql("CREATE DATABASE {}".format(DATABASE))
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            pytest.skip("PostgreSQL ({}) could not be started as {}: {} {}".format(
                bindir, cluster.user or getpass.getuser(),
                getattr(error, "stderr", error), cluster.log_tail()))
        try:
            cluster.sql("CREATE EXTENSION postgis", DATABASE)
        except subprocess.CalledProcessError as error:
            pytest.skip("PostGIS is not installed for PostgreSQL ({}; {}): {}".format(
                bindir, INSTALL, error.stderr))
        database = PostGIS(cluster.port)
        load_sample(database, sample_gpkg)
        yield database
        database.connection = None  # QGIS's connection goes before the server
    finally:
        cluster.stop()


def load_sample(database, sample_gpkg):
    """The sample's scenes and schools as QGIS exports them, plus a copy with PostGIS's types."""
    for name in ("scenes", "schools"):
        layer = QgsVectorLayer("{}|layername={}".format(sample_gpkg, name), name, "ogr")
        error, message = QgsVectorLayerExporter.exportLayer(
            layer, database.uri(name, "fid"), "postgres", layer.crs(), False, {"overwrite": True}
        )
        assert error == QgsVectorLayerExporter.NoError, message
    database.sql(
        """
        CREATE TABLE scenes_pg AS SELECT
            fid::bigint + {big} AS id, name::varchar(200) AS name,
            active_hours::varchar(500) AS active_hours, status::varchar(20) AS status,
            (first_seen::timestamp AT TIME ZONE 'Europe/Stockholm') AS first_seen,
            (closed_on::timestamp AT TIME ZONE 'Europe/Stockholm') AS closed_on, geom
            FROM scenes;
        ALTER TABLE scenes_pg ADD PRIMARY KEY (id);
        ALTER TABLE scenes_pg ALTER COLUMN geom TYPE geometry(MultiPolygonZ, 3006)
            USING ST_Force3D(ST_Multi(geom));
        CREATE TABLE schools_pg AS SELECT
            fid::bigint + {big} AS id, name::varchar(200) AS name, type::varchar(40) AS type,
            opening_hours::text AS opening_hours, geom FROM schools;
        ALTER TABLE schools_pg ADD PRIMARY KEY (id);
        ALTER TABLE schools_pg ALTER COLUMN geom TYPE geometry(MultiPointZ, 3006)
            USING ST_Translate(ST_Force3D(ST_Multi(geom)), 0, 0, 25);
        """.format(big=BIG)
    )


# --- the comparison -----------------------------------------------------------------


def layer_of(result, name):
    output = result[name]
    if isinstance(output, QgsVectorLayer):
        return output
    if output.startswith("postgres://"):
        return QgsVectorLayer(output[len("postgres://"):], name, "postgres")
    return QgsVectorLayer(output, name, "ogr")


def plain(value):
    return None if isinstance(value, QVariant) and value.isNull() else value


def by_ids(layer, spec, key, id_maps=None):
    """{ids: (attributes, geometry)} of an output; ``id_maps`` turn the feature
    ids in school_fid and scene_fid into those of the sample GeoPackage."""
    names = [name for name, _ in spec]
    features = {}
    for feature in layer.getFeatures():
        values = {name: plain(feature[name]) for name in names}
        for name, ids in (id_maps or {}).items():
            if name in values:
                values[name] = ids[values[name]]
        found = tuple(values[name] for name in key)
        assert found not in features
        features[found] = (values, feature.geometry())
    return features


def assert_same_output(actual, expected, spec, key, id_maps):
    assert actual.isValid()
    ours, theirs = by_ids(actual, spec, key, id_maps), by_ids(expected, spec, key)
    assert set(ours) == set(theirs)
    for ids, (values, geometry) in theirs.items():
        got, shape = ours[ids]
        for name, kind in spec:
            if kind == "double" and values[name] is not None:
                assert got[name] == pytest.approx(values[name], rel=1e-9), (ids, name)
            else:
                assert got[name] == values[name], (ids, name)
        assert QgsWkbTypes.flatType(shape.wkbType()) in (
            QgsWkbTypes.flatType(geometry.wkbType()),
            QgsWkbTypes.multiType(QgsWkbTypes.flatType(geometry.wkbType())),
        )
        assert shape.equals(geometry) or shape.symDifference(geometry).area() <= 1e-9 * max(
            geometry.area(), 1.0
        ), ids


@pytest.fixture(scope="module")
def from_geopackage(sample_gpkg):
    """The analysis of the sample GeoPackage itself: the reference."""
    return processing.run(
        "drogscen:overlap",
        {
            "SCENES": "{}|layername=scenes".format(sample_gpkg),
            "SCHOOLS": "{}|layername=schools".format(sample_gpkg),
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
        },
    )


VARIANTS = {
    # tables, primary key, id offset
    "as QGIS exports them": ("scenes", "schools", "fid", 0),
    "bigint ids, varchar, timestamptz, multi-part 3D": ("scenes_pg", "schools_pg", "id", BIG),
}


def inputs(postgis, variant):
    """The variant's scene and school layers, and for each the sample GeoPackage's
    feature id by the layer's feature id.

    QGIS numbers the features of a table with a bigint key itself, so the
    ids of the outputs are the layers' feature ids, not the keys.
    """
    scenes, schools, key, offset = VARIANTS[variant]
    layers = postgis.layer(scenes, key), postgis.layer(schools, key)
    id_maps = {
        name: {feature.id(): feature[key] - offset for feature in layer.getFeatures()}
        for name, layer in zip(("scene_fid", "school_fid"), layers)
    }
    return layers[0], layers[1], id_maps


def test_the_postgis_copy_has_postgis_types(postgis):
    scenes = postgis.layer("scenes_pg", "id")
    schools = postgis.layer("schools_pg", "id")
    assert scenes.wkbType() == QgsWkbTypes.MultiPolygonZ
    assert schools.wkbType() == QgsWkbTypes.MultiPointZ
    fields = scenes.fields()
    assert fields.field("id").type() == QVariant.LongLong
    assert fields.field("active_hours").typeName() == "varchar"
    assert fields.field("first_seen").typeName() == "timestamptz"
    assert fields.field("first_seen").type() == QVariant.DateTime
    assert schools.fields().field("opening_hours").typeName() == "text"
    assert min(f["id"] for f in scenes.getFeatures()) > 2**32


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("output", ["postgis", "gpkg"])
def test_overlap_on_postgis_equals_the_geopackage_feature_for_feature(
    postgis, from_geopackage, variant, output, tmp_path
):
    scenes, schools, id_maps = inputs(postgis, variant)
    suffix = "{}_{}".format(list(VARIANTS).index(variant), output)
    if output == "postgis":
        destinations = {name: postgis.processing_uri("{}_{}".format(name.lower(), suffix))
                        for name in ("OUTPUT", "SUMMARY")}
    else:
        destinations = {name: str(tmp_path / "{}.gpkg".format(name.lower()))
                        for name in ("OUTPUT", "SUMMARY")}
    result = processing.run(
        "drogscen:overlap", dict({"SCENES": scenes, "SCHOOLS": schools}, **destinations)
    )
    if output == "postgis":
        assert postgis.exists("output_" + suffix) and postgis.exists("summary_" + suffix)

    for name in ("PAIR_COUNT", "REPAIRED_COUNT", "SKIPPED_COUNT", "HOURS_UNKNOWN_COUNT",
                 "HOURS_INVALID_COUNT"):
        assert result[name] == from_geopackage[name], name
    assert result["PAIR_COUNT"] > 5
    assert_same_output(layer_of(result, "OUTPUT"), from_geopackage["OUTPUT"], PAIR_FIELDS,
                       ("school_fid", "scene_fid"), id_maps)
    assert_same_output(layer_of(result, "SUMMARY"), from_geopackage["SUMMARY"], SUMMARY_FIELDS,
                       ("school_fid",), id_maps)


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []
        self.errors = []

    def pushWarning(self, message):  # noqa: N802 (QGIS API)
        self.warnings.append(message)
        super().pushWarning(message)

    def reportError(self, error, fatal=False):  # noqa: N802 (QGIS API)
        self.errors.append(error)
        super().reportError(error, fatal)


def test_an_existing_postgis_table_is_replaced_and_the_user_told(postgis, from_geopackage):
    # The inputs as the strings Processing also accepts.
    scenes, schools = (postgis.processing_uri(name) for name in ("scenes", "schools"))
    parameters = {"SCENES": scenes, "SCHOOLS": schools, "SUMMARY": "memory:",
                  "OUTPUT": postgis.processing_uri("overlap_twice")}
    first = processing.run("drogscen:overlap", parameters)
    assert first["PAIR_COUNT"] == from_geopackage["PAIR_COUNT"]
    assert layer_of(first, "OUTPUT").featureCount() == first["PAIR_COUNT"]
    feedback = RecordingFeedback()
    result = processing.run("drogscen:overlap", dict(parameters, DISTANCE=100), feedback=feedback)
    assert "Overlaps (OUTPUT): the table public.overlap_twice exists and is replaced." in (
        feedback.warnings
    )
    assert layer_of(result, "OUTPUT").featureCount() == result["PAIR_COUNT"] < first["PAIR_COUNT"]


def run_to_failure(parameters, feedback):
    """Run drogscen:overlap, which must fail; its error message (see
    test_hard_inputs.run_to_failure: the caller holds no layer objects)."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:overlap")
    context = QgsProcessingContext()
    results, ok = algorithm.run(parameters, context, feedback)
    context.temporaryLayerStore().removeAllMapLayers()
    assert not ok and not results
    return feedback.errors[-1]


def test_an_input_table_is_never_the_output(postgis):
    inputs = {name: postgis.processing_uri(table)
              for name, table in (("SCENES", "scenes"), ("SCHOOLS", "schools"))}
    before = postgis.sql("SELECT count(*), sum(ST_Area(geom)) FROM scenes")
    for destination in (postgis.processing_uri("scenes"), "postgis:" + postgis.uri("scenes")):
        error = run_to_failure(dict(inputs, OUTPUT=destination, SUMMARY="memory:"),
                               RecordingFeedback())
        assert "would replace the input layer" in error and "(SCENES)" in error
    assert postgis.sql("SELECT count(*), sum(ST_Area(geom)) FROM scenes") == before


def test_cancel_while_writing_leaves_no_table(postgis):
    feedback = RecordingFeedback()
    feedback.progressChanged.connect(lambda value: value >= 95 and feedback.cancel())
    error = run_to_failure(
        {"SCENES": postgis.processing_uri("scenes"), "SCHOOLS": postgis.processing_uri("schools"),
         "OUTPUT": postgis.processing_uri("overlap_canceled"),
         "SUMMARY": postgis.processing_uri("summary_canceled")},
        feedback,
    )
    assert "canceled" in error
    assert not postgis.exists("overlap_canceled")
    assert not postgis.exists("summary_canceled")


def test_a_run_that_fails_while_writing_keeps_the_old_tables_whole(postgis):
    inputs = {"SCENES": postgis.processing_uri("scenes"),
              "SCHOOLS": postgis.processing_uri("schools")}
    outputs = {"OUTPUT": postgis.processing_uri("overlap_kept"),
               "SUMMARY": postgis.processing_uri("summary_kept")}
    processing.run("drogscen:overlap", dict(inputs, DISTANCE=100, **outputs))
    snapshot = "SELECT count(*), sum(overlap_m2) FROM overlap_kept"
    before = postgis.sql(snapshot), postgis.sql("SELECT count(*) FROM summary_kept")
    for percent in (92, 97):  # while writing the overlaps, then the summary
        feedback = RecordingFeedback()
        feedback.progressChanged.connect(
            lambda value, feedback=feedback, percent=percent: value >= percent and feedback.cancel())
        assert "canceled" in run_to_failure(dict(inputs, **outputs), feedback)
        assert (postgis.sql(snapshot), postgis.sql("SELECT count(*) FROM summary_kept")) == before
    # Staged tables are renamed in or dropped: none is left beside the outputs.
    assert postgis.sql("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%drogscen%'") == [[0]]
