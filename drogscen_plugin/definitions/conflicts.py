"""When a scene is active compared with its school: the codes the outputs store
and their one label each, used by the dock, the command line and the report."""

from ..i18n import tr

CONCURRENT = "concurrent"
AFTER_HOURS = "after_hours"
NO_CONFLICT = "none"
# Worst first.
CONFLICTS = (CONCURRENT, AFTER_HOURS, NO_CONFLICT)


def conflict_label(value):
    """A ``conflict`` or ``worst_conflict`` value in words; other values as they are."""
    labels = {
        CONCURRENT: tr("while open"),
        AFTER_HOURS: tr("while closed"),
        NO_CONFLICT: tr("none"),
    }
    return labels.get(value, value or "")


def conflict_rank(value):
    """Sort key: conflicts while open first, then while closed, then the rest."""
    return CONFLICTS.index(value) if value in CONFLICTS else len(CONFLICTS)
