"""drogscen:publish: the shared lägesbild in a PostGIS schema, in one transaction,
with a run table and read-only grants; a reader never sees half of it."""

import threading

import processing
import pytest
from qgis.core import QgsProject, QgsProviderRegistry

from tests.qgis import test_dock
from tests.qgis.test_dock import run

psycopg2 = pytest.importorskip(
    "psycopg2", reason="publishing needs psycopg2 (Debian: python3-psycopg2)"
)

CONNECTION = "drogscen-shared"

# The dock on the sample data, shared with test_dock.
clean_settings = test_dock.clean_settings
sample = test_dock.sample
dock = test_dock.dock


@pytest.fixture(scope="module")
def shared(postgis, sample_gpkg):
    """A saved connection to the test database, a schema and a reader role, and
    the analysis of the sample in memory."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(
        metadata.createConnection(postgis.connection_uri, {"saveUsername": True}), CONNECTION
    )
    postgis.cluster.sql("CREATE SCHEMA shared; CREATE ROLE partner LOGIN", "drogscen")
    result = processing.run(
        "drogscen:overlap",
        {
            "SCENES": "{}|layername=scenes".format(sample_gpkg),
            "SCHOOLS": "{}|layername=schools".format(sample_gpkg),
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
        },
    )
    yield postgis, result
    metadata.deleteConnection(CONNECTION)


def publish(result, **parameters):
    return processing.run(
        "drogscen:publish",
        dict(
            {
                "OVERLAPS": result["OUTPUT"],
                "SUMMARY": result["SUMMARY"],
                "CONNECTION": CONNECTION,
                "SCHEMA": "shared",
                "NAME": "lagesbild",
                "READERS": "partner",
                "NOTE": "distance 300 m",
            },
            **parameters,
        ),
    )


def partner(postgis, statement):
    """What the read-only role sees."""
    connection = psycopg2.connect(
        host="127.0.0.1", port=postgis.port, dbname="drogscen", user="partner"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchall()
    finally:
        connection.close()


def test_publish_writes_the_tables_and_a_run_row_readable_by_the_partner(shared):
    postgis, result = shared
    published = publish(result)
    assert published["OVERLAPS_TABLE"] == "shared.lagesbild_overlaps"
    count = partner(postgis, "SELECT count(*), count(geom) FROM shared.lagesbild_overlaps")
    assert count == [(result["PAIR_COUNT"], result["PAIR_COUNT"])]
    schools = result["SUMMARY"].featureCount()
    assert partner(postgis, "SELECT count(*) FROM shared.lagesbild_summary") == [(schools,)]
    run = partner(
        postgis,
        "SELECT id, published_by, pair_count, school_count, "
        "parameters->>'note', plugin_version <> '' FROM shared.drogscen_runs "
        "WHERE id = {}".format(published["RUN_ID"]),
    )
    assert run == [
        (published["RUN_ID"], "postgres", result["PAIR_COUNT"], schools, "distance 300 m", True)
    ]
    with pytest.raises(psycopg2.Error):  # read-only
        partner(postgis, "DELETE FROM shared.lagesbild_overlaps")


def test_republishing_replaces_in_one_transaction_a_reader_never_sees_half(shared):
    postgis, result = shared
    publish(result)
    seen = []
    stop = threading.Event()

    def read():
        while not stop.is_set():
            seen.extend(partner(postgis, "SELECT count(*) FROM shared.lagesbild_overlaps"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(3):
            publish(result)
    finally:
        stop.set()
        reader.join()
    assert seen and set(seen) == {(result["PAIR_COUNT"],)}
    runs = partner(postgis, "SELECT count(*) FROM shared.drogscen_runs")[0][0]
    assert runs >= 4


def test_a_name_that_is_not_a_table_name_is_refused(shared):
    _, result = shared
    with pytest.raises(Exception) as error:
        publish(result, NAME="läges bild; drop")
    assert "is not a table name of letters, digits and underscores" in str(error.value)


def test_the_dock_offers_publishing_for_a_run_on_postgis_layers_only(qtbot, dock, shared):
    postgis, _ = shared
    run(qtbot, dock)  # the sample's GeoPackage layers
    assert not dock.publish_button.isEnabled()

    scenes, schools = postgis.layer("scenes", "fid"), postgis.layer("schools", "fid")
    QgsProject.instance().addMapLayers([scenes, schools])
    dock.form.scenes.setLayer(scenes)
    dock.form.schools.setLayer(schools)
    run(qtbot, dock)

    assert dock.publish_button.isEnabled()
    parameters = dock.publish_button.parameters
    assert parameters["CONNECTION"] == CONNECTION  # the saved connection to that database
    assert parameters["OVERLAPS"] is dock.result.overlaps
    assert parameters["SUMMARY"] is dock.result.summary
    # What the dialog opens with publishes as it is.
    published = processing.run(
        "drogscen:publish", dict(parameters, SCHEMA="shared", NAME="from_the_dock")
    )
    assert postgis.connection.tableExists("shared", "from_the_dock_overlaps")
    assert published["OVERLAPS_TABLE"]
