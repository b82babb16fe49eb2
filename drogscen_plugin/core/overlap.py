"""Space-and-time overlap of schools and open drug scenes.

Each school is buffered by its distance (a point from the point, school
grounds from their boundary outward) and intersected with the scenes whose
envelopes come within that distance. A point's buffer is a regular polygon
between two circles, so for most pairs the distance from the point alone
tells whether the scene is out of reach or wholly inside; only the others
need the buffer and an intersection. The time measures depend only on the
two schedules, so they are computed once per distinct pair of schedules.
"""

import math

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from ..i18n import tr
from .errors import AnalysisCanceled, InputError
from .records import Analysis, PairResult, SchoolSummary
from .timing import NO_CONFLICT, TimeCache, TimeMeasures
from .timing import time_measures  # noqa: F401 (its home was here; callers import it from here)

SCHOOL_GEOMETRY_TYPES = ("Point", "MultiPoint", "Polygon", "MultiPolygon")
SCENE_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")

# Schools per batch: large enough for vectorized shapely, small enough that
# progress and cancel are checked often.
_CHUNK = 500

# Relative to the coordinates: a margin far above the rounding of buffer
# vertices and distances, so that the shortcuts below never decide a pair
# that the exact geometry could decide otherwise.
_SLACK = 1e-9


# --- shapely 1.8 / 2.x -----------------------------------------------------
# Shapely 2 runs whole arrays in C; 1.8 needs Python loops. Geometries are
# held in numpy object arrays (2.x) or lists (1.8), indexed by numpy integer
# arrays; numeric results are numpy arrays, so the engine below has a single
# code path.

SHAPELY2 = int(shapely.__version__.split(".")[0]) >= 2

if SHAPELY2:
    _TYPE_NAMES = (
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
    )

    def _geometries(items):
        array = np.empty(len(items), dtype=object)
        # Item by item: assigning the list would make numpy inspect every geometry.
        for position, item in enumerate(items):
            array[position] = item
        return array

    def _take(geometries, index):
        return geometries[index]

    def _type_names(geometries):
        return [_TYPE_NAMES[type_id] for type_id in shapely.get_type_id(geometries).tolist()]

    def _bounds(geometries):
        # NaN for empty geometries, which then overlap nothing.
        return shapely.bounds(geometries).reshape(-1, 4)

    def _buffers(geometries, distances, segments):
        return shapely.buffer(geometries, distances, quad_segs=segments)

    def _polygons(rings):
        return shapely.polygons(rings)

    def _intersections(left, right):
        return shapely.intersection(left, right)

    def _areas(geometries):
        return shapely.area(geometries)

    def _distances(left, right):
        return shapely.distance(left, right)

else:
    _NO_BOUNDS = (math.nan,) * 4

    def _geometries(items):
        return list(items)

    def _take(geometries, index):
        return [geometries[position] for position in index.tolist()]

    def _type_names(geometries):
        return [geometry.geom_type for geometry in geometries]

    def _bounds(geometries):
        # Empty geometries have no bounds: NaN overlaps nothing.
        return np.array([g.bounds or _NO_BOUNDS for g in geometries], dtype=float).reshape(-1, 4)

    def _buffers(geometries, distances, segments):
        return [buffer_geometry(g, d, segments) for g, d in zip(geometries, distances.tolist())]

    def _polygons(rings):
        return [Polygon(ring) for ring in rings]

    def _intersections(left, right):
        return [a.intersection(b) for a, b in zip(left, right)]

    def _areas(geometries):
        return np.array([g.area for g in geometries], dtype=float)

    def _distances(left, right):
        return np.array([a.distance(b) for a, b in zip(left, right)], dtype=float)


# --- space ------------------------------------------------------------------


def buffer_geometry(geom, distance, segments=5):
    """The area within ``distance`` of ``geom``, as QGIS native:buffer draws it.

    Round caps and joins with ``segments`` per quarter circle; 5 is the
    native:buffer default, so areas agree with QGIS.
    """
    # Positional: the keyword is ``resolution`` in 1.8 and ``quad_segs`` in 2.x.
    return geom.buffer(distance, segments)


def _point_buffers(centres, distances, segments):
    """Buffers of points (an array of x, y rows) drawn as GEOS draws them:
    4 × ``segments`` corners on the circle, clockwise from the east."""
    corners = 4 * segments
    step = 2 * math.pi / corners
    # math, not numpy, for the same cos and sin as GEOS.
    circle = np.array([(math.cos(-k * step), math.sin(-k * step)) for k in range(corners + 1)])
    circle[-1] = circle[0]
    return _polygons(centres[:, None, :] + distances[:, None, None] * circle)


def _point_buffer_area(distance, segments):
    """Area of a point's buffer: the regular polygon of 4 × ``segments``
    corners on the circle of radius ``distance``."""
    corners = 4 * segments
    return 0.5 * corners * distance * distance * math.sin(2 * math.pi / corners)


def _polygonal(geom):
    """The polygons of an intersection; a touching scene can add lines or points."""
    polygons = []
    for part in geom.geoms:
        if part.geom_type == "Polygon":
            polygons.append(part)
        elif part.geom_type == "MultiPolygon":
            polygons.extend(part.geoms)
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


class _SceneIndex:
    """Scene envelopes sorted by their west edge, to find those meeting boxes.

    Sort and sweep with numpy: the same code under shapely 1.8 and 2.x, and
    no geometry objects for the boxes. The few scenes much wider than most
    (a long street, say) are checked against every box instead, so that they
    do not widen the sweep for all the others.
    """

    def __init__(self, bounds):
        self.bounds = bounds
        usable = np.flatnonzero(~np.isnan(bounds).any(axis=1))
        widths = bounds[usable, 2] - bounds[usable, 0]
        wide = widths > 4 * np.median(widths) if len(widths) else widths > 0
        self._wide = usable[wide]
        narrow = usable[~wide]
        self._order = narrow[np.argsort(bounds[narrow, 0], kind="stable")]
        # Edges in sweep order, each contiguous.
        self._west, self._south, self._east, self._north = bounds[self._order].T.copy()
        self._width = (self._east - self._west).max() if len(narrow) else 0.0

    def overlapping(self, boxes):
        """(box index, scene index) arrays of overlapping envelopes, sorted."""
        west, south, east, north = boxes.T
        # A scene reaching a box starts at most the widest scene's width west of it.
        first = np.searchsorted(self._west, west - self._width, "left")
        last = np.searchsorted(self._west, east, "right")
        counts = np.maximum(last - first, 0)
        starts = np.cumsum(counts) - counts
        # Sweep positions of every box's range, one after the other.
        swept = np.arange(counts.sum()) + np.repeat(first - starts, counts)
        meet = np.flatnonzero(
            (self._east[swept] >= np.repeat(west, counts))
            & (self._south[swept] <= np.repeat(north, counts))
            & (self._north[swept] >= np.repeat(south, counts))
        )
        rows = np.repeat(np.arange(len(boxes)), counts)[meet]
        cols = self._order[swept[meet]]

        wide = self.bounds[self._wide]
        wide_rows, wide_cols = np.nonzero(
            (wide[:, 0] <= east[:, None])
            & (wide[:, 2] >= west[:, None])
            & (wide[:, 1] <= north[:, None])
            & (wide[:, 3] >= south[:, None])
        )
        rows = np.concatenate((rows, wide_rows))
        cols = np.concatenate((cols, self._wide[wide_cols]))
        order = np.lexsort((cols, rows))
        return rows[order], cols[order]


def _valid_distance(value):
    return isinstance(value, (int, float)) and math.isfinite(value) and value >= 0


def _check_inputs(schools, scenes, distance, school_types, scene_types):
    if not _valid_distance(distance):
        raise InputError(tr("Distance {distance} is not a number of metres of at least 0").format(distance=distance))
    for school, kind in zip(schools, school_types):
        if school.distance is not None and not _valid_distance(school.distance):
            raise InputError(
                tr("School {fid}: distance {distance} is not a number of metres of at least 0").format(
                    fid=school.fid, distance=school.distance
                )
            )
        if kind not in SCHOOL_GEOMETRY_TYPES:
            raise InputError(
                tr("School {fid}: {kind} geometry is not supported, only points and polygons").format(
                    fid=school.fid, kind=kind
                )
            )
    for scene, kind in zip(scenes, scene_types):
        if kind not in SCENE_GEOMETRY_TYPES:
            raise InputError(
                tr("Scene {fid}: {kind} geometry is not supported, only polygons").format(
                    fid=scene.fid, kind=kind
                )
            )


def _merged(choose_first, first, second):
    """A list taking items from ``first`` where ``choose_first`` and from ``second`` elsewhere."""
    first, second = iter(first), iter(second)
    return [next(first) if chosen else next(second) for chosen in choose_first.tolist()]


class _Space:
    """The geometric side of the analysis, batch by batch of schools."""

    def __init__(self, schools, scenes, distance, segments):
        self.schools = _geometries([school.geometry for school in schools])
        self.scenes = _geometries([scene.geometry for scene in scenes])
        school_types = _type_names(self.schools)
        _check_inputs(schools, scenes, distance, school_types, _type_names(self.scenes))
        self.reaches = np.array(
            [distance if school.distance is None else school.distance for school in schools], dtype=float
        )
        self.points = np.array([kind == "Point" for kind in school_types], dtype=bool)
        self.pointlike = self.points | np.array([kind == "MultiPoint" for kind in school_types], dtype=bool)
        self.segments = segments
        # Radius of the circle inscribed in a point's buffer, per metre of distance.
        self.inscribed = math.cos(math.pi / (4 * segments))
        self.scene_areas = _areas(self.scenes)
        self.index = _SceneIndex(_bounds(self.scenes))

    def overlaps(self, start, stop):
        """Pairs of schools ``start``..``stop`` with scenes whose areas overlap.

        Returns lists: school positions, scene positions, distances, overlap
        geometries, overlap areas and buffer areas, sorted by school, then scene.
        """
        batch = _Batch(self, start, stop)
        rows, cols, gaps, inside = batch.near()
        overlaps = _take(self.scenes, cols)
        areas = self.scene_areas[cols]
        cut = np.flatnonzero(~inside)
        buffered = np.unique(rows[cut])
        buffers = batch.buffers(buffered)
        pieces = _intersections(
            _take(buffers, np.searchsorted(buffered, rows[cut])), _take(self.scenes, cols[cut])
        )
        areas[cut] = _areas(pieces)
        for k, piece, kind in zip(cut.tolist(), pieces, _type_names(pieces)):
            # Pieces without area are dropped below.
            overlaps[k] = piece if kind in SCENE_GEOMETRY_TYPES or areas[k] == 0 else _polygonal(piece)

        kept = np.flatnonzero(areas > 0)
        rows = rows[kept]
        return (
            (rows + start).tolist(),
            cols[kept].tolist(),
            gaps[kept].tolist(),
            _take(overlaps, kept),
            areas[kept].tolist(),
            batch.buffer_areas(buffered, buffers)[rows].tolist(),
        )


class _Batch:
    """Schools ``start``..``stop``; pair rows are positions in the batch."""

    def __init__(self, space, start, stop):
        self.space = space
        self.geometries = space.schools[start:stop]
        self.reach = space.reaches[start:stop]
        self.points = space.points[start:stop]
        self.pointlike = space.pointlike[start:stop]
        self.bounds = _bounds(self.geometries)
        self.slack = _SLACK * (np.abs(self.bounds).max(axis=1) + self.reach)

    def near(self):
        """(rows, scene positions, distances, scene inside the buffer) of the
        pairs whose areas may overlap."""
        space, reach, slack = self.space, self.reach, self.slack
        grow = reach + slack
        rows, cols = space.index.overlapping(self.bounds + np.column_stack((-grow, -grow, grow, grow)))
        gaps = _distances(_take(self.geometries, rows), _take(space.scenes, cols))
        reach, slack = reach[rows], slack[rows]
        # Every corner of a point's buffer lies on the circle of radius reach.
        near = ~(self.pointlike[rows] & ((gaps > reach + slack) | (reach == 0)))
        # A scene whose envelope lies within the inscribed circle is inside the buffer.
        scene = space.index.bounds[cols]
        x, y = self.bounds[rows, 0], self.bounds[rows, 1]
        farthest = np.hypot(
            np.maximum(np.abs(scene[:, 0] - x), np.abs(scene[:, 2] - x)),
            np.maximum(np.abs(scene[:, 1] - y), np.abs(scene[:, 3] - y)),
        )
        inside = self.points[rows] & (farthest < reach * space.inscribed - slack)
        return rows[near], cols[near], gaps[near], inside[near]

    def buffers(self, rows):
        """The buffers of the schools at ``rows``; points' drawn directly."""
        drawn = self.points[rows]
        points, others = rows[drawn], rows[~drawn]
        segments = self.space.segments
        return _geometries(
            _merged(
                drawn,
                _point_buffers(self.bounds[points, :2], self.reach[points], segments),
                _buffers(_take(self.geometries, others), self.reach[others], segments),
            )
        )

    def buffer_areas(self, rows, buffers):
        """Buffer area per school in the batch: a point's from its polygon's
        formula, others' from ``buffers`` of the schools at ``rows``."""
        areas = np.zeros(len(self.reach))
        others = np.flatnonzero(~self.points[rows])
        areas[rows[others]] = _areas(_take(buffers, others))
        points = np.flatnonzero(self.points)
        areas[points] = _point_buffer_area(self.reach[points], self.space.segments)
        return areas


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
    space = _Space(schools, scenes, distance, segments)
    times = TimeCache(is_canceled)
    analysis = Analysis()
    if not schools and progress is not None:
        progress(100.0)
    for start in range(0, len(schools), _CHUNK):
        if is_canceled is not None and is_canceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        stop = min(start + _CHUNK, len(schools))
        found = {}
        for row, col, gap, overlap, area, buffer_area in zip(*space.overlaps(start, stop)):
            school, scene = schools[row], scenes[col]
            pair = _pair(school, scene, gap, area, buffer_area, overlap, times)
            analysis.pairs.append(pair)
            found.setdefault(row, []).append((pair, scene))
        analysis.summaries.extend(
            _summary(schools[row], found.get(row, ()), times) for row in range(start, stop)
        )
        if progress is not None:
            progress(100.0 * stop / len(schools))
    return analysis


def _notes(first, second):
    """Two notes joined; most are empty."""
    return first + "; " + second if first and second else first or second


def _pair(school, scene, gap, area, buffer_area, overlap, times):
    measures = times.get_measures(school.schedule, scene.schedule)
    return PairResult(
        school_fid=school.fid,
        scene_fid=scene.fid,
        school_name=school.name,
        school_type=school.school_type,
        school_hours=school.schedule.to_opening_hours(),
        scene_name=scene.name,
        scene_hours=scene.schedule.to_opening_hours(),
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
        hours_note=_notes(school.hours_note, scene.hours_note),
        geometry=overlap,
    )


# The measures of a school without scenes.
_NO_SCENES = TimeMeasures(0, 0, 0, NO_CONFLICT, None, None, None, None)


def _summary(school, pairs, times):
    """The school's row; its measures come from the union of its scenes' hours."""
    notes = [school.hours_note] if school.hours_note else []
    for _, scene in pairs:
        if scene.hours_note:
            note = tr("{scene}: {note}").format(scene=scene.name, note=scene.hours_note)
            if note not in notes:
                notes.append(note)
    if pairs:
        scenes = times.union([scene.schedule for _, scene in pairs])
        measures = times.get_measures(school.schedule, scenes)
        nearest = min(pair.distance_m for pair, _ in pairs)
    else:
        measures, nearest = _NO_SCENES, None
    return SchoolSummary(
        school_fid=school.fid,
        school_name=school.name,
        school_type=school.school_type,
        school_hours=school.schedule.to_opening_hours(),
        scene_count=len(pairs),
        worst_conflict=measures.conflict,
        concurrent_min=measures.concurrent_min,
        afterhours_min=measures.afterhours_min,
        nearest_m=nearest,
        presence_hours=measures.presence_hours,
        guard_hours=measures.guard_hours,
        round_days=measures.round_days,
        round_before=measures.round_before,
        hours_note="; ".join(notes),
        geometry=school.geometry,
    )
