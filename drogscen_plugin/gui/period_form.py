"""The period and the school calendar of the dock's analysis."""

from qgis.PyQt.QtWidgets import QFormLayout, QGroupBox, QLineEdit

from ..core.period import Period
from ..core.school_calendar import SchoolCalendar
from ..definitions import parameters as keys
from ..i18n import tr

# State keys (kept in the project with the other settings) and their parameters.
PERIOD_KEYS = (
    ("period_start", keys.PERIOD_START),
    ("period_end", keys.PERIOD_END),
    ("school_holidays", keys.SCHOOL_HOLIDAYS),
    ("school_terms", keys.SCHOOL_TERMS),
)


class PeriodBox(QGroupBox):
    """Period start and end (empty: this week) and the calendar's date ranges."""

    def __init__(self, parent=None):
        super().__init__(tr("Period and school calendar"), parent)
        self.edits = {key: QLineEdit() for key, _ in PERIOD_KEYS}
        for key in ("period_start", "period_end"):
            self.edits[key].setPlaceholderText(tr("this week"))
            self.edits[key].setToolTip(
                tr("A date such as 2026-08-17; empty: this week's Monday and Sunday")
            )
        self.edits["school_holidays"].setPlaceholderText("2026-10-26/2026-10-30, …")
        self.edits["school_holidays"].setToolTip(
            tr(
                "The school holidays (lov) as date ranges: SH in hours; schools without their own "
                "hours keep only the fritidshem open, gymnasiums close"
            )
        )
        self.edits["school_terms"].setPlaceholderText("2026-08-17/2026-12-18, …")
        self.edits["school_terms"].setToolTip(
            tr(
                "The terms as date ranges; outside them and the lov, schools without their own "
                "hours are closed (empty: every day is a term day)"
            )
        )
        form = QFormLayout(self)
        for key, label in (
            ("period_start", tr("From")),
            ("period_end", tr("To")),
            ("school_holidays", tr("School holidays")),
            ("school_terms", tr("Terms")),
        ):
            form.addRow(label, self.edits[key])

    def state(self):
        return {key: edit.text().strip() for key, edit in self.edits.items()}

    def apply_state(self, state):
        for key, edit in self.edits.items():
            edit.setText(str(state.get(key, "") or ""))

    def check(self):
        """Raise InputError naming a date or range that cannot be read."""
        state = self.state()
        start, end = state["period_start"], state["period_end"]
        if start or end:
            Period.parse(start or end, end or start)
        SchoolCalendar.parse(state["school_terms"], state["school_holidays"])


def period_parameters(state):
    """The drogscen:overlap parameters of a PeriodBox state."""
    return {parameter: state.get(key, "") for key, parameter in PERIOD_KEYS}
