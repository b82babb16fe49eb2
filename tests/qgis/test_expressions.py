"""The Drogscen expression functions, evaluated by QGIS's own expression engine."""

from datetime import datetime, timedelta

import pytest
from qgis.core import (
    QgsDateTimeRange,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsMapSettings,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, QVariant

from drogscen_plugin.core.errors import ScheduleError
from drogscen_plugin.core.schedule import WeeklySchedule
from drogscen_plugin.gui.project_state import PROJECT_FORM_KEY, write_project_state
from drogscen_plugin.qgis_io.expressions import register_functions, unregister_functions

opening_hours = pytest.importorskip("opening_hours")

NAMES = [
    "drogscen_active",
    "drogscen_overlap_minutes",
    "drogscen_normalize_hours",
    "drogscen_check_hours",
    "drogscen_is_preschool",
]
# A Saturday 01:30, a Monday 00:00.
SATURDAY_NIGHT = datetime(2024, 3, 9, 1, 30)
MONDAY = datetime(2024, 3, 11)


@pytest.fixture(autouse=True)
def functions():
    register_functions()


def evaluate(text, **variables):
    """``(value, evaluation error)`` of an expression; None stands for NULL."""
    expression = QgsExpression(text)
    assert not expression.hasParserError(), expression.parserErrorString()
    scope = QgsExpressionContextScope()
    for name, value in variables.items():
        scope.setVariable(name, value)
    context = QgsExpressionContext()
    context.appendScope(scope)
    value = expression.evaluate(context)
    if isinstance(value, QVariant) and value.isNull():
        value = None
    return value, expression.evalErrorString()


def parser_message(text):
    with pytest.raises(ScheduleError) as caught:
        WeeklySchedule.parse(text)
    return str(caught.value)


def quarter_hours_of_a_week():
    return [MONDAY + timedelta(minutes=15 * step) for step in range(7 * 24 * 4)]


@pytest.mark.parametrize(
    "hours",
    [
        "Mo-Fr 22:00-03:00",  # nights into the next day, Friday into Saturday
        "Su 22:00-03:00",  # Sunday night into Monday morning
        "Mo-Fr 07:00-18:00; We 07:00-12:00",
        "Sa,Su 10:00-16:00, Fr 18:00-26:00",
    ],
)
def test_active_agrees_with_the_reference_library_at_every_quarter_hour(hours):
    reference = opening_hours.OpeningHours(hours)
    for moment in quarter_hours_of_a_week():
        value, error = evaluate(
            "drogscen_active(@hours, @moment)", hours=hours, moment=QDateTime(moment)
        )
        assert error == ""
        assert value is reference.is_open(moment), moment


def test_active_spans_midnight_and_the_week_end():
    night = "drogscen_active('Su 22:00-03:00', to_datetime(@at))"
    assert evaluate(night, at="2024-03-11 02:59") == (True, "")  # Monday morning
    assert evaluate(night, at="2024-03-11 03:00") == (False, "")  # the end is not included
    assert evaluate(night, at="2024-03-10 21:59") == (False, "")  # Sunday before it starts
    assert evaluate(night, at="2024-03-17 23:00") == (True, "")  # any Sunday, any year week


def test_active_accepts_dates_and_date_time_text():
    assert evaluate("drogscen_active('Sa 01:00-02:00', '2024-03-09 01:30')") == (True, "")
    assert evaluate("drogscen_active('Sa 01:00-02:00', '2024-03-09T02:30')") == (False, "")
    # A date is its midnight.
    assert evaluate("drogscen_active('Mo 00:00-00:30', to_date('2024-03-11'))") == (True, "")
    assert evaluate("drogscen_active('Mo 00:30-01:00', to_date('2024-03-11'))") == (False, "")


def test_active_reads_a_variable_such_as_the_map_time():
    assert evaluate(
        "drogscen_active('Fr 22:00-03:00', @map_start_time)",
        map_start_time=QDateTime(SATURDAY_NIGHT),
    ) == (True, "")


def map_time_context(start, end):
    """An expression context like a map canvas's with the Temporal Controller on
    ``[start, end)``: it carries @map_start_time and @map_end_time."""
    settings = QgsMapSettings()
    settings.setIsTemporal(True)
    settings.setTemporalRange(QgsDateTimeRange(QDateTime(start), QDateTime(end)))
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    return context


def active_scenes(layer, start, end):
    """Names of the features whose hours are active at the start of the map's time range."""
    expression = QgsExpression('drogscen_active("active_hours", @map_start_time)')
    context = map_time_context(start, end)
    context.appendScope(QgsExpressionContextUtils.layerScope(layer))
    found = set()
    for feature in layer.getFeatures():
        context.setFeature(feature)
        value = expression.evaluate(context)
        assert expression.evalErrorString() == "", expression.evalErrorString()
        if value:
            found.add(feature["name"])
    return found


@pytest.fixture
def calendar_in_project():
    """The project's school calendar, as the dock keeps it; removed afterwards."""
    project = QgsProject.instance()
    write_project_state(
        project, PROJECT_FORM_KEY, {"school_holidays": "2026-10-26/2026-10-30", "school_terms": ""}
    )
    yield
    project.removeEntry("drogscen", PROJECT_FORM_KEY)


def test_active_on_real_dates_with_holidays_and_dated_rules(calendar_in_project):
    layer = QgsVectorLayer(
        "Point?crs=EPSG:3006&field=name:string&field=active_hours:string", "scenes", "memory"
    )
    rows = [
        ("weekdays", "Mo-Fr 08:00-16:00"),
        ("not on PH", "Mo-Fr 08:00-16:00; PH off"),
        ("not in July", "Mo-Fr 08:00-16:00; Jul off"),
        ("not 21-23 Dec", "Mo-Fr 08:00-16:00; 2026 Dec 21-2026 Dec 23 off"),
        ("lov mornings", "SH 10:00-12:00"),
    ]
    features = []
    for name, hours in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([name, hours])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    hour = timedelta(hours=1)
    every_weekday = {"weekdays", "not on PH", "not in July", "not 21-23 Dec"}
    cases = [
        # Julafton 2026, a Thursday: a public holiday.
        (datetime(2026, 12, 24, 11), every_weekday - {"not on PH"}),
        (datetime(2026, 12, 22, 11), every_weekday - {"not 21-23 Dec"}),
        (datetime(2026, 7, 1, 11), every_weekday - {"not in July"}),
        (datetime(2026, 6, 30, 11), every_weekday),
        # Höstlov in the project's calendar: SH.
        (datetime(2026, 10, 27, 11), every_weekday | {"lov mornings"}),
        (datetime(2026, 11, 3, 11), every_weekday),
        (datetime(2026, 10, 31, 11), set()),  # Saturday (and alla helgons dag)
    ]
    for start, active in cases:
        assert active_scenes(layer, start, start + hour) == active, start


def test_active_without_a_calendar_in_the_project_knows_no_school_holiday():
    QgsProject.instance().removeEntry("drogscen", PROJECT_FORM_KEY)
    assert evaluate("drogscen_active('SH 10:00-12:00', to_datetime('2026-10-27 11:00'))") == (
        False,
        "",
    )


def test_an_unreadable_calendar_in_the_project_is_an_evaluation_error():
    project = QgsProject.instance()
    write_project_state(project, PROJECT_FORM_KEY, {"school_holidays": "2026-10-32"})
    try:
        value, error = evaluate("drogscen_active('SH 10:00-12:00', now())")
    finally:
        project.removeEntry("drogscen", PROJECT_FORM_KEY)
    assert value is None
    assert "School holidays: item 1 '2026-10-32'" in error


def test_null_and_empty_inputs_give_null_without_error():
    for text in (
        "drogscen_active(NULL, now())",
        "drogscen_active('', now())",
        "drogscen_active('   ', now())",
        "drogscen_active('24/7', NULL)",
        "drogscen_active('24/7', @map_start_time)",  # no temporal range: the variable is unset
        "drogscen_overlap_minutes(NULL, '24/7')",
        "drogscen_overlap_minutes('24/7', '')",
        "drogscen_normalize_hours(NULL)",
        "drogscen_normalize_hours('')",
        "drogscen_check_hours(NULL)",
        "drogscen_check_hours(' ')",
        "drogscen_is_preschool(NULL)",
    ):
        assert evaluate(text) == (None, ""), text


@pytest.mark.parametrize(
    "call",
    [
        "drogscen_active('{}', now())",
        "drogscen_overlap_minutes('24/7', '{}')",
        "drogscen_check_hours('{}')",
    ],
)
@pytest.mark.parametrize("hours", ["Mo-Fx 08:00-17:00", "Mo-Fr 25:00-26:00", "sunrise-sunset"])
def test_unreadable_hours_are_an_evaluation_error_with_the_parser_message(call, hours):
    value, error = evaluate(call.format(hours))
    assert value is None
    assert parser_message(hours) in error
    assert hours in error


def test_a_value_that_is_no_date_is_an_evaluation_error():
    value, error = evaluate("drogscen_active('24/7', 'next tuesday')")
    assert value is None
    assert "next tuesday" in error


@pytest.mark.parametrize(
    "first, second, minutes",
    [
        ("Mo-Fr 15:00-20:00", "Mo-Fr 07:00-18:00", 5 * 3 * 60),
        ("Fr 22:00-03:00", "Sa 00:00-02:00", 2 * 60),  # past midnight
        ("Su 23:00-02:00", "Mo 00:00-01:00", 60),  # Sunday into Monday
        ("Mo-Fr 22:00-03:00", "Mo-Fr 07:00-18:00", 0),
        ("24/7", "24/7", 7 * 24 * 60),
        ("off", "24/7", 0),
    ],
)
def test_overlap_minutes(first, second, minutes):
    assert evaluate("drogscen_overlap_minutes(@a, @b)", a=first, b=second) == (minutes, "")
    assert evaluate("drogscen_overlap_minutes(@b, @a)", a=first, b=second) == (minutes, "")


@pytest.mark.parametrize(
    "written, canonical",
    [
        ("må-fr 22-03", "Mo-Fr 22:00-03:00"),
        ("Mo-Su 00:00-24:00", "24/7"),
        ("closed", "off"),
    ],
)
def test_normalize_gives_the_canonical_form(written, canonical):
    assert evaluate("drogscen_normalize_hours(@h)", h=written) == (canonical, "")


def test_normalize_gives_the_form_the_analysis_writes():
    written = "Mo-Fr 08:00-17:00; We 08:00-12:00, Sö 22-03"
    assert evaluate("drogscen_normalize_hours(@h)", h=written) == (
        WeeklySchedule.parse(written).to_opening_hours(),
        "",
    )


def test_normalize_gives_null_for_unreadable_hours_without_error():
    assert evaluate("drogscen_normalize_hours('Mo-Fx 08:00-17:00')") == (None, "")


def test_check_hours_is_true_for_readable_hours():
    assert evaluate("drogscen_check_hours('Må-Fr 22-03')") == (True, "")


@pytest.mark.parametrize(
    "school_type, preschool",
    [
        ("förskola", True),
        ("Kommunal förskola", True),
        ("kindergarten", True),
        ("grundskola", False),
        ("förskoleklass", False),
    ],
)
def test_is_preschool(school_type, preschool):
    assert evaluate("drogscen_is_preschool(@t)", t=school_type) == (preschool, "")


def test_functions_filter_features_of_a_layer():
    layer = QgsVectorLayer("Point?field=hours:string", "scenes", "memory")
    for hours in ("Fr 22:00-03:00", "Mo-Fr 07:00-18:00", None, "bad hours"):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([hours])
        layer.dataProvider().addFeature(feature)
    request = QgsFeatureRequest(
        QgsExpression(
            "drogscen_active(drogscen_normalize_hours(\"hours\"), to_datetime('2024-03-09 01:30'))"
        )
    )
    assert [feature["hours"] for feature in layer.getFeatures(request)] == ["Fr 22:00-03:00"]


def test_functions_are_in_the_drogscen_group_with_help():
    functions = QgsExpression.Functions()
    for name in NAMES:
        assert QgsExpression.isFunctionName(name)
        function = functions[QgsExpression.functionIndex(name)]
        assert function.group() == "Drogscen"
        help_text = function.helpText()
        assert name + "(" in help_text  # the syntax line
        assert "<h4>" in help_text and "example" in help_text.lower()


def test_registering_again_keeps_one_function_of_each_name():
    register_functions()
    register_functions()
    names = [function.name() for function in QgsExpression.Functions()]
    for name in NAMES:
        assert names.count(name) == 1


def test_unregister_leaves_no_function_behind_and_is_safe_twice():
    try:
        unregister_functions()
        unregister_functions()
        for name in NAMES:
            assert not QgsExpression.isFunctionName(name)
        assert QgsExpression("drogscen_active('24/7', now())").hasParserError()
    finally:
        register_functions()
    assert evaluate("drogscen_active('24/7', now())") == (True, "")
