"""The school calendar the dock keeps in the project, for readers outside a run
(the expression functions, the dock's clock)."""

import json
from functools import lru_cache

from qgis.core import QgsProject

from ..core.school_calendar import SchoolCalendar

# Where the dock keeps its form (gui/project_state.py); the calendar's keys
# are those of its period box (gui/period_form.py).
SCOPE = "drogscen"
FORM_KEY = "form"


def project_calendar(project=None):
    """The project's SchoolCalendar (empty when the dock kept none).

    Raises InputError naming the item when the kept calendar cannot be read.
    """
    project = project or QgsProject.instance()
    text, found = project.readEntry(SCOPE, FORM_KEY, "")
    return _calendar_of(text if found else "")


@lru_cache(maxsize=8)
def _calendar_of(text):
    try:
        state = json.loads(text) if text else {}
    except ValueError:
        state = {}
    if not isinstance(state, dict):
        state = {}
    return SchoolCalendar.parse(
        str(state.get("school_terms") or ""), str(state.get("school_holidays") or "")
    )
