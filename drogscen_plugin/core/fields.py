"""Output fields of the analysis: names, kinds and display aliases.

Names equal the attribute names of ``PairResult`` and ``SchoolSummary``;
kinds are "int", "double", "string" or "date", mapped to QGIS field types by qgis_io.
"""

from ..i18n import tr
from .records import PairResult, SchoolSummary

PAIR_FIELDS = [
    ("school_fid", "int"),
    ("scene_fid", "int"),
    ("school_name", "string"),
    ("school_type", "string"),
    ("school_hours", "string"),
    ("scene_name", "string"),
    ("scene_hours", "string"),
    ("distance_m", "double"),
    ("overlap_m2", "double"),
    ("overlap_share", "double"),
    ("scene_min", "int"),
    ("concurrent_min", "int"),
    ("afterhours_min", "int"),
    ("conflict", "string"),
    ("presence_hours", "string"),
    ("guard_hours", "string"),
    ("round_days", "string"),
    ("round_before", "string"),
    ("period_concurrent_min", "int"),
    ("period_afterhours_min", "int"),
    ("conflict_dates", "string"),
    ("round_count", "int"),
    ("hours_note", "string"),
]

SUMMARY_FIELDS = [
    ("school_fid", "int"),
    ("school_name", "string"),
    ("school_type", "string"),
    ("school_hours", "string"),
    ("scene_count", "int"),
    ("worst_conflict", "string"),
    ("concurrent_min", "int"),
    ("afterhours_min", "int"),
    ("nearest_m", "double"),
    ("presence_hours", "string"),
    ("guard_hours", "string"),
    ("round_days", "string"),
    ("round_before", "string"),
    ("period_concurrent_min", "int"),
    ("period_afterhours_min", "int"),
    ("conflict_dates", "string"),
    ("round_count", "int"),
    ("hours_note", "string"),
    # What the run used, the same on every row: the report reads them.
    ("period_start", "date"),
    ("period_end", "date"),
    ("school_terms", "string"),
    ("school_holidays", "string"),
    ("school_sources", "string"),
]

_FIELDS_OF = {PairResult: PAIR_FIELDS, SchoolSummary: SUMMARY_FIELDS}


def as_row(record):
    """The attribute values of a ``PairResult`` or ``SchoolSummary`` in field order."""
    return [getattr(record, name) for name, _ in _FIELDS_OF[type(record)]]


# The translated display name of each output field, made when asked (translating
# all of them for every field would cost a thousand lookups a run); literal tr()
# calls, so that the translation tools find every alias.
_ALIASES = {
    "school_fid": lambda: tr("School id"),
    "scene_fid": lambda: tr("Scene id"),
    "school_name": lambda: tr("School"),
    "school_type": lambda: tr("School type"),
    "scene_name": lambda: tr("Scene"),
    "distance_m": lambda: tr("Distance (m)"),
    "overlap_m2": lambda: tr("Overlap (m²)"),
    "overlap_share": lambda: tr("Share of buffer"),
    "scene_min": lambda: tr("Scene active (min/week)"),
    "concurrent_min": lambda: tr("Active while open (min/week)"),
    "afterhours_min": lambda: tr("Active while closed (min/week)"),
    "period_concurrent_min": lambda: tr("Active while open (min in period)"),
    "period_afterhours_min": lambda: tr("Active while closed (min in period)"),
    "conflict_dates": lambda: tr("Dates active while open"),
    "round_count": lambda: tr("Yard rounds in period"),
    "conflict": lambda: tr("Conflict"),
    "presence_hours": lambda: tr("Adult presence hours"),
    "guard_hours": lambda: tr("Guard hours"),
    "round_days": lambda: tr("Yard round days"),
    "round_before": lambda: tr("Yard round before"),
    "hours_note": lambda: tr("Hours note"),
    "school_hours": lambda: tr("School hours"),
    "scene_hours": lambda: tr("Scene hours"),
    "scene_count": lambda: tr("Scenes"),
    "worst_conflict": lambda: tr("Worst conflict"),
    "nearest_m": lambda: tr("Nearest scene (m)"),
    "period_start": lambda: tr("Period start"),
    "period_end": lambda: tr("Period end"),
    "school_terms": lambda: tr("School terms"),
    "school_holidays": lambda: tr("School holidays"),
    "school_sources": lambda: tr("Schools' data sources"),
}


def field_alias(name):
    """The translated display name of an output field."""
    return _ALIASES[name]()
