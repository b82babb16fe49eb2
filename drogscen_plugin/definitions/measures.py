"""Safety measure types and statuses.

A measure type is one entry of ``MEASURE_TYPES``: its stored code, its label,
the need it covers in time (``PRESENCE``: adults on the yard while a scene is
active in opening hours; ``GUARD``: cameras, sensors, guards while it is
active after hours; ``ROUND``: a yard round before the opening; None: no need
in time, such as lighting), whether it is on all the time without hours (a
device), whether "Suggest measures" proposes it for its need, and its map
symbol. The coverage, the forms, the dock's picker and the styles read this
list, so a new type needs no other change (run ``make styles`` to add its
symbol to the style files; until then it is added when a style is applied).
"""

from dataclasses import dataclass
from typing import Callable, Optional

from ..i18n import tr

# The needs of an affected school, in the order they are listed.
PRESENCE, GUARD, ROUND = "presence", "guard", "round"
NEEDS = (PRESENCE, GUARD, ROUND)

PLANNED, ONGOING, DONE = "planned", "ongoing", "done"
STATUSES = (PLANNED, ONGOING, DONE)


@dataclass(frozen=True)
class Symbol:
    """One colour ("r,g,b") on every geometry; a marker shape, a line pen style and a
    fill style (QGIS simple symbol names) that tell types apart without it."""

    color: str
    marker: str
    line: str
    fill: str


@dataclass(frozen=True)
class MeasureType:
    code: str
    label: Callable[[], str]  # translated when called
    covers: Optional[str]
    symbol: Symbol
    always_on: bool = False
    suggested: bool = False


MEASURE_TYPES = (
    MeasureType(
        "round",
        lambda: tr("Yard round"),
        ROUND,
        Symbol("26,152,80", "pentagon", "dash", "solid"),
        suggested=True,
    ),
    MeasureType(
        "presence",
        lambda: tr("Adult presence"),
        PRESENCE,
        Symbol("33,113,181", "circle", "solid", "solid"),
        suggested=True,
    ),
    MeasureType(
        "camera",
        lambda: tr("Camera"),
        GUARD,
        Symbol("106,81,163", "square", "dot", "solid"),
        always_on=True,
    ),
    MeasureType(
        "sensor",
        lambda: tr("Sensor"),
        GUARD,
        Symbol("197,27,125", "diamond", "dot", "b_diagonal"),
        always_on=True,
        suggested=True,
    ),
    MeasureType(
        "guard", lambda: tr("Guard patrol"), GUARD, Symbol("8,48,107", "star", "dash dot", "cross")
    ),
    MeasureType(
        "lighting", lambda: tr("Lighting"), None, Symbol("236,170,0", "hexagon", "solid", "solid")
    ),
    MeasureType(
        "vegetation",
        lambda: tr("Vegetation clearing"),
        None,
        Symbol("102,146,30", "triangle", "dash", "f_diagonal"),
    ),
    MeasureType(
        "fencing", lambda: tr("Fencing"), None, Symbol("140,81,10", "cross_fill", "solid", "no")
    ),
    MeasureType(
        "cleaning",
        lambda: tr("Syringe pick-up / cleaning"),
        None,
        Symbol("0,128,128", "square_with_corners", "dash dot dot", "dense5"),
    ),
    MeasureType(
        "other", lambda: tr("Other"), None, Symbol("110,110,110", "circle", "solid", "solid")
    ),
)


# Functions, not copies: they read MEASURE_TYPES when called.
def measure_codes():
    """The stored codes, in the order forms and legends list them."""
    return tuple(entry.code for entry in MEASURE_TYPES)


def measure_type(code):
    """The entry of ``code``, or None."""
    return next((entry for entry in MEASURE_TYPES if entry.code == code), None)


def measure_type_labels():
    """Stored measure_type code -> translated label, in the order forms list them."""
    return {entry.code: entry.label() for entry in MEASURE_TYPES}


def codes_covering(need):
    """The codes of the types that cover ``need`` (PRESENCE, GUARD or ROUND)."""
    return tuple(entry.code for entry in MEASURE_TYPES if entry.covers == need)


def suggested_code(need):
    """The type "Suggest measures" proposes for ``need``."""
    return next(entry.code for entry in MEASURE_TYPES if entry.covers == need and entry.suggested)


def need_kinds():
    """The types that cover a need, by need (presence, guard, round): what the dock
    offers for a school-scene pair."""
    return tuple(code for need in NEEDS for code in codes_covering(need))


def status_labels():
    """Stored status code -> translated label, in the order forms list them."""
    return {PLANNED: tr("Planned"), ONGOING: tr("Ongoing"), DONE: tr("Done")}
