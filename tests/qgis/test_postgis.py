"""drogscen:overlap on PostGIS, as municipalities keep their data.

A throwaway PostgreSQL cluster with PostGIS runs on 127.0.0.1 for the
session (``make test`` installs the Debian packages; postgis_cluster.py);
QGIS loads the sample data into it. The analysis reads PostGIS layers and writes a PostGIS table
(``postgres://`` destination) or a GeoPackage, and equals, feature for
feature, the analysis of the sample GeoPackage. A second copy of the data
has the column types PostGIS databases bring: bigint ids beyond 32 bits,
varchar and text hours, time-zone timestamps, multi-part 3D geometries.
"""

import processing
import pytest
from postgis_cluster import BIG
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from drogscen_plugin.core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from drogscen_plugin.qgis_io.compat import FieldType

# --- the comparison -----------------------------------------------------------------


def layer_of(result, name):
    output = result[name]
    if isinstance(output, QgsVectorLayer):
        return output
    if output.startswith("postgres://"):
        return QgsVectorLayer(output[len("postgres://") :], name, "postgres")
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
    assert fields.field("id").type() == FieldType.LONG
    assert fields.field("active_hours").typeName() == "varchar"
    assert fields.field("first_seen").typeName() == "timestamptz"
    assert fields.field("first_seen").type() == FieldType.DATETIME
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
        destinations = {
            name: postgis.processing_uri("{}_{}".format(name.lower(), suffix))
            for name in ("OUTPUT", "SUMMARY")
        }
    else:
        destinations = {
            name: str(tmp_path / "{}.gpkg".format(name.lower())) for name in ("OUTPUT", "SUMMARY")
        }
    # The desktop reading PostGIS ('never'); test_pushdown.py checks the database run.
    result = processing.run(
        "drogscen:overlap",
        dict({"SCENES": scenes, "SCHOOLS": schools, "RUN_IN_DATABASE": 2}, **destinations),
    )
    if output == "postgis":
        assert postgis.exists("output_" + suffix) and postgis.exists("summary_" + suffix)

    for name in (
        "PAIR_COUNT",
        "REPAIRED_COUNT",
        "SKIPPED_COUNT",
        "HOURS_UNKNOWN_COUNT",
        "HOURS_INVALID_COUNT",
    ):
        assert result[name] == from_geopackage[name], name
    assert result["PAIR_COUNT"] > 5
    assert_same_output(
        layer_of(result, "OUTPUT"),
        from_geopackage["OUTPUT"],
        PAIR_FIELDS,
        ("school_fid", "scene_fid"),
        id_maps,
    )
    assert_same_output(
        layer_of(result, "SUMMARY"),
        from_geopackage["SUMMARY"],
        SUMMARY_FIELDS,
        ("school_fid",),
        id_maps,
    )


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
    parameters = {
        "SCENES": scenes,
        "SCHOOLS": schools,
        "SUMMARY": "memory:",
        "OUTPUT": postgis.processing_uri("overlap_twice"),
    }
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
    inputs = {
        name: postgis.processing_uri(table)
        for name, table in (("SCENES", "scenes"), ("SCHOOLS", "schools"))
    }
    before = postgis.sql("SELECT count(*), sum(ST_Area(geom)) FROM scenes")
    for destination in (postgis.processing_uri("scenes"), "postgis:" + postgis.uri("scenes")):
        error = run_to_failure(
            dict(inputs, OUTPUT=destination, SUMMARY="memory:"), RecordingFeedback()
        )
        assert "would replace the input layer" in error and "(SCENES)" in error
    assert postgis.sql("SELECT count(*), sum(ST_Area(geom)) FROM scenes") == before


def test_cancel_while_writing_leaves_no_table(postgis):
    feedback = RecordingFeedback()
    feedback.progressChanged.connect(lambda value: value >= 95 and feedback.cancel())
    error = run_to_failure(
        {
            "SCENES": postgis.processing_uri("scenes"),
            "SCHOOLS": postgis.processing_uri("schools"),
            "OUTPUT": postgis.processing_uri("overlap_canceled"),
            "SUMMARY": postgis.processing_uri("summary_canceled"),
        },
        feedback,
    )
    assert "canceled" in error
    assert not postgis.exists("overlap_canceled")
    assert not postgis.exists("summary_canceled")


def test_a_run_that_fails_while_writing_keeps_the_old_tables_whole(postgis):
    # On this computer: the database run writes in one transaction of its own.
    inputs = {
        "SCENES": postgis.processing_uri("scenes"),
        "SCHOOLS": postgis.processing_uri("schools"),
        "RUN_IN_DATABASE": 2,
    }
    outputs = {
        "OUTPUT": postgis.processing_uri("overlap_kept"),
        "SUMMARY": postgis.processing_uri("summary_kept"),
    }
    processing.run("drogscen:overlap", dict(inputs, DISTANCE=100, **outputs))
    snapshot = "SELECT count(*), sum(overlap_m2) FROM overlap_kept"
    before = postgis.sql(snapshot), postgis.sql("SELECT count(*) FROM summary_kept")
    for percent in (92, 97):  # while writing the overlaps, then the summary
        feedback = RecordingFeedback()
        feedback.progressChanged.connect(
            lambda value, feedback=feedback, percent=percent: value >= percent and feedback.cancel()
        )
        assert "canceled" in run_to_failure(dict(inputs, **outputs), feedback)
        assert (postgis.sql(snapshot), postgis.sql("SELECT count(*) FROM summary_kept")) == before
    # Staged tables are renamed in or dropped: none is left beside the outputs.
    assert postgis.sql("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%drogscen%'") == [[0]]
