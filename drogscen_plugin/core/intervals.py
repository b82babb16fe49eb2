"""Sets of minutes as sorted, disjoint, half-open ``(start, end)`` tuples."""

from .cancel import check, each


def union(intervals):
    merged = []
    for start, end in each(sorted(intervals), 1024):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def complement(intervals, total):
    result = []
    cursor = 0
    for start, end in each(intervals, 1024):
        if start > cursor:
            result.append((cursor, start))
        cursor = end
    if cursor < total:
        result.append((cursor, total))
    return tuple(result)


def intersection(first, second):
    result = []
    i = j = 0
    while i < len(first) and j < len(second):
        # A year of many spans is a million steps: cancel is looked at on the way.
        if not (i + j) % 1024:
            check()
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            result.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return tuple(result)


def difference(first, second, total):
    return intersection(first, complement(second, total))
