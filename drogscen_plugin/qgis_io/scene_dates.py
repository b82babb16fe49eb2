"""The days a scene exists, from its first-seen and closed-on fields."""

from datetime import timedelta

from qgis.PyQt.QtCore import QDate, QDateTime

from ..core.report_content import as_date, date_problem
from ..i18n import tr


def as_day(value):
    """A date from a QGIS date, date-time or ISO text; NULL is None. Raises ValueError."""
    if isinstance(value, QDateTime):
        return value.date().toPyDate() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return as_date(value)


class SceneDays:
    """Reads ``(first_day, last_day)`` of scenes: from the first-seen date up
    to the day before the closed-on date; unreadable dates count as unknown,
    each named in a warning."""

    def __init__(self, layer_name, from_field, to_field, feedback):
        self._layer = layer_name
        self._fields = (from_field, to_field)
        self._feedback = feedback

    def read(self, fid, values):
        """``values``: the plain values of the from and to fields (None without the field)."""
        days = []
        for field, value in zip(self._fields, values):
            try:
                days.append(as_day(value))
            except ValueError:
                self._warn(
                    fid,
                    field,
                    tr("{value!r} is not a date (write 2026-08-17); counted as unknown").format(
                        value=value
                    ),
                )
                days.append(None)
        problem = date_problem(*days)
        if problem:
            self._warn(
                fid,
                self._fields[1],
                tr("{problem}; both dates count as unknown").format(problem=problem),
            )
            return None, None
        first, closed = days
        return first, None if closed is None else closed - timedelta(days=1)

    def _warn(self, fid, field, note):
        self._feedback.pushWarning(
            tr("Layer '{layer}', feature {fid}, field '{field}': {note}").format(
                layer=self._layer, fid=fid, field=field, note=note
            )
        )
