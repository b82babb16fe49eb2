"""Schools from Skolverket's register of school units (Skolenhetsregistret, API v2).

The register lists the active school units of a municipality; coordinates
and school forms come only with each unit's details, so a fetch costs one
request per unit, a few at a time, each kept for a day in a cache. It has no
preschools and no opening hours.
"""

import math
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from urllib.parse import quote

from shapely.geometry import Point

from ..core.errors import AnalysisCanceled
from ..core.sweref import to_wgs84
from ..i18n import tr
from .http import CANCEL_POLL
from .http_errors import FetchError, json_answer
from .overpass import municipality_code
from .payload import decoded, is_utf8, readable
from .records import (
    COMPULSORY,
    OTHER,
    SOURCE_SKOLVERKET,
    UPPER_SECONDARY,
    FetchedSchool,
    FetchResult,
    now_utc,
)

DEFAULT_URL = "https://api.skolverket.se/skolenhetsregistret/v2"
SERVICE = "Skolverket"
ATTRIBUTION = "Skolverket, Skolenhetsregistret (CC0 1.0)"
ACTIVE = "AKTIV"
VISITING_ADDRESS = "BESOKSADRESS"

# School form codes (schoolTypes): förskoleklass, grundskola, anpassad grundskola,
# specialskola and sameskola are compulsory school; gymnasieskola and anpassad
# gymnasieskola upper secondary. Others (komvux, fritidshem) count as "annan".
COMPULSORY_FORMS = ("FKLASS", "GR", "GRAN", "SP", "SAM")
# Detail requests at a time: polite to a public register, yet four times faster than one by one.
CONCURRENT = 4
# SWEREF 99 TM's area of use (EPSG:3006), northing and easting in metres, with a margin.
SWEREF_BOUNDS = (6_000_000.0, 100_000.0, 7_800_000.0, 1_000_000.0)
UPPER_SECONDARY_FORMS = ("GY", "GYAN")


def school_type(forms):
    """grundskola, gymnasieskola or annan from a unit's school forms; the youngest pupils win."""
    forms = {str(form).upper() for form in forms or ()}
    if forms.intersection(COMPULSORY_FORMS):
        return COMPULSORY
    if forms.intersection(UPPER_SECONDARY_FORMS):
        return UPPER_SECONDARY
    return OTHER


def fetch(client, base_url, municipality, progress=None, cache=None, workers=CONCURRENT):
    """The active school units of a municipality, with their details.

    ``client`` is an HttpClient; ``progress(percent)`` follows the units;
    ``cache`` a DetailCache or None; at most ``workers`` detail requests run
    at a time. A unit whose details fail is left out and listed in
    ``failed``; malformed units in ``malformed``. Raises FetchError when the
    list fails or no unit's details could be fetched; AnalysisCanceled on cancel.
    """
    progress = progress or (lambda percent: None)
    code = municipality_code(municipality)
    base = base_url.rstrip("/")
    fetched_at = now_utc()
    result = FetchResult(SOURCE_SKOLVERKET, ATTRIBUTION)
    listing = _get(
        client, base + "/school-units", params={"municipality_code": code, "status": ACTIVE}
    )
    units = _active_units(listing, result)
    if not units:
        raise FetchError(
            tr(
                "Skolverket's register has no active school units for the municipality code "
                "{code}. Check the code: four digits, for example 0180 for Stockholm."
            ).format(code=code)
        )
    progress(5)
    outcomes = _details(client, base, units, cache, workers, progress)
    for unit_code, listed_name in units:
        outcome = outcomes[unit_code]
        if isinstance(outcome, str):
            result.failed.append((unit_code, "{}: {}".format(listed_name or unit_code, outcome)))
            continue
        _add_unit(result, unit_code, listed_name, outcome, fetched_at)
    if result.failed and len(result.failed) == len(units):
        raise FetchError(
            tr(
                "No school unit's details could be fetched ({count} tried); the first: {reason}"
            ).format(count=len(units), reason=result.failed[0][1])
        )
    return result


def _get(client, url, params=None):
    response = client.request("GET", url, SERVICE, params=params)
    return json_answer(decoded(response.content), SERVICE, response.url)


def detail_url(base, unit_code):
    return "{}/school-units/{}".format(base, quote(unit_code, safe=""))


def _details(client, base, units, cache, workers, progress):
    """Each unit's detail attributes, or the reason they could not be had, by unit code."""
    outcomes = {}
    todo = []
    for unit_code, _ in units:
        url = detail_url(base, unit_code)
        cached = cache.get(url) if cache is not None else None
        try:
            outcomes[unit_code] = _detail_attributes(cached) if cached is not None else None
        except FetchError:
            outcomes[unit_code] = None
        if outcomes[unit_code] is None:
            todo.append((unit_code, url))
        else:
            progress(5 + 95 * len(outcomes) / len(units))
    done = len(units) - len(todo)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="drogscen-unit") as pool:
        futures = {pool.submit(_get, client, url): (unit_code, url) for unit_code, url in todo}
        pending = set(futures)
        try:
            while pending:
                finished, pending = wait(pending, timeout=CANCEL_POLL, return_when=FIRST_COMPLETED)
                client.check_canceled()
                for future in finished:
                    unit_code, url = futures[future]
                    outcomes[unit_code] = _outcome(future, cache, url)
                    done += 1
                    progress(5 + 95 * done / len(units))
        finally:
            for future in pending:
                future.cancel()
    return outcomes


def _outcome(future, cache, url):
    """The detail attributes of a finished request, kept in the cache; or why there are none."""
    try:
        payload = future.result()
        attributes = _detail_attributes(payload)
    except AnalysisCanceled:
        raise
    except FetchError as error:
        return str(error)
    if cache is not None:
        cache.put(url, payload)
    return attributes


def _add_unit(result, unit_code, listed_name, attributes, fetched_at):
    # The unit's own name: schoolName is the school it belongs to, shared by its units.
    name = (
        _text(attributes.get("displayName")) or listed_name or _text(attributes.get("schoolName"))
    )
    if not is_utf8(name):
        result.malformed.append(
            (unit_code, tr("its name '{name}' is not valid UTF-8").format(name=readable(name)))
        )
        return
    point = _coordinates(attributes.get("addresses"))
    if point is None:
        result.skipped.append(
            (unit_code, tr("{name}: the register has no coordinates").format(name=name))
        )
        return
    result.schools.append(
        FetchedSchool(
            name=name,
            type=school_type(attributes.get("schoolTypes")),
            opening_hours=None,
            source_id=unit_code,
            source=SOURCE_SKOLVERKET,
            fetched_at=fetched_at,
            geometry=point,
        )
    )


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def _not_the_register():
    return FetchError(
        tr(
            "The answer is JSON but not from Skolenhetsregistret v2. Check the Skolverket address "
            "(setting drogscen/skolverket_url), for example {default}."
        ).format(default=DEFAULT_URL)
    )


def _active_units(listing, result):
    """``(schoolUnitCode, name)`` of the active units in a list answer; malformed ones listed."""
    data = listing.get("data") if isinstance(listing, dict) else None
    units = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(units, list):
        raise _not_the_register()
    active = []
    for position, unit in enumerate(units):
        problem = _unit_problem(unit)
        if problem:
            unit_code = unit.get("schoolUnitCode") if isinstance(unit, dict) else None
            label = unit_code if isinstance(unit_code, str) and is_utf8(unit_code) else None
            result.malformed.append(
                (label or tr("unit {position}").format(position=position + 1), problem)
            )
        elif unit.get("status") == ACTIVE:
            active.append((unit["schoolUnitCode"], _text(unit.get("name"))))
    return active


def _unit_problem(unit):
    """Why an entry of the list cannot be used, or None."""
    if not isinstance(unit, dict):
        return tr("it is not a school unit")
    unit_code = unit.get("schoolUnitCode")
    if not isinstance(unit_code, str) or not unit_code.isascii() or not unit_code.isdigit():
        return tr("its code {code!r} is not a school unit code").format(code=unit_code)
    name = unit.get("name")
    if name is not None and not isinstance(name, str):
        return tr("its name is not text")
    if isinstance(name, str) and not is_utf8(name):
        return tr("its name '{name}' is not valid UTF-8").format(name=readable(name))
    return None


def _detail_attributes(detail):
    data = detail.get("data") if isinstance(detail, dict) else None
    attributes = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(attributes, dict):
        raise _not_the_register()
    return attributes


def _number(value):
    """A coordinate from the register: text, sometimes with a decimal comma; None if not finite."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    try:
        number = float(str(value).replace(",", ".").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _position(coordinates):
    """WGS 84 ``(lon, lat)`` from the register's latitude/longitude, else from SWEREF 99 TM."""
    if not isinstance(coordinates, dict):
        return None
    lat = _number(coordinates.get("latitude"))
    lon = _number(coordinates.get("longitude"))
    if lat is not None and lon is not None and (lat, lon) != (0, 0):
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lon, lat
    north = _number(coordinates.get("coordinateSweRefN"))
    east = _number(coordinates.get("coordinateSweRefE"))
    if north is not None and east is not None:
        low_north, low_east, high_north, high_east = SWEREF_BOUNDS
        if low_north <= north <= high_north and low_east <= east <= high_east:
            lat, lon = to_wgs84(north, east)
            return lon, lat
    return None


def _coordinates(addresses):
    """The visiting address's position (else any address's) as a Point, or None."""
    if not isinstance(addresses, list):
        return None
    addresses = [address for address in addresses if isinstance(address, dict)]
    addresses.sort(key=lambda address: address.get("type") != VISITING_ADDRESS)
    for address in addresses:
        position = _position(address.get("geoCoordinates"))
        if position is not None:
            return Point(*position)
    return None
