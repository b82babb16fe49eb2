"""One school, one feature: the same school mapped twice found among fetched schools.

OpenStreetMap often maps a school as a point and again as its grounds, or
as grounds within larger grounds (a school's building within the campus).
Pure logic on shapely geometries in longitude and latitude (EPSG:4326).

Two features of the same group (amenity) are one school when their names
agree after normalisation (case, spaces, punctuation, ``nr``/``nr.``/``no.``
variants; diacritics are kept, as they tell names apart) or one of them has
no name, and

* the point lies within the grounds (``POINT_IN_GROUNDS``), or
* the smaller grounds lie within the larger (``GROUNDS_IN_GROUNDS``), or
* the point lies outside but within ``NEAR_METRES`` of grounds with the
  same non-empty name (``SAME_NAME_NEARBY``).

The grounds are kept: nested grounds go into the outermost.
"""

import math
import re
import unicodedata
from collections import defaultdict

from shapely.ops import nearest_points

POINT_IN_GROUNDS = "point in grounds"
GROUNDS_IN_GROUNDS = "grounds in grounds"
SAME_NAME_NEARBY = "same name nearby"

NEAR_METRES = 100.0
# Share of the smaller grounds' area that must lie within the larger.
NESTED_SHARE = 0.9
_METRES_PER_DEGREE = 111_320.0
# Cells of the search grid, in degrees: a few school grounds across.
_CELL = 0.01

_NUMBER_WORDS = {"nr", "no", "nº", "n", "num"}
_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS_BOUNDARY = re.compile(r"(?<=\d)(?=[^\d\s])|(?<=[^\d\s])(?=\d)")


def name_key(name):
    """A school's name as compared: "Școala Nr. 111" and "școala nr.111" give the same key."""
    text = unicodedata.normalize("NFC", name or "").casefold()
    text = _DIGITS_BOUNDARY.sub(" ", _NOT_WORD.sub(" ", text))
    return " ".join("nr" if word in _NUMBER_WORDS else word for word in text.split())


class _Grid:
    """Geometries by the grid cells their bounds touch, for candidate search."""

    def __init__(self):
        self._cells = defaultdict(list)

    @staticmethod
    def _span(bounds):
        minx, miny, maxx, maxy = bounds
        for x in range(math.floor(minx / _CELL), math.floor(maxx / _CELL) + 1):
            for y in range(math.floor(miny / _CELL), math.floor(maxy / _CELL) + 1):
                yield x, y

    def add(self, index, bounds):
        for cell in self._span(bounds):
            self._cells[cell].append(index)

    def near(self, bounds):
        found = set()
        for cell in self._span(bounds):
            found.update(self._cells.get(cell, ()))
        return found


def _within_bounds(inner, outer):
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def _usable(geometry):
    """A valid geometry to compare: invalid grounds repaired; None when nothing is left."""
    if geometry.is_valid and not geometry.is_empty:
        return geometry
    repaired = geometry.buffer(0)
    return None if repaired.is_empty else repaired


def _metres_apart(point, area):
    """About how many metres ``point`` lies from ``area`` (both in degrees)."""
    near, _ = nearest_points(area, point)
    scale = math.cos(math.radians(point.y))
    return math.hypot((near.x - point.x) * scale, near.y - point.y) * _METRES_PER_DEGREE


class _Schools:
    def __init__(self, entries):
        self.groups = [group for group, _, _ in entries]
        self.keys = [name_key(name) for _, name, _ in entries]
        self.shapes = [_usable(geometry) for _, _, geometry in entries]
        self.bounds = [None if shape is None else shape.bounds for shape in self.shapes]
        self.root = {}

    def agree(self, first, second):
        """Same group, and names that agree with ``second`` and the school it went into."""
        if self.groups[first] != self.groups[second]:
            return False
        one = self.keys[first]
        return not one or all(
            not other or other == one for other in (self.keys[second], self.keys[self.top(second)])
        )

    def merge(self, index, kept):
        """``index`` goes into ``kept``; an unnamed school takes the name it is given."""
        top = self.top(kept)
        if not self.keys[top]:
            self.keys[top] = self.keys[index]
        return top

    def nested_in(self, inner, outer):
        if not _within_bounds(self.bounds[inner], self.bounds[outer]):
            return False
        shape, around = self.shapes[inner], self.shapes[outer]
        if not around.contains(shape.representative_point()):
            return False
        return around.intersection(shape).area >= NESTED_SHARE * shape.area

    def top(self, index):
        while index in self.root:
            index = self.root[index]
        return index


def duplicates(entries):
    """``(merged, kept, how)`` index triples for ``entries`` of ``(group, name, geometry)``.

    ``merged`` is the same school as ``kept``, which is never merged itself;
    ``how`` is one of POINT_IN_GROUNDS, GROUNDS_IN_GROUNDS, SAME_NAME_NEARBY.
    """
    schools = _Schools(entries)
    # None: grounds of which nothing is left when repaired, compared with nothing.
    is_point = [
        None if shape is None else shape.geom_type in ("Point", "MultiPoint")
        for shape in schools.shapes
    ]
    # Largest grounds first, so that each one's containers are already placed.
    areas = sorted(
        (index for index, point in enumerate(is_point) if point is False),
        key=lambda index: -schools.shapes[index].area,
    )
    grid = _Grid()
    merges = []
    for index in areas:
        around = [
            other
            for other in grid.near(schools.bounds[index])
            if schools.agree(index, other) and schools.nested_in(index, other)
        ]
        if around:
            smallest = min(around, key=lambda other: schools.shapes[other].area)
            schools.root[index] = smallest
            merges.append((index, schools.merge(index, smallest), GROUNDS_IN_GROUNDS))
        grid.add(index, schools.bounds[index])
    for index in (index for index, point in enumerate(is_point) if point is True):
        found = _grounds_of_point(schools, grid, index)
        if found is not None:
            kept, how = found
            merges.append((index, schools.merge(index, kept), how))
    return [(index, schools.top(kept), how) for index, kept, how in merges]


def _grounds_of_point(schools, grid, index):
    """``(grounds index, how)`` for a point that belongs to grounds, or None."""
    point = schools.shapes[index]
    candidates = [
        other for other in grid.near(schools.bounds[index]) if schools.agree(index, other)
    ]
    covering = [other for other in candidates if schools.shapes[other].covers(point)]
    if covering:
        return min(covering, key=lambda other: schools.shapes[other].area), POINT_IN_GROUNDS
    key = schools.keys[index]
    if not key:
        return None
    degrees = NEAR_METRES / _METRES_PER_DEGREE
    x, y = point.representative_point().coords[0]
    reach = degrees / max(math.cos(math.radians(y)), 0.01)
    box = (x - reach, y - degrees, x + reach, y + degrees)
    near = [
        (_metres_apart(point.representative_point(), schools.shapes[other]), other)
        for other in grid.near(box)
        if schools.keys[other] == key and schools.groups[other] == schools.groups[index]
    ]
    near = [(metres, other) for metres, other in near if metres <= NEAR_METRES]
    return (min(near)[1], SAME_NAME_NEARBY) if near else None
