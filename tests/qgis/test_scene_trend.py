"""drogscen:scenetrend on the sample scenes, against counts made directly from the layer."""

import datetime

import processing
import pytest
from qgis.core import (
    NULL,
    QgsFeature,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

# After every date of the sample (its last scene closed in August 2026).
REPORT_DATE = datetime.date(2026, 12, 18)


def sample_layer(sample_gpkg, name):
    layer = QgsVectorLayer("{}|layername={}".format(sample_gpkg, name), name, "ogr")
    assert layer.isValid()
    return layer


def dates(layer):
    """(fid, first_seen, closed_on) as Python dates, straight from the layer."""

    def as_date(value):
        return None if value == NULL or value is None else value.toPyDate()

    return [
        (f.id(), as_date(f["first_seen"]), as_date(f["closed_on"])) for f in layer.getFeatures()
    ]


def expected_years(scenes, first_year=None):
    """Per year: scenes open at its end (the report date for this year), opened, closed."""
    first_year = first_year or min(seen for _, seen, _ in scenes).year
    rows = {}
    for year in range(first_year, REPORT_DATE.year + 1):
        end = min(datetime.date(year, 12, 31), REPORT_DATE)
        rows[str(year)] = (
            sum(
                1 for _, seen, closed in scenes if seen <= end and (closed is None or closed > end)
            ),
            sum(1 for _, seen, _ in scenes if seen.year == year),
            sum(1 for _, _, closed in scenes if closed is not None and closed.year == year),
        )
    return rows


def run(scenes, **parameters):
    return processing.run(
        "drogscen:scenetrend",
        dict(
            SCENES=scenes,
            REPORT_DATE=REPORT_DATE.isoformat(),
            OUTPUT="TEMPORARY_OUTPUT",
            **parameters,
        ),
    )


def table(layer, district=None):
    return {
        f["period"]: (f["active"], f["opened"], f["closed"])
        for f in layer.getFeatures()
        if (f["district"] if f["district"] != NULL else None) == district
    }


def test_years_equal_counts_made_from_the_dates(sample_gpkg):
    scenes = sample_layer(sample_gpkg, "scenes")
    results = run(scenes)
    assert table(results["OUTPUT"]) == expected_years(dates(scenes))
    assert results["UNDATED_COUNT"] == 0
    first = next(results["OUTPUT"].getFeatures())
    assert first["period_start"].toPyDate() == datetime.date(int(first["period"]), 1, 1)
    assert first["period_end"].toPyDate() == datetime.date(int(first["period"]), 12, 31)


def test_quarters_follow_each_other_and_add_up_to_the_years(sample_gpkg):
    scenes = sample_layer(sample_gpkg, "scenes")
    quarters = list(run(scenes, PERIOD=1)["OUTPUT"].getFeatures())
    for before, after in zip(quarters, quarters[1:]):
        assert after["period_start"].toPyDate() == (
            before["period_end"].toPyDate() + datetime.timedelta(days=1)
        )
        assert after["active"] == before["active"] + after["opened"] - after["closed"]
    assert quarters[-1]["period"] == "2026 Q4"
    years = expected_years(dates(scenes))
    for year, (active, opened, closed) in years.items():
        mine = [q for q in quarters if q["period"].startswith(year)]
        assert sum(q["opened"] for q in mine) == opened
        assert sum(q["closed"] for q in mine) == closed
        assert mine[-1]["active"] == active


def test_terms_are_half_years_that_add_up_to_the_years(sample_gpkg):
    scenes = sample_layer(sample_gpkg, "scenes")
    terms = list(run(scenes, PERIOD=2)["OUTPUT"].getFeatures())
    for term in terms:
        start, end = term["period_start"].toPyDate(), term["period_end"].toPyDate()
        spring = term["period"].startswith("VT ")
        assert term["period"] == ("VT {}" if spring else "HT {}").format(start.year)
        assert (start.month, end.month, end.day) == ((1, 6, 30) if spring else (7, 12, 31))
    years = expected_years(dates(scenes))
    for year, (active, opened, closed) in years.items():
        mine = [t for t in terms if t["period"].endswith(year)]
        assert sum(t["opened"] for t in mine) == opened
        assert sum(t["closed"] for t in mine) == closed
        assert mine[-1]["active"] == active


def test_rows_per_district_count_the_scenes_inside_it(sample_gpkg):
    scenes = sample_layer(sample_gpkg, "scenes")
    districts = sample_layer(sample_gpkg, "districts")
    output = run(scenes, DISTRICTS=districts)["OUTPUT"]
    everything = dates(scenes)
    geometries = {f.id(): f.geometry() for f in scenes.getFeatures()}
    first = min(seen for _, seen, _ in everything)
    inside_any = 0
    for district in districts.getFeatures():
        members = [
            row
            for row in everything
            if district.geometry().contains(geometries[row[0]].pointOnSurface())
        ]
        inside_any += len(members)
        # Every district's rows start at the first year of the whole layer.
        expected = expected_years(members, first.year) if members else {}
        assert table(output, district["name"]) == expected, district["name"]
    assert inside_any == len(everything)


def test_unreadable_dates_are_reported_and_counted_as_unknown():
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:3006&field=first_seen:string&field=closed_on:string", "scenes", "memory"
    )
    rows = [
        ("2023-01-05", None),
        ("garbage", None),
        ("2024-05-01", "2024-01-01"),
        (None, None),
        ("2023-07-01T12:00:00", "2024-02-03"),
    ]
    for first_seen, closed_on in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([first_seen, closed_on])
        assert layer.dataProvider().addFeature(feature)
    warnings = []

    class Feedback(QgsProcessingFeedback):
        def pushWarning(self, warning):  # noqa: N802 (QGIS API)
            warnings.append(warning)

    results = processing.run(
        "drogscen:scenetrend",
        {"SCENES": layer, "REPORT_DATE": "2024-12-31", "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=Feedback(),
    )
    assert results["UNDATED_COUNT"] == 3
    assert any("Scene 2" in w and "garbage" in w and "first_seen" in w for w in warnings)
    assert any("Scene 3" in w and "before it was first seen" in w for w in warnings)
    assert table(results["OUTPUT"]) == {"2023": (2, 2, 0), "2024": (1, 0, 1)}


def test_a_missing_first_seen_field_is_refused():
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=name:string", "places", "memory")
    with pytest.raises(QgsProcessingException, match="'places' has no field 'first_seen'"):
        run(layer)
