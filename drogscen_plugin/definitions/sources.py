"""The sources of schools the fetch offers, in the order it lists them.

The position in the list is the value of drogscen:fetchschools' SOURCE
parameter: add new sources at the end. Each implements
``net/school_source.py``'s ``SchoolSource``.
"""

from ..net.osm_source import OsmSource
from ..net.skolverket_source import SkolverketSource

# Consumers read it as sources.SCHOOL_SOURCES when they need it, so that an entry
# added at run time (a test) reaches them all.
SCHOOL_SOURCES = (OsmSource(), SkolverketSource())


def source_index(source_id):
    """The SOURCE parameter value of the source with ``source_id``."""
    return [source.id for source in SCHOOL_SOURCES].index(source_id)


def school_source(source_id):
    """The source with ``source_id``."""
    return SCHOOL_SOURCES[source_index(source_id)]
