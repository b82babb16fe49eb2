"""Print layout helpers: templates, items by id, paper size, maps and common texts.

Template items are found by their ids; an item a user deleted from a
template is left out.
"""

import base64
import os

from qgis.core import (
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsReadWriteContext,
)
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import DrogscenError
from ..i18n import tr

TEMPLATE_DIR = os.path.normpath(
    os.path.join(
        os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "resources", "layouts"
    )
)
OVERVIEW_TEMPLATE = os.path.join(TEMPLATE_DIR, "overview.qpt")
SCHOOL_TEMPLATE = os.path.join(TEMPLATE_DIR, "school.qpt")

# The templates are A4 landscape; A3 scales every item, keeping the text sizes.
_PAPER_SCALE = {"A4": 1.0, "A3": 420.0 / 297.0}

# Height of a table row in mm: one line of the templates' 7 pt text with its
# margins, rounded up, so that the rows counted always fit.
ROW_HEIGHT = 5.2


class ReportError(DrogscenError):
    """The report cannot be made or written; the message says why in words."""


def load_template(project, path, name, paper):
    """A print layout of ``project`` from the template at ``path``, on ``paper``."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    document = QDomDocument()
    try:
        with open(path, encoding="utf-8") as file:
            parsed = document.setContent(file.read())[0]
    except OSError as error:
        raise ReportError(
            tr("The layout template {path} cannot be read: {reason}").format(
                path=path, reason=error.strerror
            )
        ) from error
    if not parsed or not layout.loadFromTemplate(document, QgsReadWriteContext())[1]:
        raise ReportError(
            tr("The layout template {path} is not a QGIS layout template.").format(path=path)
        )
    layout.setName(name)
    if paper != "A4":
        _scale_layout(layout, paper)
    return layout


def item(layout, item_id, kind):
    """The item of ``kind`` with ``item_id``, or None."""
    found = layout.itemById(item_id)
    return found if isinstance(found, kind) else None


def set_text(layout, item_id, text):
    label = item(layout, item_id, QgsLayoutItemLabel)
    if label is not None:
        label.setText(text)


def set_map(layout, maps, overrides, extent=None):
    """Point the layout's "map" item at the report's layers with ``overrides``."""
    map_item = item(layout, "map", QgsLayoutItemMap)
    if map_item is None:
        return None
    map_item.setCrs(maps.data.layers.summary.crs())
    map_item.setLayers(maps.map_layers)
    map_item.setKeepLayerSet(True)
    map_item.setLayerStyleOverrides(overrides)
    map_item.setKeepLayerStyles(True)
    if extent is not None:
        map_item.zoomToExtent(extent)
    for other in layout.items():
        if isinstance(other, (QgsLayoutItemScaleBar, QgsLayoutItemPicture)) and other.id() in (
            "scale_bar",
            "north_arrow",
        ):
            other.setLinkedMap(map_item)
            # No map label under the north arrow.
            if other.sceneBoundingRect().intersects(map_item.sceneBoundingRect()):
                map_item.addLabelBlockingItem(other)
    return map_item


def embedded_svg(svg):
    """SVG text as picture data that travels inside the layout: a saved project or
    template keeps it, unlike a file path."""
    return "base64:" + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def sensitive_note(layout, suffix=""):
    set_text(
        layout,
        "sensitive" + suffix,
        tr("SENSITIVE – for the municipality's safety work only. Do not distribute."),
    )


def footer(layout, item_id, title, today, page_expression, page_count):
    set_text(
        layout,
        item_id,
        tr("{title} · {date} · page {page} of {pages}").format(
            title=title, date=today.isoformat(), page=page_expression, pages=page_count
        ),
    )


def delete_page(layout, index):
    """Remove a page and the items on it."""
    collection = layout.pageCollection()
    if index >= collection.pageCount():
        return
    for placed in list(layout.items()):
        if (
            hasattr(placed, "page")
            and not isinstance(placed, QgsLayoutItemPage)
            and placed.page() == index
        ):
            layout.removeLayoutItem(placed)
    collection.deletePage(index)


def _scale_layout(layout, paper):
    """Resize the pages to ``paper`` landscape and scale item positions and sizes."""
    factor = _PAPER_SCALE[paper]
    collection = layout.pageCollection()
    placed = []
    for found in layout.items():
        if (
            hasattr(found, "page")
            and not isinstance(found, QgsLayoutItemPage)
            and hasattr(found, "pagePositionWithUnits")
        ):
            position = found.pagePositionWithUnits()
            size = found.sizeWithUnits()
            placed.append(
                (found, found.page(), position.x(), position.y(), size.width(), size.height())
            )
    for index in range(collection.pageCount()):
        collection.page(index).setPageSize(paper, QgsLayoutItemPage.Landscape)
    collection.reflow()
    for found, page, x, y, width, height in placed:
        found.attemptResize(QgsLayoutSize(width * factor, height * factor))
        found.attemptMove(QgsLayoutPoint(x * factor, y * factor), page=page)
