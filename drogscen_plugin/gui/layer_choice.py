"""Which project layers fit the scenes and schools pickers, best first.

A picker lists every layer of the right geometry type; these scores only
choose its default, so a user's own choice of any listed layer stands.
"""

import re

from qgis.core import QgsVectorLayer, QgsWkbTypes

SCENE_NAMES = re.compile(r"scen|drog|drug", re.IGNORECASE)
SCHOOL_NAMES = re.compile(r"skol|school|förskol|preschool|kindergarten", re.IGNORECASE)
SCENE_HOURS_FIELDS = ("active_hours", "hours", "opening_hours", "tider", "aktiva_tider")
SCHOOL_FIELDS = ("type", "opening_hours", "skolform")


def _has_any(layer, names):
    return any(layer.fields().lookupField(name) >= 0 for name in names)


def _score(layer, geometries, fields, names, other_names, other_fields):
    """0 for a layer of another geometry type; else 1, more for fitting fields and a
    fitting name, less (never below 1) for a name or fields of the other role."""
    if not isinstance(layer, QgsVectorLayer) or layer.geometryType() not in geometries:
        return 0
    score = 1 + 2 * _has_any(layer, fields) + 4 * bool(names.search(layer.name()))
    if other_names.search(layer.name()) or _has_any(layer, other_fields):
        score -= 4
    return max(score, 1)


def scene_score(layer):
    """How well ``layer`` fits as the scenes layer: 0 not at all (not polygons)."""
    return _score(
        layer, (QgsWkbTypes.PolygonGeometry,), SCENE_HOURS_FIELDS, SCENE_NAMES, SCHOOL_NAMES, ()
    )


def school_score(layer):
    """How well ``layer`` fits as the schools layer: 0 not at all."""
    return _score(
        layer,
        (QgsWkbTypes.PointGeometry, QgsWkbTypes.PolygonGeometry),
        SCHOOL_FIELDS,
        SCHOOL_NAMES,
        SCENE_NAMES,
        ("active_hours",),
    )


def best_layer(layers, score, excluded=None):
    """The layer of ``layers`` with the highest ``score`` above 0, not ``excluded``;
    the first of equals (the project's order). None when none fits."""
    best, best_score = None, 0
    for layer in layers:
        if excluded is not None and layer.id() == excluded.id():
            continue
        value = score(layer)
        if value > best_score:
            best, best_score = layer, value
    return best


def free_layer_name(project, base):
    """``base``, or ``base 2``, ``base 3``… : the first no layer of ``project`` has."""
    taken = {layer.name().casefold() for layer in project.mapLayers().values()}
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        name = "{} {}".format(base, number)
    return name
