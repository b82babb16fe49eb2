"""OpenStreetMap through the Overpass API as a source of schools."""

from ..definitions import parameters as keys
from ..i18n import tr
from . import overpass
from .records import SOURCE_OSM
from .school_source import SchoolSource


class OsmSource(SchoolSource):
    id = "osm"
    name = SOURCE_OSM
    by_extent = True
    url_parameter = keys.OVERPASS_URL
    url_setting = "drogscen/overpass_url"
    default_url = overpass.DEFAULT_URL
    client_options = {
        "read_timeout": overpass.READ_TIMEOUT,
        "min_rate_limit_wait": overpass.MIN_RATE_LIMIT_WAIT,
    }

    def label(self):
        return tr("OpenStreetMap (Overpass API): schools and preschools")

    def short_label(self):
        return tr("OpenStreetMap")

    def note(self):
        return tr(
            "Data © OpenStreetMap contributors (ODbL): credit OpenStreetMap where you show the map."
        )

    def url_label(self):
        return tr("Overpass API address")

    def url_help(self):
        return tr(
            "The Overpass API interpreter; the default comes from the setting "
            "drogscen/overpass_url, else the public server."
        )

    def asking(self, url, bbox, municipality):
        where = (
            tr("municipality {code}").format(code=municipality)
            if municipality
            else tr("the extent {south:.5f}, {west:.5f}, {north:.5f}, {east:.5f}").format(
                south=bbox[0], west=bbox[1], north=bbox[2], east=bbox[3]
            )
        )
        return tr("Asking {url} for {where}…").format(url=url, where=where)

    def credit(self):
        return tr("Maps and data made from it must credit “© OpenStreetMap contributors”.")

    def fetch(self, client, url, bbox, municipality, progress, cache_folder):
        return overpass.fetch(client, url, bbox=bbox, municipality=municipality, progress=progress)
