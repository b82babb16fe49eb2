"""The day-by-hour strip of a school: every day of the period by 24 hours.

Each cell is one hour of one day; its red part is the minutes a nearby scene
is active while the school is open (concurrent), its amber part the minutes
while it is closed (after hours), the colours of the week chart and the map.
The intervals are the outputs' ``presence_hours`` and ``guard_hours`` parsed
back. In a band above the grid, grey marks the days the calendar's defaults
close the school (public holidays, the summer break, lov for a gymnasium;
their columns are shaded too) and purple the lov days when only the
fritidshem is open.

Plain SVG 1.1 like the week chart; sizes in millimetres. Every cell carries
``data-day`` (ISO date), ``data-hour``, ``data-concurrent`` and
``data-afterhours`` (minutes).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ..i18n import tr
from .report_period import day_text
from .school_calendar import CLOSED, DEFAULT_DAY_RULES, FRITIDSHEM, HOLIDAY, school_kind
from .weekchart import SMALL_TEXT_SIZE, TEXT_SIZE, Palette, SvgWriter, day_names

_HOUR = timedelta(hours=1)
CLOSED_SHADE = "#d9d9d9"
CLOSED_MARK = "#737373"
LOV_MARK = "#9e9ac8"


def hour_cells(presence, guard, start, end):
    """``{(date, hour): (concurrent_min, afterhours_min)}`` of the dates ``start``
    to ``end`` (inclusive), for the hours with minutes.

    ``presence`` and ``guard`` are ``(datetime, datetime)`` half-open
    intervals (concurrent and after hours); parts outside the dates are left
    out. Minutes are whole minutes, as the hours texts have them.
    """
    first = datetime.combine(start, time())
    last = datetime.combine(end + timedelta(days=1), time())
    cells = {}
    for slot, intervals in ((0, presence), (1, guard)):
        for lower, upper in intervals:
            lower, upper = max(lower, first), min(upper, last)
            while lower < upper:
                hour_start = lower.replace(minute=0, second=0, microsecond=0)
                piece_end = min(upper, hour_start + _HOUR)
                key = (hour_start.date(), hour_start.hour)
                minutes = cells.get(key, [0, 0])
                minutes[slot] += int((piece_end - lower).total_seconds()) // 60
                cells[key] = minutes
                lower = piece_end
    return {key: tuple(value) for key, value in cells.items()}


def day_marks(calendar, school_type, start, end):
    """``{date: "holiday" | "closed" | "fritidshem"}`` for the days the calendar's
    defaults close the school of ``school_type`` (on a public holiday, or another
    day) or keep only its fritidshem open."""
    rules = DEFAULT_DAY_RULES[school_kind(school_type)]
    marks = {}
    day = start
    while day <= end:
        kind = calendar.day_kind(day)
        choice = rules[kind]
        if choice == CLOSED:
            marks[day] = HOLIDAY if kind == HOLIDAY else CLOSED
        elif choice == FRITIDSHEM:
            marks[day] = FRITIDSHEM
        day += timedelta(days=1)
    return marks


@dataclass(frozen=True)
class StripBox:
    """Where the grid lies in the picture, in millimetres."""

    left: float
    top: float
    width: float
    height: float
    days: int

    @property
    def day_width(self):
        return self.width / self.days

    @property
    def hour_height(self):
        return self.height / 24

    def x(self, index):
        return self.left + index * self.day_width

    def y(self, hour):
        return self.top + hour * self.hour_height


def day_strip_svg(
    cells, marks, start, end, *, title, width=149.0, height=30.0, palette=None, dpi=None
):
    """SVG text of the strip: ``cells`` from :func:`hour_cells`, ``marks`` from
    :func:`day_marks`; ``dpi`` see :meth:`SvgWriter.document`."""
    palette = palette or Palette()
    days = (end - start).days + 1
    svg = SvgWriter()
    svg.rect(0, 0, width, height, "#ffffff")
    line = TEXT_SIZE * 1.4
    box = StripBox(8.0, line + 1.6, width - 10.0, height - line - 1.6 - SMALL_TEXT_SIZE * 1.5, days)
    svg.text(0.5, TEXT_SIZE, title, palette.text, bold=True)
    _legend(svg, width, palette)
    _shading(svg, box, marks, start)
    _cells(svg, box, cells, start, palette)
    _axes(svg, box, start, end, palette)
    concurrent = sum(value[0] for value in cells.values())
    after_hours = sum(value[1] for value in cells.values())
    description = tr(
        "{start} to {end}: {concurrent} h active while the school is open, {after} h while it "
        "is closed; {closed} days closed by the calendar."
    ).format(
        start=start.isoformat(),
        end=end.isoformat(),
        concurrent="{:.1f}".format(concurrent / 60),
        after="{:.1f}".format(after_hours / 60),
        closed=sum(1 for mark in marks.values() if mark != FRITIDSHEM),
    )
    return svg.document(width, height, title, description, dpi=dpi)


def _legend(svg, width, palette):
    keys = (
        (palette.concurrent, tr("while open")),
        (palette.after_hours, tr("while closed")),
        (CLOSED_MARK, tr("school closed")),
        (LOV_MARK, tr("lov: fritidshem only")),
    )
    x = width - 0.5
    for color, label in reversed(keys):
        x -= len(label) * SMALL_TEXT_SIZE * 0.5
        svg.text(x, TEXT_SIZE, label, palette.text, size=SMALL_TEXT_SIZE)
        x -= 3.0
        svg.rect(x, TEXT_SIZE - SMALL_TEXT_SIZE * 0.8, 2.4, SMALL_TEXT_SIZE * 0.8, color)
        x -= 2.5


def _shading(svg, box, marks, start):
    svg.open_group("days")
    for day, mark in sorted(marks.items()):
        index = (day - start).days
        # In the band above the grid, which the cells never cover; closed days shaded too.
        if mark != FRITIDSHEM:
            svg.rect(box.x(index), box.top, box.day_width, box.height, CLOSED_SHADE)
        svg.rect(
            box.x(index),
            box.top - 1.2,
            box.day_width,
            0.9,
            LOV_MARK if mark == FRITIDSHEM else CLOSED_MARK,
            day=day.isoformat(),
            mark=mark,
        )
    svg.close_group()


def _cells(svg, box, cells, start, palette):
    svg.open_group("cells")
    for (day, hour), (concurrent, after_hours) in sorted(cells.items()):
        x, y = box.x((day - start).days), box.y(hour)
        red = box.hour_height * min(concurrent, 60) / 60
        amber = box.hour_height * min(after_hours, 60 - min(concurrent, 60)) / 60
        data = dict(day=day.isoformat(), hour=hour, concurrent=concurrent, afterhours=after_hours)
        if red:
            svg.rect(x, y, box.day_width, red, palette.concurrent, kind="concurrent", **data)
        if amber:
            svg.rect(
                x, y + red, box.day_width, amber, palette.after_hours, kind="after_hours", **data
            )
    svg.close_group()


def _axes(svg, box, start, end, palette):
    svg.open_group("axes")
    svg.rect(box.left, box.top, box.width, box.height, "none", stroke=palette.grid)
    for hour in (6, 12, 18):
        svg.line(box.left, box.y(hour), box.left + box.width, box.y(hour), palette.grid, width=0.1)
    for hour in (0, 6, 12, 18, 24):
        svg.text(
            box.left - 0.8,
            box.y(hour) + SMALL_TEXT_SIZE * 0.35,
            "{:02d}".format(hour),
            palette.text,
            size=SMALL_TEXT_SIZE,
            anchor="end",
        )
    below = box.top + box.height + SMALL_TEXT_SIZE * 1.1
    days = (end - start).days + 1
    names = day_names()
    for index in range(days):
        day = start + timedelta(days=index)
        if days <= 14:
            label = "{} {}".format(names[day.weekday()], day.day)
        elif index == 0 or (day.day == 1 and index >= 6):
            label = day_text(day, with_year=False)
        else:
            label = None
        if day.weekday() == 0 and index:
            svg.line(
                box.x(index),
                box.top,
                box.x(index),
                box.top + box.height,
                palette.grid,
                width=0.05 if days > 14 else 0.15,
            )
        if label:
            anchor = "middle" if days <= 14 else "start"
            x = box.x(index) + (box.day_width / 2 if days <= 14 else 0)
            svg.text(x, below, label, palette.text, size=SMALL_TEXT_SIZE, anchor=anchor)
    svg.close_group()
