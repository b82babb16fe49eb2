"""Reading ``opening_hours`` text into rules (see schedule.py for what they mean).

One pass over the tokens, each looked at a bounded number of times, so the
work is linear in the length of the text.
"""

import re
import unicodedata
from dataclasses import dataclass

from ..i18n import tr
from .cancel import check
from .errors import ScheduleError
from .hours_dates import DateSelectorParser
from .intervals import union

MINUTES_PER_DAY = 1440
OPEN, CLOSED = "open", "closed"
NORMAL, ADDITIONAL, FALLBACK = ";", ",", "||"

DAY_WORDS = {
    "mo": 0,
    "må": 0,
    "mån": 0,
    "måndag": 0,
    "tu": 1,
    "ti": 1,
    "tis": 1,
    "tisdag": 1,
    "we": 2,
    "on": 2,
    "ons": 2,
    "onsdag": 2,
    "th": 3,
    "to": 3,
    "tor": 3,
    "torsdag": 3,
    "fr": 4,
    "fre": 4,
    "fredag": 4,
    "sa": 5,
    "lö": 5,
    "lör": 5,
    "lördag": 5,
    "su": 6,
    "sö": 6,
    "sön": 6,
    "söndag": 6,
}
HOLIDAY_WORDS = {"ph": "PH", "sh": "SH"}
_MODIFIER_WORDS = {"open": OPEN, "off": CLOSED, "closed": CLOSED}
_UNSUPPORTED_WORDS = {
    "unknown": "state",
    "sunrise": "solar",
    "sunset": "solar",
    "dawn": "solar",
    "dusk": "solar",
    "easter": "variable",
}

_TOKEN_RE = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<always>(?<![-\d])24/7(?!\d))  # not a week range with a step: week 1-24/7
  | (?P<time>\d+[:.]\d+)
  | (?P<number>\d+)
  | (?P<word>[^\W\d_]+)
  | (?P<comment>"[^"]*")
  | (?P<punct>\|\||[-–—;,+/:\[\]"])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    column: int  # 1-based
    space_before: bool


def tokenize(text):
    tokens = []
    pos = 0
    space = True
    while pos < len(text):
        # A megabyte of text takes a second: cancel is looked at on the way.
        if not len(tokens) % 256:
            check()
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            raise ScheduleError(
                tr("Unexpected character {char!r} at column {column}").format(
                    char=text[pos], column=pos + 1
                ),
                text,
                pos + 1,
            )
        kind = match.lastgroup
        if kind == "space":
            space = True
        else:
            token_text = "-" if match.group() in "–—" else match.group()
            tokens.append(Token(kind, token_text, pos + 1, space))
            space = False
        pos = match.end()
    return tokens


@dataclass(frozen=True)
class Selector:
    """Which days a rule names: date selectors, weekdays and holidays."""

    dates: tuple = ()  # predicates on a date, all must hold
    weekdays: frozenset = None
    holidays: frozenset = None  # {"PH", "SH"}
    both: bool = False  # "PH Mo-Fr": a holiday that is also one of the weekdays
    date_token: Token = None  # the first date selector, for the weekly model's refusal

    def dates_match(self, day):
        return all(predicate(day) for predicate in self.dates)

    def matches_weekday(self, weekday, holidays):
        on_day = self.weekdays is not None and weekday in self.weekdays
        on_holiday = self.holidays is not None and not self.holidays.isdisjoint(holidays)
        if self.weekdays is None:
            return on_holiday if self.holidays is not None else True
        if self.holidays is None:
            return on_day
        return (on_day and on_holiday) if self.both else (on_day or on_holiday)


@dataclass(frozen=True)
class Rule:
    operator: str
    selector: Selector
    kind: str
    today: tuple  # ranges within the day it names
    spill: tuple  # ranges past midnight, in the next day's minutes
    comment: str = ""
    stateful: bool = True  # False for a rule that is only a comment


class Parser(DateSelectorParser):
    def __init__(self, text):
        self.text = text
        self.tokens = tokenize(text)
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
            self.error(tr("Unexpected end of text: expected {expected}").format(expected=expected))
        self.error(
            tr("Unexpected {text!r} at column {column}: expected {expected}").format(
                text=token.text, column=token.column, expected=expected
            ),
            token,
        )

    @staticmethod
    def is_punct(token, char):
        return token is not None and token.kind == "punct" and token.text == char

    @staticmethod
    def word(token):
        if token is None or token.kind != "word":
            return None
        return unicodedata.normalize("NFC", token.text).lower()

    def is_day(self, token):
        word = self.word(token)
        return word in DAY_WORDS or word in HOLIDAY_WORDS

    def is_time_start(self, token):
        return token is not None and (
            token.kind == "time" or (token.kind == "number" and len(token.text) <= 2)
        )

    # -- grammar -----------------------------------------------------------
    def parse(self):
        if not self.tokens:
            self.error(tr("The hours are empty"))
        rules = []
        operator = NORMAL
        while True:
            check()
            rules.append(self.rule(operator))
            token = self.peek()
            if token is None:
                return rules
            if token.kind != "punct" or token.text not in (NORMAL, ADDITIONAL, FALLBACK):
                self.unexpected(token, tr("';', ', ' or '||' between rules"))
            operator = token.text
            self.advance()
            if self.peek() is None:
                self.unexpected(None, tr("a rule after {separator!r}").format(separator=token.text))

    def rule(self, operator):
        token = self.peek()
        if token is None:
            self.unexpected(None, tr("a rule"))
        selector = Selector()
        spans = None
        if token.kind == "always":
            self.advance()
        else:
            dates, date_token = self.date_selectors()
            selector = Selector(dates=dates, date_token=date_token)
            if self.is_day(self.peek()):
                selector = self.weekday_selector(selector)
            if self.is_time_start(self.peek()):
                spans = self.time_selector()
        kind, comment = self.modifier()
        bare = token.kind != "always" and selector == Selector() and spans is None
        if bare and kind is None:
            if comment:
                return Rule(operator, selector, OPEN, (), (), comment, stateful=False)
            self.unexpected(self.peek(), tr("a date, a weekday, a time span, '24/7' or 'off'"))
        today, spill = _split_spans(spans if spans else [(0, MINUTES_PER_DAY)])
        return Rule(operator, selector, kind or OPEN, today, spill, comment)

    def weekday_selector(self, selector):
        """Weekdays and holidays: ``Mo-Fr``, ``PH,Sa`` (either), ``PH Mo-Fr`` (both)."""
        days, holidays = self.day_list()
        both = False
        following = self.peek()
        if self.is_day(following) and following.space_before:
            more_days, more_holidays = self.day_list()
            # Holidays on one side and weekdays on the other: "PH Mo-Fr", "Mo-Fr PH".
            if not ((not days and not more_holidays) or (not holidays and not more_days)):
                self.unexpected(
                    following,
                    tr("a time span or ';' (holidays and weekdays are combined as 'PH Mo-Fr')"),
                )
            days, holidays, both = days | more_days, holidays | more_holidays, True
        return Selector(
            selector.dates,
            frozenset(days) if days or not holidays else None,
            frozenset(holidays) if holidays else None,
            both,
            selector.date_token,
        )

    def day_list(self):
        days, holidays = set(), set()
        while True:
            token = self.advance()
            word = self.word(token)
            if word in HOLIDAY_WORDS:
                holidays.add(HOLIDAY_WORDS[word])
            else:
                first = DAY_WORDS[word]
                if self.is_punct(self.peek(), "-") and self.is_day(self.peek(1)):
                    self.advance()
                    end_token = self.advance()
                    last = DAY_WORDS.get(self.word(end_token))
                    if last is None:
                        self.error(
                            tr("A holiday cannot end a weekday range (column {column})").format(
                                column=end_token.column
                            ),
                            end_token,
                        )
                    days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
                else:
                    days.add(first)
                if self.is_punct(self.peek(), "["):
                    self.error(
                        tr(
                            "Nth weekdays such as {text!r} (column {column}) are not supported"
                        ).format(text=token.text + "[...]", column=token.column),
                        token,
                    )
            comma, following = self.peek(), self.peek(1)
            if self.is_punct(comma, ",") and self.is_day(following) and not following.space_before:
                self.advance()
                continue
            return days, holidays

    def time_selector(self):
        spans = [self.time_span()]
        while self.is_punct(self.peek(), ",") and self.is_time_start(self.peek(1)):
            self.advance()
            spans.append(self.time_span())
        return spans

    def unsupported(self, feature, token):
        if feature == "state":
            message = tr(
                "The state {word!r} at column {column} is not supported: "
                "hours are either active or not"
            )
        elif feature == "solar":
            message = tr(
                "Solar times such as {word!r} (column {column}) are not supported: give clock times"
            )
        else:
            message = tr(
                "Variable dates such as {word!r} (column {column}) are not "
                "supported: give the dates"
            )
        self.error(message.format(word=token.text, column=token.column), token)

    def time_span(self):
        start_token = self.advance()
        start = self.time_value(start_token, extended=False)
        dash = self.peek()
        if not self.is_punct(dash, "-"):
            if self.is_punct(dash, "+"):
                self.error(
                    tr("Open-ended times ('+') are not supported (column {column})").format(
                        column=dash.column
                    ),
                    dash,
                )
            self.unexpected(dash, tr("'-' and the end time"))
        self.advance()
        end_token = self.peek()
        if end_token is None or end_token.kind not in ("time", "number"):
            self.unexpected(end_token, tr("an end time"))
        self.advance()
        end = self.time_value(end_token, extended=True)
        after = self.peek()
        if self.is_punct(after, "+") or self.is_punct(after, "/"):
            self.error(
                tr("Open ends and repeating times are not supported (column {column})").format(
                    column=after.column
                ),
                after,
            )
        if end <= start:
            end += MINUTES_PER_DAY
        return start, end

    def time_value(self, token, extended):
        hours, _, minutes = token.text.replace(".", ":").partition(":")
        hour = int(hours)
        minute = int(minutes) if minutes else 0
        if minutes and len(minutes) != 2:
            self.error(
                tr("Minutes need two digits in {time!r} (column {column})").format(
                    time=token.text, column=token.column
                ),
                token,
            )
        if minute > 59:
            self.error(
                tr("Invalid minutes in {time!r} (column {column})").format(
                    time=token.text, column=token.column
                ),
                token,
            )
        value = hour * 60 + minute
        if extended and value > 2 * MINUTES_PER_DAY:
            self.error(
                tr("An end time can be at most 48:00, not {time!r} (column {column})").format(
                    time=token.text, column=token.column
                ),
                token,
            )
        if not extended and hour > 23:
            self.error(
                tr("A start time must be before 24:00, not {time!r} (column {column})").format(
                    time=token.text, column=token.column
                ),
                token,
            )
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
            elif self.is_date_word(token):
                self.error(
                    tr("Dates go before weekdays and times: {word!r} at column {column}").format(
                        word=token.text, column=token.column
                    ),
                    token,
                )
            else:
                self.unexpected(token, tr("'off', 'open', ';' or ', '"))
        comment = ""
        token = self.peek()
        if token is not None and token.kind == "comment":
            self.advance()
            comment = token.text[1:-1]
        return kind, comment


def _split_spans(spans):
    """Split ``(start, end)`` spans of one day into that day's part and the spill-over."""
    today = union((start, min(end, MINUTES_PER_DAY)) for start, end in spans)
    spill = union((0, end - MINUTES_PER_DAY) for _, end in spans if end > MINUTES_PER_DAY)
    return today, spill
