"""The Processing provider "drogscen"."""

import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..definitions import algorithms
from ..i18n import tr
from .buffer_schools import BufferSchoolsAlgorithm
from .check_hours import CheckHoursAlgorithm
from .export_report import ExportReportAlgorithm
from .fetch_schools import FetchSchoolsAlgorithm
from .measure_coverage import MeasureCoverageAlgorithm
from .overlap import OverlapAlgorithm
from .publish import PublishAlgorithm
from .scene_trend import SceneTrendAlgorithm

ICON = os.path.join(
    os.path.dirname(__file__), os.pardir, os.pardir, "resources", "icons", "icon.png"
)


class DrogscenProvider(QgsProcessingProvider):
    def id(self):
        return algorithms.PROVIDER

    def name(self):
        return "Drogscen"

    def longName(self):  # noqa: N802 (QGIS API)
        return tr("Drogscen: open drug scenes near schools, in space and time")

    def icon(self):
        if os.path.exists(ICON):
            return QIcon(ICON)
        return super().icon()

    def loadAlgorithms(self):  # noqa: N802 (QGIS API)
        for algorithm in (
            OverlapAlgorithm(),
            BufferSchoolsAlgorithm(),
            CheckHoursAlgorithm(),
            FetchSchoolsAlgorithm(),
            ExportReportAlgorithm(),
            SceneTrendAlgorithm(),
            MeasureCoverageAlgorithm(),
            PublishAlgorithm(),
        ):
            self.addAlgorithm(algorithm)
