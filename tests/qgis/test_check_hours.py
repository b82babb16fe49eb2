"""drogscen:checkhours: counts, messages and canonical forms, on memory and GeoPackage layers."""

import processing
import pytest
from qgis.core import (
    NULL,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.schedule import WeeklySchedule

VALUES = [
    "Mo-Fr 07:00-18:00",
    "må-fr 7-18",
    "Fr,Sa 22-03; Su off",
    "Mo-Fx 08:00-16:00",
    None,
    "",
    "Mo-Fr 25:00-26:00",
    "24/7",
]


def hours_layer():
    layer = QgsVectorLayer(
        "Point?crs=EPSG:3006&field=name:string&field=hours:string", "places", "memory"
    )
    features = []
    for i, value in enumerate(VALUES):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt("POINT({} 6580000)".format(674000 + i)))
        feature.setAttributes(["P{}".format(i), value])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def expected(value):
    """(hours_valid, hours_message, hours_canonical) straight from the parser."""
    if value is None or not value.strip():
        return None, "no hours", None
    try:
        return True, None, WeeklySchedule.parse(value).to_opening_hours()
    except ScheduleError as error:
        return False, str(error), None


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []
        self.infos = []

    def pushWarning(self, message):  # noqa: N802 (QGIS API)
        self.warnings.append(message)

    def pushInfo(self, message):  # noqa: N802 (QGIS API)
        self.infos.append(message)


def to_geopackage(layer, path):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error
    return QgsVectorLayer(str(path), "places", "ogr")


def plain(value):
    return None if value == NULL else value


@pytest.mark.parametrize("storage", ["memory", "gpkg"])
def test_counts_messages_and_canonical_forms(storage, tmp_path):
    layer = hours_layer()
    output = "memory:"
    if storage == "gpkg":
        layer = to_geopackage(layer, tmp_path / "places.gpkg")
        output = str(tmp_path / "checked.gpkg")
    feedback = RecordingFeedback()
    result = processing.run(
        "drogscen:checkhours",
        {"INPUT": layer, "FIELD": "hours", "OUTPUT": output},
        feedback=feedback,
    )
    checked = result["OUTPUT"]
    if isinstance(checked, str):
        checked = QgsVectorLayer(checked, "checked", "ogr")

    outcomes = [expected(value) for value in VALUES]
    assert result["VALID_COUNT"] == sum(1 for valid, _, _ in outcomes if valid is True) == 4
    assert result["INVALID_COUNT"] == sum(1 for valid, _, _ in outcomes if valid is False) == 2
    assert result["EMPTY_COUNT"] == 2
    assert any("4 understood, 2 not understood, 2 without hours" in info for info in feedback.infos)

    rows = {f["name"]: f for f in checked.getFeatures()}
    assert checked.featureCount() == len(VALUES)
    originals = {f["name"]: f for f in layer.getFeatures()}
    for i, value in enumerate(VALUES):
        row = rows["P{}".format(i)]
        valid, message, canonical = expected(value)
        assert plain(row["hours_valid"]) == valid
        assert plain(row["hours_message"]) == message
        assert plain(row["hours_canonical"]) == canonical
        assert plain(row["hours"]) == plain(originals["P{}".format(i)]["hours"])
        assert row.geometry().equals(originals["P{}".format(i)].geometry())
        if valid is False:
            fid = originals["P{}".format(i)].id()
            assert [w for w in feedback.warnings if "Feature {},".format(fid) in w and message in w]


def test_swedish_and_whole_hour_values_are_shown_in_canonical_form():
    result = processing.run(
        "drogscen:checkhours", {"INPUT": hours_layer(), "FIELD": "hours", "OUTPUT": "memory:"}
    )
    rows = {
        f["hours"]: f["hours_canonical"] for f in result["OUTPUT"].getFeatures() if f["hours_valid"]
    }
    assert rows["må-fr 7-18"] == rows["Mo-Fr 07:00-18:00"] == "Mo-Fr 07:00-18:00"


@pytest.mark.parametrize(
    "kind, value", [("date", "2024-01-01"), ("integer", "7"), ("double", "7.5")]
)
def test_an_hours_field_that_is_not_text_is_refused_naming_it(kind, value):
    layer = QgsVectorLayer(
        "Point?crs=EPSG:3006&field=name:string&field=hours:{}".format(kind), "places", "memory"
    )
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POINT(674000 6580000)"))
    feature.setAttributes(["P", value])
    assert layer.dataProvider().addFeatures([feature])
    assert layer.getFeature(1)["hours"]  # the value is there, not NULL
    with pytest.raises(
        QgsProcessingException,
        match="Layer 'places': field 'hours' holds .*, not text; choose a text",
    ):
        processing.run(
            "drogscen:checkhours", {"INPUT": layer, "FIELD": "hours", "OUTPUT": "memory:"}
        )
