"""Plain records passed between the QGIS layer side and the overlap engine.

Geometries are shapely objects (point schools may also be ``PointXY``) in a
projected CRS whose unit is the metre; a pair's geometry is WKB for the map.
The attribute names of ``PairResult`` and ``SchoolSummary`` are also the
output field names (see ``fields.py``).
"""

from collections import namedtuple
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, List, Optional

from .schedule import WeeklySchedule


class PointXY(namedtuple("PointXY", "x y")):
    """A point school's coordinates, read without making a shapely object."""

    __slots__ = ()
    geom_type = "Point"
    is_empty = False


@dataclass
class SchoolRecord:
    """A school or preschool: a point, or polygon school grounds."""

    fid: int
    name: str
    school_type: str
    geometry: Any
    schedule: WeeklySchedule
    hours_note: str = ""
    # Overrides the analysis distance for this school when not None.
    distance: Optional[float] = None
    # The hours as given when readable ("SH" and "PH" count then), else "".
    hours_text: str = ""


@dataclass
class SceneRecord:
    """An open drug scene: a polygon with weekly active hours."""

    fid: int
    name: str
    geometry: Any
    schedule: WeeklySchedule
    hours_note: str = ""
    # The hours as given when readable ("SH" and dates count then), else "".
    hours_text: str = ""
    # The first and last day the scene exists; None: open-ended.
    first_day: Optional[date] = None
    last_day: Optional[date] = None
    # The geometry's 2D WKB when the reader has it at hand: not written again.
    wkb: Optional[bytes] = None


@dataclass
class PairResult:
    """One school and one scene within the school's distance.

    ``geometry`` is the part of the scene within the distance as WKB, drawn
    for the map (see ``outline``), or None when the scene only touches it.

    Hours and measures are canonical opening_hours text ("off" when never):
    ``school_hours`` and ``scene_hours`` are the schedules the analysis used;
    ``round_days`` and ``round_before`` are None when there is no round.
    """

    school_fid: int
    scene_fid: int
    school_name: str
    school_type: str
    school_hours: str
    scene_name: str
    scene_hours: str
    distance_m: float
    overlap_m2: float
    overlap_share: float
    scene_min: int
    concurrent_min: int
    afterhours_min: int
    conflict: str
    presence_hours: str
    guard_hours: str
    round_days: Optional[str]
    round_before: Optional[str]
    period_concurrent_min: int
    period_afterhours_min: int
    conflict_dates: str
    round_count: int
    hours_note: str
    geometry: Any


@dataclass
class SchoolSummary:
    """One row per input school, with or without scenes nearby.

    Schedules are unions over the school's scenes; ``nearest_m``,
    ``presence_hours`` and ``guard_hours`` are None without scenes.
    """

    school_fid: int
    school_name: str
    school_type: str
    school_hours: str
    scene_count: int
    worst_conflict: str
    concurrent_min: int
    afterhours_min: int
    nearest_m: Optional[float]
    presence_hours: Optional[str]
    guard_hours: Optional[str]
    round_days: Optional[str]
    round_before: Optional[str]
    period_concurrent_min: int
    period_afterhours_min: int
    conflict_dates: str
    round_count: int
    hours_note: str
    geometry: Any
    # The run's period (dates) and school calendar (ranges as text), on every row.
    period_start: Optional[date] = None
    period_end: Optional[date] = None
    school_terms: str = ""
    school_holidays: str = ""
    # The distinct values of the schools' source field ("a; b"), on every row.
    school_sources: str = ""


# A summary row's values go around the record's geometry: the run's values follow it.
_SUMMARY_GEOMETRY = [item.name for item in fields(SchoolSummary)].index("geometry")


@dataclass
class Analysis:
    """The result of ``overlap.analyse``.

    Rows are attribute values in field order (``fields.PAIR_FIELDS`` and
    ``fields.SUMMARY_FIELDS``), their geometries apart: what the writer
    needs, with no object per row. ``pairs`` and ``summaries`` make the
    records.
    """

    pair_rows: List[list] = field(default_factory=list)
    # WKB per pair row (None: the scene only touches the circle).
    pair_geometries: List[Any] = field(default_factory=list)
    # In the order of the input schools.
    summary_rows: List[list] = field(default_factory=list)
    # The schools' geometries.
    summary_geometries: List[Any] = field(default_factory=list)
    # Scenes left out: they do not exist in the period.
    scenes_outside: List[int] = field(default_factory=list)

    @property
    def pairs(self):
        return [
            PairResult(*row, geometry)
            for row, geometry in zip(self.pair_rows, self.pair_geometries)
        ]

    @property
    def summaries(self):
        return [
            SchoolSummary(*row[:_SUMMARY_GEOMETRY], geometry, *row[_SUMMARY_GEOMETRY:])
            for row, geometry in zip(self.summary_rows, self.summary_geometries)
        ]
