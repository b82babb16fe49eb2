"""What a fetch returns: one record per school or preschool, and what was left out."""

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional

# Values of the ``type`` field; "förskola" is what the analysis reads as a preschool.
PRESCHOOL = "förskola"
COMPULSORY = "grundskola"
UPPER_SECONDARY = "gymnasieskola"
# A school whose level the source does not give.
SCHOOL = "skola"
# Other school forms only, such as adult education or a leisure-time centre.
OTHER = "annan"

SOURCE_OSM = "OpenStreetMap"
SOURCE_SKOLVERKET = "Skolverket"


@dataclass
class FetchedSchool:
    """A school or preschool; ``geometry`` is shapely in EPSG:4326 (longitude, latitude).

    The attribute names are the output field names.
    """

    name: str
    type: str
    opening_hours: Optional[str]
    source_id: str
    source: str
    fetched_at: datetime
    geometry: Any


@dataclass
class FetchResult:
    """The schools of one fetch, and ``(source_id, reason)`` for each element left out."""

    source: str
    attribution: str
    schools: list[FetchedSchool] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # ``(source_id, kept source_id, how)``: the same school as a kept feature (core.dedup).
    merged: list[tuple[str, str, str]] = field(default_factory=list)
    # ``(source_id, reason)``: elements of the answer that are malformed, left out.
    malformed: list[tuple[str, str]] = field(default_factory=list)
    # ``(source_id, reason)``: units whose details could not be fetched, left out.
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Sentences for the log about how the answer was read.
    notes: list[str] = field(default_factory=list)


def now_utc():
    """The fetch time: UTC, whole seconds."""
    return datetime.now(timezone.utc).replace(microsecond=0)
