"""Hours shown in Swedish: day names and "off" translated, the hours themselves kept."""

import pytest

from drogscen_plugin.core.hours_display import display_expression, display_hours
from drogscen_plugin.core.schedule import WeeklySchedule


@pytest.mark.parametrize(
    "text, swedish",
    [
        ("Mo-Fr 07:00-18:00", "Må-Fr 07:00-18:00"),
        ("Tu,We,Th 22:00-03:00; Sa-Su off", "Ti,On,To 22:00-03:00; Lö-Sö stängt"),
        ("Mo,Tu,We", "Må,Ti,On"),
        ("Mo-Fr 08:00-17:00; PH off", "Må-Fr 08:00-17:00; Helgdag stängt"),
        ("24/7", "24/7"),
        ("", ""),
    ],
)
def test_swedish_day_names(text, swedish):
    assert display_hours(text, "sv") == swedish
    assert display_hours(text, "sv_SE") == swedish


def test_other_languages_see_the_stored_text():
    assert display_hours("Mo-Fr 07:00-18:00", "en") == "Mo-Fr 07:00-18:00"
    assert display_hours("Mo-Fr 07:00-18:00", "") == "Mo-Fr 07:00-18:00"


@pytest.mark.parametrize(
    "text", ["Mo-Fr 07:00-18:00", "Tu,We,Th 22:00-03:00", "Sa,Su 10:00-14:00", "Mo-Su 00:00-24:00"]
)
def test_the_displayed_hours_read_as_the_same_hours(text):
    assert WeeklySchedule.parse(display_hours(text, "sv")) == WeeklySchedule.parse(text)


def test_a_qgis_expression_shows_the_same_words():
    expression = display_expression('"school_hours"', "sv")
    assert expression.count("regexp_replace(") == 11
    assert "'\\\\bPH\\\\b', 'Helgdag'" in expression
    assert display_expression('"school_hours"', "en") == '"school_hours"'
