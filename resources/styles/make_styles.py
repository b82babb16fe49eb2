"""Write the layer styles (*.qml) that drogscen_plugin.qgis_io.styling and
measures_layer apply.

Run with the system Python that has PyQGIS:

    /usr/bin/python3 resources/styles/make_styles.py [OUTPUT_DIR]

Each style is built with QGIS's own renderers on an empty layer with the
fields it uses and saved with only its symbology and labels. Legend labels
are English here; the plugin translates them when it applies a style.
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt writes XML attributes in hash order: a fixed seed writes the same files on every run.
os.environ["QT_HASH_SEED"] = "0"

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsCentroidFillSymbolLayer,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsReadWriteContext,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor  # noqa: E402
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402

from drogscen_plugin.definitions.conflicts import AFTER_HOURS, CONCURRENT  # noqa: E402
from drogscen_plugin.qgis_io.measures_style import measures_renderer  # noqa: E402
from drogscen_plugin.qgis_io.styling import STYLE_CATEGORIES, setup_temporal  # noqa: E402

PRESCHOOL = {"color": "51,160,44,255", "name": "circle"}
SCHOOL = {"color": "31,120,180,255", "name": "square"}


def empty_layer(geometry, fields):
    spec = "&".join("field={}:string".format(name) for name in fields)
    return QgsVectorLayer("{}?crs=EPSG:3006&{}".format(geometry, spec), "style", "memory")


def label(layer, field, color, size, placement, bold=False, show=None):
    """Labels of ``field`` with a white halo, readable on any background; only for
    the features where the expression ``show`` holds, when given."""
    text = QgsTextFormat()
    font = text.font()
    font.setBold(bold)
    text.setFont(font)
    text.setSize(size)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor(color))
    halo = QgsTextBufferSettings()
    halo.setEnabled(True)
    halo.setSize(1.0)
    halo.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    halo.setColor(QColor(255, 255, 255))
    halo.setOpacity(0.85)
    text.setBuffer(halo)
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.placement = placement
    settings.dist = 1.0
    settings.distUnits = QgsUnitTypes.RenderMillimeters
    settings.setFormat(text)
    if show is not None:
        settings.dataDefinedProperties().setProperty(
            QgsPalLayerSettings.Show, QgsProperty.fromExpression(show)
        )
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def rule(symbol, label_text, key, filter_expression="", is_else=False):
    result = QgsRuleBasedRenderer.Rule(symbol, 0, 0, filter_expression, label_text, "", is_else)
    result.setRuleKey(key)  # fixed keys: the same file on every run
    return result


def rule_renderer(rules):
    root = QgsRuleBasedRenderer.Rule(None)
    root.setRuleKey("root")
    for child in rules:
        root.appendChild(child)
    return QgsRuleBasedRenderer(root)


def scenes():
    layer = empty_layer("MultiPolygon", ["name", "active_hours", "status"])
    open_scene = QgsFillSymbol.createSimple(
        {
            "color": "227,26,28,90",
            "outline_color": "153,0,13,255",
            "outline_width": "0.6",
        }
    )
    closed_scene = QgsFillSymbol.createSimple(
        {
            "style": "b_diagonal",
            "color": "110,110,110,200",
            "outline_color": "110,110,110,255",
            "outline_style": "dash",
            "outline_width": "0.4",
        }
    )
    layer.setRenderer(
        rule_renderer(
            [
                rule(closed_scene, "Closed scene", "scene-closed", "\"status\" = 'closed'"),
                rule(open_scene, "Open scene", "scene-open", is_else=True),
            ]
        )
    )
    setup_temporal(layer)
    layer.renderer().rootRule().children()[0].setRuleKey("scene-time")
    # Beside the scene, not over it: scenes are small at city scale.
    label(layer, "name", "#67000d", 9, QgsPalLayerSettings.AroundPoint, bold=True)
    return layer


def buffers():
    layer = empty_layer("MultiPolygon", ["school_name"])
    outline = QgsFillSymbol.createSimple(
        {
            "style": "no",
            "outline_color": "31,120,180,255",
            "outline_style": "dash",
            "outline_width": "0.5",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(outline))
    return layer


def overlaps():
    layer = empty_layer("MultiPolygon", ["conflict"])
    categories = [
        (CONCURRENT, "Concurrent: active while the school is open", "215,25,28,170", "127,0,0,255"),
        (
            AFTER_HOURS,
            "After hours: active while the school is closed",
            "253,174,97,170",
            "179,88,6,255",
        ),
    ]
    layer.setRenderer(
        QgsCategorizedSymbolRenderer(
            "conflict",
            [
                QgsRendererCategory(
                    value,
                    QgsFillSymbol.createSimple(
                        {
                            "color": fill,
                            "outline_color": outline,
                            "outline_width": "0.4",
                        }
                    ),
                    text,
                )
                for value, text, fill, outline in categories
            ],
        )
    )
    return layer


def school_symbol(polygons, marker):
    point = QgsMarkerSymbol.createSimple(
        {
            **marker,
            "size": "3.4",
            "outline_color": "255,255,255,255",
            "outline_width": "0.4",
        }
    )
    if not polygons:
        return point
    red, green, blue, _ = marker["color"].split(",")
    grounds = QgsFillSymbol.createSimple(
        {
            "color": "{},{},{},60".format(red, green, blue),
            "outline_color": marker["color"],
            "outline_width": "0.5",
        }
    )
    centre = QgsCentroidFillSymbolLayer()
    centre.setSubSymbol(point)
    grounds.appendSymbolLayer(centre)
    return grounds


def schools(name_field, type_field, polygons):
    geometry = "MultiPolygon" if polygons else "Point"
    layer = empty_layer(geometry, [name_field, type_field])
    prefix = "summary" if name_field == "school_name" else "schools"
    layer.setRenderer(
        rule_renderer(
            [
                rule(
                    school_symbol(polygons, PRESCHOOL),
                    "Preschool",
                    prefix + "-preschool",
                    'drogscen_is_preschool("{}")'.format(type_field),
                ),
                rule(school_symbol(polygons, SCHOOL), "School", prefix + "-school", is_else=True),
            ]
        )
    )
    # Beside the marker, which a school ground shows at its centre.
    placement = (
        QgsPalLayerSettings.AroundPoint
        if polygons
        else QgsPalLayerSettings.OrderedPositionsAroundPoint
    )
    # The analysis labels only the affected schools: thousands of names would hide the
    # map and take most of each redraw.
    show = '"scene_count" > 0' if prefix == "summary" else None
    label(layer, name_field, "#08306b", 8.5, placement, show=show)
    return layer


def measures(geometry, suffix):
    """Categories by measure_type: every type its own symbol (definitions/measures.py)."""
    layer = empty_layer(geometry, ["measure_type"])
    layer.setRenderer(measures_renderer(suffix))
    return layer


def write_style(layer, path):
    document = QDomDocument()
    message = layer.exportNamedStyle(document, QgsReadWriteContext(), STYLE_CATEGORIES)
    if message:
        raise SystemExit("{}: {}".format(path, message))
    # No font family: labels take the user's default font, and the files do not
    # depend on the fonts of the machine that writes them.
    texts = document.elementsByTagName("text-style")
    for index in range(texts.count()):
        texts.at(index).toElement().removeAttribute("fontFamily")
    with open(path, "w", encoding="utf-8") as file:
        file.write(document.toString(2))


def main(argv):
    output = os.path.abspath(argv[1]) if len(argv) > 1 else HERE
    os.makedirs(output, exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    styles = {
        "scenes": scenes(),
        "buffers": buffers(),
        "overlaps": overlaps(),
        "schools": schools("name", "type", polygons=False),
        "schools_polygons": schools("name", "type", polygons=True),
        "summary": schools("school_name", "school_type", polygons=False),
        "summary_polygons": schools("school_name", "school_type", polygons=True),
        "measures_points": measures("Point", "points"),
        "measures_lines": measures("MultiLineString", "lines"),
        "measures_polygons": measures("MultiPolygon", "polygons"),
    }
    for name, layer in styles.items():
        path = os.path.join(output, name + ".qml")
        write_style(layer, path)
        print(path)
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv)
