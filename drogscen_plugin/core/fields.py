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


def field_alias(name):
    """The translated display name of an output field."""
    # Literal tr() calls, so the translation tools find every alias.
    aliases = {
        "school_fid": tr("School id"),
        "scene_fid": tr("Scene id"),
        "school_name": tr("School"),
        "school_type": tr("School type"),
        "scene_name": tr("Scene"),
        "distance_m": tr("Distance (m)"),
        "overlap_m2": tr("Overlap (m²)"),
        "overlap_share": tr("Share of buffer"),
        "scene_min": tr("Scene active (min/week)"),
        "concurrent_min": tr("Active while open (min/week)"),
        "afterhours_min": tr("Active while closed (min/week)"),
        "period_concurrent_min": tr("Active while open (min in period)"),
        "period_afterhours_min": tr("Active while closed (min in period)"),
        "conflict_dates": tr("Dates active while open"),
        "round_count": tr("Yard rounds in period"),
        "conflict": tr("Conflict"),
        "presence_hours": tr("Adult presence hours"),
        "guard_hours": tr("Guard hours"),
        "round_days": tr("Yard round days"),
        "round_before": tr("Yard round before"),
        "hours_note": tr("Hours note"),
        "school_hours": tr("School hours"),
        "scene_hours": tr("Scene hours"),
        "scene_count": tr("Scenes"),
        "worst_conflict": tr("Worst conflict"),
        "nearest_m": tr("Nearest scene (m)"),
        "period_start": tr("Period start"),
        "period_end": tr("Period end"),
        "school_terms": tr("School terms"),
        "school_holidays": tr("School holidays"),
        "school_sources": tr("Schools' data sources"),
    }
    return aliases[name]
