"""Schools and preschools from OpenStreetMap through the Overpass API.

One query asks for ``amenity=school`` and ``amenity=kindergarten`` as nodes,
ways and relations with full geometry (``out geom``), within a bounding box
or a municipality (the administrative boundary with its SCB code). Nodes
become points, closed ways polygons and multipolygon relations multipolygons,
their rings joined from the member ways.
"""

import re

from shapely.geometry import MultiPolygon, Point, Polygon

from ..core.dedup import duplicates
from ..core.errors import InputError
from ..i18n import tr
from .http_errors import FetchError, HttpStatusError, text_excerpt
from .overpass_answer import (
    ELEMENT_TYPES,
    ErrorPage,
    element_id,
    element_problem,
    read_answer,
    server_words,
)
from .records import (
    COMPULSORY,
    PRESCHOOL,
    SCHOOL,
    SOURCE_OSM,
    UPPER_SECONDARY,
    FetchedSchool,
    FetchResult,
    now_utc,
)

DEFAULT_URL = "https://overpass-api.de/api/interpreter"
SERVICE = "Overpass"
ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)"
# Overpass's rate limit is per address and slot; asking again sooner only fails again.
MIN_RATE_LIMIT_WAIT = 30.0
# The server gives up on a query after this many seconds; the client waits a little longer.
QUERY_TIMEOUT = 90
READ_TIMEOUT = QUERY_TIMEOUT + 30

AMENITIES = ("school", "kindergarten")
RING_ROLES = ("outer", "inner", "")
# Overpass's own words for an overloaded server and for a used-up rate limit.
BUSY_TEXT = "server is probably too busy"
RATE_LIMITED_TEXT = "rate_limited"

_MUNICIPALITY = re.compile(r"^\d{4}$")
_ISCED = re.compile(r"(\d)\s*-\s*(\d)|(\d)")


class _Unusable(Exception):
    """An element whose geometry cannot be used; the message says why."""


def municipality_code(text):
    """A four-digit municipality code (kommunkod) from user input; InputError otherwise."""
    code = (text or "").strip()
    if not _MUNICIPALITY.match(code):
        raise InputError(
            tr(
                "'{code}' is not a municipality code: give the four digits of the kommunkod, "
                "for example 0180 for Stockholm or 1480 for Göteborg."
            ).format(code=code)
        )
    return code


def check_bbox(bbox):
    """``(south, west, north, east)`` in degrees, checked; InputError when impossible."""
    south, west, north, east = (float(value) for value in bbox)
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise InputError(
            tr(
                "The extent {south:g}, {west:g}, {north:g}, {east:g} (south, west, north, east "
                "in degrees) is empty or lies outside the world."
            ).format(south=south, west=west, north=north, east=east)
        )
    return south, west, north, east


def build_query(bbox=None, municipality=None, timeout=QUERY_TIMEOUT):
    """The Overpass QL query: all that is sent besides the bounding box or municipality code."""
    if (bbox is None) == (municipality is None):
        raise ValueError("build_query needs either a bbox or a municipality")
    header = "[out:json][timeout:{}];\n".format(timeout)
    select = 'nwr["amenity"~"^({})$"]'.format("|".join(AMENITIES))
    if municipality is not None:
        return (
            header
            + 'area["boundary"="administrative"]["admin_level"="7"]["ref:scb"="{}"]'
            "->.municipality;\n".format(municipality_code(municipality))
            + ".municipality out ids;\n"
            + select
            + "(area.municipality);\nout geom;\n"
        )
    return header + select + "({:.6f},{:.6f},{:.6f},{:.6f});\nout geom;\n".format(*check_bbox(bbox))


def fetch(client, url, bbox=None, municipality=None, progress=None):
    """Schools and preschools within ``bbox`` (south, west, north, east) or a municipality.

    ``client`` is an HttpClient (for the public servers with
    ``min_rate_limit_wait=MIN_RATE_LIMIT_WAIT`` and ``read_timeout=READ_TIMEOUT``).
    Raises FetchError with a message for the user; AnalysisCanceled on cancel.
    """
    progress = progress or (lambda percent: None)
    query = build_query(bbox, municipality)
    fetched_at = now_utc()
    progress(5)
    try:
        response = client.request("POST", url, SERVICE, data={"data": query})
    except HttpStatusError as error:
        raise FetchError(_status_message(error.status, error.text, str(error))) from error
    try:
        payload, answer_format = read_answer(response.content, response.url)
    except ErrorPage as page:
        # An overloaded server may also say so in an HTML page with status 200.
        raise FetchError(_status_message(response.status_code, page.text, str(page))) from page
    client.check_canceled()
    progress(70)
    check_answer(payload)
    if municipality is not None and not any(
        isinstance(element, dict) and element.get("type") == "area"
        for element in payload["elements"]
    ):
        raise FetchError(
            tr(
                "OpenStreetMap has no municipality with the code {code} (a boundary with "
                "admin_level=7 and ref:scb={code}). Check the code, or fetch by extent instead."
            ).format(code=municipality_code(municipality))
        )
    result = parse(payload, fetched_at)
    if answer_format == "xml":
        result.notes.append(
            tr("The server answered XML, not the JSON asked for; it was read as XML.")
        )
    progress(100)
    return result


def _status_message(status, text, message):
    """The message for an error answer: a rate limit, a busy server, a refused query."""
    if status == 429 or RATE_LIMITED_TEXT in text:
        return tr(
            "The Overpass server limits how many queries one address may run, and the limit is "
            "reached (HTTP {status}). Wait a few minutes and try again, or use another Overpass "
            "server (setting drogscen/overpass_url)."
        ).format(status=status)
    if status == 504 or BUSY_TEXT in text:
        return _busy_message(text)
    if status == 400:
        return tr(
            "The Overpass server did not accept the query ('{excerpt}'). Check that the "
            "Overpass address points at an interpreter, such as {default}."
        ).format(excerpt=server_words(text), default=DEFAULT_URL)
    return message


def _busy_message(text):
    return tr(
        "The Overpass server is too busy to run the query now ('{excerpt}'). Try again in a few "
        "minutes or with a smaller area, or use another Overpass server (setting "
        "drogscen/overpass_url)."
    ).format(excerpt=server_words(text))


def check_answer(payload):
    """Raise FetchError unless ``payload`` is a complete Overpass answer.

    Overpass reports a query that ran out of time or memory with HTTP 200
    and a ``remark``; the elements are then incomplete.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("elements"), list):
        raise FetchError(
            tr(
                "The answer is JSON but not from an Overpass API (no list of elements). Check "
                "the Overpass address (setting drogscen/overpass_url)."
            )
        )
    remark = str(payload.get("remark") or "")
    if "error" in remark.lower():
        raise FetchError(
            tr(
                "The Overpass server stopped the query: '{remark}'. Try a smaller area, or again "
                "when the server is less busy."
            ).format(remark=text_excerpt(remark))
        )


def parse(payload, fetched_at=None):
    """A FetchResult from an Overpass answer (JSON form) with ``out geom`` geometries.

    Malformed elements are left out and listed in ``malformed``; elements
    whose geometry is unusable in ``skipped``. The same school mapped twice
    (a point and its grounds, nested grounds; see core.dedup) becomes one,
    the grounds taking the other's name, hours and type where they lack them.
    """
    fetched_at = fetched_at or now_utc()
    result = FetchResult(SOURCE_OSM, ATTRIBUTION)
    found = []
    for position, element in enumerate(payload["elements"]):
        if not isinstance(element, dict) or not isinstance(element.get("type"), str):
            result.malformed.append((element_id(element, position), tr("it is not an element")))
            continue
        if element["type"] not in ELEMENT_TYPES:
            continue
        problem = element_problem(element)
        if problem:
            result.malformed.append((element_id(element, position), problem))
            continue
        tags = element.get("tags") or {}
        if tags.get("amenity") not in AMENITIES:
            continue
        source_id = element_id(element, position)
        try:
            geometry = _geometry(element)
        except _Unusable as reason:
            result.skipped.append((source_id, str(reason)))
            continue
        school = FetchedSchool(
            name=_name(tags),
            type=school_type(tags),
            opening_hours=(tags.get("opening_hours") or "").strip() or None,
            source_id=source_id,
            source=SOURCE_OSM,
            fetched_at=fetched_at,
            geometry=geometry,
        )
        found.append((tags["amenity"], school))
    _merge_duplicates(found, result)
    return result


def _merge_duplicates(found, result):
    """Keep one feature per school in ``result.schools``, listing the others in ``merged``."""
    merges = duplicates([(amenity, school.name, school.geometry) for amenity, school in found])
    merged = set()
    for index, kept, how in merges:
        school, into = found[index][1], found[kept][1]
        into.name = into.name or school.name
        into.opening_hours = into.opening_hours or school.opening_hours
        if into.type == SCHOOL:
            into.type = school.type
        result.merged.append((school.source_id, into.source_id, how))
        merged.add(index)
    result.schools.extend(school for index, (_, school) in enumerate(found) if index not in merged)


def _name(tags):
    for key in ("name", "official_name", "short_name"):
        value = (tags.get(key) or "").strip()
        if value:
            return value
    return ""


def school_type(tags):
    """förskola, grundskola, gymnasieskola or skola from an element's tags.

    ``isced:level`` tells the level (0 preschool, 1-2 compulsory, 3 upper
    secondary); without it the name may ("…gymnasiet", "Förskolan …").
    """
    if tags.get("amenity") == "kindergarten":
        return PRESCHOOL
    levels = set()
    for first, last, single in _ISCED.findall(tags.get("isced:level") or ""):
        if single:
            levels.add(int(single))
        else:
            levels.update(range(int(first), int(last) + 1))
    if levels & {1, 2}:
        return COMPULSORY
    if 3 in levels:
        return UPPER_SECONDARY
    if 0 in levels:
        return PRESCHOOL
    name = _name(tags).casefold()
    if "gymnasi" in name:
        return UPPER_SECONDARY
    if "förskola" in name:
        return PRESCHOOL
    return SCHOOL


# --- geometry ------------------------------------------------------------------


def _geometry(element):
    kind = element["type"]
    if kind == "node":
        if element.get("lat") is None or element.get("lon") is None:
            raise _Unusable(tr("the node has no coordinates"))
        return Point(float(element["lon"]), float(element["lat"]))
    if kind == "way":
        coords = _coords(element.get("geometry"))
        if len(coords) < 4 or coords[0] != coords[-1]:
            raise _Unusable(
                tr("an open way, not an area: the school grounds need a closed outline")
            )
        return _checked(Polygon(coords))
    relation_type = (element.get("tags") or {}).get("type", "")
    if relation_type != "multipolygon":
        raise _Unusable(
            tr("a relation of type '{type}': only multipolygon relations are read").format(
                type=relation_type
            )
        )
    ways = [
        _coords(member.get("geometry"))
        for member in element.get("members") or ()
        if member.get("type") == "way" and member.get("role", "") in RING_ROLES
    ]
    rings = assemble_rings(ways)
    if rings is None:
        raise _Unusable(tr("its member ways do not join into closed rings"))
    return _checked(polygons_from_rings(rings))


def _coords(points):
    """``(lon, lat)`` tuples of an ``out geom`` geometry; _Unusable when points are missing."""
    if not points or any(point is None for point in points):
        raise _Unusable(tr("part of its geometry is missing from the answer"))
    return [(float(point["lon"]), float(point["lat"])) for point in points]


def _checked(geometry):
    if geometry.is_empty or geometry.area == 0:
        raise _Unusable(tr("its outline encloses no area"))
    return geometry


def assemble_rings(ways):
    """Closed rings joined end to end from ways (lists of points), or None when they don't close.

    A way may run either way round; closed ways are rings of their own.
    """
    rings = []
    pieces = []
    for way in ways:
        if len(way) >= 4 and way[0] == way[-1]:
            rings.append(list(way))
        elif len(way) >= 2:
            pieces.append(list(way))
        else:
            return None
    while pieces:
        ring = pieces.pop()
        while ring[0] != ring[-1]:
            for index, piece in enumerate(pieces):
                if piece[0] == ring[-1]:
                    ring.extend(piece[1:])
                elif piece[-1] == ring[-1]:
                    ring.extend(reversed(piece[:-1]))
                elif piece[-1] == ring[0]:
                    ring[:0] = piece[:-1]
                elif piece[0] == ring[0]:
                    ring[:0] = reversed(piece[1:])
                else:
                    continue
                del pieces[index]
                break
            else:
                return None
        if len(ring) < 4:
            return None
        rings.append(ring)
    return rings


def polygons_from_rings(rings):
    """A MultiPolygon from closed rings, nested even-odd.

    A ring inside an even number of others is an outer ring, inside an odd
    number a hole of the smallest ring around it, so islands in holes come
    out right whatever the member roles say.
    """
    shapes = sorted((Polygon(ring) for ring in rings), key=lambda shape: shape.area, reverse=True)
    depth = []
    parent = []
    for index, shape in enumerate(shapes):
        inside = shape.representative_point()
        # Larger rings come first, so the last one containing this ring is the smallest.
        around = [other for other in range(index) if shapes[other].contains(inside)]
        parent.append(around[-1] if around else None)
        depth.append(depth[around[-1]] + 1 if around else 0)
    holes = {index: [] for index in range(len(shapes)) if depth[index] % 2 == 0}
    for index, shape in enumerate(shapes):
        if depth[index] % 2:
            holes[parent[index]].append(shape.exterior.coords)
    return MultiPolygon(
        [Polygon(shapes[index].exterior.coords, holes[index]) for index in sorted(holes)]
    )
