"""The overview's first page: the map, its legend, the parameters, the table of
affected schools (the key to the map's numbers) and the data sources."""

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutTableColumn,
    QgsRectangle,
    QgsTableCell,
)

from ..core import report_content as content
from ..core.weekchart import svg_number
from ..i18n import tr
from . import trend
from .layout import delete_page, footer, item, sensitive_note, set_map, set_text


def fill_overview(report, layout):
    """Fill the overview layout; its second page holds the trend, or goes."""
    data = report.data
    set_text(layout, "title", report.title)
    sensitive_note(layout)
    sensitive_note(layout, "_2")
    set_text(
        layout,
        "subtitle",
        tr("{period} · report date {date} · {parameters}").format(
            period=data.period.period_text(),
            date=report.today.isoformat(),
            parameters=data.parameters_text(),
        )
        + "\n"
        + data.period.calendar_text(),
    )
    set_map(layout, report.maps, report.maps.overview_overrides, _extent(report))
    _fill_legend(layout, report.maps)
    set_text(
        layout,
        "affected_title",
        tr("{affected} of {total} schools and preschools have a scene within {distance} m").format(
            affected=len(data.affected),
            total=len(data.summaries),
            distance=svg_number(data.options.distance),
        ),
    )
    _fill_affected_table(layout, data, report.overview_pages + 1)
    set_text(layout, "sources", data.sources_text())
    footer(layout, "footer", report.title, report.today, "[% @layout_page %]", report.page_count)
    if report.has_trend_page:
        trend.fill_trend_page(report, layout)
    else:
        delete_page(layout, 1)


def _extent(report):
    extent = QgsRectangle(report.maps.buffers.extent())
    scenes = report.maps.scenes
    if scenes is not None:
        transform = report.data.transform(scenes)
        scene_extent = report.maps.scene_extent()
        if transform is not None:
            scene_extent = transform.transformBoundingBox(scene_extent)
        extent.combineExtentWith(scene_extent)
    extent.scale(1.05)
    return extent


def _fill_legend(layout, maps):
    legend = item(layout, "legend", QgsLayoutItemLegend)
    if legend is None:
        return
    # The legend's own layer tree (a copy of the project's), owned by the legend.
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in maps.map_layers:
        node = root.addLayer(layer)
        # Not setName: that would rename the layer itself.
        node.setCustomProperty("legend/title-label", maps.legend_names[layer.id()])
        legend.model().refreshLayerLegend(node)
    legend.setLinkedMap(item(layout, "map", QgsLayoutItemMap))
    legend.setLegendFilterByMapEnabled(False)
    legend.refresh()


def _fill_affected_table(layout, data, first_page):
    frame = item(layout, "affected_table", QgsLayoutFrame)
    if frame is None:
        return
    # Before the table resizes its frame to its columns.
    width, height = frame.rect().width(), frame.rect().height()
    table = frame.multiFrame()
    rows = content.affected_rows(data.summaries, first_page)
    headings = (
        tr("School"),
        tr("Type"),
        tr("Scenes"),
        tr("Worst conflict"),
        tr("While open h/week"),
        tr("While closed h/week"),
        tr("Page"),
    )
    table.setHeaders([QgsLayoutTableColumn(heading) for heading in headings])
    table.setIncludeTableHeader(True)
    shares = (0.29, 0.16, 0.08, 0.14, 0.12, 0.13, 0.08)
    inner = width - 2 * table.cellMargin() * len(shares)
    table.setColumnWidths([inner * share for share in shares])

    def cells(row):
        return [
            QgsTableCell(value)
            for value in (
                row.name,
                row.school_type,
                row.scenes,
                row.conflict,
                row.concurrent_hours,
                row.afterhours_hours,
                row.page,
            )
        ]

    table.setTableContents([cells(row) for row in rows])
    shown = len(rows)
    # Rows of long names wrap: drop rows from the end until the table fits.
    while shown > 1 and table.totalHeight() > height:
        shown -= 1
        more = QgsTableCell(
            tr("… and {count} more: see their pages").format(count=len(rows) - shown)
        )
        table.setTableContents(
            [cells(row) for row in rows[:shown]]
            + [[more] + [QgsTableCell("") for _ in headings[1:]]]
        )
    set_text(
        layout,
        "affected_note",
        tr(
            "Hours a week a scene within the distance is active while the school is open and "
            "while it is closed. Schools with a scene active while open come first; on the map, "
            "each has its page number."
        ),
    )
