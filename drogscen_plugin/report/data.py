"""What the report says, read from the analysis outputs (and the scenes,
districts and measures when given) into the core's records.

The hours come from the outputs alone: the summary's ``school_hours`` and
the overlaps' ``scene_hours`` are the schedules the analysis used.
"""

from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsMapLayer
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant
from shapely import wkb as shapely_wkb

from ..core import report_content as content
from ..core.errors import InputError
from ..core.fields import PAIR_FIELDS, SUMMARY_FIELDS
from ..core.records import PairResult, SchoolSummary
from ..core.report_period import ReportPeriod, source_values
from ..i18n import tr
from ..qgis_io.measures_coverage import measure_coverage


def plain(value):
    """A QVariant as a Python value, NULL as None."""
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
        raise InputError(
            tr(
                "Layer '{layer}' is not the {what} of drogscen:overlap: it has no field {fields}."
            ).format(layer=layer.name(), what=what, fields=", ".join(missing))
        )


def _records(layer, spec, cls):
    read = [(name, _date if kind == "date" else plain) for name, kind in spec]
    return [
        cls(
            geometry=_shape(feature.geometry()),
            **{name: value(feature[name]) for name, value in read},
        )
        for feature in layer.getFeatures()
    ]


def _date(value):
    value = plain(value)
    if isinstance(value, QDateTime):
        return value.date().toPyDate()
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return content.as_date(value)


def _source_name(source):
    """The name of a layer or of a Processing feature source."""
    return source.name() if isinstance(source, QgsMapLayer) else source.sourceName()


def _text(value):
    value = plain(value)
    return "" if value is None else str(value)


def _date_fields(source, names, warnings):
    """The fields of ``names`` the source has (None for the others, with a warning)."""
    fields = source.fields()
    found = []
    for name in names:
        if name and fields.lookupField(name) >= 0:
            found.append(name)
        else:
            found.append(None)
            if name:
                warnings.append(
                    tr(
                        "Layer '{layer}' has no field '{field}': those dates count as unknown."
                    ).format(layer=_source_name(source), field=name)
                )
    return found


def read_trend_scenes(source, first_seen_field, closed_on_field, name_field, transform=None):
    """``([TrendScene], [warning])`` from a layer or feature source of scenes.

    Dates may be date or date-time fields or ISO text; a date that cannot be
    read, or a scene closed before it was first seen, is named in a warning
    and counted as unknown. No field, or one the layer lacks (with a warning),
    means unknown dates.
    """
    warnings = []
    date_fields = _date_fields(source, (first_seen_field, closed_on_field), warnings)
    has_name = bool(name_field) and source.fields().lookupField(name_field) >= 0
    scenes = []
    for feature in source.getFeatures():
        dates = []
        for name in date_fields:
            value = feature[name] if name else None
            try:
                dates.append(_date(value))
            except ValueError:
                warnings.append(
                    tr(
                        "Scene {fid}: {field} '{value}' is not a date (YYYY-MM-DD); counted as "
                        "unknown."
                    ).format(fid=feature.id(), field=name, value=_text(value))
                )
                dates.append(None)
        problem = content.date_problem(*dates)
        if problem:
            warnings.append(
                tr("Scene {fid}: {problem}; its first seen date counts as unknown.").format(
                    fid=feature.id(), problem=problem
                )
            )
            dates[0] = None
        scenes.append(
            content.TrendScene(
                fid=feature.id(),
                name=_text(feature[name_field]) if has_name else str(feature.id()),
                first_seen=dates[0],
                closed_on=dates[1],
                geometry=_shape(feature.geometry(), transform),
            )
        )
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


class ReportData:
    """The content of one report; ``warnings`` collects what the user should know."""

    def __init__(self, layers, options, today, transform_context):
        self.layers = layers
        self.options = options
        self.today = today
        self.transform_context = transform_context
        self.warnings = []
        _require_fields(layers.summary, SUMMARY_FIELDS, tr("School summary"))
        _require_fields(layers.overlap, PAIR_FIELDS, tr("Overlaps"))
        self.summaries = _records(layers.summary, SUMMARY_FIELDS, SchoolSummary)
        self.pairs = _records(layers.overlap, PAIR_FIELDS, PairResult)
        self.period = ReportPeriod.of_summaries(self.summaries)
        self.affected = content.affected_schools(self.summaries)
        self.pairs_of = content.pairs_by_school(self.pairs)
        self.trend_scenes = self._trend_scenes() if layers.scenes is not None else None
        self.trend_rows = (
            content.trend(self.trend_scenes, options.period, today)
            if self.trend_scenes is not None
            else []
        )
        self.district_rows = self._district_rows() if layers.districts is not None else None
        self.coverage = self._coverage() if layers.measures else {}

    def transform(self, layer):
        """The transform from ``layer``'s CRS to the outputs' CRS, or None when they agree."""
        if layer.crs() == self.layers.summary.crs():
            return None
        return QgsCoordinateTransform(
            layer.crs(), self.layers.summary.crs(), self.transform_context
        )

    def parameters_text(self):
        """The analysis parameters: the distance and the usual hours of the outputs."""
        return content.parameters_text(self.options.distance, *content.usual_hours(self.summaries))

    def sources_text(self):
        """The data sources line: the scenes' sources, and the schools' the summary
        carries (``school_sources``, and a ``source`` field added to it)."""
        scenes = self.layers.scenes
        return content.sources_text(
            scenes.name() if scenes is not None else "",
            self._source_values(scenes),
            "",
            source_values(self.period.school_sources) + self._source_values(self.layers.summary),
        )

    def _source_values(self, layer):
        index = -1 if layer is None else layer.fields().lookupField(self.options.source_field)
        return [plain(value) for value in layer.uniqueValues(index)] if index >= 0 else []

    def _coverage(self):
        """Each affected school's coverage line, by school_fid, of the measures in force
        on the report date: named for the school or within the distance of it."""
        rows, warnings = measure_coverage(
            self.layers.overlap,
            self.layers.measures,
            include_planned=self.options.include_planned,
            on=self.today,
            schools=self.layers.summary,
            distance=self.options.distance,
            transform_context=self.transform_context,
        )
        self.warnings.extend(warnings)
        lines = {}
        for row in rows:
            result = row.coverage
            text = tr(
                "Coverage by {count} measures in force: {uncovered} of {needed} h/week uncovered"
            ).format(
                count=result.measure_count,
                uncovered=content.hours_per_week(result.uncovered_min),
                needed=content.hours_per_week(result.needed_min),
            )
            if result.uncovered_min:
                text += " ({hours})".format(hours=result.uncovered_hours)
            if result.round_days_missing:
                text += tr("; yard round missing on {days}").format(days=result.round_days_missing)
            elif result.round_days:
                text += tr("; yard rounds covered")
            lines[str(row.school_fid)] = text
        return lines

    def _trend_scenes(self):
        layer = self.layers.scenes
        options = self.options
        scenes, warnings = read_trend_scenes(
            layer,
            options.first_seen_field,
            options.closed_on_field,
            options.scene_name_field,
            self.transform(layer),
        )
        self.warnings.extend(warnings)
        return scenes

    def _district_rows(self):
        layer = self.layers.districts
        districts = read_districts(layer, self.options.district_name_field, self.transform(layer))
        return content.district_rows(
            districts, self.trend_scenes or [], self.summaries, self.pairs, self.today
        )
