"""Skolverket's Skolenhetsregistret as a source of schools (no preschools)."""

from ..definitions import parameters as keys
from ..i18n import tr
from . import skolverket
from .records import SOURCE_SKOLVERKET
from .school_source import SchoolSource
from .unit_cache import DetailCache


class SkolverketSource(SchoolSource):
    id = "skolverket"
    name = SOURCE_SKOLVERKET
    by_extent = False
    url_parameter = keys.SKOLVERKET_URL
    url_setting = "drogscen/skolverket_url"
    default_url = skolverket.DEFAULT_URL

    def label(self):
        return tr("Skolverket (Skolenhetsregistret): schools only, no preschools")

    def short_label(self):
        return tr("Skolverket")

    def note(self):
        return tr(
            "Skolverket's register has no preschools, and it is searched by municipality only."
        )

    def url_label(self):
        return tr("Skolenhetsregistret address")

    def url_help(self):
        return tr(
            "Skolverket's Skolenhetsregistret v2; the default comes from the setting "
            "drogscen/skolverket_url."
        )

    def municipality_only(self):
        return tr(
            "Skolverket's register is searched by municipality: give a municipality code "
            "(kommunkod), such as 0180 for Stockholm."
        )

    def asking(self, url, bbox, municipality):
        return tr(
            "Asking {url} for the school units of municipality {code}, one request per "
            "unit not fetched in the last day, four at a time…"
        ).format(url=url, code=municipality)

    def fetch(self, client, url, bbox, municipality, progress, cache_folder):
        return skolverket.fetch(
            client, url, municipality, progress=progress, cache=DetailCache(cache_folder)
        )
