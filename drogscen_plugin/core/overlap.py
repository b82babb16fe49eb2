"""Space-and-time overlap of schools and open drug scenes.

Each school is buffered by its distance (a point from the point, school
grounds from their boundary outward) and intersected with the scenes a
spatial index offers as candidates. The time measures depend only on the
two schedules, so they are computed once per distinct pair of schedules.
"""

import math
import warnings
from collections import namedtuple
from functools import reduce
from operator import or_

import shapely
from shapely.geometry import MultiPolygon
from shapely.strtree import STRtree

from ..i18n import tr
from .errors import AnalysisCanceled, InputError
from .records import Analysis, PairResult, SchoolSummary
from .schedule import MINUTES_PER_DAY, MINUTES_PER_WEEK, WEEKDAYS, WeeklySchedule

CONCURRENT = "concurrent"
AFTER_HOURS = "after_hours"
NO_CONFLICT = "none"

SCHOOL_GEOMETRY_TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
SCENE_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")

# Schools per batch: large enough for vectorized shapely, small enough that
# progress and cancel are checked often.
_CHUNK = 500


# --- shapely 1.8 / 2.x -----------------------------------------------------
# Shapely 2 runs whole arrays in C; 1.8 needs Python loops. Both variants
# take and return lists so the engine below has a single code path.

SHAPELY2 = int(shapely.__version__.split(".")[0]) >= 2

if SHAPELY2:
    import numpy as np

    def _array(geometries):
        # Filling an empty object array keeps numpy from looking into
        # multi-part geometries.
        array = np.empty(len(geometries), dtype=object)
        array[:] = geometries
        return array

    class _SceneIndex:
        def __init__(self, geometries):
            self._geometries = _array(geometries)
            self._tree = STRtree(self._geometries)

        def candidates(self, buffers):
            """Sorted (buffer index, scene index, buffer contains scene) lists
            of the intersecting pairs."""
            buffers = _array(buffers)
            shapely.prepare(buffers)
            hits = self._tree.query(buffers, predicate="intersects")
            order = np.lexsort((hits[1], hits[0]))
            rows, cols = hits[0][order], hits[1][order]
            inside = shapely.contains(buffers[rows], self._geometries[cols])
            return rows.tolist(), cols.tolist(), inside.tolist()

    def _buffers(geometries, distances, segments):
        return list(shapely.buffer(_array(geometries), np.asarray(distances, dtype=float), quad_segs=segments))

    def _intersections(left, right):
        return list(shapely.intersection(_array(left), _array(right)))

    def _areas(geometries):
        return shapely.area(_array(geometries)).tolist()

    def _distances(left, right):
        return shapely.distance(_array(left), _array(right)).tolist()

else:
    from shapely.prepared import prep

    class _SceneIndex:
        def __init__(self, geometries):
            self._geometries = list(geometries)
            # 1.8 queries return the stored geometries, not their positions.
            self._positions = {}
            for position, geometry in enumerate(self._geometries):
                self._positions.setdefault(id(geometry), []).append(position)
            with warnings.catch_warnings():
                # Only announces the 2.0 API, which the branch above uses.
                warnings.simplefilter("ignore")
                self._tree = STRtree(self._geometries)

        def candidates(self, buffers):
            """Sorted (buffer index, scene index, buffer contains scene) lists
            of the intersecting pairs."""
            rows, cols, inside = [], [], []
            for row, buffer in enumerate(buffers):
                if buffer.is_empty:
                    continue
                near = {pos for hit in self._tree.query(buffer) for pos in self._positions[id(hit)]}
                if not near:
                    continue
                prepared = prep(buffer)
                for col in sorted(near):
                    geometry = self._geometries[col]
                    # Containment first: it implies intersection and is common.
                    contained = prepared.contains(geometry)
                    if contained or prepared.intersects(geometry):
                        rows.append(row)
                        cols.append(col)
                        inside.append(contained)
            return rows, cols, inside

    def _buffers(geometries, distances, segments):
        return [buffer_geometry(g, d, segments) for g, d in zip(geometries, distances)]

    def _intersections(left, right):
        return [a.intersection(b) for a, b in zip(left, right)]

    def _areas(geometries):
        return [g.area for g in geometries]

    def _distances(left, right):
        return [a.distance(b) for a, b in zip(left, right)]


# --- time -------------------------------------------------------------------

TimeMeasures = namedtuple(
    "TimeMeasures",
    "scene_min concurrent_min afterhours_min conflict presence_hours guard_hours round_days round_before",
)
TimeMeasures.__doc__ = """What one school schedule and one scene schedule mean for the city.

presence: scene active while the school is open; guard: while it is closed;
round: the openings that follow scene activity since the school last closed.
"""


def time_measures(school, scene):
    """``TimeMeasures`` of a school schedule against a scene schedule."""
    presence = school & scene
    guard = scene - school
    conflict = CONCURRENT if presence.minutes else AFTER_HOURS
    round_days, round_before = _round(school, scene)
    return TimeMeasures(
        scene.minutes,
        presence.minutes,
        guard.minutes,
        conflict,
        presence.to_opening_hours(),
        guard.to_opening_hours(),
        round_days,
        round_before,
    )


def _closed_gaps(school):
    """The school's closed stretches as (intervals, opening minute).

    A stretch running over the end of the week is one stretch. A school
    open always or never has no openings, so no stretches.
    """
    closed = list((~school).intervals)
    if not closed or not school.intervals:
        return []
    gaps = []
    if len(closed) > 1 and closed[0][0] == 0 and closed[-1][1] == MINUTES_PER_WEEK:
        first, last = closed.pop(0), closed.pop()
        gaps.append(([last, first], first[1]))
    gaps.extend(([gap], gap[1] % MINUTES_PER_WEEK) for gap in closed)
    return gaps


def _round(school, scene):
    """(round_days, round_before) for the openings that follow scene activity."""
    openings = [
        opening
        for intervals, opening in _closed_gaps(school)
        if (scene & WeeklySchedule.from_intervals(intervals)).minutes
    ]
    if not openings:
        return None, None
    days = sorted({opening // MINUTES_PER_DAY for opening in openings})
    earliest = min(opening % MINUTES_PER_DAY for opening in openings)
    return ",".join(WEEKDAYS[day] for day in days), "%02d:%02d" % divmod(earliest, 60)


class _TimeCache:
    """Time measures per distinct (school schedule, scene schedule).

    Thousands of schools and scenes share a handful of distinct schedules.
    """

    def __init__(self):
        self._measures = {}
        self._unions = {}

    def get_measures(self, school, scene):
        key = (school, scene)
        measures = self._measures.get(key)
        if measures is None:
            measures = self._measures[key] = time_measures(school, scene)
        return measures

    def union(self, schedules):
        key = frozenset(schedules)
        union = self._unions.get(key)
        if union is None:
            union = self._unions[key] = reduce(or_, key)
        return union


# --- space ------------------------------------------------------------------


def buffer_geometry(geom, distance, segments=5):
    """The area within ``distance`` of ``geom``, as QGIS native:buffer draws it.

    Round caps and joins with ``segments`` per quarter circle; 5 is the
    native:buffer default, so areas agree with QGIS.
    """
    # Positional: the keyword is ``resolution`` in 1.8 and ``quad_segs`` in 2.x.
    return geom.buffer(distance, segments)


def _polygonal(geom):
    """The polygons of an intersection; a touching scene can add lines or points."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polygons = []
    for part in geom.geoms:
        if part.geom_type == "Polygon":
            polygons.append(part)
        elif part.geom_type == "MultiPolygon":
            polygons.extend(part.geoms)
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def _valid_distance(value):
    return isinstance(value, (int, float)) and math.isfinite(value) and value >= 0


def _check_inputs(schools, scenes, distance):
    if not _valid_distance(distance):
        raise InputError(tr("Distance {distance} is not a number of metres of at least 0").format(distance=distance))
    for school in schools:
        if school.distance is not None and not _valid_distance(school.distance):
            raise InputError(
                tr("School {fid}: distance {distance} is not a number of metres of at least 0").format(
                    fid=school.fid, distance=school.distance
                )
            )
        if school.geometry.geom_type not in SCHOOL_GEOMETRY_TYPES:
            raise InputError(
                tr("School {fid}: {kind} geometry is not supported, only points and polygons").format(
                    fid=school.fid, kind=school.geometry.geom_type
                )
            )
    for scene in scenes:
        if scene.geometry.geom_type not in SCENE_GEOMETRY_TYPES:
            raise InputError(
                tr("Scene {fid}: {kind} geometry is not supported, only polygons").format(
                    fid=scene.fid, kind=scene.geometry.geom_type
                )
            )


# --- the analysis -----------------------------------------------------------


def analyse(schools, scenes, distance, *, segments=5, progress=None, is_canceled=None):
    """Every school × scene pair whose areas overlap, and one summary per school.

    ``distance`` (metres) applies to schools whose own ``distance`` is None.
    ``progress(percent)`` is called after each batch of schools;
    ``is_canceled()`` is checked before each batch and raises
    ``AnalysisCanceled``. Raises ``InputError`` for unusable records.
    """
    schools = list(schools)
    scenes = list(scenes)
    _check_inputs(schools, scenes, distance)
    scene_geometries = [scene.geometry for scene in scenes]
    scene_areas = _areas(scene_geometries)
    index = _SceneIndex(scene_geometries)
    times = _TimeCache()
    analysis = Analysis()
    if not schools and progress is not None:
        progress(100.0)
    for start in range(0, len(schools), _CHUNK):
        if is_canceled is not None and is_canceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        chunk = schools[start : start + _CHUNK]
        distances = [distance if school.distance is None else school.distance for school in chunk]
        buffers = _buffers([school.geometry for school in chunk], distances, segments)
        rows, cols, inside = index.candidates(buffers)
        overlaps, areas = _overlaps(buffers, scene_geometries, scene_areas, rows, cols, inside)
        kept = [k for k, area in enumerate(areas) if area > 0]
        rows = [rows[k] for k in kept]
        cols = [cols[k] for k in kept]
        gaps = _distances([chunk[row].geometry for row in rows], [scene_geometries[col] for col in cols])
        buffer_areas = _areas(buffers)

        found = [[] for _ in chunk]
        for k, row, col, gap in zip(kept, rows, cols, gaps):
            school, scene = chunk[row], scenes[col]
            pair = _pair(school, scene, gap, areas[k], buffer_areas[row], overlaps[k], times)
            analysis.pairs.append(pair)
            found[row].append((pair, scene))
        analysis.summaries.extend(_summary(school, pairs, times) for school, pairs in zip(chunk, found))
        if progress is not None:
            progress(100.0 * (start + len(chunk)) / len(schools))
    return analysis


def _overlaps(buffers, scene_geometries, scene_areas, rows, cols, inside):
    """Overlap geometries and areas of candidate pairs.

    A scene inside the buffer is its own overlap; skipping the intersection
    there saves much of the run time.
    """
    overlaps = [scene_geometries[col] for col in cols]
    areas = [scene_areas[col] for col in cols]
    cut = [k for k, contained in enumerate(inside) if not contained]
    pieces = _intersections([buffers[rows[k]] for k in cut], [scene_geometries[cols[k]] for k in cut])
    for k, piece, area in zip(cut, pieces, _areas(pieces)):
        overlaps[k] = piece
        areas[k] = area
    return overlaps, areas


def _pair(school, scene, gap, area, buffer_area, overlap, times):
    measures = times.get_measures(school.schedule, scene.schedule)
    return PairResult(
        school_fid=school.fid,
        scene_fid=scene.fid,
        school_name=school.name,
        school_type=school.school_type,
        scene_name=scene.name,
        distance_m=gap,
        overlap_m2=area,
        overlap_share=area / buffer_area,
        scene_min=measures.scene_min,
        concurrent_min=measures.concurrent_min,
        afterhours_min=measures.afterhours_min,
        conflict=measures.conflict,
        presence_hours=measures.presence_hours,
        guard_hours=measures.guard_hours,
        round_days=measures.round_days,
        round_before=measures.round_before,
        hours_note="; ".join(note for note in (school.hours_note, scene.hours_note) if note),
        geometry=_polygonal(overlap),
    )


def _summary(school, pairs, times):
    """The school's row; its measures come from the union of its scenes' hours."""
    notes = [school.hours_note] if school.hours_note else []
    for _, scene in pairs:
        if scene.hours_note:
            note = tr("{scene}: {note}").format(scene=scene.name, note=scene.hours_note)
            if note not in notes:
                notes.append(note)
    summary = SchoolSummary(
        school_fid=school.fid,
        school_name=school.name,
        school_type=school.school_type,
        scene_count=len(pairs),
        worst_conflict=NO_CONFLICT,
        concurrent_min=0,
        afterhours_min=0,
        nearest_m=None,
        presence_hours=None,
        guard_hours=None,
        round_days=None,
        round_before=None,
        hours_note="; ".join(notes),
        geometry=school.geometry,
    )
    if pairs:
        scenes = times.union(scene.schedule for _, scene in pairs)
        measures = times.get_measures(school.schedule, scenes)
        summary.worst_conflict = measures.conflict
        summary.concurrent_min = measures.concurrent_min
        summary.afterhours_min = measures.afterhours_min
        summary.nearest_m = min(pair.distance_m for pair, _ in pairs)
        summary.presence_hours = measures.presence_hours
        summary.guard_hours = measures.guard_hours
        summary.round_days = measures.round_days
        summary.round_before = measures.round_before
    return summary
