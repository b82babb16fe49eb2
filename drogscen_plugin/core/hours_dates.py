"""Date selectors of ``opening_hours``: years, months and dates, ISO weeks.

Each selector becomes a predicate on a ``datetime.date``. The meanings follow
the reference library: a year written before a date belongs to it
(``2026 Dec 24-Jan 6`` runs into 2027), a year before months applies to the
whole rule (``2026 Dec-Jan`` is January and December of 2026), ranges without
years wrap over the new year (``Aug-Jun``, ``Dec 24-Jan 6``).
"""

from dataclasses import dataclass
from datetime import date

from ..i18n import tr

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "maj": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_FIRST_YEAR, _LAST_YEAR = 1900, 9999


@dataclass(frozen=True)
class Years:
    ranges: tuple  # (first, last or None for open end, step)

    def __call__(self, day):
        return any(
            first <= day.year
            and (last is None or day.year <= last)
            and (day.year - first) % step == 0
            for first, last, step in self.ranges
        )


@dataclass(frozen=True)
class Months:
    first: int
    last: int

    def __call__(self, day):
        return _in_cyclic(day.month, self.first, self.last)


@dataclass(frozen=True)
class MonthDays:
    """Yearless ``Aug 17-Dec 18``; wraps the new year when the end comes first."""

    first: tuple  # (month, day)
    last: tuple

    def __call__(self, day):
        return _in_cyclic((day.month, day.day), self.first, self.last)


@dataclass(frozen=True)
class DateRange:
    first: date
    last: date

    def __call__(self, day):
        return self.first <= day <= self.last


@dataclass(frozen=True)
class AnyOf:
    items: tuple

    def __call__(self, day):
        return any(item(day) for item in self.items)


@dataclass(frozen=True)
class Weeks:
    numbers: frozenset

    def __call__(self, day):
        return day.isocalendar()[1] in self.numbers


def _in_cyclic(value, first, last):
    if first <= last:
        return first <= value <= last
    return value >= first or value <= last


class DateSelectorParser:
    """Mixin of the hours parser (hours_syntax.Parser) for the wide-range selectors."""

    def is_month(self, token):
        return self.word(token) in MONTHS

    def is_date_word(self, token):
        return self.is_month(token) or self.word(token) == "week"

    @staticmethod
    def is_year(token):
        return token is not None and token.kind == "number" and len(token.text) == 4

    def date_selectors(self):
        """Years, months/dates and weeks at the start of a rule: ``(predicates, first token)``."""
        first = self.peek()
        self.refuse_short_year(first)
        if self.word(first) == "easter":
            self.unsupported("variable", first)
        dates = []
        if self.is_year(first) and not self.is_dated(0):
            dates.append(self.year_selector())
        if self.is_month(self.peek()) or self.is_dated(0):
            dates.append(self.monthday_selector())
        if self.word(self.peek()) == "week":
            dates.append(self.week_selector())
        if dates and self.is_punct(self.peek(), ":"):
            self.advance()
        return tuple(dates), (first if dates else None)

    def is_dated(self, offset):
        """A year that belongs to a date (``2026 Dec 24``), not to the whole rule."""
        return (
            self.is_year(self.peek(offset))
            and self.is_month(self.peek(offset + 1))
            and self.is_day_number(self.peek(offset + 2))
        )

    def refuse_short_year(self, token):
        if token is not None and token.kind == "number" and self.is_date_word(self.peek(1)):
            if len(token.text) != 4:
                self.years_error(token)

    def years_error(self, token):
        self.error(
            tr(
                "Years are written with four digits from {first} to {last}, "
                "not {text!r} (column {column})"
            ).format(first=_FIRST_YEAR, last=_LAST_YEAR, text=token.text, column=token.column),
            token,
        )

    def year(self):
        token = self.peek()
        if not self.is_year(token) or not _FIRST_YEAR <= int(token.text) <= _LAST_YEAR:
            if token is None or token.kind != "number":
                self.unexpected(token, tr("a year"))
            self.years_error(token)
        self.advance()
        return int(token.text), token

    def positive_number(self, what):
        token = self.peek()
        if token is None or token.kind != "number" or int(token.text) == 0:
            self.unexpected(token, what)
        self.advance()
        return int(token.text)

    def year_selector(self):
        ranges = []
        while True:
            first, token = self.year()
            last, step = first, 1
            if self.is_punct(self.peek(), "+"):
                self.advance()
                last = None
            elif self.is_punct(self.peek(), "-"):
                self.advance()
                last, _ = self.year()
                if last < first:
                    self.error(
                        tr(
                            "A year range runs forward: {first}-{last}, not "
                            "{last}-{first} (column {column})"
                        ).format(first=last, last=first, column=token.column),
                        token,
                    )
                if self.is_punct(self.peek(), "/"):
                    self.advance()
                    step = self.positive_number(tr("a step in years"))
            ranges.append((first, last, step))
            if not (
                self.is_punct(self.peek(), ",")
                and self.is_year(self.peek(1))
                and not self.peek(1).space_before
            ):
                return Years(tuple(ranges))
            self.advance()

    def monthday_selector(self):
        items = []
        while True:
            items.append(self.monthday_item())
            following = self.peek(1)
            if not (
                self.is_punct(self.peek(), ",")
                and following is not None
                and not following.space_before
                and (self.is_month(following) or self.is_dated(1))
            ):
                return items[0] if len(items) == 1 else AnyOf(tuple(items))
            self.advance()

    def month(self):
        token = self.peek()
        if not self.is_month(token):
            self.unexpected(token, tr("a month (Jan, Feb, ...)"))
        self.advance()
        return MONTHS[self.word(token)]

    def day_of(self, month):
        token = self.peek()
        value = int(token.text)
        if not 1 <= value <= _MONTH_DAYS[month - 1]:
            self.error(
                tr("Day {day} does not exist in that month (column {column})").format(
                    day=token.text, column=token.column
                ),
                token,
            )
        self.advance()
        return value

    def is_day_number(self, token):
        return token is not None and token.kind == "number" and len(token.text) <= 2

    def monthday_item(self):
        start_token = self.peek()
        year = self.year()[0] if self.is_dated(0) else None
        month = self.month()
        if not self.is_day_number(self.peek()):
            last = month
            if self.is_punct(self.peek(), "-") and self.is_month(self.peek(1)):
                self.advance()
                last = self.month()
            return Months(month, last)
        day = self.day_of(month)
        if self.is_punct(self.peek(), "+"):
            self.error(
                tr("Open-ended dates ('+') are not supported (column {column})").format(
                    column=self.peek().column
                ),
                self.peek(),
            )
        if not self.is_punct(self.peek(), "-"):
            end = (None, month, day)
        else:
            self.advance()
            end = self.date_end(month)
        return self.month_day_range(start_token, (year, month, day), end)

    def date_end(self, month):
        """The end of a date range: ``2027 Jan 6``, ``Jan 6`` or just ``26``."""
        token = self.peek()
        year = None
        if self.is_year(token):
            year = self.year()[0]
            month = self.month()
        elif self.is_month(token):
            month = self.month()
        if not self.is_day_number(self.peek()):
            self.unexpected(self.peek(), tr("a day of the month"))
        return year, month, self.day_of(month)

    def month_day_range(self, token, start, end):
        (start_year, start_month, start_day), (end_year, end_month, end_day) = start, end
        if start_year is None and end_year is None:
            return MonthDays((start_month, start_day), (end_month, end_day))
        wraps = (start_month, start_day) > (end_month, end_day)
        if start_year is None:
            start_year = end_year - 1 if wraps else end_year
        elif end_year is None:
            end_year = start_year + 1 if wraps else start_year
        first = self.real_date(token, start_year, start_month, start_day)
        last = self.real_date(token, end_year, end_month, end_day)
        if last < first:
            self.error(
                tr("The dates starting at column {column} end before they begin").format(
                    column=token.column
                ),
                token,
            )
        return DateRange(first, last)

    def real_date(self, token, year, month, day):
        try:
            return date(year, month, day)
        except ValueError:
            self.error(
                tr("{year}-{month:02d}-{day:02d} does not exist (column {column})").format(
                    year=year, month=month, day=day, column=token.column
                ),
                token,
            )

    def week_selector(self):
        self.advance()  # "week"
        numbers = set()
        while True:
            token = self.peek()
            first = self.week_number()
            last, step = first, 1
            if self.is_punct(self.peek(), "-"):
                self.advance()
                last = self.week_number()
                if last < first:
                    self.error(
                        tr(
                            "A week range runs forward, e.g. week {first}-53,1-{last} "
                            "(column {column})"
                        ).format(first=first, last=last, column=token.column),
                        token,
                    )
                if self.is_punct(self.peek(), "/"):
                    self.advance()
                    step = self.positive_number(tr("a step in weeks"))
            numbers.update(range(first, last + 1, step))
            if not (
                self.is_punct(self.peek(), ",")
                and self.is_day_number(self.peek(1))
                and not self.peek(1).space_before
            ):
                return Weeks(frozenset(numbers))
            self.advance()

    def week_number(self):
        token = self.peek()
        if token is None or token.kind != "number":
            self.unexpected(token, tr("a week number"))
        if not 1 <= int(token.text) <= 53:
            self.error(
                tr("Week numbers are 1 to 53, not {text!r} (column {column})").format(
                    text=token.text, column=token.column
                ),
                token,
            )
        self.advance()
        return int(token.text)
