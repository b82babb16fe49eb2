"""Legal but unlikely hours get an hours_note in the outputs; the results stay as they were."""

import processing

from tests.qgis.layer_helpers import LogFeedback, memory_layer

SCENE = "POLYGON((1050 950, 1150 950, 1150 1050, 1050 1050, 1050 950))"
SCHOOLS = [
    ("POINT(1000 1000)", ["Dagskolan", "grundskola"]),
    ("POINT(1000 1100)", ["Dygnskolan", "grundskola"]),
    ("POINT(1000 900)", ["Vanliga skolan", "grundskola"]),
]
RESULT_FIELDS = (
    "school_name",
    "scene_min",
    "concurrent_min",
    "afterhours_min",
    "presence_hours",
    "guard_hours",
    "round_days",
    "round_before",
    "school_hours",
)


def run(school_hours, scene_hours, feedback=None):
    schools = memory_layer(
        "Point",
        [("name", "string"), ("type", "string"), ("opening_hours", "string")],
        [(wkt, attributes + [hours]) for (wkt, attributes), hours in zip(SCHOOLS, school_hours)],
    )
    scenes = memory_layer(
        "Polygon",
        [("name", "string"), ("active_hours", "string")],
        [(SCENE, ["Torget", scene_hours])],
    )
    return processing.run(
        "drogscen:overlap",
        {
            "SCENES": scenes,
            "SCHOOLS": schools,
            "DISTANCE": 200,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
        feedback=feedback,
    )


def by_school(layer, fields):
    return {f["school_name"]: tuple(f[name] for name in fields) for f in layer.getFeatures()}


def test_unlikely_hours_get_a_note_and_the_same_results_as_their_explicit_form():
    log = LogFeedback()
    given = run(["07:30-16:30", "Mo-Fr", "Mo-Fr 08:00-16:00"], "22:00-03:00", log)
    # The same hours written out in full: nothing unlikely about them to the reader.
    explicit = run(
        ["Mo-Su 07:30-16:30", "Mo-Fr 00:00-24:00", "Mo-Fr 08:00-16:00"], "Mo-Su 22:00-03:00"
    )

    for output in ("OUTPUT", "SUMMARY"):
        fields = [f for f in RESULT_FIELDS if given[output].fields().lookupField(f) >= 0]
        assert by_school(given[output], fields) == by_school(explicit[output], fields)
    scene_note = "no days given, so active every day: check the hours"
    notes = by_school(given["OUTPUT"], ["hours_note"])
    assert notes["Dagskolan"][0] == (
        "no days given, so open every day, including weekends: check the hours; " + scene_note
    )
    assert notes["Dygnskolan"][0] == "open around the clock: check the hours; " + scene_note
    assert notes["Vanliga skolan"][0] == scene_note
    summary_notes = by_school(given["SUMMARY"], ["hours_note"])
    assert summary_notes["Vanliga skolan"][0] == "Torget: " + scene_note
    # The explicit forms get another note: "Mo-Fr 00:00-24:00" is also around the clock.
    explicit_notes = by_school(explicit["OUTPUT"], ["hours_note"])
    assert explicit_notes["Vanliga skolan"][0] in ("", None)
    # Counted in one line per layer, not as unreadable hours.
    assert given["HOURS_INVALID_COUNT"] == 0
    unlikely = [line for line in log.warnings if "valid but unlikely" in line]
    assert len(unlikely) == 2
    assert any(": 2 (feature ids" in line for line in unlikely)
