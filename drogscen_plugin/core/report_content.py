"""What the situation report ("lägesbild") says, as plain data.

The affected schools in the order the report lists them, the most common
opening hours of the analysis, the trend of scenes per year or quarter
from their ``first_seen`` and ``closed_on`` dates, a table per district, the
data sources, and the trend as an SVG bar chart. No qgis imports: the QGIS
side reads layers into these records and lays the results out on paper.
"""

import datetime
import math
import re
from dataclasses import dataclass
from typing import Any, Optional

from ..definitions.conflicts import CONCURRENT, conflict_label, conflict_rank
from ..i18n import tr
from .hours import is_preschool
from .school_calendar import term_name
from .weekchart import TEXT_SIZE, SvgWriter, svg_number

YEAR = "year"
QUARTER = "quarter"
# Half-years as the school year names them: VT (January to June), HT.
TERM = "term"
PERIOD_KINDS = (YEAR, QUARTER, TERM)

OSM_ATTRIBUTION = "© OpenStreetMap contributors, ODbL"
_OSM_RE = re.compile(r"openstreetmap|\bosm\b", re.IGNORECASE)

# Trend chart colours: scenes active, opened, closed.
ACTIVE_COLOR = "#6a51a3"
OPENED_COLOR = "#e6550d"
CLOSED_COLOR = "#31a354"


# --- affected schools --------------------------------------------------------


def hours_per_week(minutes):
    """Minutes per week as hours with one decimal."""
    return "{:.1f}".format((minutes or 0) / 60)


def severity_key(summary):
    """Sort key of a school summary: conflicts while open first, then most hours."""
    return (
        conflict_rank(summary.worst_conflict),
        -(summary.concurrent_min or 0),
        -(summary.afterhours_min or 0),
        (summary.school_name or "").casefold(),
        summary.school_fid,
    )


def affected_schools(summaries):
    """The summaries of schools with a scene within the distance, worst first."""
    return sorted((s for s in summaries if s.scene_count), key=severity_key)


@dataclass(frozen=True)
class AffectedRow:
    """One line of the table of affected schools, as text for the page."""

    school_fid: int
    name: str
    school_type: str
    scenes: str
    conflict: str
    concurrent_hours: str
    afterhours_hours: str
    page: str


def affected_rows(summaries, first_page):
    """Table rows of the affected schools, worst first.

    ``first_page`` is the page number of the first school's page; the
    school pages follow in the same order.
    """
    return [
        AffectedRow(
            school_fid=summary.school_fid,
            name=summary.school_name or "",
            school_type=summary.school_type or "",
            scenes=str(summary.scene_count),
            conflict=conflict_label(summary.worst_conflict),
            concurrent_hours=hours_per_week(summary.concurrent_min),
            afterhours_hours=hours_per_week(summary.afterhours_min),
            page=str(first_page + index),
        )
        for index, summary in enumerate(affected_schools(summaries))
    ]


def pairs_by_school(pairs):
    """``{school_fid: [PairResult]}``, each list nearest scene first."""
    grouped = {}
    for pair in pairs:
        grouped.setdefault(pair.school_fid, []).append(pair)
    for school_pairs in grouped.values():
        school_pairs.sort(
            key=lambda p: (p.distance_m, (p.scene_name or "").casefold(), p.scene_fid)
        )
    return grouped


# --- texts ---------------------------------------------------------------------


def usual_hours(summaries):
    """``(schools, preschools)``: the most common opening hours the analysis used
    for each kind, as text, or None when it has none of that kind."""
    counts = ({}, {})
    for summary in summaries:
        if summary.school_hours:
            kind = counts[1 if is_preschool(summary.school_type) else 0]
            kind[summary.school_hours] = kind.get(summary.school_hours, 0) + 1
    # Most schools first, then the text, so that ties always give the same answer.
    return tuple(
        min(kind, key=lambda hours: (-kind[hours], hours)) if kind else None for kind in counts
    )


def parameters_text(distance, school_hours=None, preschool_hours=None):
    """The analysis parameters in one line: the distance and the usual hours (text or None)."""
    distance = svg_number(distance)
    if school_hours and preschool_hours:
        return tr(
            "Distance {distance} m · most common opening hours: schools {school}, "
            "preschools {preschool}"
        ).format(distance=distance, school=school_hours, preschool=preschool_hours)
    if school_hours:
        return tr("Distance {distance} m · most common opening hours: schools {school}").format(
            distance=distance, school=school_hours
        )
    if preschool_hours:
        return tr(
            "Distance {distance} m · most common opening hours: preschools {preschool}"
        ).format(distance=distance, preschool=preschool_hours)
    return tr("Distance {distance} m").format(distance=distance)


def is_osm(text):
    """True when a source value names OpenStreetMap."""
    return bool(text) and _OSM_RE.search(str(text)) is not None


def sources_text(scene_layer, scene_sources, school_layer, school_sources, limit=4):
    """The data sources line: layer names, the values of their source fields,
    and the OpenStreetMap attribution when any source is OpenStreetMap."""
    parts = []
    osm = False
    for label, layer, values in (
        (tr("scenes"), scene_layer, scene_sources),
        (tr("schools"), school_layer, school_sources),
    ):
        distinct = sorted({str(v).strip() for v in values if v is not None and str(v).strip()})
        from_osm = any(is_osm(value) for value in distinct) or is_osm(layer)
        osm = osm or from_osm
        shown = [value for value in distinct if not is_osm(value)]
        if len(shown) > limit:
            shown = shown[:limit] + [tr("{count} more").format(count=len(shown) - limit)]
        if from_osm:
            shown.append("OpenStreetMap")
        if not layer and not shown:
            continue
        if layer and shown:
            parts.append(
                tr("{kind}: {layer} ({sources})").format(
                    kind=label, layer=layer, sources=", ".join(shown)
                )
            )
        else:
            parts.append(
                tr("{kind}: {sources}").format(kind=label, sources=layer or ", ".join(shown))
            )
    text = tr("Data sources – {sources}.").format(sources="; ".join(parts) or tr("not given"))
    if osm:
        text += " " + OSM_ATTRIBUTION + "."
    return text


# --- trend -----------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A year, a quarter or a term; ``end`` is its last day."""

    label: str
    start: datetime.date
    end: datetime.date


def period_of(day, kind):
    """The year, quarter or term (VT/HT) containing ``day``."""
    if kind == YEAR:
        return Period(str(day.year), datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
    if kind == TERM:
        spring = day.month <= 6
        return Period(
            term_name(day),
            datetime.date(day.year, 1 if spring else 7, 1),
            datetime.date(day.year, 6, 30) if spring else datetime.date(day.year, 12, 31),
        )
    if kind != QUARTER:
        raise ValueError(kind)
    quarter = (day.month - 1) // 3
    start = datetime.date(day.year, 3 * quarter + 1, 1)
    following = (
        datetime.date(day.year + 1, 1, 1)
        if quarter == 3
        else datetime.date(day.year, 3 * quarter + 4, 1)
    )
    return Period(
        tr("{year} Q{quarter}").format(year=day.year, quarter=quarter + 1),
        start,
        following - datetime.timedelta(days=1),
    )


def periods(first, last, kind):
    """The periods from the one containing ``first`` to the one containing ``last``."""
    result = [period_of(first, kind)]
    while result[-1].end < last:
        result.append(period_of(result[-1].end + datetime.timedelta(days=1), kind))
    return result


def as_date(value):
    """A date from a date, a datetime or ISO text (``2024-03-01``, also with a time); None
    stays None."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    return datetime.date.fromisoformat(text[:10])


@dataclass(frozen=True)
class TrendScene:
    """A scene's history; ``first_seen`` None means not known."""

    fid: int
    name: str
    first_seen: Optional[datetime.date]
    closed_on: Optional[datetime.date]
    geometry: Any = None

    def active_on(self, day):
        """Open on ``day``; a scene without a first_seen date counts as open since ever."""
        started = self.first_seen is None or self.first_seen <= day
        return started and (self.closed_on is None or self.closed_on > day)


def date_problem(first_seen, closed_on):
    """Why two dates of one scene cannot both be right, or None."""
    if first_seen is not None and closed_on is not None and closed_on < first_seen:
        return tr("closed on {closed} before it was first seen on {first}").format(
            closed=closed_on.isoformat(), first=first_seen.isoformat()
        )
    return None


@dataclass(frozen=True)
class TrendRow:
    """Scenes in one period: active at its end, opened and closed during it.

    For the running period "the end" is the report date (or a later date of
    the data in it), so ``active`` of one row is always ``active`` of the
    previous row plus ``opened`` minus ``closed``.
    """

    period: Period
    active: int
    opened: int
    closed: int


def trend(scenes, kind, today, first=None):
    """Trend rows from the first period with a first_seen date (or ``first``)
    to the period containing ``today``; scenes without first_seen are left out.

    Dates after ``today`` extend the periods to include them.
    """
    dated = [scene for scene in scenes if scene.first_seen is not None]
    days = [scene.first_seen for scene in dated] + [
        scene.closed_on for scene in dated if scene.closed_on is not None
    ]
    if first is not None:
        days.append(first)
    if not days:
        return []
    last = max(days + [today])
    rows = []
    for period in periods(min(days), last, kind):
        # Counted at the end of the period; the running one on the report date, unless
        # the data has later dates in it.
        later = [day for day in days if period.start <= day <= period.end]
        end = min(period.end, max([today, period.start] + later))
        rows.append(
            TrendRow(
                period=period,
                active=sum(1 for scene in dated if scene.active_on(end)),
                opened=sum(1 for scene in dated if period.start <= scene.first_seen <= period.end),
                closed=sum(
                    1
                    for scene in dated
                    if scene.closed_on is not None and period.start <= scene.closed_on <= period.end
                ),
            )
        )
    return rows


def trend_chart_svg(rows, *, title, width=170.0, height=95.0):
    """Grouped bars per period: scenes active at its end, opened and closed."""
    svg = SvgWriter()
    svg.rect(0, 0, width, height, "#ffffff")
    left, right, top, bottom = 10.0, width - 6.0, 4.0, height - 13.0
    highest = max([max(r.active, r.opened, r.closed) for r in rows] + [1])
    step = max(1, int(math.ceil(highest / 5.0)))
    top_value = step * int(math.ceil(highest / float(step)))

    def y_of(value):
        return bottom - (bottom - top) * value / top_value

    svg.open_group("axis")
    for value in range(0, top_value + 1, step):
        svg.line(left, y_of(value), right, y_of(value), "#d0d0d0", width=0.15)
        svg.text(left - 1.2, y_of(value) + TEXT_SIZE * 0.35, str(value), "#1a1a1a", anchor="end")
    svg.close_group()

    kinds = (
        ("active", ACTIVE_COLOR, tr("active at the end of the period")),
        ("opened", OPENED_COLOR, tr("opened")),
        ("closed", CLOSED_COLOR, tr("closed")),
    )
    slot = (right - left) / max(1, len(rows))
    bar = slot * 0.8 / len(kinds)
    # Period labels about 12 mm apart at most, so they never overlap.
    label_every = max(1, int(math.ceil(len(rows) * 12.0 / (right - left))))
    svg.open_group("bars")
    for index, row in enumerate(rows):
        x = left + index * slot + slot * 0.1
        for position, (kind, color, label) in enumerate(kinds):
            value = getattr(row, kind)
            if value:
                svg.rect(
                    x + position * bar,
                    y_of(value),
                    bar,
                    bottom - y_of(value),
                    color,
                    title="{}: {} {}".format(row.period.label, value, label),
                    period=row.period.label,
                    kind=kind,
                    value=value,
                )
        if index % label_every == 0:
            svg.text(
                left + (index + 0.5) * slot,
                bottom + TEXT_SIZE * 1.3,
                row.period.label,
                "#1a1a1a",
                anchor="middle",
            )
    svg.line(left, bottom, right, bottom, "#1a1a1a", width=0.25)
    svg.close_group()

    svg.open_group("legend")
    x, y = left, height - 2.0
    for _kind, color, label in kinds:
        text = label[:1].upper() + label[1:]
        svg.rect(x, y - TEXT_SIZE * 0.8, 3.0, TEXT_SIZE * 0.8, color)
        svg.text(x + 4.0, y, text, "#1a1a1a")
        x += 4.0 + len(text) * TEXT_SIZE * 0.52 + 5.0
    svg.close_group()

    description = " ".join(
        tr("{period}: {active} active, {opened} opened, {closed} closed.").format(
            period=row.period.label, active=row.active, opened=row.opened, closed=row.closed
        )
        for row in rows
    )
    return svg.document(width, height, title, description)


# --- districts ----------------------------------------------------------------


def locate(geometries, districts):
    """For each geometry, the index of the district holding its representative
    point (the first, where districts overlap), or None outside them all."""
    found = []
    for geometry in geometries:
        if geometry is None or geometry.is_empty:
            found.append(None)
            continue
        point = geometry.representative_point()
        found.append(next((i for i, d in enumerate(districts) if d.intersects(point)), None))
    return found


@dataclass(frozen=True)
class DistrictRow:
    """One district: scenes open on the report date, affected schools, and
    school-scene pairs with the scene active while the school is open."""

    name: str
    active_scenes: int
    affected_schools: int
    concurrent_conflicts: int


def district_rows(districts, scenes, summaries, pairs, today):
    """Rows per district in the given order, and one for what lies outside them all.

    ``districts`` is a list of ``(name, polygon)``; ``scenes`` TrendScene
    records with geometry; ``summaries`` and ``pairs`` the analysis records
    (schools located by the summary geometry).
    """
    polygons = [polygon for _, polygon in districts]
    names = [name for name, _ in districts]
    outside = len(names)
    counts = [[0, 0, 0] for _ in range(len(names) + 1)]

    def slot(index):
        return outside if index is None else index

    for scene, index in zip(scenes, locate([s.geometry for s in scenes], polygons)):
        if scene.active_on(today):
            counts[slot(index)][0] += 1
    school_district = {}
    for summary, index in zip(summaries, locate([s.geometry for s in summaries], polygons)):
        school_district[summary.school_fid] = slot(index)
        if summary.scene_count:
            counts[slot(index)][1] += 1
    for pair in pairs:
        if pair.conflict == CONCURRENT and pair.school_fid in school_district:
            counts[school_district[pair.school_fid]][2] += 1
    rows = [DistrictRow(name, *counts[i]) for i, name in enumerate(names)]
    if any(counts[outside]):
        rows.append(DistrictRow(tr("Outside the districts"), *counts[outside]))
    return rows
