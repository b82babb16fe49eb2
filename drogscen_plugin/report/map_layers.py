"""The layers the report's maps draw, with the plugin's styles as map style overrides.

Input layers are not changed: each is styled on an empty scratch copy whose
style becomes the map items' override. Only the scenes that existed in the
analysis's period are drawn (from their first-seen and closed-on dates). The
overview map labels the affected schools with their page numbers (the table of
affected schools is the key), the scenes with their names first, and the
districts last, so that labels do not collide.
"""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsMapLayerStyle,
    QgsPalLayerSettings,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from ..core.disc import quad_segments
from ..core.weekchart import Palette, svg_number
from ..definitions.conflicts import AFTER_HOURS, CONCURRENT
from ..i18n import tr
from ..qgis_io.styling import STYLE_CATEGORIES, TIME_VARIABLE, apply_style

# Label priorities on the overview map (0-10): scenes first, then the schools' numbers.
_SCENE_PRIORITY = 10
_SCHOOL_PRIORITY = 8
_DISTRICT_PRIORITY = 1


def _scratch_copy(layer):
    """An empty memory layer with the fields and geometry type of ``layer``."""
    scratch = QgsVectorLayer(
        "{}?crs={}".format(
            QgsWkbTypes.displayString(QgsWkbTypes.flatType(layer.wkbType())), layer.crs().authid()
        ),
        layer.name(),
        "memory",
    )
    scratch.dataProvider().addAttributes(layer.fields().toList())
    scratch.updateFields()
    return scratch


def _style_xml(layer):
    """The symbology and labels of ``layer`` as a map style override."""
    document = QDomDocument()
    layer.exportNamedStyle(document, QgsReadWriteContext(), STYLE_CATEGORIES)
    return QgsMapLayerStyle(document.toString()).xmlData()


def _feature_color(renderer, feature, context):
    """The colour of the symbol a started renderer draws a feature with, or None."""
    if not isinstance(renderer, QgsRuleBasedRenderer):
        symbol = renderer.symbolForFeature(feature, context)
        return symbol.color() if symbol is not None else None
    # symbolsForFeature of QGIS 3.22 can add an ELSE rule's symbol to a match: walk the rules.
    rule = renderer.rootRule()
    while True:
        children = [child for child in rule.children() if child.active()]
        match = next(
            (
                child
                for child in children
                if not child.isElse() and child.isFilterOK(feature, context)
            ),
            None,
        )
        if match is None:
            match = next((child for child in children if child.isElse()), None)
        if match is None:
            return None
        if match.symbol() is not None:
            return match.symbol().color()
        rule = match


def _text_format(size, color, bold=False, italic=False, halo=True):
    text = QgsTextFormat()
    text.setSize(size)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor(color))
    font = text.font()
    font.setBold(bold)
    font.setItalic(italic)
    text.setFont(font)
    if halo:
        # A white halo keeps the text readable over buffers and lines.
        buffer = QgsTextBufferSettings()
        buffer.setEnabled(True)
        buffer.setSize(0.6)
        buffer.setSizeUnit(QgsUnitTypes.RenderMillimeters)
        buffer.setColor(QColor(255, 255, 255))
        text.setBuffer(buffer)
    return text


def _district_style(layer, name_field):
    outline = QgsFillSymbol.createSimple(
        {
            "style": "no",
            "outline_color": "90,90,90,255",
            "outline_width": "0.5",
            "outline_style": "dash",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(outline))
    if layer.fields().lookupField(name_field) >= 0:
        settings = QgsPalLayerSettings()
        settings.fieldName = name_field
        settings.placement = QgsPalLayerSettings.Horizontal
        settings.setFormat(_text_format(8, "#505050", italic=True, halo=False))
        # The last to be placed, and never in the way of another label.
        settings.priority = _DISTRICT_PRIORITY
        settings.obstacleSettings().setIsObstacle(False)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)


def _relabel(layer, priority, expression=None, text=None):
    """Give the labels of a styled scratch layer a priority, a halo, and optionally
    another text expression and format."""
    labeling = layer.labeling()
    if not isinstance(labeling, QgsVectorLayerSimpleLabeling):
        return
    settings = QgsPalLayerSettings(labeling.settings())
    settings.priority = priority
    if expression is not None:
        settings.isExpression = True
        settings.fieldName = expression
    old = settings.format()
    settings.setFormat(text or _text_format(old.size(), old.color().name(), bold=old.font().bold()))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def _only(layer, expression):
    """Draw and label only the features of a styled scratch layer where ``expression``
    holds."""
    renderer = layer.renderer()
    if isinstance(renderer, QgsRuleBasedRenderer):
        renderer = renderer.clone()
    else:
        renderer = QgsRuleBasedRenderer.convertFromRenderer(renderer)
    root = renderer.rootRule()
    kept = QgsRuleBasedRenderer.Rule(None, filterExp=expression)
    for rule in list(root.children()):
        kept.appendChild(root.takeChild(rule))
    root.appendChild(kept)
    layer.setRenderer(renderer)
    labeling = layer.labeling()
    if isinstance(labeling, QgsVectorLayerSimpleLabeling):
        settings = QgsPalLayerSettings(labeling.settings())
        properties = settings.dataDefinedProperties()
        properties.setProperty(
            QgsPalLayerSettings.Property.Show, QgsProperty.fromExpression(expression)
        )
        settings.setDataDefinedProperties(properties)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def page_number_expression(affected, first_page):
    """A label expression: the page of an affected school (in the order of ``affected``),
    NULL for the others."""
    fids = ", ".join(str(int(summary.school_fid)) for summary in affected)
    return (
        "with_variable('index', array_find(array({fids}), \"school_fid\"), "
        "if(@index >= 0, to_string(@index + {first}), NULL))"
    ).format(fids=fids, first=int(first_page))


class ReportMaps:
    """The map layers of one report: the buffers it makes and the input layers it
    draws, top to bottom, with their style overrides and legend names."""

    def __init__(self, data, first_school_page):
        self.data = data
        layers = data.layers
        self.buffers = layers.buffers
        if self.buffers is None or self.buffers.crs() != layers.summary.crs():
            self.buffers = self._make_buffers(layers.summary, data.options.distance)
            layers.derived = [self.buffers]
        self.scenes = layers.scenes
        self._scene_filter = self._period_filter(layers.scenes)
        self.map_layers = []
        self.legend_names = {}
        # School pages and the overview: the overview labels schools by page.
        self.style_overrides = {}
        self.overview_overrides = {}
        self._first_school_page = first_school_page
        self.palette_renderer = None
        self.school_renderer = None
        self._add(
            layers.summary,
            tr("Schools and preschools"),
            lambda s: apply_style(s, "summary"),
            self._school_numbers,
        )
        self._add(
            layers.overlap, tr("Scenes within the distance"), lambda s: apply_style(s, "overlaps")
        )
        self._add(
            self.buffers,
            tr("Distance {distance} m around schools").format(
                distance=svg_number(data.options.distance)
            ),
            None,
        )
        self._add(
            self.scenes,
            tr("Open drug scenes"),
            self._period_scene_style,
            lambda s: _relabel(s, _SCENE_PRIORITY),
        )
        self._add(
            layers.districts,
            tr("Districts"),
            lambda s: _district_style(s, data.options.district_name_field),
        )
        self.school_colors = self._school_colors()

    @staticmethod
    def _make_buffers(summary, distance):
        buffers = QgsVectorLayer(
            "MultiPolygon?crs={}".format(summary.crs().authid()),
            tr("Distance around schools"),
            "memory",
        )
        buffers.dataProvider().addAttributes(
            [summary.fields().field("school_fid"), summary.fields().field("school_name")]
        )
        buffers.updateFields()
        features = []
        for school in summary.getFeatures():
            if school.geometry().isEmpty():
                continue
            feature = QgsFeature(buffers.fields())
            feature.setAttributes([school["school_fid"], school["school_name"]])
            feature.setGeometry(school.geometry().buffer(distance, quad_segments(distance)))
            features.append(feature)
        buffers.dataProvider().addFeatures(features)
        buffers.updateExtents()
        apply_style(buffers, "buffers")
        return buffers

    def _period_filter(self, scenes):
        """An expression true for the scenes that existed in the analysis's period, or
        None when all did. The report draws the scenes layer itself, filtered by its
        style override: no layer of its own, the input layer unchanged."""
        data = self.data
        if scenes is None or data.trend_scenes is None:
            return None
        fids = [scene.fid for scene in data.trend_scenes if data.period.existed(scene)]
        if len(fids) == len(data.trend_scenes):
            return None
        return "$id IN ({})".format(", ".join(str(int(fid)) for fid in fids)) if fids else "FALSE"

    def scene_extent(self):
        """The extent of the scenes the maps draw, in the scenes' CRS; None without."""
        if self.scenes is None:
            return None
        if self._scene_filter is None:
            return self.scenes.extent()
        extent = QgsRectangle()
        request = QgsFeatureRequest(QgsExpression(self._scene_filter))
        for feature in self.scenes.getFeatures(request.setNoAttributes()):
            extent.combineExtentWith(feature.geometry().boundingBox())
        return extent

    def _period_scene_style(self, layer):
        self._scene_style(layer)
        if self._scene_filter is not None:
            _only(layer, self._scene_filter)

    def _add(self, layer, name, style, overview=None):
        """Draw ``layer`` with ``style`` applied to a scratch copy, and on the overview
        with ``overview`` applied after it."""
        if layer is None:
            return
        self.map_layers.append(layer)
        self.legend_names[layer.id()] = name
        if style is None:
            return
        scratch = _scratch_copy(layer)
        style(scratch)
        self.style_overrides[layer.id()] = _style_xml(scratch)
        if overview is not None:
            overview(scratch)
        self.overview_overrides[layer.id()] = _style_xml(scratch)
        if layer is self.data.layers.overlap:
            self.palette_renderer = scratch.renderer().clone()
        if layer is self.data.layers.summary:
            self.school_renderer = (scratch.renderer().clone(), scratch.fields())

    def _school_numbers(self, layer):
        """The affected schools' page numbers as their labels."""
        expression = page_number_expression(self.data.affected, self._first_school_page)
        _relabel(layer, _SCHOOL_PRIORITY, expression, _text_format(8, "#08306b", bold=True))

    def _scene_style(self, layer):
        """The scenes' style without its time rule: the report shows every scene."""
        apply_style(layer, "scenes", fields={"name": self.data.options.scene_name_field})
        renderer = layer.renderer()
        if isinstance(renderer, QgsRuleBasedRenderer):
            children = renderer.rootRule().children()
            if len(children) == 1 and "@" + TIME_VARIABLE in children[0].filterExpression():
                renderer = renderer.clone()
                root = renderer.rootRule()
                time_rule = root.children()[0]
                for rule in list(time_rule.children()):
                    root.appendChild(time_rule.takeChild(rule))
                root.removeChildAt(0)
                layer.setRenderer(renderer)

    def palette(self, school_fid=None):
        """The week chart's colours: the overlaps' conflict colours, and the school's own."""
        colors = {}
        renderer = self.palette_renderer
        if isinstance(renderer, QgsCategorizedSymbolRenderer):
            for category in renderer.categories():
                colors[category.value()] = QColor(category.symbol().color()).name()
        return Palette(
            open=self.school_colors.get(school_fid) or Palette.open,
            concurrent=colors.get(CONCURRENT, Palette.concurrent),
            after_hours=colors.get(AFTER_HOURS, Palette.after_hours),
        )

    def _school_colors(self):
        """The colour of each affected school's symbol on the map."""
        found = {}
        if self.school_renderer is None:
            return found
        renderer, fields = self.school_renderer
        summary = self.data.layers.summary
        context = QgsRenderContext()
        context.expressionContext().appendScopes(
            QgsExpressionContextUtils.globalProjectLayerScopes(summary)
        )
        renderer.startRender(context, fields)
        wanted = {school.school_fid for school in self.data.affected}
        for feature in summary.getFeatures():
            fid = feature["school_fid"]
            if fid in wanted:
                context.expressionContext().setFeature(feature)
                color = _feature_color(renderer, feature, context)
                if color is not None:
                    found[fid] = QColor(color).name()
        renderer.stopRender(context)
        return found
