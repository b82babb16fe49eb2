"""A throwaway PostgreSQL cluster with PostGIS on 127.0.0.1, for the database tests.

``start_postgis`` (the ``postgis`` fixture in conftest.py) runs one cluster per
test session on a free port, in a folder of its own, so that parallel runs
never meet; it loads the sample data into the database ``drogscen``.
"""

import getpass
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

import pytest
from qgis.core import (
    QgsDataSourceUri,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsVectorLayerExporter,
)

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
        self.run(
            "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
            as_server=True,
        )
        options = (
            "-c listen_addresses=127.0.0.1 -p {} -c unix_socket_directories={} -c fsync=off".format(
                self.port, self.folder
            )
        )
        self.run(
            "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.log,
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
            as_server=True,
        )

    def sql(self, statement, database="postgres"):
        self.run(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-q",
            "-c",
            statement,
        )

    def stop(self):
        try:
            if os.path.exists(os.path.join(self.data, "postmaster.pid")):
                self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", as_server=True)
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

    def __init__(self, cluster, database=DATABASE, user="postgres"):
        self.cluster = cluster
        self.port = cluster.port
        self.connection_uri = "dbname='{}' host=127.0.0.1 port={} user='{}' sslmode=disable".format(
            database, cluster.port, user
        )
        self.connection = (
            QgsProviderRegistry.instance()
            .providerMetadata("postgres")
            .createConnection(self.connection_uri, {})
        )

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


def running_postgis(sample_gpkg):
    """The sample data in a PostGIS database on a cluster of its own (a generator
    for a fixture: it skips where PostgreSQL cannot run, and stops the cluster)."""
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
            pytest.skip(
                "PostgreSQL ({}) could not be started as {}: {} {}".format(
                    bindir,
                    cluster.user or getpass.getuser(),
                    getattr(error, "stderr", error),
                    cluster.log_tail(),
                )
            )
        try:
            cluster.sql("CREATE EXTENSION postgis", DATABASE)
        except subprocess.CalledProcessError as error:
            pytest.skip(
                "PostGIS is not installed for PostgreSQL ({}; {}): {}".format(
                    bindir, INSTALL, error.stderr
                )
            )
        database = PostGIS(cluster)
        load_sample(database, sample_gpkg)
        yield database
        database.connection = None  # QGIS's connection goes before the server
    finally:
        cluster.stop()
