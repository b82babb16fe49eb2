"""Weekly schedules written in the OpenStreetMap ``opening_hours`` syntax.

A :class:`WeeklySchedule` is a set of minutes in a week (Monday 00:00 = 0,
Sunday 24:00 = 10080) stored as sorted, disjoint, half-open intervals.

The supported subset evaluates exactly like the reference implementation
(the ``opening_hours`` Rust library):

* weekday selectors ``Mo Tu We Th Fr Sa Su``, ranges (``Mo-Fr``, wrapping
  ``Fr-Mo``) and lists (``Mo,We,Fr``); no selector means every day;
* time spans ``08:00-17:00``, several per rule, spans past midnight
  (``22:00-03:00`` belongs to the day it starts), extended times up to
  ``48:00`` and ``24:00``;
* ``24/7``, the modifiers ``open``, ``off`` and ``closed``;
* ``;`` (a later rule replaces the earlier rules on the days it names) and
  ``, `` (an additional rule that adds);
* ``PH``/``SH`` selectors are accepted and never match: the model is weekly.

Swedish conveniences are normalized to that form: day abbreviations
(Må/Mån, Ti/Tis, On/Ons, To/Tor, Fr/Fre, Lö/Lör, Sö/Sön and the full day
names, any case), whole-hour times (``22-03``), ``22.00`` and en dashes.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..i18n import tr
from .errors import ScheduleError

MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

_DAY_WORDS = {
    "mo": 0, "må": 0, "mån": 0, "måndag": 0,
    "tu": 1, "ti": 1, "tis": 1, "tisdag": 1,
    "we": 2, "on": 2, "ons": 2, "onsdag": 2,
    "th": 3, "to": 3, "tor": 3, "torsdag": 3,
    "fr": 4, "fre": 4, "fredag": 4,
    "sa": 5, "lö": 5, "lör": 5, "lördag": 5,
    "su": 6, "sö": 6, "sön": 6, "söndag": 6,
}
_HOLIDAY_WORDS = ("ph", "sh")
_OPEN, _CLOSED = "open", "closed"
_MODIFIER_WORDS = {"open": _OPEN, "off": _CLOSED, "closed": _CLOSED}
_UNSUPPORTED_WORDS = {
    "unknown": "state",
    "week": "calendar",
    "sunrise": "solar", "sunset": "solar", "dawn": "solar", "dusk": "solar",
    "easter": "calendar",
    "jan": "calendar", "feb": "calendar", "mar": "calendar", "apr": "calendar",
    "may": "calendar", "jun": "calendar", "jul": "calendar", "aug": "calendar",
    "sep": "calendar", "oct": "calendar", "nov": "calendar", "dec": "calendar",
}

_TOKEN_RE = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<always>24/7)
  | (?P<time>\d{1,2}(?:[:.]\d{1,2})?)
  | (?P<word>[^\W\d_]+)
  | (?P<comment>"[^"]*")
  | (?P<punct>[-–—;,+/:\[\]"])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    column: int  # 1-based
    space_before: bool


def _tokenize(text):
    tokens = []
    pos = 0
    space = True
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            raise ScheduleError(
                tr("Unexpected character {char!r} at column {column}").format(
                    char=text[pos], column=pos + 1),
                text, pos + 1)
        kind = match.lastgroup
        if kind == "space":
            space = True
        else:
            token_text = "-" if match.group() in "–—" else match.group()
            tokens.append(_Token(kind, token_text, pos + 1, space))
            space = False
        pos = match.end()
    return tokens


@dataclass(frozen=True)
class _Rule:
    additional: bool
    days: frozenset
    kind: str
    today: tuple   # ranges within the day it names
    spill: tuple   # ranges past midnight, in the next day's minutes


class _Parser:
    def __init__(self, text):
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0

    # -- token helpers -----------------------------------------------------
    def peek(self, offset=0):
        index = self.index + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def advance(self):
        token = self.tokens[self.index]
        self.index += 1
        return token

    def error(self, message, token=None):
        column = token.column if token is not None else len(self.text) + 1
        raise ScheduleError(message, self.text, column)

    def unexpected(self, token, expected):
        if token is None:
            self.error(tr("Unexpected end of text: expected {expected}").format(
                expected=expected))
        self.error(tr("Unexpected {text!r} at column {column}: expected {expected}").format(
            text=token.text, column=token.column, expected=expected), token)

    @staticmethod
    def is_punct(token, char):
        return token is not None and token.kind == "punct" and token.text == char

    @staticmethod
    def word(token):
        return unicodedata.normalize("NFC", token.text).lower() if token.kind == "word" else None

    def is_day(self, token):
        return token is not None and (self.word(token) in _DAY_WORDS
                                      or self.word(token) in _HOLIDAY_WORDS)

    # -- grammar -----------------------------------------------------------
    def parse(self):
        if not self.tokens:
            self.error(tr("The hours are empty"))
        rules = []
        additional = False
        while True:
            rule = self.rule(additional)
            if rule is not None:
                rules.append(rule)
            token = self.peek()
            if token is None:
                return rules
            if self.is_punct(token, ";"):
                additional = False
            elif self.is_punct(token, ","):
                additional = True
            else:
                self.unexpected(token, tr("';' or ', ' between rules"))
            self.advance()
            if self.peek() is None:
                self.unexpected(None, tr("a rule after {separator!r}").format(
                    separator=token.text))

    def rule(self, additional):
        """One rule; None when its selector can never match (PH/SH only)."""
        token = self.peek()
        if token is None:
            self.unexpected(None, tr("a rule"))
        days = None
        spans = None
        if token.kind == "always":
            self.advance()
            days = frozenset(range(7))
        else:
            if self.is_day(token):
                days = self.weekday_selector()
            token = self.peek()
            if token is not None and token.kind == "time":
                spans = self.time_selector()
        kind = self.modifier()
        if days is None and spans is None and kind is None:
            self.unexpected(self.peek(), tr("a weekday, a time span, '24/7' or 'off'"))
        if days is not None and not days:
            return None
        if days is None:
            days = frozenset(range(7))
        today, spill = _split_spans(spans if spans else [(0, MINUTES_PER_DAY)])
        return _Rule(additional, days, kind or _OPEN, today, spill)

    def weekday_selector(self):
        days = set()
        while True:
            token = self.advance()
            word = self.word(token)
            if word in _HOLIDAY_WORDS:
                pass  # holidays never fall in the weekly model
            else:
                first = _DAY_WORDS[word]
                if self.is_punct(self.peek(), "-") and self.is_day(self.peek(1)):
                    self.advance()
                    end_token = self.advance()
                    last = _DAY_WORDS.get(self.word(end_token))
                    if last is None:
                        self.error(tr("A holiday cannot end a weekday range (column {column})").format(
                            column=end_token.column), end_token)
                    days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
                else:
                    days.add(first)
            comma, following = self.peek(), self.peek(1)
            if (self.is_punct(comma, ",") and self.is_day(following)
                    and not following.space_before):
                self.advance()
                continue
            return frozenset(days)

    def time_selector(self):
        spans = [self.time_span()]
        while self.is_punct(self.peek(), ",") and self.peek(1) is not None \
                and self.peek(1).kind == "time":
            self.advance()
            spans.append(self.time_span())
        return spans

    def unsupported(self, feature, token):
        if feature == "state":
            message = tr("The state {word!r} at column {column} is not supported: "
                         "hours are either active or not")
        elif feature == "solar":
            message = tr("Solar times such as {word!r} (column {column}) are not supported: "
                         "give clock times")
        else:
            message = tr("Calendar selectors such as {word!r} (column {column}) are not "
                         "supported: the hours describe one recurring week")
        self.error(message.format(word=token.text, column=token.column), token)

    def time_span(self):
        start_token = self.advance()
        start = self.time_value(start_token, extended=False)
        dash = self.peek()
        if not self.is_punct(dash, "-"):
            if self.is_punct(dash, "+"):
                self.error(tr("Open-ended times ('+') are not supported (column {column})").format(
                    column=dash.column), dash)
            self.unexpected(dash, tr("'-' and the end time"))
        self.advance()
        end_token = self.peek()
        if end_token is None or end_token.kind != "time":
            self.unexpected(end_token, tr("an end time"))
        self.advance()
        end = self.time_value(end_token, extended=True)
        after = self.peek()
        if self.is_punct(after, "+") or self.is_punct(after, "/"):
            self.error(tr("Open ends and repeating times are not supported (column {column})").format(
                column=after.column), after)
        if end <= start:
            end += MINUTES_PER_DAY
        return start, end

    def time_value(self, token, extended):
        hours, _, minutes = token.text.replace(".", ":").partition(":")
        hour = int(hours)
        minute = int(minutes) if minutes else 0
        if minutes and len(minutes) != 2:
            self.error(tr("Minutes need two digits in {time!r} (column {column})").format(
                time=token.text, column=token.column), token)
        if minute > 59:
            self.error(tr("Invalid minutes in {time!r} (column {column})").format(
                time=token.text, column=token.column), token)
        value = hour * 60 + minute
        if extended and value > 2 * MINUTES_PER_DAY:
            self.error(tr("An end time can be at most 48:00, not {time!r} (column {column})").format(
                time=token.text, column=token.column), token)
        if not extended and hour > 23:
            self.error(tr("A start time must be before 24:00, not {time!r} (column {column})").format(
                time=token.text, column=token.column), token)
        return value

    def modifier(self):
        kind = None
        token = self.peek()
        if token is not None and token.kind == "word":
            word = self.word(token)
            if word in _MODIFIER_WORDS:
                self.advance()
                kind = _MODIFIER_WORDS[word]
            elif word in _UNSUPPORTED_WORDS:
                self.unsupported(_UNSUPPORTED_WORDS[word], token)
            else:
                self.unexpected(token, tr("'off', 'open', ';' or ', '"))
        token = self.peek()
        if token is not None and token.kind == "comment":
            self.advance()  # free-text comments do not change the hours
        return kind


def _split_spans(spans):
    """Split ``(start, end)`` spans of one day into that day's part and the spill-over."""
    today = _union((start, min(end, MINUTES_PER_DAY)) for start, end in spans)
    spill = _union((0, end - MINUTES_PER_DAY) for _, end in spans if end > MINUTES_PER_DAY)
    return today, spill


# -- interval algebra on sorted tuples of (start, end) ------------------------
def _union(intervals):
    merged = []
    for start, end in sorted(intervals):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _complement(intervals, total=MINUTES_PER_WEEK):
    result = []
    cursor = 0
    for start, end in intervals:
        if start > cursor:
            result.append((cursor, start))
        cursor = end
    if cursor < total:
        result.append((cursor, total))
    return tuple(result)


def _intersection(first, second):
    result = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            result.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return tuple(result)


def _difference(first, second):
    return _intersection(first, _complement(second))


@dataclass(frozen=True)
class _DaySchedule:
    """What one rule says about one day: ranges it opens and ranges it closes."""
    open: tuple = ()
    closed: tuple = ()

    @classmethod
    def of(cls, kind, ranges):
        return cls(open=ranges) if kind == _OPEN else cls(closed=ranges)

    def overlay(self, other):
        """``other`` wins wherever it says anything."""
        return _DaySchedule(
            open=_union(_difference(self.open, other.closed) + other.open),
            closed=_union(_difference(self.closed, other.open) + other.closed))


def _evaluate_day(rules, day):
    """Open ranges of a weekday, evaluated rule by rule as the reference does.

    The running result is kept as open ranges only: what earlier rules closed
    never matters again, and a result without open ranges counts as no result.
    """
    yesterday = (day - 1) % 7
    result = ()
    for rule in rules:
        matches_today = day in rule.days
        today = _DaySchedule.of(rule.kind, rule.today) if matches_today else None
        spill = _DaySchedule.of(rule.kind, rule.spill) if yesterday in rule.days else None
        if today is not None and spill is not None:
            current = today.overlay(spill)
        else:
            current = today if today is not None else spill
        if current is None:
            continue
        if not rule.additional and rule.kind == _OPEN:
            # A normal rule replaces whatever came before on the days it names.
            if matches_today or not result:
                result = current.open
        else:
            # Additional rules, and closing rules of either kind, only amend.
            result = _DaySchedule(open=result).overlay(current).open
    return result


def _evaluate(rules):
    week = []
    for day in range(7):
        offset = day * MINUTES_PER_DAY
        week.extend((offset + start, offset + end) for start, end in _evaluate_day(rules, day))
    return _union(week)


class WeeklySchedule:
    """An immutable set of minutes in a week."""

    __slots__ = ("_intervals", "__weakref__")

    def __init__(self, intervals=()):
        self._intervals = _union(
            (max(0, int(start)), min(MINUTES_PER_WEEK, int(end))) for start, end in intervals)

    @classmethod
    def parse(cls, text):
        """Parse opening_hours text; raises :class:`ScheduleError` saying what and where."""
        if not isinstance(text, str):
            raise ScheduleError(tr("Hours must be text, not {kind}").format(
                kind=type(text).__name__), str(text), None)
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
        return WeeklySchedule(_intersection(self._intervals, other._intervals))

    def __or__(self, other):
        return WeeklySchedule(self._intervals + other._intervals)

    def __sub__(self, other):
        return WeeklySchedule(_difference(self._intervals, other._intervals))

    def __invert__(self):
        return WeeklySchedule(_complement(self._intervals))

    def __eq__(self, other):
        if not isinstance(other, WeeklySchedule):
            return NotImplemented
        return self._intervals == other._intervals

    def __hash__(self):
        return hash(self._intervals)

    def __repr__(self):
        return "WeeklySchedule.parse({!r})".format(self.to_opening_hours())


@lru_cache(maxsize=4096)
def _parse_cached(text):
    return WeeklySchedule(_evaluate(_Parser(text).parse()))


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
        if (len(pieces) > 1 and pieces[-1][1] % MINUTES_PER_DAY
                and pieces[-2][0] % MINUTES_PER_DAY):
            last = pieces.pop()
            pieces[-1] = (pieces[-1][0], last[1])
        for piece_start, piece_end in pieces:
            day, offset = divmod(piece_start, MINUTES_PER_DAY)
            spans[day % 7].append((offset, offset + piece_end - piece_start))
    return [tuple(sorted(day)) for day in spans]


def _format_time(minutes):
    return "{:02d}:{:02d}".format(*divmod(minutes, 60))


def _format_span(start, end):
    if end > MINUTES_PER_DAY and end - MINUTES_PER_DAY < start:
        end -= MINUTES_PER_DAY  # the usual way to write a night: 22:00-03:00
    return "{}-{}".format(_format_time(start), _format_time(end))


def _format_days(days):
    runs = []
    for day in sorted(days):
        if runs and runs[-1][1] == day - 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return ",".join(WEEKDAYS[first] if first == last else
                    "{}-{}".format(WEEKDAYS[first], WEEKDAYS[last]) for first, last in runs)


@lru_cache(maxsize=4096)
def _format_cached(intervals):
    if not intervals:
        return "off"
    if intervals == ((0, MINUTES_PER_WEEK),):
        return "24/7"
    groups = {}
    for day, spans in enumerate(_day_spans(intervals)):
        if spans:
            groups.setdefault(spans, []).append(day)
    rules = ["{} {}".format(_format_days(days), ",".join(_format_span(*span) for span in spans))
             for spans, days in sorted(groups.items(), key=lambda item: item[1][0])]
    # ";" reads best, but a later rule drops an earlier night's spill into its
    # day; additional rules keep every span.
    text = "; ".join(rules)
    if _parse_cached(text).intervals != intervals:
        text = ", ".join(rules)
    return text
