"""The output guard of every algorithm: no output where an input, or another output, is.

Each refused run must leave the user's files byte for byte as they were, and
say in one message which output and which input clash.
"""

import hashlib
import shutil
import socket

import pytest
from layer_helpers import memory_layer, to_geopackage
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

X0, Y0 = 674000.0, 6580000.0
SCHOOL_FIELDS = [("name", "string"), ("type", "string"), ("opening_hours", "string")]
SCENE_FIELDS = [("name", "string"), ("active_hours", "string"), ("first_seen", "date")]


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []
        self.infos = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)

    def pushInfo(self, info):  # noqa: N802 (QGIS API)
        self.infos.append(info)


def schools():
    return memory_layer(
        "Point",
        SCHOOL_FIELDS,
        [
            ("POINT({} {})".format(X0 + 400 * i, Y0), ["S{}".format(i), "grundskola", None])
            for i in range(3)
        ],
        name="schools",
    )


def scenes():
    return memory_layer(
        "Polygon",
        SCENE_FIELDS,
        [
            (
                "POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))".format(
                    X0 + 400 * i + 50, Y0 - 30, X0 + 400 * i + 110, Y0 + 30
                ),
                ["C{}".format(i), "24/7", "2024-01-0{}".format(i + 1)],
            )
            for i in range(2)
        ],
        name="scenes",
    )


@pytest.fixture
def inputs(tmp_path):
    """schools and scenes as layers of inputs.gpkg; their sources by name."""
    path = tmp_path / "inputs.gpkg"
    to_geopackage(schools(), path, "schools")
    to_geopackage(scenes(), path, "scenes")
    return path, {name: "{}|layername={}".format(path, name) for name in ("schools", "scenes")}


def digest(folder):
    """Every file below ``folder`` with the hash of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def refused(algorithm_id, parameters):
    """Run an algorithm that must refuse; its one error, and what it said before."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    feedback = Feedback()
    context = QgsProcessingContext()
    results, ok = algorithm.run(parameters, context, feedback)
    context.temporaryLayerStore().removeAllMapLayers()
    assert not ok and not results
    assert len(feedback.errors) == 1, feedback.errors
    return feedback.errors[0], feedback.infos


def table(path, name):
    return "ogr:dbname='{}' table=\"{}\" (geom)".format(path, name)


def overlap(sources, **outputs):
    return dict(
        {
            "SCHOOLS": sources["schools"],
            "SCENES": sources["scenes"],
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
        },
        **outputs,
    )


def test_a_geopackage_layer_named_in_other_letter_case_is_the_input(inputs, tmp_path):
    path, sources = inputs
    before = digest(tmp_path)
    for name in ("SCENES", "Schools", "sCeNeS"):
        error, infos = refused("drogscen:overlap", overlap(sources, OUTPUT=table(path, name)))
        assert error.startswith(
            "Overlaps (OUTPUT): '{}' would replace the input layer".format(table(path, name))
        )
        assert not infos  # refused before reading
    assert digest(tmp_path) == before


def test_an_output_naming_no_layer_is_refused(inputs, tmp_path):
    path, sources = inputs
    before = digest(tmp_path)
    error, _ = refused("drogscen:overlap", overlap(sources, OUTPUT=table(path, "")))
    assert error == (
        "Overlaps (OUTPUT): '{}' names no layer; give the layer or table to write.".format(
            table(path, "")
        )
    )
    assert digest(tmp_path) == before


@pytest.mark.parametrize("second", ["same file", "same layer", "same layer, other case"])
def test_two_outputs_of_one_run_in_the_same_place_are_refused(inputs, tmp_path, second):
    _, sources = inputs
    out = tmp_path / "out.gpkg"
    first, other = {
        "same file": (str(out), str(out)),
        "same layer": (table(out, "result"), table(out, "result")),
        "same layer, other case": (table(out, "result"), table(out, "RESULT")),
    }[second]
    error, _ = refused("drogscen:overlap", overlap(sources, OUTPUT=first, SUMMARY=other))
    assert error == (
        "School summary (SUMMARY): '{}' is where Overlaps (OUTPUT) is written "
        "too; choose another output.".format(other)
    )
    assert not out.exists()


def shapefile(layer, path):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsVectorLayer().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error
    return str(path)


@pytest.mark.parametrize("output", ["scenes.SHP", "Scenes.shp", "scenes.dbf", "link.shp"])
def test_a_shapefile_in_other_case_a_sidecar_or_a_link_is_the_input(tmp_path, output):
    scene_path = shapefile(scenes(), tmp_path / "scenes.shp")
    (tmp_path / "link.shp").symlink_to(scene_path)
    before = digest(tmp_path)
    error, _ = refused(
        "drogscen:overlap",
        {
            "SCHOOLS": schools(),
            "SCENES": scene_path,
            "OUTPUT": str(tmp_path / output),
            "SUMMARY": "memory:",
        },
    )
    assert "would replace the input layer" in error and "(SCENES)" in error
    assert digest(tmp_path) == before


def test_inputs_read_through_other_providers_are_guarded_too(tmp_path):
    csv = tmp_path / "schools.csv"
    csv.write_text("name,type,wkt\nS0,grundskola,POINT({} {})\n".format(X0, Y0))
    sqlite = tmp_path / "scenes.sqlite"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "SQLite"
    options.datasourceOptions = ["SPATIALITE=YES"]
    options.layerName = "scenes"
    assert (
        QgsVectorFileWriter.writeAsVectorFormatV3(
            scenes(), str(sqlite), QgsVectorLayer().transformContext(), options
        )[0]
        == QgsVectorFileWriter.NoError
    )
    # By source text, not layer objects: a failed run keeps its caller's frame until
    # the interpreter exits, and file-backed layers freed after QGIS crash the exit.
    text = "delimitedtext://file://{}?type=csv&wktField=wkt&crs=EPSG:3006".format(csv)
    spatialite = "spatialite://dbname='{}' table=\"scenes\" (GEOMETRY)".format(sqlite)
    assert QgsVectorLayer(text[len("delimitedtext://") :], "t", "delimitedtext").isValid()
    assert QgsVectorLayer(spatialite[len("spatialite://") :], "s", "spatialite").isValid()
    before = digest(tmp_path)
    for output, parameter in (
        (str(csv), "SCHOOLS"),
        (str(sqlite), "SCENES"),
        (table(sqlite, "SCENES"), "SCENES"),
    ):
        error, _ = refused(
            "drogscen:overlap",
            {"SCHOOLS": text, "SCENES": spatialite, "OUTPUT": output, "SUMMARY": "memory:"},
        )
        assert "would replace the input layer" in error and "({})".format(parameter) in error
    assert digest(tmp_path) == before


def parameters_of(algorithm_id, sources, out):
    """Parameters of each algorithm with OUTPUT pointing at ``out``."""
    return {
        "drogscen:checkhours": {"INPUT": sources["scenes"], "FIELD": "active_hours", "OUTPUT": out},
        "drogscen:bufferschools": {"SCHOOLS": sources["schools"], "OUTPUT": out},
        "drogscen:scenetrend": {
            "SCENES": sources["scenes"],
            "FIRST_SEEN_FIELD": "first_seen",
            "OUTPUT": out,
        },
        "drogscen:measurecoverage": {
            "OVERLAP": sources["scenes"],
            "MEASURES": sources["scenes"],
            "OUTPUT": out,
        },
        "drogscen:exportreport": {
            "OVERLAP": sources["scenes"],
            "SUMMARY": sources["schools"],
            "SCENES": sources["scenes"],
            "SCHOOLS": sources["schools"],
            "OUTPUT": out,
        },
    }[algorithm_id]


@pytest.mark.parametrize(
    "algorithm_id",
    [
        "drogscen:checkhours",
        "drogscen:bufferschools",
        "drogscen:scenetrend",
        "drogscen:measurecoverage",
        "drogscen:exportreport",
    ],
)
def test_every_algorithm_refuses_to_write_over_its_input(inputs, tmp_path, algorithm_id):
    path, sources = inputs
    before = digest(tmp_path)
    read = "SCHOOLS" if algorithm_id == "drogscen:bufferschools" else "Scenes"
    outputs = [str(path), str(tmp_path / "INPUTS.gpkg")]
    if algorithm_id != "drogscen:exportreport":  # a PDF is a file, never a layer
        outputs.append(table(path, read))
    for out in outputs:
        error, _ = refused(algorithm_id, parameters_of(algorithm_id, sources, out))
        assert "would replace the input layer" in error, error
    assert digest(tmp_path) == before


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_database_output_is_refused_before_any_work(inputs):
    _, sources = inputs
    output = (
        "postgres://dbname='nowhere' host=127.0.0.1 port={} user='postgres' "
        'password=\'secret\' sslmode=disable table="public"."result" (geom)'
    ).format(free_port())
    error, infos = refused("drogscen:overlap", overlap(sources, OUTPUT=output))
    assert error.startswith("Overlaps (OUTPUT): cannot reach the database of '")
    assert "secret" not in error and "\n" not in error
    assert not infos  # nothing read, nothing analysed


def test_a_file_copy_of_an_input_is_a_fine_output(inputs, tmp_path):
    path, sources = inputs
    copy = tmp_path / "copy.gpkg"
    shutil.copy(path, copy)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("drogscen:checkhours")
    context = QgsProcessingContext()
    results, ok = algorithm.run(
        {"INPUT": sources["scenes"], "FIELD": "active_hours", "OUTPUT": table(copy, "scenes")},
        context,
        Feedback(),
    )
    context.temporaryLayerStore().removeAllMapLayers()
    assert ok and results["VALID_COUNT"] == 2


@pytest.mark.parametrize(
    "first, second, same",
    [
        ("host=localhost", "host=127.0.0.1", True),
        ("host=127.0.0.1 port=5432", "host=127.0.0.1", True),  # the default port
        ("host=127.0.0.1 port=5433", "host=127.0.0.1", False),
        ("host=127.0.0.1 dbname='other'", "host=127.0.0.1", False),
    ],
)
def test_postgis_tables_are_compared_by_resolved_host_port_and_database(first, second, same):
    from drogscen_plugin.processing.guard import table_storage

    def uri(connection):
        if "dbname" not in connection:
            connection += " dbname='drogscen'"
        return connection + ' user=\'postgres\' table="public"."scenes" (geom)'

    assert (
        table_storage("postgres", uri(first)).overlaps(table_storage("postgres", uri(second)))
        is same
    )
    # Another table on the same server never clashes.
    other = uri(second).replace('"scenes"', '"overlap"')
    assert not table_storage("postgres", uri(first)).overlaps(table_storage("postgres", other))


@pytest.fixture
def service_file(tmp_path, monkeypatch):
    """A libpq service file naming ``drog``, ``remote`` and nothing else, as PGSERVICEFILE."""

    def write(port):
        path = tmp_path / "pg_service.conf"
        path.write_text(
            "[drog]\nhost=localhost\nport={0}\ndbname=drogscen\nuser=postgres\n"
            "sslmode=disable\n\n[remote]\nhost=localhost\nport={0}\ndbname=other\n".format(port)
        )
        monkeypatch.setenv("PGSERVICEFILE", str(path))

    return write


@pytest.mark.parametrize(
    "service, host, same",
    [
        ("service='drog'", "host=127.0.0.1 port=5439 dbname='drogscen'", True),
        ("service='drog' dbname='other'", "host=127.0.0.1 port=5439 dbname='other'", True),
        ("service='remote'", "host=127.0.0.1 port=5439 dbname='drogscen'", False),
        ("service='drog'", "host=127.0.0.1 dbname='drogscen'", False),  # another port
    ],
)
def test_a_postgis_table_named_through_a_service_is_compared_where_it_points(
    service_file, service, host, same
):
    from drogscen_plugin.processing.guard import table_storage

    service_file(5439)
    table = ' table="public"."scenes" (geom)'
    assert (
        table_storage("postgres", service + table).overlaps(
            table_storage("postgres", host + " user='postgres'" + table)
        )
        is same
    )


def test_a_service_output_naming_the_input_table_is_refused(postgis, service_file):
    service_file(postgis.port)
    before = postgis.sql("select * from scenes order by fid")
    error, _ = refused(
        "drogscen:checkhours",
        {
            "INPUT": postgis.layer("scenes", "fid"),
            "FIELD": "active_hours",
            "OUTPUT": 'postgres://service=\'drog\' table="public"."scenes" (geom)',
        },
    )
    assert "would replace the input layer" in error, error
    assert postgis.sql("select * from scenes order by fid") == before


@pytest.mark.parametrize("named_by", ["source", "project layer"])
def test_a_virtual_layer_over_an_input_is_that_input(inputs, tmp_path, named_by):
    """A virtual layer (an SQL query in QGIS) reads its source layers: writing there is
    writing over the input."""
    from qgis.core import QgsProject

    path, sources = inputs
    project = QgsProject.instance()
    scenes_layer = QgsVectorLayer(sources["scenes"], "scenes", "ogr")
    project.addMapLayer(scenes_layer)
    virtual = None
    try:
        if named_by == "source":
            definition = "?layer=ogr:{}:s&query=SELECT * FROM s".format(sources["scenes"])
        else:
            definition = "?layer_ref={}:s&query=SELECT * FROM s".format(scenes_layer.id())
        virtual = QgsVectorLayer(definition, "virtual", "virtual")
        project.addMapLayer(virtual)
        assert virtual.isValid() and virtual.featureCount() == 2
        before = digest(tmp_path)
        error, _ = refused(
            "drogscen:checkhours",
            {"INPUT": virtual, "FIELD": "active_hours", "OUTPUT": table(path, "Scenes")},
        )
        assert "would replace the input layer" in error, error
        assert digest(tmp_path) == before
    finally:
        # The virtual layer goes first: it would outlive the layer it reads.
        if virtual is not None:
            project.removeMapLayer(virtual.id())
        project.removeMapLayer(scenes_layer.id())


def test_a_hard_link_to_an_input_is_the_input(inputs, tmp_path):
    """One file under two names: a GeoPackage replaced through SQLite would change both."""
    import os

    path, sources = inputs
    link = tmp_path / "other_name.gpkg"
    os.link(path, link)
    before = digest(tmp_path)
    for output in (table(link, "scenes"), str(link)):
        error, _ = refused(
            "drogscen:checkhours",
            {"INPUT": sources["scenes"], "FIELD": "active_hours", "OUTPUT": output},
        )
        assert "would replace the input layer" in error, error
    assert digest(tmp_path) == before
    # Another layer of the linked file is as fine as another layer of the input file.
    context = QgsProcessingContext()
    results, ok = (
        QgsApplication.processingRegistry()
        .createAlgorithmById("drogscen:checkhours")
        .run(
            {"INPUT": sources["scenes"], "FIELD": "active_hours", "OUTPUT": table(link, "checked")},
            context,
            Feedback(),
        )
    )
    context.temporaryLayerStore().removeAllMapLayers()
    assert ok and results["VALID_COUNT"] == 2
