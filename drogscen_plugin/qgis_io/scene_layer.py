"""A new GeoPackage layer for digitizing scenes, with its form, style and time set-up.

The form refuses hours the analysis cannot read: the constraint on
active_hours ends in drogscen_check_hours, whose evaluation error carries the
parser's message, and QGIS shows a failing constraint's evaluation error in
the form (a constraint's own description is fixed text). Empty hours are
allowed: they mean unknown. Everything is also saved as the layer's default
style in the GeoPackage, so the form comes back when the layer is opened
again; its checks need the plugin loaded.
"""

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsWkbTypes,
)

from ..core.errors import DrogscenError, InputError
from ..definitions.defaults import ANALYSIS_CRS
from ..i18n import tr
from .compat import FieldType
from .forms import (
    constrain,
    hours_constraint,
    set_aliases,
    set_date_widgets,
    set_text_widgets,
    value_map,
)
from .geopackage import layer_names, open_layer, write_empty_layer
from .hours_form import set_hours_form
from .styling import apply_style, setup_temporal

SCENE_FIELDS = [
    ("name", FieldType.STRING),
    ("active_hours", FieldType.STRING),
    ("status", FieldType.STRING),
    ("first_seen", FieldType.DATE),
    ("closed_on", FieldType.DATE),
    ("source", FieldType.STRING),
    ("notes", FieldType.STRING),
]

HOURS_CONSTRAINT = hours_constraint("active_hours")


class LayerExistsError(InputError):
    """The GeoPackage already has a layer of the name asked for."""


def field_alias(name):
    """The translated display name of a scene field."""
    aliases = {
        "name": tr("Name"),
        "active_hours": tr("Active hours"),
        "status": tr("Status"),
        "first_seen": tr("First seen"),
        "closed_on": tr("Closed on"),
        "source": tr("Source"),
        "notes": tr("Notes"),
    }
    return aliases[name]


def status_labels():
    """Stored status value -> translated label, in the order the form lists them."""
    return {
        "active": tr("Active"),
        "reported": tr("Reported, not confirmed"),
        "closed": tr("Closed"),
    }


def _set_up_form(layer):
    set_aliases(layer, [name for name, _ in SCENE_FIELDS], field_alias)
    constrain(
        layer,
        "active_hours",
        HOURS_CONSTRAINT,
        tr(
            "Weekly hours in opening_hours syntax, for example 'Mo-Fr 22:00-03:00' or '24/7'; "
            "empty when not known."
        ),
    )
    status = layer.fields().indexOf("status")
    layer.setEditorWidgetSetup(status, value_map(status_labels()))
    layer.setDefaultValueDefinition(status, QgsDefaultValue("'active'"))
    set_date_widgets(layer, ("first_seen", "closed_on"))
    set_text_widgets(layer, ("name", "active_hours", "source"), ("notes",))
    set_hours_form(layer, ["active_hours"])


def _set_up(layer):
    _set_up_form(layer)
    apply_style(layer, "scenes")
    setup_temporal(layer)


def create_scene_layer(path, layer_name="scenes", crs=ANALYSIS_CRS):
    """Create an empty scene layer in the GeoPackage ``path`` and return it (not added
    to the project).

    The file is created when missing (".gpkg" is added to a ``path`` without
    it); an existing layer of that name is never replaced (LayerExistsError).
    """
    if os.path.splitext(path)[1].lower() != ".gpkg":
        path += ".gpkg"
    crs = QgsCoordinateReferenceSystem(crs) if isinstance(crs, str) else crs
    if not crs.isValid():
        raise InputError(tr("No valid CRS given for the new scenes layer."))
    if layer_name.casefold() in layer_names(path):
        raise LayerExistsError(
            tr(
                "{path} already has a layer '{layer}': choose another name or file; the "
                "existing layer is left as it is."
            ).format(path=path, layer=layer_name)
        )
    write_empty_layer(path, layer_name, SCENE_FIELDS, QgsWkbTypes.MultiPolygon, crs)
    # The form and style saved as the file's default style bring them back whenever
    # the layer is opened. A layer that saved a style cannot read its file in QGIS
    # 3.22 afterwards, so a second one is opened and returned.
    draft = open_layer(path, layer_name)
    _set_up(draft)
    message = draft.saveStyleToDatabase(layer_name, tr("Drogscen scenes"), True, "")
    del draft
    if message:
        raise DrogscenError(
            tr(
                "The style of the new layer '{layer}' could not be saved in {path}: {message}"
            ).format(layer=layer_name, path=path, message=message)
        )
    layer = open_layer(path, layer_name)
    # Set up again, not relying on the saved style: QGIS 3.22 restores no time set-up from it.
    _set_up(layer)
    return layer
