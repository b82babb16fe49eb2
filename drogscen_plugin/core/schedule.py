"""Schedules written in the OpenStreetMap ``opening_hours`` syntax.

A :class:`Schedule` answers which intervals are open between two datetimes
(naive local wall-clock time, as opening_hours is); a :class:`WeeklySchedule`
is a set of minutes in one week (Monday 00:00 = 0, Sunday 24:00 = 10080)
stored as sorted, disjoint, half-open intervals, with the weekly algebra.

The supported syntax evaluates like the reference implementation (the
``opening_hours`` Rust library):

* weekday selectors ``Mo Tu We Th Fr Sa Su``, ranges (``Mo-Fr``, wrapping
  ``Fr-Mo``) and lists (``Mo,We,Fr``); no selector means every day;
* time spans ``08:00-17:00``, several per rule, spans past midnight
  (``22:00-03:00`` belongs to the day it starts), extended times up to
  ``48:00`` and ``24:00``;
* ``24/7``, the modifiers ``open``, ``off`` and ``closed``;
* date selectors before the weekdays (hours_dates.py): years ``2026``,
  ``2024-2026``; months ``Jan-Jun``, ``Aug-Jun``; dates ``Dec 24``,
  ``Aug 17-Dec 18``, ``Dec 24-Jan 6``, ``2026 Dec 24-Jan 6``; ISO weeks
  ``week 44``, ``week 1-26/2``;
* ``PH`` (Swedish public holidays, holidays.py) and ``SH`` (the school
  holidays given to :meth:`Schedule.parse`); ``PH,Sa`` is either, ``PH Mo-Fr``
  a holiday that is also a weekday (the specification's reading);
* ``;`` (a later rule replaces the earlier rules on the days it names),
  ``, `` (an additional rule that adds) and ``||`` (a fallback for the days
  the rules before it leave closed);
* comments ``"by appointment"``, kept and never changing the state; a rule
  that is only a comment says nothing about the hours.

The weekly model (:meth:`WeeklySchedule.parse`) refuses date selectors and
never meets a holiday. Swedish conveniences are normalized: day
abbreviations (Må/Mån, Ti/Tis, On/Ons, To/Tor, Fr/Fre, Lö/Lör, Sö/Sön and the
full day names, any case), ``Maj``/``Okt``, whole-hour times (``22-03``),
``22.00`` and en dashes.
"""

import bisect
import math
import re
from datetime import date, datetime, time, timedelta

from ..i18n import tr
from .cache import ByteBoundedCache, text_size
from .cancel import check
from .errors import ScheduleError
from .holidays import is_public_holiday
from .hours_syntax import FALLBACK, NORMAL, OPEN, Parser
from .intervals import complement, difference, intersection, union

MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY = timedelta(days=1)

# Caches of parsed texts, bounded in (estimated) bytes rather than entries.
CACHE_BYTES = 16 * 1024 * 1024


# -- one day, rule by rule -----------------------------------------------------
_FULL = memoryview(b"\x01" * MINUTES_PER_DAY)
_EMPTY = memoryview(bytes(MINUTES_PER_DAY))
_OPEN_RUN = re.compile(b"\x01+")


def _paint(state, rule, on_day, on_eve):
    paint = _FULL if rule.kind == OPEN else _EMPTY
    for start, end in (rule.today if on_day else ()) + (rule.spill if on_eve else ()):
        state[start:end] = paint[start:end]


def evaluate_day(rules, today, yesterday):
    """Open ranges of one day, rule by rule as the reference evaluates them.

    ``today[i]``/``yesterday[i]``: whether rule i names this day / the day
    before (whose spans past midnight reach into this one). The day is a
    minute array, so each rule costs at most one pass over a day whatever
    came before: linear in the number of rules and spans.
    """
    state = bytearray(MINUTES_PER_DAY)
    matched = False
    for count, (rule, on_day, on_eve) in enumerate(zip(rules, today, yesterday)):
        # Tens of thousands of rules take a while: cancel is looked at on the way.
        if not count % 1024:
            check()
        if not rule.stateful:
            continue
        if rule.operator == FALLBACK:
            # Applies where the rules before it name nothing or leave it closed.
            if matched and state.find(1) >= 0:
                continue
            state[:] = _EMPTY
            _paint(state, rule, on_day, on_eve)
            matched = on_day
            continue
        if not on_day and not on_eve:
            continue
        if rule.operator == NORMAL and rule.kind == OPEN:
            # A normal rule replaces whatever came before on the days it names;
            # its night alone only fills a day that nothing opened yet.
            if not on_day and state.find(1) >= 0:
                continue
            state[:] = _EMPTY
        # Additional rules, and closing rules of either kind, only amend.
        _paint(state, rule, on_day, on_eve)
        matched = matched or on_day
    return tuple(match.span() for match in _OPEN_RUN.finditer(state))


def _size_of_rules(text, rules):
    spans = sum(len(rule.today) + len(rule.spill) for rule in rules)
    comments = sum(text_size(rule.comment) for rule in rules if rule.comment)
    return text_size(text) + comments + 600 * len(rules) + 150 * spans


def _parse_rules(text):
    return tuple(Parser(text).parse())


_rules_cached = ByteBoundedCache(_parse_rules, CACHE_BYTES, _size_of_rules)


def _check_text(text):
    if not isinstance(text, str):
        raise ScheduleError(
            tr("Hours must be text, not {kind}").format(kind=type(text).__name__), str(text), None
        )


def _weekly_rules(text):
    rules = _parse_rules(text)
    for rule in rules:
        token = rule.selector.date_token
        if token is not None:
            raise ScheduleError(
                tr(
                    "Calendar selectors such as {word!r} (column {column}) are not supported "
                    "here: the hours describe one recurring week"
                ).format(word=token.text, column=token.column),
                text,
                token.column,
            )
    return rules


def _evaluate_week(rules):
    no_holiday = frozenset()
    flags = []
    for day in range(7):
        check()
        flags.append(tuple(rule.selector.matches_weekday(day, no_holiday) for rule in rules))
    week = []
    for day in range(7):
        offset = day * MINUTES_PER_DAY
        week.extend(
            (offset + start, offset + end)
            for start, end in evaluate_day(rules, flags[day], flags[day - 1])
        )
    return union(week)


class WeeklySchedule:
    """An immutable set of minutes in a week."""

    __slots__ = ("_intervals", "__weakref__")

    def __init__(self, intervals=()):
        self._intervals = union(
            (max(0, int(start)), min(MINUTES_PER_WEEK, int(end))) for start, end in intervals
        )

    @classmethod
    def parse(cls, text):
        """Parse opening_hours text; raises :class:`ScheduleError` saying what and where."""
        _check_text(text)
        return _parse_cached(text)

    @classmethod
    def from_intervals(cls, intervals):
        return cls(intervals)

    @classmethod
    def always(cls):
        return cls(((0, MINUTES_PER_WEEK),))

    @classmethod
    def never(cls):
        return cls()

    @property
    def intervals(self):
        return self._intervals

    @property
    def minutes(self):
        return sum(end - start for start, end in self._intervals)

    def is_active(self, moment):
        """Whether the schedule is active at a datetime's weekday and wall-clock time."""
        minute = moment.weekday() * MINUTES_PER_DAY + moment.hour * 60 + moment.minute
        index = bisect.bisect_right(self._intervals, (minute, MINUTES_PER_WEEK + 1)) - 1
        return index >= 0 and self._intervals[index][1] > minute

    def openings(self):
        """Minutes of the week where the schedule switches from inactive to active."""
        starts = [start for start, _ in self._intervals]
        if starts and starts[0] == 0 and self._intervals[-1][1] == MINUTES_PER_WEEK:
            starts.pop(0)  # continues from Sunday night
        return tuple(starts)

    def to_opening_hours(self):
        """Canonical opening_hours text that parses back to the same intervals."""
        return _format_cached(self._intervals)

    def __and__(self, other):
        return WeeklySchedule(intersection(self._intervals, other._intervals))

    def __or__(self, other):
        return WeeklySchedule(self._intervals + other._intervals)

    def __sub__(self, other):
        return WeeklySchedule(difference(self._intervals, other._intervals, MINUTES_PER_WEEK))

    def __invert__(self):
        return WeeklySchedule(complement(self._intervals, MINUTES_PER_WEEK))

    def __eq__(self, other):
        if not isinstance(other, WeeklySchedule):
            return NotImplemented
        return self._intervals == other._intervals

    def __hash__(self):
        return hash(self._intervals)

    def __repr__(self):
        return "WeeklySchedule.parse({!r})".format(self.to_opening_hours())


def _size_of_weekly(text, schedule):
    return text_size(text) + 100 + 130 * len(schedule.intervals)


_parse_cached = ByteBoundedCache(
    lambda text: WeeklySchedule(_evaluate_week(_weekly_rules(text))), CACHE_BYTES, _size_of_weekly
)


def _school_holiday_ranges(ranges):
    """Sorted, merged ``(first ordinal, last ordinal)`` of inclusive date ranges."""
    result = []
    for pair in ranges:
        try:
            first, last = pair
        except (TypeError, ValueError):
            raise ScheduleError(
                tr("School holidays are pairs of dates, not {value!r}").format(value=pair)
            ) from None
        if not (isinstance(first, date) and isinstance(last, date)):
            raise ScheduleError(
                tr("School holidays are pairs of dates, not {value!r}").format(value=pair)
            )
        if last < first:
            raise ScheduleError(
                tr("School holidays {first} to {last} end before they begin").format(
                    first=first.isoformat(), last=last.isoformat()
                )
            )
        result.append((first.toordinal(), last.toordinal()))
    return tuple((start, end - 1) for start, end in union((a, b + 1) for a, b in result))


def intervals_from_days(day_ranges, start, end):
    """Merged, half-open datetime intervals in ``[start, end)`` from
    ``day_ranges(date)``, the open minutes of each date."""
    result = []
    day = start.date()
    while datetime.combine(day, time()) < end:
        check()
        base = datetime.combine(day, time())
        for first, last in day_ranges(day):
            opens = max(base + timedelta(minutes=first), start)
            closes = min(base + timedelta(minutes=last), end)
            if opens >= closes:
                continue
            if result and result[-1][1] >= opens:
                result[-1] = (result[-1][0], max(result[-1][1], closes))
            else:
                result.append((opens, closes))
        day += _DAY
    return result


class Schedule:
    """Hours on the calendar: which intervals are open between two datetimes.

    Times are naive local wall-clock time (as opening_hours is); a day's
    spans past midnight run into the next day.
    """

    __slots__ = ("_text", "_rules", "_school_holidays", "_dated", "_memo")

    def __init__(self, text, rules, school_holidays):
        self._text = text
        self._rules = rules
        self._school_holidays = school_holidays
        self._dated = tuple(rule.selector for rule in rules if rule.selector.dates)
        self._memo = {}

    @classmethod
    def parse(cls, text, school_holidays=()):
        """Parse opening_hours text; ``school_holidays``: inclusive ``(date, date)``
        ranges that ``SH`` means. Raises :class:`ScheduleError` saying what and where."""
        _check_text(text)
        return cls(text, _rules_cached(text), _school_holiday_ranges(school_holidays))

    @property
    def text(self):
        return self._text

    @property
    def comments(self):
        """The free-text comments, in order, each once."""
        return tuple(dict.fromkeys(rule.comment for rule in self._rules if rule.comment))

    @property
    def calendar_words(self):
        """What the hours read on the calendar: a subset of ("dates", "PH", "SH")."""
        holidays = set()
        for rule in self._rules:
            holidays |= rule.selector.holidays or set()
        return (("dates",) if self._dated else ()) + tuple(
            word for word in ("PH", "SH") if word in holidays
        )

    def plain_week(self):
        """The hours on days that no date, PH or SH names, as a WeeklySchedule."""
        return WeeklySchedule(
            _evaluate_week(tuple(rule for rule in self._rules if not rule.selector.dates))
        )

    def is_school_holiday(self, day):
        ordinal = day.toordinal()
        index = bisect.bisect_right(self._school_holidays, (ordinal, math.inf)) - 1
        return index >= 0 and self._school_holidays[index][1] >= ordinal

    def _day_class(self, day):
        """What the rules can tell about a day: weekday, holidays, dated selectors."""
        holidays = set()
        if is_public_holiday(day):
            holidays.add("PH")
        if self.is_school_holiday(day):
            holidays.add("SH")
        return (
            day.weekday(),
            frozenset(holidays),
            tuple(selector.dates_match(day) for selector in self._dated),
        )

    def _flags(self, day_class):
        weekday, holidays, dated = day_class
        dated = iter(dated)
        return tuple(
            (next(dated) if rule.selector.dates else True)
            and rule.selector.matches_weekday(weekday, holidays)
            for rule in self._rules
        )

    def day_ranges(self, day):
        """Open ``(start, end)`` minutes of a date, its eve's nights included."""
        key = (self._day_class(day), self._day_class(day - _DAY))
        ranges = self._memo.get(key)
        if ranges is None:
            if len(self._memo) >= 4096:
                self._memo.clear()
            ranges = evaluate_day(self._rules, self._flags(key[0]), self._flags(key[1]))
            self._memo[key] = ranges
        return ranges

    def open_intervals(self, start, end):
        """Sorted, merged, half-open ``(datetime, datetime)`` open intervals in ``[start, end)``."""
        return intervals_from_days(self.day_ranges, start, end)

    def is_active(self, moment):
        minute = moment.hour * 60 + moment.minute
        return any(first <= minute < last for first, last in self.day_ranges(moment.date()))

    def week(self, day):
        """The week (Monday to Sunday) containing ``day`` as a WeeklySchedule."""
        monday = datetime.combine(day - timedelta(days=day.weekday()), time())
        return WeeklySchedule(
            ((opens - monday) // timedelta(minutes=1), (closes - monday) // timedelta(minutes=1))
            for opens, closes in self.open_intervals(monday, monday + 7 * _DAY)
        )

    def __repr__(self):
        return "Schedule.parse({!r})".format(self._text)


# -- canonical text -------------------------------------------------------------
def _day_spans(intervals):
    """Per weekday, the spans starting that day; a night running into the next
    day stays one span (``22:00-03:00``) unless it covers whole days."""
    cyclic = list(intervals)
    if len(cyclic) > 1 and cyclic[0][0] == 0 and cyclic[-1][1] == MINUTES_PER_WEEK:
        cyclic[-1] = (cyclic[-1][0], cyclic.pop(0)[1] + MINUTES_PER_WEEK)
    spans = [[] for _ in range(7)]
    for start, end in cyclic:
        pieces = []
        cursor = start
        while cursor < end:
            day_end = (cursor // MINUTES_PER_DAY + 1) * MINUTES_PER_DAY
            pieces.append((cursor, min(end, day_end)))
            cursor = day_end
        if len(pieces) > 1 and pieces[-1][1] % MINUTES_PER_DAY and pieces[-2][0] % MINUTES_PER_DAY:
            last = pieces.pop()
            pieces[-1] = (pieces[-1][0], last[1])
        for piece_start, piece_end in pieces:
            day, offset = divmod(piece_start, MINUTES_PER_DAY)
            spans[day % 7].append((offset, offset + piece_end - piece_start))
    return [tuple(sorted(day)) for day in spans]


def format_time(minutes):
    return "{:02d}:{:02d}".format(*divmod(minutes, 60))


def _format_span(start, end):
    if end > MINUTES_PER_DAY and end - MINUTES_PER_DAY < start:
        end -= MINUTES_PER_DAY  # the usual way to write a night: 22:00-03:00
    return "{}-{}".format(format_time(start), format_time(end))


def format_days(days):
    runs = []
    for day in sorted(days):
        if runs and runs[-1][1] == day - 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return ",".join(
        WEEKDAYS[first] if first == last else "{}-{}".format(WEEKDAYS[first], WEEKDAYS[last])
        for first, last in runs
    )


def _format(intervals):
    if not intervals:
        return "off"
    if intervals == ((0, MINUTES_PER_WEEK),):
        return "24/7"
    groups = {}
    for day, spans in enumerate(_day_spans(intervals)):
        if spans:
            groups.setdefault(spans, []).append(day)
    rules = [
        "{} {}".format(format_days(days), ",".join(_format_span(*span) for span in spans))
        for spans, days in sorted(groups.items(), key=lambda item: item[1][0])
    ]
    # ";" reads best, but a later rule drops an earlier night's spill into its
    # day; additional rules keep every span.
    text = "; ".join(rules)
    if _parse_cached(text).intervals != intervals:
        text = ", ".join(rules)
    return text


_format_cached = ByteBoundedCache(
    _format, CACHE_BYTES // 4, lambda intervals, text: 200 * len(intervals) + text_size(text)
)
