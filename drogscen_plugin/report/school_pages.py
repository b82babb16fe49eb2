"""The school layout: an atlas over the School summary, one page per affected
school with its map, week chart, hours, measures and scenes.

The week charts are embedded in the layout (a layout variable maps each
school to its SVG), so a project or template saved with the layout keeps
them. The hours shown are the outputs' ``school_hours`` and ``scene_hours``.
"""

import json
from datetime import datetime, time, timedelta

from qgis.core import (
    QgsApplication,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsLayoutFrame,
    QgsLayoutItemPicture,
    QgsLayoutObject,
    QgsLayoutTableColumn,
    QgsProperty,
)

from ..core.day_strip import day_marks, day_strip_svg, hour_cells
from ..core.errors import AnalysisCanceled
from ..core.hours_display import display_expression
from ..core.period import first_date
from ..core.report_period import range_text
from ..core.schedule import Schedule, WeeklySchedule
from ..core.weekchart import ChartScene, svg_number, week_chart_svg
from ..definitions.conflicts import AFTER_HOURS, CONCURRENT, conflict_label
from ..i18n import tr
from .layout import ROW_HEIGHT, embedded_svg, footer, item, sensitive_note, set_map, set_text

ATLAS_FILTER = '"scene_count" > 0'
# Layout variables: JSON maps from school ids to coverage text and to week charts.
COVERAGE_VARIABLE = "drogscen_coverage"
WEEK_CHARTS_VARIABLE = "drogscen_week_charts"
DAY_STRIPS_VARIABLE = "drogscen_day_strips"
# QGIS 3.22 rasterises a data-defined embedded SVG at its given size: at print resolution.
_CHART_DPI = 300
# The map of a school page shows its buffer and this much more around it.
_MAP_MARGIN = 1.15
# The order of the overview's table (core severity_key).
_SORT_EXPRESSION = (
    "concat(if(\"worst_conflict\" = '{}', '0', if(\"worst_conflict\" = "
    "'{}', '1', '2')), lpad(to_string(99999 - \"concurrent_min\"), 6, '0'), "
    'lpad(to_string(99999 - "afterhours_min"), 6, \'0\'), lower("school_name"))'
).format(CONCURRENT, AFTER_HOURS)


def fill_school_pages(report, layout, feedback):
    """Fill the school layout; returns ``({school_fid: week chart SVG}, {school_fid:
    day strip SVG})``."""
    data = report.data
    _set_atlas(layout, data.layers.summary)
    QgsExpressionContextUtils.setLayoutVariable(
        layout, COVERAGE_VARIABLE, json.dumps(data.coverage, ensure_ascii=False)
    )
    set_text(layout, "school_title", '[% "school_name" %]')
    sensitive_note(layout)
    _fill_texts(layout, report)
    map_item = set_map(layout, report.maps, report.maps.style_overrides)
    if map_item is not None:
        _zoom_to_buffer(map_item, data.options.distance)
    charts = _embed_charts(layout, report, feedback)
    _fill_scene_table(layout, data.layers.overlap)
    footer(
        layout,
        "footer",
        report.title,
        report.today,
        "[% {} + @atlas_featurenumber %]".format(report.overview_pages),
        report.page_count,
    )
    return charts


def _set_atlas(layout, summary):
    atlas = layout.atlas()
    atlas.setCoverageLayer(summary)
    atlas.setEnabled(True)
    atlas.setFilterFeatures(True)
    atlas.setFilterExpression(ATLAS_FILTER)
    atlas.setSortFeatures(True)
    atlas.setSortAscending(True)
    atlas.setSortExpression(_SORT_EXPRESSION)
    atlas.setPageNameExpression('"school_name"')


def _conflict_expression(field):
    """An expression giving a conflict field's value in words."""
    return 'CASE {} ELSE "{}" END'.format(
        " ".join(
            'WHEN "{}" = {} THEN {}'.format(
                field,
                QgsExpression.quotedString(value),
                QgsExpression.quotedString(conflict_label(value)),
            )
            for value in (CONCURRENT, AFTER_HOURS)
        ),
        field,
    )


def _fill_texts(layout, report):
    distance = svg_number(report.data.options.distance)
    set_text(
        layout,
        "school_subtitle",
        tr(
            "{type} · scenes within {distance} m: {count} · worst conflict: {conflict} · "
            "nearest scene {nearest} m · report date {date}"
        ).format(
            type='[% "school_type" %]',
            distance=distance,
            count='[% "scene_count" %]',
            conflict="[% {} %]".format(_conflict_expression("worst_conflict")),
            nearest='[% round("nearest_m") %]',
            date=report.today.isoformat(),
        ),
    )
    none = QgsExpression.quotedString(tr("none"))
    note = QgsExpression.quotedString(tr("Note: "))
    hours_note = (
        "[% if(length(coalesce(\"hours_note\", '')) > 0, '\n' || {} || \"hours_note\", '') %]"
    ).format(note)
    # Hours in the words of the interface language; stored as OSM hours.
    language = QgsApplication.locale()
    set_text(
        layout,
        "hours",
        tr("Opening hours: {hours}").format(
            hours="[% {} %]".format(display_expression('"school_hours"', language))
        )
        + hours_note,
    )

    def hours(name):
        return "[% if(coalesce(\"{name}\", 'off') = 'off', {none}, {shown}) %]".format(
            name=name, none=none, shown=display_expression('"{}"'.format(name), language)
        )

    set_text(layout, "measures_title", tr("Measures"))
    lines = [
        tr("Adult presence on the yard (scene active while open): {hours}").format(
            hours=hours("presence_hours")
        ),
        tr("Sensors and cameras linked to guards (scene active while closed): {hours}").format(
            hours=hours("guard_hours")
        ),
        tr("Yard round before opening: {days}").format(days=_round_expression(none, language)),
    ]
    if report.data.coverage:
        lines.append(
            '[% map_get(from_json(@{}), to_string("school_fid")) %]'.format(COVERAGE_VARIABLE)
        )
    set_text(layout, "measures", "\n".join(lines))
    set_text(layout, "scenes_title", tr("Scenes within {distance} m").format(distance=distance))


def _round_expression(none, language):
    """The yard round in words: its weekdays (in ``language``), or for a longer period
    (dates, often a long list) how many rounds, the dates being in the outputs."""
    weekly = "{} || ' ' || {} || ' ' || \"round_before\"".format(
        display_expression('"round_days"', language), QgsExpression.quotedString(tr("before"))
    )
    dated = (
        "replace(replace({}, '{{count}}', to_string(\"round_count\")), '{{time}}', "
        '"round_before")'.format(
            QgsExpression.quotedString(
                tr(
                    "{count} times in the period, before {time} (the dates are in the outputs' "
                    "round_days)"
                )
            )
        )
    )
    return (
        '[% if("round_days" IS NULL, {none}, if(regexp_match("round_days", '
        "'[0-9]{{4}}-'), {dated}, {weekly})) %]"
    ).format(none=none, dated=dated, weekly=weekly)


def _zoom_to_buffer(map_item, distance):
    """Each page's map shows the school's buffer with a margin."""
    map_item.setAtlasDriven(False)
    width, height = map_item.rect().width(), map_item.rect().height()
    # The map item's shape: the larger side of the buffer's box fills it.
    box = "bounds(buffer(@atlas_geometry, {reach}))".format(
        reach=svg_number(distance * _MAP_MARGIN)
    )
    half = ("max(bounds_width({box}) / {w}, bounds_height({box}) / {h}) / 2").format(
        box=box, w=svg_number(width), h=svg_number(height)
    )
    centre = "centroid({})".format(box)
    properties = map_item.dataDefinedProperties()
    for key, expression in (
        (QgsLayoutObject.MapXMin, "x({c}) - {half} * {w}"),
        (QgsLayoutObject.MapXMax, "x({c}) + {half} * {w}"),
        (QgsLayoutObject.MapYMin, "y({c}) - {half} * {h}"),
        (QgsLayoutObject.MapYMax, "y({c}) + {half} * {h}"),
    ):
        properties.setProperty(
            key,
            QgsProperty.fromExpression(
                expression.format(c=centre, half=half, w=svg_number(width), h=svg_number(height))
            ),
        )


def _week_chart(report, school, width, height):
    """The chart of a week: for an analysis of a longer period, the week of
    the school's first scene activity."""
    firsts = [first_date(text) for text in (school.presence_hours, school.guard_hours)]
    first = min((day for day in firsts if day is not None), default=None)
    title = tr("Week chart: {school}").format(school=school.school_name)
    if first is not None:
        first -= timedelta(days=first.weekday())
        title = tr("Week chart: {school}, week of {monday}").format(
            school=school.school_name, monday=first.isoformat()
        )

    def week(text):
        return WeeklySchedule.parse(text) if first is None else Schedule.parse(text).week(first)

    scenes = [
        ChartScene(pair.scene_name or "", week(pair.presence_hours), week(pair.guard_hours))
        for pair in report.data.pairs_of.get(school.school_fid, [])
    ]
    return week_chart_svg(
        WeeklySchedule.parse(school.school_hours),
        scenes,
        title=title,
        width=width,
        height=height,
        palette=report.maps.palette(school.school_fid),
        dpi=_CHART_DPI,
    )


def _day_strip(report, school, width, height):
    """The school's day-by-hour strip over the period, or None when the outputs
    do not record the period."""
    period = report.data.period
    if not period.known:
        return None
    calendar = period.calendar
    first = datetime.combine(period.start, time())
    last = datetime.combine(period.end + timedelta(days=1), time())

    def intervals(text):
        if not text:
            return []
        return Schedule.parse(text, calendar.school_holidays).open_intervals(first, last)

    cells = hour_cells(
        intervals(school.presence_hours), intervals(school.guard_hours), period.start, period.end
    )
    title = tr("Day by hour, {dates}").format(dates=range_text(period.start, period.end))
    return day_strip_svg(
        cells,
        day_marks(calendar, school.school_type, period.start, period.end),
        period.start,
        period.end,
        title=title,
        width=width,
        height=height,
        palette=report.maps.palette(school.school_fid),
        dpi=_CHART_DPI,
    )


def _embed_charts(layout, report, feedback):
    """Every affected school's week chart and day strip, each into a layout
    variable its picture item reads."""
    drawers = (
        (_week_chart, "chart", WEEK_CHARTS_VARIABLE, (147, 88)),
        (_day_strip, "day_strip", DAY_STRIPS_VARIABLE, (149, 30)),
    )
    pictures = [item(layout, item_id, QgsLayoutItemPicture) for _, item_id, _, _ in drawers]
    sizes = [
        (picture.rect().width(), picture.rect().height()) if picture else default
        for picture, (_, _, _, default) in zip(pictures, drawers)
    ]
    affected = report.data.affected
    found = ({}, {})
    for index, school in enumerate(affected):
        if feedback.isCanceled():
            raise AnalysisCanceled(tr("The report was canceled."))
        for (draw, _, _, _), size, svgs in zip(drawers, sizes, found):
            svg = draw(report, school, *size)
            if svg is not None:
                svgs[school.school_fid] = svg
        feedback.setProgress(10 + 10 * (index + 1) / max(1, len(affected)))
    for (_, _, variable, _), picture, svgs in zip(drawers, pictures, found):
        _embed(layout, picture, variable, svgs)
    return found


def _embed(layout, picture, variable, svgs):
    # Without the "base64:" prefix, which the expression adds.
    QgsExpressionContextUtils.setLayoutVariable(
        layout,
        variable,
        json.dumps({str(fid): embedded_svg(svg)[len("base64:") :] for fid, svg in svgs.items()}),
    )
    if picture is not None:
        picture.setMode(QgsLayoutItemPicture.FormatSVG)
        picture.dataDefinedProperties().setProperty(
            QgsLayoutObject.PictureSource,
            QgsProperty.fromExpression(
                "'base64:' || map_get(from_json(@{}), to_string(\"school_fid\"))".format(variable)
            ),
        )


def _fill_scene_table(layout, overlap):
    frame = item(layout, "scenes_table", QgsLayoutFrame)
    if frame is None:
        return
    width, height = frame.rect().width(), frame.rect().height()
    table = frame.multiFrame()
    table.setVectorLayer(overlap)
    table.setDisplayOnlyVisibleFeatures(False)
    table.setFilterFeatures(True)
    table.setFeatureFilter("\"school_fid\" = attribute(@atlas_feature, 'school_fid')")
    table.setMaximumNumberOfFeatures(max(1, int(height / ROW_HEIGHT) - 1))
    specs = (
        (tr("Scene"), '"scene_name"', 0.22),
        (tr("Active hours"), display_expression('"scene_hours"', QgsApplication.locale()), 0.26),
        (tr("Distance (m)"), 'round("distance_m")', 0.08),
        (tr("Share of buffer"), "format_number(100 * \"overlap_share\", 1) || ' %'", 0.09),
        (tr("While open h/week"), 'format_number("concurrent_min" / 60.0, 1)', 0.11),
        (tr("While closed h/week"), 'format_number("afterhours_min" / 60.0, 1)', 0.12),
        (tr("Conflict"), _conflict_expression("conflict"), 0.12),
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
