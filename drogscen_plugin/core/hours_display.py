"""Hours for display in the user's language; stored values stay canonical OSM.

Only the words change: ``Mo-Fr 07:00-18:00`` reads ``Må-Fr 07:00-18:00`` in
Swedish, ``PH off`` reads ``Helgdag stängt``. The parser reads Swedish day
names too, so a displayed day range pasted back into a field means the same
hours.
"""

import re

_WORDS = {
    "sv": {
        "Mo": "Må",
        "Tu": "Ti",
        "We": "On",
        "Th": "To",
        "Fr": "Fr",
        "Sa": "Lö",
        "Su": "Sö",
        "off": "stängt",
        "closed": "stängt",
        "PH": "Helgdag",
        "SH": "Skollov",
    },
}
_WORD = re.compile(r"\b(Mo|Tu|We|Th|Fr|Sa|Su|off|closed|PH|SH)\b")


def display_hours(text, language):
    """``text`` (opening_hours, or a list of day names) with the day names and
    "off" in ``language`` (e.g. "sv"); unchanged for languages without words here."""
    words = _WORDS.get((language or "")[:2])
    if not words or not text:
        return text
    return _WORD.sub(lambda match: words[match.group(1)], text)


def display_expression(expression, language):
    """A QGIS expression showing the hours of ``expression`` as ``display_hours``
    does, for texts QGIS draws itself (report pages, labels)."""
    words = _WORDS.get((language or "")[:2])
    for word, shown in (words or {}).items():
        expression = "regexp_replace({}, '\\\\b{}\\\\b', '{}')".format(expression, word, shown)
    return expression
