"""Help links lead from the algorithms and the dock to the README's sections."""

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QObject, QUrl, pyqtSlot
from qgis.PyQt.QtGui import QDesktopServices

from drogscen_plugin.core.help import HOMEPAGE, anchor, readme_headings
from tests.qgis.test_plugin import ROOT, metadata

README_ANCHORS = {
    anchor(heading) for heading in readme_headings((ROOT / "README.md").read_text(encoding="utf-8"))
}


class UrlCatcher(QObject):
    """Takes the https links the application opens (QDesktopServices.setUrlHandler)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    @pyqtSlot(QUrl)
    def open(self, url):
        self.urls.append(url.toString())


@pytest.fixture
def opened_links():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("https")


def section(url):
    base, _, fragment = url.partition("#")
    assert base == HOMEPAGE
    return fragment


def test_anchors_are_the_ones_github_gives_readme_headings():
    assert anchor("Drug scenes near schools (space and time) — `drogscen:overlap`") == (
        "drug-scenes-near-schools-space-and-time--drogscenoverlap"
    )
    assert anchor("Situation report (lägesbild)") == "situation-report-lägesbild"
    assert anchor("Svenska / Swedish interface") == "svenska--swedish-interface"
    assert readme_headings("# A\n```\n# not a heading\n```\n## B_c\ntext # no\n") == ["A", "B_c"]


def test_the_homepage_is_the_one_in_the_metadata():
    assert metadata()["homepage"] == HOMEPAGE


def test_every_algorithm_links_to_its_readme_section(plugin):
    provider = QgsApplication.processingRegistry().providerById("drogscen")
    sections = {
        algorithm.name(): section(algorithm.helpUrl()) for algorithm in provider.algorithms()
    }

    assert set(sections) == {
        "bufferschools",
        "checkhours",
        "exportreport",
        "fetchschools",
        "measurecoverage",
        "overlap",
        "publish",
        "scenetrend",
    }
    assert set(sections.values()) <= README_ANCHORS
    assert sections["overlap"] == "drug-scenes-near-schools-space-and-time--drogscenoverlap"
    assert sections["fetchschools"] == "fetching-schools"


def test_the_dock_help_button_opens_the_readme_at_the_dock(plugin, opened_links):
    plugin.initGui()  # a test of unload may have removed it

    plugin.dock.help_button.click()

    assert opened_links == [HOMEPAGE + "#the-dock"]
    assert section(opened_links[0]) in README_ANCHORS
