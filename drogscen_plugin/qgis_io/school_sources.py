"""The schools' data sources, which every summary row carries for the report."""

from ..core.report_period import sources_value

SOURCE_FIELD = "source"


def school_sources(source):
    """The distinct values of the schools' ``source`` field as one text, or "" when the
    layer has no such field (read from the provider, not feature by feature)."""
    index = source.fields().lookupField(SOURCE_FIELD)
    return sources_value(source.uniqueValues(index)) if index >= 0 else ""
