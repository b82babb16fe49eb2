"""The log of a layer read: what was repaired, skipped and flagged, with feature ids."""

from ..i18n import tr
from .checks import expected_types

# Feature ids listed in one log line; the rest are counted.
LISTED_IDS = 20


def id_list(ids):
    """The first LISTED_IDS ids, and how many more."""
    listed = ", ".join(str(fid) for fid in ids[:LISTED_IDS])
    if len(ids) > LISTED_IDS:
        listed += tr(" and {count} more").format(count=len(ids) - LISTED_IDS)
    return listed


def log_scenes_outside(ids, period, feedback):
    """Say which scenes (feature ids ``ids``) were left out, as they did not exist
    in the period: the first LISTED_IDS of them."""
    if ids:
        feedback.pushInfo(
            tr(
                "Scenes left out, as they did not exist from {start} to {end}: "
                "{count} (features {fids})."
            ).format(
                start=period.start.isoformat(),
                end=period.end.isoformat(),
                count=len(ids),
                fids=", ".join(map(str, ids[:LISTED_IDS]))
                + (" …" if len(ids) > LISTED_IDS else ""),
            )
        )


def log_reading(reader):
    """Log what ``reader`` (a LayerReader) repaired, skipped and flagged: one
    warning for each kind that happened, listing the first feature ids."""
    logged = [
        (
            reader.repaired,
            tr("Layer '{layer}': invalid geometries repaired: {count} (feature ids {ids})."),
        ),
        (
            reader.skipped,
            tr("Layer '{layer}': features without geometry skipped: {count} (feature ids {ids})."),
        ),
        (
            reader.refused,
            tr(
                "Layer '{layer}': features of another geometry type (such as lines) left "
                "out: {count} (feature ids {ids}); {expected} expected."
            ),
        ),
        (
            reader.hours_unknown,
            tr(
                "Layer '{layer}': features without hours, treated as always active: {count} "
                "(feature ids {ids})."
            ),
        ),
        (
            reader.hours_unlikely,
            tr(
                "Layer '{layer}': features whose hours are valid but unlikely, used as given: "
                "{count} (feature ids {ids}; see hours_note)."
            ),
        ),
        (
            reader.hours_invalid,
            tr(
                "Layer '{layer}': features whose hours were not understood: {count} (see "
                "hours_note)."
            ),
        ),
    ]
    # Only a reader that refused features knows the types it expected.
    expected = expected_types(reader.allowed_types) if reader.refused else ""
    for ids, message in logged:
        if ids:
            reader.feedback.pushWarning(
                message.format(
                    layer=reader.name, count=len(ids), ids=id_list(ids), expected=expected
                )
            )
