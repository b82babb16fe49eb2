"""The parse caches are bounded by the memory they keep, not by a number of texts."""

import tracemalloc

from drogscen_plugin.core import schedule as schedule_module
from drogscen_plugin.core.cache import ByteBoundedCache
from drogscen_plugin.core.schedule import CACHE_BYTES, Schedule, WeeklySchedule

MEGABYTE = 1024 * 1024


def test_200_distinct_1_mb_hours_keep_a_bounded_amount_of_memory():
    schedule_module._parse_cached.cache_clear()
    schedule_module._rules_cached.cache_clear()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(200):
            text = 'Mo 10:00-11:00 "{} {}"'.format(number, "x" * MEGABYTE)
            assert WeeklySchedule.parse(text) == WeeklySchedule.parse("Mo 10:00-11:00")
            assert Schedule.parse(text).comments[0].startswith(str(number))
        del text
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert schedule_module._parse_cached.bytes <= CACHE_BYTES
    assert schedule_module._rules_cached.bytes <= CACHE_BYTES
    # The texts alone are 200 MB; the two caches may keep at most their budgets.
    assert kept < 2 * CACHE_BYTES + 4 * MEGABYTE, kept / MEGABYTE
    # Still a cache: the most recent text is answered without parsing again.
    assert len(schedule_module._parse_cached) >= 2


def test_least_recently_used_entries_go_first():
    computed = []

    def compute(key):
        computed.append(key)
        return key.upper()

    cache = ByteBoundedCache(compute, 100, lambda key, value: 25)
    for key in ("a", "b", "c", "a", "d", "e"):
        cache(key)
    assert computed == ["a", "b", "c", "d", "e"]  # the second "a" came from the cache
    assert cache.bytes == 100  # "b", the least recently used, went
    cache("a")
    assert computed[-1] == "e"
    cache("b")
    assert computed[-1] == "b"


def test_an_entry_larger_than_a_quarter_of_the_budget_is_not_kept():
    cache = ByteBoundedCache(str.upper, 100, lambda key, value: len(key))
    assert cache("x" * 30) == "X" * 30
    assert len(cache) == 0 and cache.bytes == 0
