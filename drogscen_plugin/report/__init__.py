"""The situation report ("lägesbild"): two print layouts and one PDF, from the
outputs of drogscen:overlap alone (and the scenes, districts and measures when given).

* ``options``: what a report is made of (layers, options, papers);
* ``data``: the content, read from the layers into the core's records
  (``core/report_content.py`` says what the pages say, as plain data);
* ``map_layers``: the maps' layers, styles and labels;
* ``overview``, ``trend``, ``school_pages``: the pages, from the templates in
  ``resources/layouts``;
* ``export``: the PDF; ``situation_report``: one report from start to end.
"""

from .export import check_writable, export_error_message
from .layout import ReportError
from .options import PAPERS, ReportLayers, ReportOptions
from .situation_report import SituationReport, export_report, report_steps

__all__ = [
    "PAPERS",
    "ReportError",
    "ReportLayers",
    "ReportOptions",
    "SituationReport",
    "check_writable",
    "export_error_message",
    "export_report",
    "report_steps",
]
