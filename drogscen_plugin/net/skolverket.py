"""Schools from Skolverket's register of school units (Skolenhetsregistret, API v2).

The register lists the active school units of a municipality; coordinates
and school forms come only with each unit's details, so a fetch costs one
request per unit. It has no preschools and no opening hours.
"""

from urllib.parse import quote

from shapely.geometry import Point

from ..i18n import tr
from .http import FetchError, HttpStatusError
from .overpass import municipality_code
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
UPPER_SECONDARY_FORMS = ("GY", "GYAN")


def school_type(forms):
    """grundskola, gymnasieskola or annan from a unit's school forms; the youngest pupils win."""
    forms = {str(form).upper() for form in forms or ()}
    if forms.intersection(COMPULSORY_FORMS):
        return COMPULSORY
    if forms.intersection(UPPER_SECONDARY_FORMS):
        return UPPER_SECONDARY
    return OTHER


def fetch(client, base_url, municipality, progress=None):
    """The active school units of a municipality, one detail request each.

    ``client`` is an HttpClient; ``progress(percent)`` follows the units.
    Raises FetchError with a message for the user; AnalysisCanceled on cancel.
    """
    progress = progress or (lambda percent: None)
    code = municipality_code(municipality)
    base = base_url.rstrip("/")
    fetched_at = now_utc()
    listing = client.get_json(
        base + "/school-units", SERVICE, params={"municipality_code": code, "status": ACTIVE}
    )
    units = _active_units(listing)
    if not units:
        raise FetchError(
            tr(
                "Skolverket's register has no active school units for the municipality code "
                "{code}. Check the code: four digits, for example 0180 for Stockholm."
            ).format(code=code)
        )
    progress(5)
    result = FetchResult(SOURCE_SKOLVERKET, ATTRIBUTION)
    for index, (unit_code, listed_name) in enumerate(units):
        try:
            detail = client.get_json(
                "{}/school-units/{}".format(base, quote(unit_code, safe="")), SERVICE
            )
        except HttpStatusError as error:
            raise FetchError(
                tr("School unit {code} ({name}): {message}").format(
                    code=unit_code, name=listed_name, message=error
                )
            ) from error
        attributes = _detail_attributes(detail)
        name = attributes.get("schoolName") or attributes.get("displayName") or listed_name
        point = _coordinates(attributes.get("addresses"))
        if point is None:
            result.skipped.append(
                (unit_code, tr("{name}: the register has no coordinates").format(name=name))
            )
        else:
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
        progress(5 + 95 * (index + 1) / len(units))
    return result


def _not_the_register():
    return FetchError(
        tr(
            "The answer is JSON but not from Skolenhetsregistret v2. Check the Skolverket address "
            "(setting drogscen/skolverket_url), for example {default}."
        ).format(default=DEFAULT_URL)
    )


def _active_units(listing):
    """``(schoolUnitCode, name)`` of the active units in a list answer."""
    data = listing.get("data") if isinstance(listing, dict) else None
    units = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(units, list):
        raise _not_the_register()
    return [
        (str(unit["schoolUnitCode"]), unit.get("name") or "")
        for unit in units
        if isinstance(unit, dict) and unit.get("schoolUnitCode") and unit.get("status") == ACTIVE
    ]


def _detail_attributes(detail):
    data = detail.get("data") if isinstance(detail, dict) else None
    attributes = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(attributes, dict):
        raise _not_the_register()
    return attributes


def _number(value):
    """A coordinate from the register: text, sometimes with a decimal comma."""
    try:
        return float(str(value).replace(",", ".").strip())
    except ValueError:
        return None


def _coordinates(addresses):
    """The visiting address's WGS 84 position (else any address's) as a Point, or None."""
    addresses = [address for address in addresses or () if isinstance(address, dict)]
    addresses.sort(key=lambda address: address.get("type") != VISITING_ADDRESS)
    for address in addresses:
        position = address.get("geoCoordinates") or {}
        lat = _number(position.get("latitude"))
        lon = _number(position.get("longitude"))
        if lat is None or lon is None or (lat == 0 and lon == 0):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Point(lon, lat)
    return None
