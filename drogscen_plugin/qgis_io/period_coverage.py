"""Measure coverage over a period, from the Overlaps output of drogscen:overlap."""

from qgis.core import QgsFeatureRequest

from ..core.errors import InputError
from ..core.period_coverage import PairTimes, period_coverage, period_needs
from ..i18n import tr
from .layers import plain
from .measures_coverage import measure_coverage

_TIME_FIELDS = PairTimes._fields


def _pair_times(overlap):
    """``{school key: [PairTimes]}``, the key as affected_schools groups them."""
    missing = [name for name in _TIME_FIELDS if overlap.fields().lookupField(name) < 0]
    if missing:
        raise InputError(
            tr(
                "Layer '{layer}' has no field {fields}: is it the Overlaps "
                "output of drogscen:overlap?"
            ).format(layer=overlap.sourceName(), fields=", ".join(missing))
        )
    pairs = {}
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    for feature in overlap.getFeatures(request):
        values = [_text(feature[field]) for field in ("school_fid", "school_name") + _TIME_FIELDS]
        fid = plain(feature["school_fid"])
        key = fid if fid is not None else values[1]
        pairs.setdefault(key, []).append(PairTimes(*values[2:]))
    return pairs


def _text(value):
    value = plain(value)
    return None if value is None or not str(value).strip() else str(value).strip()


def period_measure_coverage(
    overlap, measure_layers, period, school_holidays=(), include_planned=False, **linking
):
    """measure_coverage over ``period`` (core Period): the needs of the analysis in
    it, each measure counted on the days it exists, its hours with ``school_holidays``
    as SH. ``linking``: measure_coverage's schools, distance, transform_context and
    feedback. Returns ``(rows, warnings)``."""
    pairs = _pair_times(overlap)
    needs = {}

    def cover(school, measures):
        key = school.school_fid if school.school_fid is not None else school.school_name
        if key not in needs:
            needs[key] = period_needs(pairs.get(key, ()), period)
        return period_coverage(needs[key], measures, period, include_planned, school_holidays)

    return measure_coverage(
        overlap, measure_layers, include_planned=include_planned, cover=cover, **linking
    )
