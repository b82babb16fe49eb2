"""The situation report ("lägesbild"): two print layouts and one PDF.

From the Overlaps and School summary layers of ``drogscen:overlap`` (and,
when given, the scenes, schools and districts) this builds

* the overview layout from ``resources/layouts/overview.qpt``: page 1 with
  the map, legend and the table of affected schools; page 2 with the trend
  of scenes per year or quarter and the table per district (left out when
  neither scenes nor districts are given);
* the school layout from ``resources/layouts/school.qpt``, an atlas over the
  School summary filtered to ``"scene_count" > 0``: one page per affected
  school with its map, week chart, hours and measures;

and exports both into one PDF, overview first, schools in the order of the
overview's table. Template items are found by their ids; an item a user
deleted from a template is left out. Input layers are not changed: the maps
draw them with the plugin's styles as map style overrides.

The week charts and the trend chart are SVG files in a folder of the QGIS
session's temporary folder; layouts kept in the project show them while
that session lasts.
"""

import datetime
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Optional

from qgis.core import (
    QgsAbstractLayoutIterator,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeedback,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsMapLayer,
    QgsMapLayerStyle,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProcessingUtils,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsTableCell,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument
from shapely import wkb as shapely_wkb

from ..core import report as core_report
from ..core.errors import AnalysisCanceled, DrogscenError, InputError, ScheduleError
from ..core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from ..core.hours import DEFAULT_PRESCHOOL_HOURS, DEFAULT_SCHOOL_HOURS, school_schedule
from ..core.records import PairResult, SchoolSummary
from ..core.schedule import WeeklySchedule
from ..core.weekchart import ChartScene, Palette, svg_number, week_chart_svg
from ..i18n import tr
from .measures_layer import measure_coverage
from .styling import STYLE_CATEGORIES, TIME_VARIABLE, apply_style

TEMPLATE_DIR = os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "resources",
                 "layouts")
)
OVERVIEW_TEMPLATE = os.path.join(TEMPLATE_DIR, "overview.qpt")
SCHOOL_TEMPLATE = os.path.join(TEMPLATE_DIR, "school.qpt")

PAPERS = ("A4", "A3")
# The templates are A4 landscape; A3 scales every item, keeping the text sizes.
_PAPER_SCALE = {"A4": 1.0, "A3": 420.0 / 297.0}
ATLAS_FILTER = '"scene_count" > 0'

# Layout variables: JSON maps from school and scene ids to hours text.
SCHOOL_HOURS_VARIABLE = "drogscen_school_hours"
SCENE_HOURS_VARIABLE = "drogscen_scene_hours"
COVERAGE_VARIABLE = "drogscen_coverage"

# Height of a table row in mm: one line of the templates' 7 pt text with its
# margins, rounded up, so that the rows counted always fit.
_ROW_HEIGHT = 5.2
# The map of a school page shows its buffer and this much more around it.
_MAP_MARGIN = 1.15


class ReportError(DrogscenError):
    """The report cannot be made or written; the message says why in words."""


def export_error_message(result, path):
    """QgsLayoutExporter's result code in words."""
    messages = {
        QgsLayoutExporter.FileError: tr(
            "Cannot write {path}: the file may be open in another program (locked), the folder "
            "may be read-only or missing, or the disk may be full."
        ),
        QgsLayoutExporter.MemoryError: tr(
            "Not enough memory to render the report to {path}: close other programs or choose "
            "A4."
        ),
        QgsLayoutExporter.PrintError: tr("The PDF writer could not start for {path}."),
        QgsLayoutExporter.IteratorError: tr(
            "The school pages could not be prepared (atlas error) for {path}."
        ),
        QgsLayoutExporter.SvgLayerError: tr("A layer could not be written to {path}."),
        QgsLayoutExporter.Canceled: tr("The export of {path} was canceled."),
    }
    message = messages.get(result, tr("Exporting {path} failed (code {code})."))
    return message.format(path=path, code=int(result))


def check_writable(path):
    """Raise ReportError, in words, when ``path`` cannot be written."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ReportError(tr("Cannot write {path}: the folder {folder} does not exist.").format(
            path=path, folder=folder))
    if os.path.isdir(path):
        raise ReportError(tr("Cannot write {path}: it is a folder.").format(path=path))
    existed = os.path.exists(path)
    try:
        # Append mode: opens a locked or read-only file without changing it.
        with open(path, "ab"):
            pass
    except PermissionError:
        if existed:
            raise ReportError(tr(
                "Cannot write {path}: the file is read-only or open in another program "
                "(locked). Close it and try again.").format(path=path)) from None
        raise ReportError(tr("Cannot write {path}: no permission to write in {folder}.").format(
            path=path, folder=folder)) from None
    except OSError as error:
        raise ReportError(tr("Cannot write {path}: {reason}.").format(
            path=path, reason=error.strerror)) from None
    finally:
        if not existed and os.path.exists(path):
            os.remove(path)
    # A report takes a few megabytes.
    if shutil.disk_usage(folder).free < 5 * 1024 * 1024:
        raise ReportError(tr("Cannot write {path}: the disk is full.").format(path=path))


@dataclass
class ReportOptions:
    """Parameters of the report; the analysis parameters are shown on its first page.

    ``distance`` and the default hours should be those of the analysis run:
    the layers do not record them. ``today`` is the report date.
    """

    distance: float = 300.0
    default_school_hours: str = DEFAULT_SCHOOL_HOURS
    default_preschool_hours: str = DEFAULT_PRESCHOOL_HOURS
    school_hours_field: str = "opening_hours"
    scene_name_field: str = "name"
    first_seen_field: str = "first_seen"
    closed_on_field: str = "closed_on"
    source_field: str = "source"
    district_name_field: str = "name"
    period: str = core_report.YEAR
    paper: str = "A4"
    today: Optional[datetime.date] = None
    title: Optional[str] = None
    # With measures layers: count planned measures in the coverage too.
    include_planned: bool = False


@dataclass
class ReportLayers:
    """The layers of a report; ``overlap`` and ``summary`` are required."""

    overlap: QgsVectorLayer
    summary: QgsVectorLayer
    scenes: Optional[QgsVectorLayer] = None
    schools: Optional[QgsVectorLayer] = None
    districts: Optional[QgsVectorLayer] = None
    # Measures layers: each school page then shows their coverage.
    measures: list = field(default_factory=list)
    # Layers made for the report (the buffers), owned by it.
    derived: list = field(default_factory=list)


# --- reading layers ------------------------------------------------------------


def _plain(value):
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def _shape(geometry, transform=None):
    """A QGIS geometry as shapely, straight segments, in the transform's CRS; None when empty."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    linear = QgsGeometry(geometry.constGet().segmentize())
    if transform is not None:
        linear.transform(transform)
    return shapely_wkb.loads(bytes(linear.asWkb()))


def _require_fields(layer, spec, what):
    missing = [name for name, _ in spec if layer.fields().lookupField(name) < 0]
    if missing:
        raise InputError(tr(
            "Layer '{layer}' is not the {what} of drogscen:overlap: it has no field {fields}."
        ).format(layer=layer.name(), what=what, fields=", ".join(missing)))


def _records(layer, spec, cls):
    names = [name for name, _ in spec]
    return [
        cls(geometry=_shape(feature.geometry()),
            **{name: _plain(feature[name]) for name in names})
        for feature in layer.getFeatures()
    ]


def _date(value):
    value = _plain(value)
    if isinstance(value, QDateTime):
        return value.date().toPyDate()
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return core_report.as_date(value)


def _source_name(source):
    """The name of a layer or of a Processing feature source."""
    return source.name() if isinstance(source, QgsMapLayer) else source.sourceName()


def _text(value):
    value = _plain(value)
    return "" if value is None else str(value)


def read_trend_scenes(source, first_seen_field, closed_on_field, name_field, transform=None):
    """``([TrendScene], [warning])`` from a layer or feature source of scenes.

    Dates may be date or date-time fields or ISO text; a date that cannot be
    read, or a scene closed before it was first seen, is named in a warning
    and counted as unknown. No field, or one the layer lacks (with a warning),
    means unknown dates.
    """
    fields = source.fields()
    warnings = []
    date_fields = []
    for name in (first_seen_field, closed_on_field):
        if name and fields.lookupField(name) >= 0:
            date_fields.append(name)
        else:
            date_fields.append(None)
            if name:
                warnings.append(tr("Layer '{layer}' has no field '{field}': those dates count "
                                   "as unknown.").format(layer=_source_name(source), field=name))
    has_name = bool(name_field) and fields.lookupField(name_field) >= 0
    scenes = []
    for feature in source.getFeatures():
        dates = []
        for name in date_fields:
            value = feature[name] if name else None
            try:
                dates.append(_date(value))
            except ValueError:
                warnings.append(tr(
                    "Scene {fid}: {field} '{value}' is not a date (YYYY-MM-DD); counted as "
                    "unknown.").format(fid=feature.id(), field=name, value=_text(value)))
                dates.append(None)
        problem = core_report.date_problem(*dates)
        if problem:
            warnings.append(tr("Scene {fid}: {problem}; its first seen date counts as unknown.")
                            .format(fid=feature.id(), problem=problem))
            dates[0] = None
        scenes.append(core_report.TrendScene(
            fid=feature.id(),
            name=_text(feature[name_field]) if has_name else str(feature.id()),
            first_seen=dates[0],
            closed_on=dates[1],
            geometry=_shape(feature.geometry(), transform),
        ))
    return scenes, warnings


def read_districts(source, name_field, transform=None):
    """``[(name, shapely polygon)]`` of a layer or feature source of districts;
    features without geometry are left out, unnamed ones named by their id."""
    has_name = bool(name_field) and source.fields().lookupField(name_field) >= 0
    districts = []
    for feature in source.getFeatures():
        shape = _shape(feature.geometry(), transform)
        if shape is None:
            continue
        name = _text(feature[name_field]) if has_name else ""
        districts.append((name or tr("District {fid}").format(fid=feature.id()), shape))
    return districts


# --- styles -------------------------------------------------------------------


def _scratch_copy(layer):
    """An empty memory layer with the fields and geometry type of ``layer``."""
    scratch = QgsVectorLayer(
        "{}?crs={}".format(QgsWkbTypes.displayString(QgsWkbTypes.flatType(layer.wkbType())),
                           layer.crs().authid()),
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
        match = next((child for child in children
                      if not child.isElse() and child.isFilterOK(feature, context)), None)
        if match is None:
            match = next((child for child in children if child.isElse()), None)
        if match is None:
            return None
        if match.symbol() is not None:
            return match.symbol().color()
        rule = match


def _district_style(layer, name_field):
    outline = QgsFillSymbol.createSimple({
        "style": "no", "outline_color": "90,90,90,255", "outline_width": "0.5",
        "outline_style": "dash",
    })
    layer.setRenderer(QgsSingleSymbolRenderer(outline))
    if layer.fields().lookupField(name_field) >= 0:
        text = QgsTextFormat()
        text.setSize(8)
        text.setSizeUnit(QgsUnitTypes.RenderPoints)
        text.setColor(QColor(80, 80, 80))
        font = text.font()
        font.setItalic(True)
        text.setFont(font)
        settings = QgsPalLayerSettings()
        settings.fieldName = name_field
        settings.placement = QgsPalLayerSettings.Horizontal
        settings.setFormat(text)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)


# --- the iterator that puts several layouts into one PDF ----------------------


class _ReportPages(QgsAbstractLayoutIterator):
    """The overview layout once, then every atlas feature of the school layout."""

    def __init__(self, overview, atlas, feedback):
        super().__init__()
        self._overview = overview
        self._atlas = atlas
        self._feedback = feedback
        self._step = -1
        self._current = overview

    def count(self):
        return 1 + self._atlas.count()

    def beginRender(self):  # noqa: N802 (QGIS API)
        self._step = -1
        return self._atlas.beginRender()

    def endRender(self):  # noqa: N802 (QGIS API)
        return self._atlas.endRender()

    def next(self):
        self._step += 1
        if self._feedback.isCanceled():
            return False
        if self._step == 0:
            self._current = self._overview
            return True
        self._current = self._atlas.layout()
        return self._atlas.next()

    def filePath(self, baseFilePath, extension):  # noqa: N802, N803 (QGIS API)
        return baseFilePath

    def layout(self):
        return self._current


# --- the report -----------------------------------------------------------------


class SituationReport:
    """The layouts of one report; ``build`` makes them, ``export_pdf`` writes the PDF.

    ``warnings`` collects what the user should know (unreadable dates,
    hours that differ from the analysis...).
    """

    def __init__(self, layers, options=None, project=None):
        self.layers = layers
        self.options = options or ReportOptions()
        self.project = project or QgsProject.instance()
        self.today = self.options.today or datetime.date.today()
        self.warnings = []
        self.overview = None
        self.schools_layout = None
        self.chart_folder = None
        if self.options.paper not in PAPERS:
            raise InputError(tr("Paper must be one of {papers}, not {paper}.").format(
                papers=", ".join(PAPERS), paper=self.options.paper))
        if self.options.period not in core_report.PERIOD_KINDS:
            raise InputError(tr("Period must be year or quarter, not {period}.").format(
                period=self.options.period))
        self.default_school = self._hours_option(self.options.default_school_hours)
        self.default_preschool = self._hours_option(self.options.default_preschool_hours)

    @staticmethod
    def _hours_option(text):
        try:
            return WeeklySchedule.parse(text)
        except ScheduleError as error:
            raise InputError(tr("'{text}' is not valid opening hours: {message}").format(
                text=text, message=error)) from error

    # -- data ------------------------------------------------------------------

    def _transform(self, layer):
        if layer.crs() == self.layers.summary.crs():
            return None
        return QgsCoordinateTransform(layer.crs(), self.layers.summary.crs(),
                                      self.project.transformContext())

    def read(self):
        """Read the layers into the core's records and work out what the pages say."""
        layers = self.layers
        _require_fields(layers.summary, SUMMARY_FIELDS, tr("School summary"))
        _require_fields(layers.overlap, PAIR_FIELDS, tr("Overlaps"))
        self.summaries = _records(layers.summary, SUMMARY_FIELDS, SchoolSummary)
        self.pairs = _records(layers.overlap, PAIR_FIELDS, PairResult)
        self.affected = core_report.affected_schools(self.summaries)
        self.scene_hours = core_report.scene_hours(self.pairs)
        self.pairs_of = core_report.pairs_by_school(self.pairs)
        self.school_hours = self._school_hours()
        self.trend_scenes = self._trend_scenes() if layers.scenes is not None else None
        self.trend_rows = (
            core_report.trend(self.trend_scenes, self.options.period, self.today)
            if self.trend_scenes is not None else []
        )
        self.district_rows = self._district_rows() if layers.districts is not None else None
        self.coverage = self._coverage() if layers.measures else {}
        self._warn_closed_scenes()

    def _coverage(self):
        """Each affected school's coverage line, by school_fid, of the measures in force
        on the report date: named for the school or within the distance of it."""
        rows, warnings = measure_coverage(
            self.layers.overlap, self.layers.measures,
            include_planned=self.options.include_planned, on=self.today,
            schools=self.layers.summary, distance=self.options.distance,
            transform_context=self.project.transformContext())
        self.warnings.extend(warnings)
        lines = {}
        for row in rows:
            result = row.coverage
            text = tr("Coverage by {count} measures in force: {uncovered} of {needed} h/week "
                      "uncovered").format(
                count=result.measure_count,
                uncovered=core_report.hours_per_week(result.uncovered_min),
                needed=core_report.hours_per_week(result.needed_min))
            if result.uncovered_min:
                text += " ({hours})".format(hours=result.uncovered_hours)
            if result.round_days_missing:
                text += tr("; yard round missing on {days}").format(
                    days=result.round_days_missing)
            elif result.round_days:
                text += tr("; yard rounds covered")
            lines[str(row.school_fid)] = text
        return lines

    def _warn_closed_scenes(self):
        """Scenes in the analysis that were closed on the report date."""
        analysed = {pair.scene_fid for pair in self.pairs}
        for scene in self.trend_scenes or []:
            if scene.fid in analysed and scene.closed_on is not None and \
                    scene.closed_on <= self.today:
                self.warnings.append(tr(
                    "Scene {fid} ({name}) was closed on {date} but is part of the analysis."
                ).format(fid=scene.fid, name=scene.name, date=scene.closed_on.isoformat()))

    def _school_hours(self):
        """The hours of each affected school: its own from the schools layer, else
        the default of its type; a warning where they differ from the analysis."""
        own = {}
        schools = self.layers.schools
        field_name = self.options.school_hours_field
        if schools is not None and field_name and schools.fields().lookupField(field_name) >= 0:
            wanted = [summary.school_fid for summary in self.affected]
            for feature in schools.getFeatures(wanted):
                own[feature.id()] = _plain(feature[field_name])
        hours = {}
        for summary in self.affected:
            # The analysis's note on unreadable hours is in the summary's hours_note.
            schedule, _ = school_schedule(
                own.get(summary.school_fid), summary.school_type, self.default_school,
                self.default_preschool)
            hours[summary.school_fid] = schedule
            pairs = self.pairs_of.get(summary.school_fid, [])
            if core_report.mismatched_hours(schedule, pairs, self.scene_hours):
                self.warnings.append(tr(
                    "{school}: the opening hours {hours} do not give the analysis's results; the "
                    "week chart's red and amber bars follow the analysis. Give the schools layer "
                    "and the default hours the analysis used."
                ).format(school=summary.school_name, hours=schedule.to_opening_hours()))
        return hours

    def _trend_scenes(self):
        layer = self.layers.scenes
        options = self.options
        scenes, warnings = read_trend_scenes(
            layer, options.first_seen_field, options.closed_on_field, options.scene_name_field,
            self._transform(layer))
        self.warnings.extend(warnings)
        return scenes

    def _district_rows(self):
        layer = self.layers.districts
        districts = read_districts(layer, self.options.district_name_field,
                                   self._transform(layer))
        return core_report.district_rows(
            districts, self.trend_scenes or [], self.summaries, self.pairs, self.today)

    # -- layouts ---------------------------------------------------------------

    @property
    def has_trend_page(self):
        return self.layers.scenes is not None or self.layers.districts is not None

    @property
    def overview_pages(self):
        return 2 if self.has_trend_page else 1

    @property
    def page_count(self):
        """Pages of the PDF: the overview pages and one per affected school."""
        return self.overview_pages + len(self.affected)

    @property
    def title(self):
        return self.options.title or tr("Situation report: open drug scenes near schools")

    def build(self, feedback=None):
        """Read the layers and build both layouts (not yet in the project)."""
        feedback = feedback or QgsFeedback()
        self.read()
        self.chart_folder = tempfile.mkdtemp(prefix="drogscen_report_",
                                             dir=QgsProcessingUtils.tempFolder())
        self._prepare_map_layers()
        feedback.setProgress(5)
        self.overview = self._load_template(OVERVIEW_TEMPLATE, tr("{title} – overview").format(
            title=self.title))
        self._fill_overview(self.overview)
        feedback.setProgress(10)
        self.schools_layout = self._load_template(SCHOOL_TEMPLATE, tr(
            "{title} – schools").format(title=self.title))
        self._fill_schools(self.schools_layout, feedback)
        feedback.setProgress(20)
        return self.overview, self.schools_layout

    def _load_template(self, path, name):
        layout = QgsPrintLayout(self.project)
        layout.initializeDefaults()
        document = QDomDocument()
        try:
            with open(path, encoding="utf-8") as file:
                parsed = document.setContent(file.read())[0]
        except OSError as error:
            raise ReportError(tr("The layout template {path} cannot be read: {reason}").format(
                path=path, reason=error.strerror)) from error
        if not parsed or not layout.loadFromTemplate(document, QgsReadWriteContext())[1]:
            raise ReportError(tr("The layout template {path} is not a QGIS layout template.")
                              .format(path=path))
        layout.setName(name)
        if self.options.paper != "A4":
            _scale_layout(layout, self.options.paper)
        return layout

    # -- map layers and their styles ---------------------------------------------

    def _prepare_map_layers(self):
        layers = self.layers
        distance = self.options.distance
        buffers = QgsVectorLayer("MultiPolygon?crs={}".format(layers.summary.crs().authid()),
                                 tr("Distance around schools"), "memory")
        buffers.dataProvider().addAttributes(
            [layers.summary.fields().field("school_fid"),
             layers.summary.fields().field("school_name")])
        buffers.updateFields()
        features = []
        for summary in layers.summary.getFeatures():
            if summary.geometry().isEmpty():
                continue
            feature = QgsFeature(buffers.fields())
            feature.setAttributes([summary["school_fid"], summary["school_name"]])
            feature.setGeometry(summary.geometry().buffer(distance, 5))
            features.append(feature)
        buffers.dataProvider().addFeatures(features)
        buffers.updateExtents()
        apply_style(buffers, "buffers")
        layers.derived = [buffers]
        self.buffers = buffers

        # Top to bottom; each input layer with the plugin's style as an override.
        self.map_layers = []
        self.style_overrides = {}
        self.legend_names = {}

        def add(layer, name, style):
            if layer is None:
                return
            self.map_layers.append(layer)
            self.legend_names[layer.id()] = name
            if style is not None:
                scratch = _scratch_copy(layer)
                style(scratch)
                self.style_overrides[layer.id()] = _style_xml(scratch)
                if layer is layers.overlap:
                    self.palette_renderer = scratch.renderer().clone()
                if layer is layers.summary:
                    self.school_renderer = (scratch.renderer().clone(), scratch.fields())

        self.palette_renderer = None
        self.school_renderer = None
        add(layers.summary, tr("Schools and preschools"), lambda s: apply_style(s, "summary"))
        add(layers.overlap, tr("Scenes within the distance"), lambda s: apply_style(s, "overlaps"))
        add(buffers, tr("Distance {distance} m around schools").format(
            distance=svg_number(distance)), None)
        add(layers.scenes, tr("Open drug scenes"), self._scene_style)
        add(layers.districts, tr("Districts"),
            lambda s: _district_style(s, self.options.district_name_field))

    def _scene_style(self, layer):
        """The scenes' style without its time rule: the report shows every scene."""
        apply_style(layer, "scenes", fields={"name": self.options.scene_name_field})
        renderer = layer.renderer()
        if not isinstance(renderer, QgsRuleBasedRenderer):
            return
        root = renderer.rootRule()
        children = root.children()
        if len(children) == 1 and "@" + TIME_VARIABLE in children[0].filterExpression():
            renderer = renderer.clone()
            root = renderer.rootRule()
            time_rule = root.children()[0]
            for rule in list(time_rule.children()):
                root.appendChild(time_rule.takeChild(rule))
            root.removeChildAt(0)
            layer.setRenderer(renderer)

    def _palette(self, school_fid=None):
        """The week chart's colours: the overlaps' conflict colours, and the school's own."""
        colors = {}
        renderer = self.palette_renderer
        if isinstance(renderer, QgsCategorizedSymbolRenderer):
            for category in renderer.categories():
                color = QColor(category.symbol().color())
                colors[category.value()] = color.name()
        open_color = self._school_colors.get(school_fid)
        return Palette(
            open=open_color or Palette.open,
            concurrent=colors.get(core_report.CONCURRENT, Palette.concurrent),
            after_hours=colors.get(core_report.AFTER_HOURS, Palette.after_hours),
        )

    def _compute_school_colors(self):
        """The colour of each affected school's symbol on the map."""
        self._school_colors = {}
        if self.school_renderer is None:
            return
        renderer, fields = self.school_renderer
        context = QgsRenderContext()
        context.expressionContext().appendScopes(
            QgsExpressionContextUtils.globalProjectLayerScopes(self.layers.summary))
        renderer.startRender(context, fields)
        wanted = {summary.school_fid for summary in self.affected}
        for feature in self.layers.summary.getFeatures():
            fid = feature["school_fid"]
            if fid in wanted:
                context.expressionContext().setFeature(feature)
                color = _feature_color(renderer, feature, context)
                if color is not None:
                    self._school_colors[fid] = QColor(color).name()
        renderer.stopRender(context)

    def _set_map(self, layout, extent=None):
        item = _item(layout, "map", QgsLayoutItemMap)
        if item is None:
            return None
        item.setCrs(self.layers.summary.crs())
        item.setLayers(self.map_layers)
        item.setKeepLayerSet(True)
        item.setLayerStyleOverrides(self.style_overrides)
        item.setKeepLayerStyles(True)
        if extent is not None:
            item.zoomToExtent(extent)
        for other in layout.items():
            if isinstance(other, (QgsLayoutItemScaleBar, QgsLayoutItemPicture)) and \
                    other.id() in ("scale_bar", "north_arrow"):
                other.setLinkedMap(item)
        return item

    # -- overview ----------------------------------------------------------------

    def _common_texts(self, layout, suffix=""):
        _set_text(layout, "sensitive" + suffix, tr(
            "SENSITIVE – for the municipality's safety work only. Do not distribute."))

    def _footer(self, layout, item_id, page_expression):
        _set_text(layout, item_id, tr("{title} · {date} · page {page} of {pages}").format(
            title=self.title, date=self.today.isoformat(), page=page_expression,
            pages=self.page_count))

    def _overview_extent(self):
        extent = QgsRectangle(self.buffers.extent())
        if self.layers.scenes is not None:
            transform = self._transform(self.layers.scenes)
            scenes = self.layers.scenes.extent()
            if transform is not None:
                scenes = transform.transformBoundingBox(scenes)
            extent.combineExtentWith(scenes)
        extent.scale(1.05)
        return extent

    def _fill_overview(self, layout):
        options = self.options
        _set_text(layout, "title", self.title)
        self._common_texts(layout)
        self._common_texts(layout, "_2")
        _set_text(layout, "subtitle", tr("Report date {date} · {parameters}").format(
            date=self.today.isoformat(),
            parameters=core_report.parameters_text(
                options.distance, self.default_school, self.default_preschool)))
        self._set_map(layout, self._overview_extent())
        self._fill_legend(layout)
        _set_text(layout, "affected_title", tr(
            "{affected} of {total} schools and preschools have a scene within {distance} m"
        ).format(affected=len(self.affected), total=len(self.summaries),
                 distance=svg_number(options.distance)))
        self._fill_affected_table(layout)
        _set_text(layout, "sources", self._sources())
        self._footer(layout, "footer", "[% @layout_page %]")
        if self.has_trend_page:
            self._fill_trend_page(layout)
        else:
            _delete_page(layout, 1)

    def _fill_legend(self, layout):
        legend = _item(layout, "legend", QgsLayoutItemLegend)
        if legend is None:
            return
        # The legend's own layer tree (a copy of the project's), owned by the legend.
        legend.setAutoUpdateModel(False)
        root = legend.model().rootGroup()
        root.removeAllChildren()
        for layer in self.map_layers:
            node = root.addLayer(layer)
            # Not setName: that would rename the layer itself.
            node.setCustomProperty("legend/title-label", self.legend_names[layer.id()])
            legend.model().refreshLayerLegend(node)
        legend.setLinkedMap(_item(layout, "map", QgsLayoutItemMap))
        legend.setLegendFilterByMapEnabled(False)
        legend.refresh()

    def _fill_affected_table(self, layout):
        frame = _item(layout, "affected_table", QgsLayoutFrame)
        if frame is None:
            return
        # Before the table resizes its frame to its columns.
        width, height = frame.rect().width(), frame.rect().height()
        table = frame.multiFrame()
        rows = core_report.affected_rows(self.summaries, self.overview_pages + 1)
        headings = (tr("School"), tr("Type"), tr("Scenes"), tr("Worst conflict"),
                    tr("While open h/week"), tr("While closed h/week"), tr("Page"))
        table.setHeaders([QgsLayoutTableColumn(heading) for heading in headings])
        table.setIncludeTableHeader(True)
        shares = (0.29, 0.16, 0.08, 0.14, 0.12, 0.13, 0.08)
        inner = width - 2 * table.cellMargin() * len(shares)
        table.setColumnWidths([inner * share for share in shares])

        def cells(row):
            return [QgsTableCell(value) for value in (
                row.name, row.school_type, row.scenes, row.conflict, row.concurrent_hours,
                row.afterhours_hours, row.page)]

        table.setTableContents([cells(row) for row in rows])
        shown = len(rows)
        # Rows of long names wrap: drop rows from the end until the table fits.
        while shown > 1 and table.totalHeight() > height:
            shown -= 1
            more = QgsTableCell(tr("… and {count} more: see their pages").format(
                count=len(rows) - shown))
            table.setTableContents([cells(row) for row in rows[:shown]]
                                   + [[more] + [QgsTableCell("") for _ in headings[1:]]])
        _set_text(layout, "affected_note", tr(
            "Hours a week that a scene within the distance is active while the school is open "
            "and while it is closed. Schools with a scene active while open come first; every "
            "school has a page of its own."))

    def _sources(self):
        def layer_sources(layer):
            if layer is None:
                return "", []
            index = layer.fields().lookupField(self.options.source_field)
            values = layer.uniqueValues(index) if index >= 0 else []
            return layer.name(), [_plain(value) for value in values]

        scene_name, scene_values = layer_sources(self.layers.scenes)
        school_name, school_values = layer_sources(self.layers.schools)
        return core_report.sources_text(scene_name, scene_values, school_name, school_values)

    def _fill_trend_page(self, layout):
        options = self.options
        period = tr("year") if options.period == core_report.YEAR else tr("quarter")
        _set_text(layout, "trend_title", tr("Trend and districts"))
        _set_text(layout, "trend_subtitle", tr(
            "Open drug scenes per {period} from the scenes' first seen and closed dates. Active: "
            "open at the end of the {period}, for the current one on {date}."
        ).format(period=period, date=self.today.isoformat()))
        frame = _item(layout, "trend_table", QgsLayoutFrame)
        rows = self.trend_rows
        notes = []
        if frame is not None:
            table = frame.multiFrame()
            fits = max(1, int(frame.rect().height() / _ROW_HEIGHT) - 1)
            table.setHeaders([QgsLayoutTableColumn(heading) for heading in (
                tr("Period"), tr("Active"), tr("Opened"), tr("Closed"))])
            table.setIncludeTableHeader(True)
            # The latest periods matter most when they do not all fit.
            table.setTableContents([[QgsTableCell(value) for value in (
                row.period.label, str(row.active), str(row.opened), str(row.closed))]
                for row in rows[-fits:]])
            frame.setVisibility(bool(rows))
            if len(rows) > fits:
                notes.append(tr("The table shows the latest {shown} of {count} periods, the "
                                "chart all of them.").format(shown=fits, count=len(rows)))
        chart = _item(layout, "trend_chart", QgsLayoutItemPicture)
        if chart is not None and rows:
            path = os.path.join(self.chart_folder, "trend.svg")
            _write(path, core_report.trend_chart_svg(
                rows, title=tr("Open drug scenes per {period}").format(period=period),
                width=chart.rect().width(), height=chart.rect().height()))
            chart.setPicturePath(path, QgsLayoutItemPicture.FormatSVG)
        if self.layers.scenes is None:
            notes.append(tr("No scenes layer was given: no trend."))
        else:
            undated = [s for s in self.trend_scenes if s.first_seen is None]
            if not rows:
                notes.append(tr("No scene has a first seen date: no trend."))
            elif undated:
                notes.append(tr("{count} scenes without a first seen date are not in the trend.")
                             .format(count=len(undated)))
        _set_text(layout, "district_title", tr("Districts"))
        frame = _item(layout, "district_table", QgsLayoutFrame)
        if frame is not None:
            table = frame.multiFrame()
            table.setHeaders([QgsLayoutTableColumn(heading) for heading in (
                tr("District"), tr("Active scenes"), tr("Affected schools"),
                tr("Conflicts while open"))])
            table.setIncludeTableHeader(True)
            table.setTableContents([[QgsTableCell(value) for value in (
                row.name, str(row.active_scenes), str(row.affected_schools),
                str(row.concurrent_conflicts))] for row in self.district_rows or []])
            frame.setVisibility(bool(self.district_rows))
        if self.district_rows is None:
            notes.append(tr("No districts layer was given."))
        else:
            notes.append(tr(
                "Active scenes: open on {date}. Affected schools: with a scene within {distance} m. "
                "Conflicts while open: school and scene pairs where the scene is active while the "
                "school is open. Each school and scene counts in the district holding it."
            ).format(date=self.today.isoformat(),
                     distance=svg_number(options.distance)))
        _set_text(layout, "district_note", " ".join(notes))
        self._footer(layout, "footer_2", "[% @layout_page %]")

    # -- school pages -----------------------------------------------------------------

    def _fill_schools(self, layout, feedback):
        options = self.options
        summary = self.layers.summary
        atlas = layout.atlas()
        atlas.setCoverageLayer(summary)
        atlas.setEnabled(True)
        atlas.setFilterFeatures(True)
        atlas.setFilterExpression(ATLAS_FILTER)
        atlas.setSortFeatures(True)
        atlas.setSortAscending(True)
        # The order of the overview's table (core_report.severity_key).
        atlas.setSortExpression(
            "concat(if(\"worst_conflict\" = 'concurrent', '0', if(\"worst_conflict\" = "
            "'after_hours', '1', '2')), lpad(to_string(99999 - \"concurrent_min\"), 6, '0'), "
            "lpad(to_string(99999 - \"afterhours_min\"), 6, '0'), lower(\"school_name\"))")
        atlas.setPageNameExpression('"school_name"')
        QgsExpressionContextUtils.setLayoutVariable(layout, SCHOOL_HOURS_VARIABLE, json.dumps(
            {str(fid): hours.to_opening_hours() for fid, hours in self.school_hours.items()},
            ensure_ascii=False))
        QgsExpressionContextUtils.setLayoutVariable(layout, SCENE_HOURS_VARIABLE, json.dumps(
            {str(fid): hours.to_opening_hours() for fid, hours in self.scene_hours.items()},
            ensure_ascii=False))
        QgsExpressionContextUtils.setLayoutVariable(
            layout, COVERAGE_VARIABLE, json.dumps(self.coverage, ensure_ascii=False))

        distance = svg_number(options.distance)
        _set_text(layout, "school_title", '[% "school_name" %]')
        self._common_texts(layout)
        conflict = "CASE {} ELSE \"worst_conflict\" END".format(" ".join(
            "WHEN \"worst_conflict\" = {} THEN {}".format(
                QgsExpression.quotedString(value),
                QgsExpression.quotedString(core_report.conflict_label(value)))
            for value in (core_report.CONCURRENT, core_report.AFTER_HOURS)))
        _set_text(layout, "school_subtitle", tr(
            "{type} · scenes within {distance} m: {count} · worst conflict: {conflict} · "
            "nearest scene {nearest} m · report date {date}").format(
            type='[% "school_type" %]', distance=distance, count='[% "scene_count" %]',
            conflict="[% {} %]".format(conflict), nearest='[% round("nearest_m") %]',
            date=self.today.isoformat()))
        map_item = self._set_map(layout)
        if map_item is not None:
            self._zoom_to_buffer(map_item)
        chart = _item(layout, "chart", QgsLayoutItemPicture)
        self._compute_school_colors()
        for index, school in enumerate(self.affected):
            if feedback.isCanceled():
                raise AnalysisCanceled(tr("The report was canceled."))
            self._write_chart(school, chart)
            feedback.setProgress(10 + 10 * (index + 1) / max(1, len(self.affected)))
        if chart is not None:
            chart.setMode(QgsLayoutItemPicture.FormatSVG)
            chart.dataDefinedProperties().setProperty(
                QgsLayoutObject.PictureSource,
                QgsProperty.fromExpression("{} || to_string(\"school_fid\") || '.svg'".format(
                    QgsExpression.quotedString(os.path.join(self.chart_folder, "school_")))))
        none = QgsExpression.quotedString(tr("none"))
        note = QgsExpression.quotedString(tr("Note: "))
        _set_text(layout, "hours", tr("Opening hours: {hours}").format(
            hours="[% map_get(from_json(@{}), to_string(\"school_fid\")) %]".format(
                SCHOOL_HOURS_VARIABLE))
            + "[% if(length(coalesce(\"hours_note\", '')) > 0, '\n' || {} || \"hours_note\", '') %]"
            .format(note))

        def hours(name):
            return "[% if(coalesce(\"{name}\", 'off') = 'off', {none}, \"{name}\") %]".format(
                name=name, none=none)

        _set_text(layout, "measures_title", tr("Measures"))
        lines = [
            tr("Adult presence on the yard (scene active while open): {hours}").format(
                hours=hours("presence_hours")),
            tr("Sensors and cameras linked to guards (scene active while closed): {hours}")
            .format(hours=hours("guard_hours")),
            tr("Yard round before opening: {days}").format(
                days="[% if(\"round_days\" IS NULL, {none}, \"round_days\" || ' ' || {before} "
                     "|| ' ' || \"round_before\") %]".format(
                         none=none, before=QgsExpression.quotedString(tr("before")))),
        ]
        if self.coverage:
            lines.append("[% map_get(from_json(@{}), to_string(\"school_fid\")) %]".format(
                COVERAGE_VARIABLE))
        _set_text(layout, "measures", "\n".join(lines))
        _set_text(layout, "scenes_title", tr("Scenes within {distance} m").format(
            distance=distance))
        self._fill_scene_table(layout)
        self._footer(layout, "footer", "[% {} + @atlas_featurenumber %]".format(
            self.overview_pages))

    def _zoom_to_buffer(self, map_item):
        """Each page's map shows the school's buffer with a margin."""
        map_item.setAtlasDriven(False)
        reach = self.options.distance * _MAP_MARGIN
        width, height = map_item.rect().width(), map_item.rect().height()
        # The map item's shape: the larger side of the buffer's box fills it.
        box = "bounds(buffer(@atlas_geometry, {reach}))".format(reach=svg_number(reach))
        half = ("max(bounds_width({box}) / {w}, bounds_height({box}) / {h}) / 2").format(
            box=box, w=svg_number(width), h=svg_number(height))
        centre = "centroid({})".format(box)
        properties = map_item.dataDefinedProperties()
        for key, expression in (
            (QgsLayoutObject.MapXMin, "x({c}) - {half} * {w}"),
            (QgsLayoutObject.MapXMax, "x({c}) + {half} * {w}"),
            (QgsLayoutObject.MapYMin, "y({c}) - {half} * {h}"),
            (QgsLayoutObject.MapYMax, "y({c}) + {half} * {h}"),
        ):
            properties.setProperty(key, QgsProperty.fromExpression(expression.format(
                c=centre, half=half, w=svg_number(width),
                h=svg_number(height))))

    def _write_chart(self, school, chart):
        width, height = (chart.rect().width(), chart.rect().height()) if chart else (147, 88)
        pairs = self.pairs_of.get(school.school_fid, [])
        scenes = [ChartScene(pair.scene_name or "", WeeklySchedule.parse(pair.presence_hours),
                             WeeklySchedule.parse(pair.guard_hours)) for pair in pairs]
        svg = week_chart_svg(
            self.school_hours[school.school_fid], scenes,
            title=tr("Week chart: {school}").format(school=school.school_name),
            width=width, height=height, palette=self._palette(school.school_fid))
        _write(os.path.join(self.chart_folder, "school_{}.svg".format(school.school_fid)), svg)

    def _fill_scene_table(self, layout):
        frame = _item(layout, "scenes_table", QgsLayoutFrame)
        if frame is None:
            return
        width, height = frame.rect().width(), frame.rect().height()
        table = frame.multiFrame()
        table.setVectorLayer(self.layers.overlap)
        table.setDisplayOnlyVisibleFeatures(False)
        table.setFilterFeatures(True)
        table.setFeatureFilter("\"school_fid\" = attribute(@atlas_feature, 'school_fid')")
        table.setMaximumNumberOfFeatures(max(1, int(height / _ROW_HEIGHT) - 1))
        conflict = "CASE {} ELSE \"conflict\" END".format(" ".join(
            "WHEN \"conflict\" = {} THEN {}".format(
                QgsExpression.quotedString(value),
                QgsExpression.quotedString(core_report.conflict_label(value)))
            for value in (core_report.CONCURRENT, core_report.AFTER_HOURS)))
        specs = (
            (tr("Scene"), '"scene_name"', 0.22),
            (tr("Active hours"), "map_get(from_json(@{}), to_string(\"scene_fid\"))".format(
                SCENE_HOURS_VARIABLE), 0.26),
            (tr("Distance (m)"), 'round("distance_m")', 0.08),
            (tr("Share of buffer"), "format_number(100 * \"overlap_share\", 1) || ' %'", 0.09),
            (tr("While open h/week"), 'format_number("concurrent_min" / 60.0, 1)', 0.11),
            (tr("While closed h/week"), 'format_number("afterhours_min" / 60.0, 1)', 0.12),
            (tr("Conflict"), conflict, 0.12),
        )
        columns = []
        for heading, expression, share in specs:
            column = QgsLayoutTableColumn(heading)
            column.setAttribute(expression)
            column.setWidth(width * share - 2 * table.cellMargin())
            columns.append(column)
        table.setColumns(columns)
        sort = []
        for expression in ('"distance_m"', '"scene_name"'):
            column = QgsLayoutTableColumn()
            column.setAttribute(expression)
            sort.append(column)
        table.setSortColumns(sort)

    # -- export --------------------------------------------------------------------

    def export_pdf(self, path, feedback=None):
        """Write every page into one PDF; progress 20-100 % on ``feedback``.

        Raises ReportError in words when the file cannot be written, and
        AnalysisCanceled when canceled.
        """
        feedback = feedback or QgsFeedback()
        check_writable(path)
        pages_feedback = QgsFeedback()
        pages_feedback.progressChanged.connect(
            lambda percent: feedback.setProgress(20 + 0.8 * percent))
        feedback.canceled.connect(pages_feedback.cancel)
        if feedback.isCanceled():
            pages_feedback.cancel()
        pages = _ReportPages(self.overview, self.schools_layout.atlas(), pages_feedback)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = True
        settings.appendGeoreference = False
        settings.exportMetadata = True
        # Real text, not outlines: smaller files, and the text can be searched and copied.
        settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
        try:
            result, _error = QgsLayoutExporter.exportToPdf(pages, path, settings, pages_feedback)
        finally:
            # Not left to the garbage collector: a traceback kept after QGIS exits
            # would delete it then, and crash.
            sip.delete(pages)
        if result == QgsLayoutExporter.Canceled or (
                result == QgsLayoutExporter.Success and pages_feedback.isCanceled()):
            raise AnalysisCanceled(export_error_message(QgsLayoutExporter.Canceled, path))
        if result != QgsLayoutExporter.Success:
            raise ReportError(export_error_message(result, path))

    def discard(self):
        """Delete the layouts, the report's own layers and its charts now, unless
        the project holds the layouts.

        For a report that failed or is not kept: the QGIS objects do not wait
        for the garbage collector, which may run after QGIS has exited.
        """
        manager = self.project.layoutManager()
        kept = False
        for layout in (self.overview, self.schools_layout):
            if layout is None:
                continue
            if manager.layoutByName(layout.name()) is layout:
                kept = True
            else:
                sip.delete(layout)
        self.overview = self.schools_layout = None
        for layer in self.layers.derived:
            if self.project.mapLayer(layer.id()) is None:
                sip.delete(layer)
        self.layers.derived = []
        if not kept and self.chart_folder is not None:
            shutil.rmtree(self.chart_folder, ignore_errors=True)
            self.chart_folder = None

    def add_to_project(self):
        """Put both layouts into the project's layout manager, replacing earlier
        ones of the same name, and the report's own layers into the project."""
        manager = self.project.layoutManager()
        for layout in (self.overview, self.schools_layout):
            old = manager.layoutByName(layout.name())
            if old is not None:
                manager.removeLayout(old)
            manager.addLayout(layout)
        group_name = tr("Situation report layers")
        root = self.project.layerTreeRoot()
        old_group = root.findGroup(group_name)
        if old_group is not None:
            root.removeChildNode(old_group)
        group = root.addGroup(group_name)
        group.setItemVisibilityChecked(False)
        # One layer each: the buffers are among the map's layers too.
        own = {layer.id(): layer for layer in [self.buffers] + self.map_layers
               if self.project.mapLayer(layer.id()) is None}
        for layer in own.values():
            self.project.addMapLayer(layer, False)
            group.addLayer(layer)


def export_report(layers, path, options=None, project=None, feedback=None, add_to_project=True):
    """Build the report, write it to ``path`` (PDF) and return the SituationReport.

    With ``add_to_project`` the layouts go into the project's layout manager.
    Runs in the main thread (QGIS renders layouts there); ``feedback`` gives
    progress and cancel.
    """
    check_writable(path)
    report = SituationReport(layers, options, project)
    try:
        report.build(feedback)
        report.export_pdf(path, feedback)
    except Exception:
        report.discard()
        raise
    if add_to_project:
        report.add_to_project()
    return report


# --- layout helpers --------------------------------------------------------------


def _item(layout, item_id, kind):
    item = layout.itemById(item_id)
    return item if isinstance(item, kind) else None


def _set_text(layout, item_id, text):
    label = _item(layout, item_id, QgsLayoutItemLabel)
    if label is not None:
        label.setText(text)


def _write(path, text):
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def _delete_page(layout, index):
    """Remove a page and the items on it."""
    collection = layout.pageCollection()
    if index >= collection.pageCount():
        return
    for item in list(layout.items()):
        if hasattr(item, "page") and not isinstance(item, QgsLayoutItemPage) and \
                item.page() == index:
            layout.removeLayoutItem(item)
    collection.deletePage(index)


def _scale_layout(layout, paper):
    """Resize the pages to ``paper`` landscape and scale item positions and sizes."""
    factor = _PAPER_SCALE[paper]
    collection = layout.pageCollection()
    placed = []
    for item in layout.items():
        if hasattr(item, "page") and not isinstance(item, QgsLayoutItemPage) and \
                hasattr(item, "pagePositionWithUnits"):
            position = item.pagePositionWithUnits()
            size = item.sizeWithUnits()
            placed.append((item, item.page(), position.x(), position.y(), size.width(),
                           size.height()))
    for index in range(collection.pageCount()):
        collection.page(index).setPageSize(paper, QgsLayoutItemPage.Landscape)
    collection.reflow()
    for item, page, x, y, width, height in placed:
        item.attemptResize(QgsLayoutSize(width * factor, height * factor))
        item.attemptMove(QgsLayoutPoint(x * factor, y * factor), page=page)
