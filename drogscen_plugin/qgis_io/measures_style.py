"""The symbols of the measures layers: one per measure type (definitions/measures.py).

The .qml files (``make styles``) hold them; a type they lack gets its symbol
built from its definition when the style is applied.
"""

import os

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
)

from ..core.errors import DrogscenError
from ..definitions.measures import measure_codes, measure_type
from ..i18n import tr
from .styling import STYLE_DIR, read_style

# Style file of each of the three layers, by layer name suffix.
STYLE_FILES = {
    "points": "measures_points.qml",
    "lines": "measures_lines.qml",
    "polygons": "measures_polygons.qml",
}


def style_path(suffix):
    """The .qml file of the measures layer with ``suffix`` (points, lines or polygons)."""
    return os.path.normpath(os.path.join(STYLE_DIR, STYLE_FILES[suffix]))


def measure_symbol(code, suffix):
    """The symbol of the measure type ``code`` on the layer with ``suffix``."""
    symbol = measure_type(code).symbol
    color = symbol.color
    if suffix == "points":
        return QgsMarkerSymbol.createSimple(
            {
                "name": symbol.marker,
                "color": color + ",255",
                "size": "3.6",
                "outline_color": "255,255,255,255",
                "outline_width": "0.4",
            }
        )
    if suffix == "lines":
        return QgsLineSymbol.createSimple(
            {
                "line_color": color + ",255",
                "line_width": "0.9",
                "line_style": symbol.line,
                "capstyle": "round",
                "joinstyle": "round",
            }
        )
    return QgsFillSymbol.createSimple(
        {
            "style": symbol.fill,
            "color": color + (",70" if symbol.fill == "solid" else ",200"),
            "outline_color": color + ",255",
            "outline_width": "0.6" if symbol.fill != "no" else "1.2",
        }
    )


def measures_renderer(suffix):
    """Categories by measure_type, every type its own symbol, labels in the user's language."""
    return QgsCategorizedSymbolRenderer(
        "measure_type",
        [
            QgsRendererCategory(code, measure_symbol(code, suffix), measure_type(code).label())
            for code in measure_codes()
        ],
    )


def apply_measures_style(layer, suffix):
    """Symbols per measure type, the legend in the user's language.

    Only the renderer is read from the .qml: loading the style whole would
    clear the form's constraints in QGIS 3.22.
    """
    path = style_path(suffix)
    renderer, _, _ = read_style(path)
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        raise DrogscenError(
            tr("The style {path} could not be read: {message}").format(
                path=path, message=tr("it has no symbols")
            )
        )
    for index, category in enumerate(renderer.categories()):
        entry = measure_type(category.value())
        if entry is not None:
            renderer.updateCategoryLabel(index, entry.label())
    styled = {category.value() for category in renderer.categories()}
    for code in measure_codes():
        if code not in styled:
            renderer.addCategory(
                QgsRendererCategory(code, measure_symbol(code, suffix), measure_type(code).label())
            )
    layer.setRenderer(renderer)
    layer.triggerRepaint()
