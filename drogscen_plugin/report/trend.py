"""The overview's second page: the trend of scenes per year or quarter (table
and embedded chart) and the table per district."""

from qgis.core import QgsLayoutFrame, QgsLayoutItemPicture, QgsLayoutTableColumn, QgsTableCell

from ..core import report_content as content
from ..core.weekchart import svg_number
from ..i18n import tr
from .layout import ROW_HEIGHT, embedded_svg, footer, item, set_text


def fill_trend_page(report, layout):
    data = report.data
    period = {content.YEAR: tr("year"), content.QUARTER: tr("quarter"), content.TERM: tr("term")}[
        data.options.period
    ]
    set_text(layout, "trend_title", tr("Trend and districts"))
    set_text(
        layout,
        "trend_subtitle",
        tr(
            "Open drug scenes per {period} from the scenes' first seen and closed dates. Active: "
            "open at the end of the {period}, for the current one on {date}."
        ).format(period=period, date=report.today.isoformat()),
    )
    notes = _fill_trend(layout, data, period)
    _fill_districts(layout, data)
    if data.district_rows is None:
        notes.append(tr("No districts layer was given."))
    else:
        notes.append(
            tr(
                "Active scenes: open on {date}. Affected schools: with a scene within "
                "{distance} m. Conflicts while open: school and scene pairs where the scene is "
                "active while the school is open. Each school and scene counts in the district "
                "holding it."
            ).format(date=report.today.isoformat(), distance=svg_number(data.options.distance))
        )
    set_text(layout, "district_note", " ".join(notes))
    footer(layout, "footer_2", report.title, report.today, "[% @layout_page %]", report.page_count)


def _fill_trend(layout, data, period):
    """The trend table and chart; returns the notes on what they leave out."""
    rows = data.trend_rows
    notes = []
    frame = item(layout, "trend_table", QgsLayoutFrame)
    if frame is not None:
        table = frame.multiFrame()
        fits = max(1, int(frame.rect().height() / ROW_HEIGHT) - 1)
        table.setHeaders(
            [
                QgsLayoutTableColumn(heading)
                for heading in (tr("Period"), tr("Active"), tr("Opened"), tr("Closed"))
            ]
        )
        table.setIncludeTableHeader(True)
        # The latest periods matter most when they do not all fit.
        table.setTableContents(
            [
                [
                    QgsTableCell(value)
                    for value in (
                        row.period.label,
                        str(row.active),
                        str(row.opened),
                        str(row.closed),
                    )
                ]
                for row in rows[-fits:]
            ]
        )
        frame.setVisibility(bool(rows))
        if len(rows) > fits:
            notes.append(
                tr(
                    "The table shows the latest {shown} of {count} periods, the chart all of them."
                ).format(shown=fits, count=len(rows))
            )
    chart = item(layout, "trend_chart", QgsLayoutItemPicture)
    if chart is not None and rows:
        svg = content.trend_chart_svg(
            rows,
            title=tr("Open drug scenes per {period}").format(period=period),
            width=chart.rect().width(),
            height=chart.rect().height(),
        )
        chart.setPicturePath(embedded_svg(svg), QgsLayoutItemPicture.FormatSVG)
    if data.layers.scenes is None:
        notes.append(tr("No scenes layer was given: no trend."))
    else:
        undated = [scene for scene in data.trend_scenes if scene.first_seen is None]
        if not rows:
            notes.append(tr("No scene has a first seen date: no trend."))
        elif undated:
            notes.append(
                tr("{count} scenes without a first seen date are not in the trend.").format(
                    count=len(undated)
                )
            )
    return notes


def _fill_districts(layout, data):
    set_text(layout, "district_title", tr("Districts"))
    frame = item(layout, "district_table", QgsLayoutFrame)
    if frame is None:
        return
    table = frame.multiFrame()
    table.setHeaders(
        [
            QgsLayoutTableColumn(heading)
            for heading in (
                tr("District"),
                tr("Active scenes"),
                tr("Affected schools"),
                tr("Conflicts while open"),
            )
        ]
    )
    table.setIncludeTableHeader(True)
    table.setTableContents(
        [
            [
                QgsTableCell(value)
                for value in (
                    row.name,
                    str(row.active_scenes),
                    str(row.affected_schools),
                    str(row.concurrent_conflicts),
                )
            ]
            for row in data.district_rows or []
        ]
    )
    frame.setVisibility(bool(data.district_rows))
