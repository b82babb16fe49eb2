"""The period and the school calendar of a report, as the outputs record them.

Every summary row carries the run's ``period_start``, ``period_end``,
``school_terms``, ``school_holidays`` and ``school_sources``; the report
states them on its first page and draws only the scenes that existed in the
period.
"""

from dataclasses import dataclass
from datetime import date
from typing import Optional

from ..i18n import tr
from .school_calendar import SchoolCalendar

SOURCES_SEPARATOR = "; "


def sources_value(values):
    """Distinct data source values as one text, ``a; b`` (NULL and blanks left out)."""
    return SOURCES_SEPARATOR.join(
        sorted({str(value).strip() for value in values if value is not None and str(value).strip()})
    )


def source_values(text):
    """The values of a :func:`sources_value` text."""
    return [value for value in (text or "").split(SOURCES_SEPARATOR) if value]


def _month(number):
    # Literal tr() calls, so the translation tools find every month.
    names = (
        tr("Jan"),
        tr("Feb"),
        tr("Mar"),
        tr("Apr"),
        tr("May"),
        tr("Jun"),
        tr("Jul"),
        tr("Aug"),
        tr("Sep"),
        tr("Oct"),
        tr("Nov"),
        tr("Dec"),
    )
    return names[number - 1]


def day_text(day, with_year=True):
    """``17 Aug 2026`` (``17 aug 2026`` in Swedish)."""
    text = "{} {}".format(day.day, _month(day.month))
    return "{} {}".format(text, day.year) if with_year else text


def range_text(first, last, dash=" – "):
    """``17 Aug – 18 Dec 2026``, ``26–30 Oct 2026``, ``21 Dec 2026 – 7 Jan 2027``:
    each year and month written once."""
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return "{}–{}".format(first.day, day_text(last))
    return "{}{}{}".format(day_text(first, with_year=first.year != last.year), dash, day_text(last))


@dataclass(frozen=True)
class ReportPeriod:
    """The period and calendar of one run; ``start``/``end`` None when not recorded."""

    start: Optional[date] = None
    end: Optional[date] = None
    terms: str = ""
    school_holidays: str = ""
    school_sources: str = ""

    @classmethod
    def of_summaries(cls, summaries):
        """The run's settings from its summary rows (the same on each); the first
        row with a period decides."""
        for summary in summaries:
            if summary.period_start is not None and summary.period_end is not None:
                return cls(
                    summary.period_start,
                    summary.period_end,
                    summary.school_terms or "",
                    summary.school_holidays or "",
                    summary.school_sources or "",
                )
        return cls()

    @property
    def known(self):
        return self.start is not None and self.end is not None

    @property
    def calendar(self):
        """The SchoolCalendar the run used (empty when none was given)."""
        return SchoolCalendar.parse(self.terms, self.school_holidays)

    def period_text(self):
        """``Period: 17 Aug – 18 Dec 2026``."""
        if not self.known:
            return tr("Period: not recorded in the outputs")
        return tr("Period: {dates}").format(dates=range_text(self.start, self.end))

    def calendar_text(self):
        """The terms and school holidays the analysis used, or that none were given."""
        if not self.terms and not self.school_holidays:
            return tr("School calendar: none given (every day a term day, no school holidays)")
        calendar = self.calendar
        none = tr("none given")

        def ranges(found):
            return ", ".join(range_text(*dates, dash="–") for dates in found) or none

        return tr("School calendar: terms {terms}; school holidays {holidays}").format(
            terms=ranges(calendar.terms), holidays=ranges(calendar.school_holidays)
        )

    def existed(self, scene):
        """True when a TrendScene existed on some day of the period (unknown dates: yes).

        A scene counts from ``first_seen`` up to the day before ``closed_on``,
        as the analysis counts it.
        """
        if not self.known:
            return True
        started = scene.first_seen is None or scene.first_seen <= self.end
        return started and (scene.closed_on is None or scene.closed_on > self.start)
