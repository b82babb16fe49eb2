"""The log of a layer read: what was repaired, skipped and flagged, with feature ids."""

from ..i18n import tr
from .checks import expected_types

# Feature ids listed in one log line; the rest are counted.
_LISTED_IDS = 20


def _id_list(ids):
    listed = ", ".join(str(fid) for fid in ids[:_LISTED_IDS])
    if len(ids) > _LISTED_IDS:
        listed += tr(" and {count} more").format(count=len(ids) - _LISTED_IDS)
    return listed


def log_reading(reader):
    """Log what ``reader`` (a LayerReader) repaired, skipped and flagged."""
    if reader.repaired:
        reader.feedback.pushWarning(
            tr("Layer '{layer}': invalid geometries repaired: {count} (feature ids {ids}).").format(
                layer=reader.name, count=len(reader.repaired), ids=_id_list(reader.repaired)
            )
        )
    if reader.skipped:
        reader.feedback.pushWarning(
            tr(
                "Layer '{layer}': features without geometry skipped: {count} (feature ids {ids})."
            ).format(layer=reader.name, count=len(reader.skipped), ids=_id_list(reader.skipped))
        )
    if reader.refused:
        reader.feedback.pushWarning(
            tr(
                "Layer '{layer}': features of another geometry type (such as lines) left "
                "out: {count} (feature ids {ids}); {expected} expected."
            ).format(
                layer=reader.name,
                count=len(reader.refused),
                ids=_id_list(reader.refused),
                expected=expected_types(reader.allowed_types),
            )
        )
    if reader.hours_unknown:
        reader.feedback.pushWarning(
            tr(
                "Layer '{layer}': features without hours, treated as always active: {count} "
                "(feature ids {ids})."
            ).format(
                layer=reader.name,
                count=len(reader.hours_unknown),
                ids=_id_list(reader.hours_unknown),
            )
        )
    if reader.hours_unlikely:
        reader.feedback.pushWarning(
            tr(
                "Layer '{layer}': features whose hours are valid but unlikely, used as given: "
                "{count} (feature ids {ids}; see hours_note)."
            ).format(
                layer=reader.name,
                count=len(reader.hours_unlikely),
                ids=_id_list(reader.hours_unlikely),
            )
        )
    if reader.hours_invalid:
        reader.feedback.pushWarning(
            tr(
                "Layer '{layer}': features whose hours were not understood: {count} (see "
                "hours_note)."
            ).format(layer=reader.name, count=len(reader.hours_invalid))
        )
