"""Swedish public holidays ("röda dagar") and the eves treated like them.

``PH`` in opening hours means these days. Swedish opening hours treat
julafton, nyårsafton and midsommarafton as holidays (most places close or
keep Sunday hours), so they are included; påskafton and pingstafton are not
(shops keep Saturday hours). This is the same set as the ``opening_hours``
reference library uses for Sweden.
"""

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year):
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _weekday_between(year, month, first_day, weekday):
    """The one date with ``weekday`` in the seven days from ``first_day``."""
    start = date(year, month, first_day)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


@lru_cache(maxsize=256)
def public_holidays(year):
    """``{date: Swedish name}`` of the public holidays and holiday eves of a year."""
    easter = easter_sunday(year)
    midsummer_eve = _weekday_between(year, 6, 19, 4)  # Friday 19–25 June
    days = {
        date(year, 1, 1): "nyårsdagen",
        date(year, 1, 6): "trettondedag jul",
        easter - timedelta(days=2): "långfredagen",
        easter: "påskdagen",
        easter + timedelta(days=1): "annandag påsk",
        date(year, 5, 1): "första maj",
        easter + timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + timedelta(days=49): "pingstdagen",
        date(year, 6, 6): "Sveriges nationaldag",
        midsummer_eve: "midsommarafton",
        midsummer_eve + timedelta(days=1): "midsommardagen",
        _weekday_between(year, 10, 31, 5): "alla helgons dag",  # Saturday 31 Oct–6 Nov
        date(year, 12, 24): "julafton",
        date(year, 12, 25): "juldagen",
        date(year, 12, 26): "annandag jul",
        date(year, 12, 31): "nyårsafton",
    }
    return days


def is_public_holiday(day):
    return day in public_holidays(day.year)
