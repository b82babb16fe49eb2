"""The week chart of a school: when it is open and when each nearby scene is active.

Seven rows, Monday to Sunday, by 24 hours. Each row has a lane for the
school's opening hours and one lane per scene; a scene's active time is red
while the school is open (concurrent) and amber while it is closed (after
hours), the colours of the map. A span past midnight continues at the start
of the next row, and Sunday night continues on Monday.

Plain SVG 1.1 in the subset Qt's renderer draws (QGIS's picture item): no
CSS, no patterns. Sizes are millimetres, so text sizes are print sizes.
Every bar carries ``data-*`` attributes (lane, kind, day, minutes) and a
``<title>``; the chart has a ``<title>`` and a ``<desc>`` for screen readers.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..definitions.conflicts import AFTER_HOURS, CONCURRENT
from ..i18n import tr
from .schedule import MINUTES_PER_DAY, WeeklySchedule

# The colours of the map styles (resources/styles: overlaps by conflict, the
# school symbol); the QGIS side passes the colours of the styles in use.
CONCURRENT_COLOR = "#d7191c"
AFTER_HOURS_COLOR = "#fdae61"
OPEN_COLOR = "#1f78b4"
GRID_COLOR = "#b0b0b0"
TEXT_COLOR = "#1a1a1a"

# Text sizes in millimetres: 2.6 mm is about 7.5 pt.
FONT = "sans-serif"
TEXT_SIZE = 2.6
SMALL_TEXT_SIZE = 2.3


@dataclass(frozen=True)
class Palette:
    """Colours as #rrggbb."""

    open: str = OPEN_COLOR
    concurrent: str = CONCURRENT_COLOR
    after_hours: str = AFTER_HOURS_COLOR
    grid: str = GRID_COLOR
    text: str = TEXT_COLOR


@dataclass(frozen=True)
class ChartScene:
    """A scene on the chart: its active time while the school is open and
    while it is closed (the analysis's presence and guard hours)."""

    name: str
    while_open: WeeklySchedule
    while_closed: WeeklySchedule

    @classmethod
    def of(cls, name, hours, school_hours):
        """A scene active ``hours``, against ``school_hours``."""
        return cls(name, hours & school_hours, hours - school_hours)

    @property
    def hours(self):
        return self.while_open | self.while_closed


def day_names():
    """Short weekday names, Monday first, translated."""
    return (tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun"))


def day_segments(schedule):
    """``(day, start, end)`` pieces of a schedule, cut at midnight.

    ``start`` and ``end`` are minutes of that day (0-1440, end exclusive);
    a night from Sunday into Monday is already two intervals of the week.
    """
    segments = []
    for start, end in schedule.intervals:
        cursor = start
        while cursor < end:
            day = cursor // MINUTES_PER_DAY
            day_end = min(end, (day + 1) * MINUTES_PER_DAY)
            offset = day * MINUTES_PER_DAY
            segments.append((day, cursor - offset, day_end - offset))
            cursor = day_end
    return segments


def _clock(minutes):
    return "{:02d}:{:02d}".format(*divmod(minutes, 60))


def _hours(minutes):
    return "{:.1f}".format(minutes / 60)


def svg_number(value):
    """A coordinate as short text: at most two decimals."""
    return "{:.2f}".format(value).rstrip("0").rstrip(".")


class SvgWriter:
    """Collects SVG elements; coordinates in millimetres."""

    def __init__(self):
        self.parts = []

    def rect(self, x, y, width, height, fill, stroke=None, opacity=None, title=None, **data):
        attributes = 'x="{}" y="{}" width="{}" height="{}" fill="{}"'.format(
            svg_number(x), svg_number(y), svg_number(width), svg_number(height), fill
        )
        if stroke:
            attributes += ' stroke="{}" stroke-width="0.2"'.format(stroke)
        if opacity is not None:
            attributes += ' fill-opacity="{}"'.format(svg_number(opacity))
        for key, value in data.items():
            attributes += " data-{}={}".format(key.replace("_", "-"), quoteattr(str(value)))
        if title:
            self.parts.append("<rect {}><title>{}</title></rect>".format(attributes, escape(title)))
        else:
            self.parts.append("<rect {}/>".format(attributes))

    def line(self, x1, y1, x2, y2, stroke, width=0.15, **data):
        attributes = 'x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"'.format(
            svg_number(x1),
            svg_number(y1),
            svg_number(x2),
            svg_number(y2),
            stroke,
            svg_number(width),
        )
        for key, value in data.items():
            attributes += " data-{}={}".format(key.replace("_", "-"), quoteattr(str(value)))
        self.parts.append("<line {}/>".format(attributes))

    def text(self, x, y, content, fill, size=TEXT_SIZE, anchor="start", bold=False):
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(
            '<text x="{}" y="{}" font-family="{}" font-size="{}" fill="{}" '
            'text-anchor="{}"{}>{}</text>'.format(
                svg_number(x),
                svg_number(y),
                FONT,
                svg_number(size),
                fill,
                anchor,
                weight,
                escape(content),
            )
        )

    def open_group(self, name):
        self.parts.append('<g id="{}">'.format(name))

    def close_group(self):
        self.parts.append("</g>")

    def document(self, width, height, title, description, dpi=None):
        """The SVG of ``width`` x ``height`` mm; with ``dpi``, its size is given in
        pixels at that density, for readers that rasterise at the size given."""
        if dpi:
            size = 'width="{}" height="{}"'.format(
                round(width * dpi / 25.4), round(height * dpi / 25.4)
            )
        else:
            size = 'width="{}mm" height="{}mm"'.format(svg_number(width), svg_number(height))
        head = (
            '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" {size} '
            'viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title chart-desc">'
            '<title id="chart-title">{title}</title><desc id="chart-desc">{desc}</desc>'
        ).format(
            size=size,
            w=svg_number(width),
            h=svg_number(height),
            title=escape(title),
            desc=escape(description),
        )
        return "\n".join([head] + self.parts + ["</svg>"]) + "\n"


def _fit(text, width, size):
    """Shorten text to about ``width`` mm at ``size`` (average glyph 0.55 em)."""
    limit = max(4, int(width / (size * 0.55)))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def week_chart_svg(
    school_hours, scenes, *, title, width=147.0, height=88.0, palette=None, dpi=None
):
    """SVG text of the week chart.

    ``school_hours`` is a WeeklySchedule; ``scenes`` a sequence of
    :class:`ChartScene`, drawn in that order as lanes 1, 2, ...
    ``width`` and ``height`` are the printed size in millimetres; ``dpi``
    see :meth:`SvgWriter.document`.
    """
    palette = palette or Palette()
    scenes = list(scenes)
    days = day_names()
    svg = SvgWriter()
    svg.rect(0, 0, width, height, "#ffffff")
    grid = _Grid.fit(width, height, len(scenes))
    _draw_rows(svg, grid, days, palette)
    _draw_hours(svg, grid, palette)
    _draw_open(svg, grid, days, school_hours, palette)
    _draw_scenes(svg, grid, days, scenes, palette)
    _draw_legend(svg, grid, scenes, palette, width)
    return svg.document(width, height, title, _description(school_hours, scenes), dpi)


@dataclass(frozen=True)
class _Grid:
    """Where the chart draws: a row per day, in each a lane for the school and one per
    scene; the legend below."""

    left: float
    top: float
    grid_width: float
    bottom: float
    row_height: float
    lane_gap: float
    lane_height: float
    lanes: int
    # Whether the lanes are tall enough for their numbers.
    numbered: bool
    line_height: float

    @classmethod
    def fit(cls, width, height, scene_count):
        """Legend below the grid: one line of keys, one per scene, and, when the
        lanes are too narrow for their numbers, a line saying their order."""
        line_height = TEXT_SIZE * 1.45
        left, right, top = 14.0, width - 2.0, 6.0
        lanes = 1 + scene_count
        for order_line in (0, 1):
            legend_lines = 1 + scene_count + order_line
            bottom = height - line_height * legend_lines - 1.5
            row_height = (bottom - top) / 7
            lane_gap = min(0.6, row_height * 0.08)
            lane_height = (row_height - 2 * lane_gap) / lanes
            numbered = lane_height >= SMALL_TEXT_SIZE * 0.9
            if numbered or not scene_count:
                break
        return cls(
            left,
            top,
            right - left,
            bottom,
            row_height,
            lane_gap,
            lane_height,
            lanes,
            numbered,
            line_height,
        )

    @property
    def bar_inset(self):
        """A little white between the lanes tells them apart."""
        return self.lane_height * 0.1

    def x_of(self, minute):
        return self.left + self.grid_width * minute / MINUTES_PER_DAY

    def lane_top(self, day, lane):
        return self.top + day * self.row_height + self.lane_gap + lane * self.lane_height

    def bar(self, svg, day, lane, start, end, color, /, **attributes):
        """The bar of one lane from minute ``start`` to ``end`` of ``day``; the
        attributes go to the SVG rectangle (its data too)."""
        svg.rect(
            self.x_of(start),
            self.lane_top(day, lane) + self.bar_inset,
            self.x_of(end) - self.x_of(start),
            self.lane_height - 2 * self.bar_inset,
            color,
            **attributes,
        )


def _draw_rows(svg, grid, days, palette):
    svg.open_group("rows")
    for day in range(7):
        y = grid.top + day * grid.row_height
        svg.rect(
            grid.left,
            y,
            grid.grid_width,
            grid.row_height,
            "#f2f2f2" if day % 2 == 0 else "#ffffff",
            row=day,
        )
        svg.text(
            1.0, y + grid.row_height / 2 + TEXT_SIZE * 0.35, days[day], palette.text, bold=True
        )
        if grid.numbered:
            for lane in range(1, grid.lanes):
                svg.text(
                    grid.left - 1.0,
                    grid.lane_top(day, lane) + grid.lane_height / 2 + SMALL_TEXT_SIZE * 0.35,
                    str(lane),
                    palette.text,
                    size=SMALL_TEXT_SIZE,
                    anchor="end",
                )
    svg.close_group()


def _draw_hours(svg, grid, palette):
    svg.open_group("hours")
    for hour in range(25):
        strong = hour % 6 == 0
        svg.line(
            grid.x_of(hour * 60),
            grid.top,
            grid.x_of(hour * 60),
            grid.bottom,
            palette.grid,
            width=0.25 if strong else 0.1,
            hour=hour,
        )
        if hour % 3 == 0:
            svg.text(
                grid.x_of(hour * 60),
                grid.top - 1.6,
                "{:02d}".format(hour),
                palette.text,
                size=SMALL_TEXT_SIZE,
                anchor="middle",
            )
    svg.close_group()


def _draw_open(svg, grid, days, school_hours, palette):
    open_label = tr("school open")
    svg.open_group("open")
    for day, start, end in day_segments(school_hours):
        # A light band across all lanes shows when a scene meets an open school.
        svg.rect(
            grid.x_of(start),
            grid.top + day * grid.row_height,
            grid.x_of(end) - grid.x_of(start),
            grid.row_height,
            palette.open,
            opacity=0.18,
        )
        grid.bar(
            svg,
            day,
            0,
            start,
            end,
            palette.open,
            title="{} {}-{}: {}".format(days[day], _clock(start), _clock(end), open_label),
            lane="school",
            kind="open",
            day=day,
            start=start,
            end=end,
        )
    svg.close_group()


def _draw_scenes(svg, grid, days, scenes, palette):
    kinds = (
        (CONCURRENT, palette.concurrent, tr("active while the school is open")),
        (AFTER_HOURS, palette.after_hours, tr("active while the school is closed")),
    )
    svg.open_group("scenes")
    for lane, scene in enumerate(scenes, start=1):
        parts = {CONCURRENT: scene.while_open, AFTER_HOURS: scene.while_closed}
        for kind, color, label in kinds:
            for day, start, end in day_segments(parts[kind]):
                grid.bar(
                    svg,
                    day,
                    lane,
                    start,
                    end,
                    color,
                    stroke="#5a0000" if kind == CONCURRENT else None,
                    title="{} {}-{}: {}, {}".format(
                        days[day], _clock(start), _clock(end), scene.name, label
                    ),
                    lane="scene-{}".format(lane),
                    kind=kind,
                    day=day,
                    start=start,
                    end=end,
                )
    svg.close_group()


def _draw_legend(svg, grid, scenes, palette, width):
    svg.open_group("legend")
    y = grid.bottom + grid.line_height
    keys = (
        (palette.open, tr("School open")),
        (palette.concurrent, tr("Scene active while open")),
        (palette.after_hours, tr("Scene active while closed")),
    )
    x = 1.0
    for color, label in keys:
        svg.rect(x, y - TEXT_SIZE * 0.8, 3.0, TEXT_SIZE * 0.8, color)
        svg.text(x + 4.0, y, label, palette.text)
        x += 4.0 + len(label) * TEXT_SIZE * 0.52 + 4.0
    for lane, scene in enumerate(scenes, start=1):
        y += grid.line_height
        line = tr("{lane}: {name} – {hours}").format(
            lane=lane, name=scene.name, hours=scene.hours.to_opening_hours()
        )
        svg.text(1.0, y, _fit(line, width - 2.0, TEXT_SIZE), palette.text)
    if not grid.numbered and scenes:
        y += grid.line_height
        svg.text(
            1.0,
            y,
            tr("In each day, from the top: the school, then scenes 1 to {count}.").format(
                count=len(scenes)
            ),
            palette.text,
        )
    svg.close_group()


def _description(school_hours, scenes):
    """The chart in words, for screen readers and text extraction."""
    sentences = [
        tr("Rows Monday to Sunday, columns 00 to 24 hours. School open: {hours}.").format(
            hours=school_hours.to_opening_hours()
        )
    ]
    for lane, scene in enumerate(scenes, start=1):
        sentences.append(
            tr(
                "Lane {lane}, {name}: active {hours}; {open} h a week while the school is "
                "open, {closed} h while it is closed."
            ).format(
                lane=lane,
                name=scene.name,
                hours=scene.hours.to_opening_hours(),
                open=_hours(scene.while_open.minutes),
                closed=_hours(scene.while_closed.minutes),
            )
        )
    return " ".join(sentences)
