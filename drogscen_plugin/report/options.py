"""What a report is made of: its layers and its options."""

import datetime
from dataclasses import dataclass, field
from typing import Optional

from qgis.core import QgsVectorLayer

from ..core import report_content as content
from ..definitions import defaults

PAPERS = ("A4", "A3")


@dataclass
class ReportOptions:
    """Parameters of the report.

    The outputs of drogscen:overlap carry the hours the analysis used, but
    not its distance: ``distance`` should be the one of the run (the
    parameters line and the buffers show it). ``today`` is the report date.
    """

    distance: float = defaults.DEFAULT_DISTANCE
    scene_name_field: str = defaults.SCENE_NAME_FIELD
    first_seen_field: str = defaults.SCENE_FROM_FIELD
    closed_on_field: str = defaults.SCENE_TO_FIELD
    source_field: str = defaults.SCENE_SOURCE_FIELD
    district_name_field: str = defaults.DISTRICT_NAME_FIELD
    period: str = content.YEAR
    paper: str = "A4"
    today: Optional[datetime.date] = None
    title: Optional[str] = None
    # With measures layers: count planned measures in the coverage too.
    include_planned: bool = False


@dataclass
class ReportLayers:
    """The layers of a report: the analysis outputs ``overlap`` and ``summary``
    are required; the scenes (maps and trend), districts and measures are not."""

    overlap: QgsVectorLayer
    summary: QgsVectorLayer
    scenes: Optional[QgsVectorLayer] = None
    districts: Optional[QgsVectorLayer] = None
    # Measures layers: each school page then shows their coverage.
    measures: list = field(default_factory=list)
    # The run's buffers, when it made them: the report then makes none of its own.
    buffers: Optional[QgsVectorLayer] = None
    # Layers made for the report (the buffers), owned by it.
    derived: list = field(default_factory=list)
