"""One school, one feature: name normalisation and the merge rules, on shapely geometries."""

import pytest
from shapely import wkt
from shapely.geometry import MultiPolygon, Point, box

from drogscen_plugin.core.dedup import (
    GROUNDS_IN_GROUNDS,
    NEAR_METRES,
    POINT_IN_GROUNDS,
    SAME_NAME_NEARBY,
    duplicates,
    name_key,
)

# 0.001° of longitude at 59.3° N, in metres.
LON_METRES = 111_320.0 * 0.001 * 0.5105


@pytest.mark.parametrize(
    "first, second",
    [
        ("Școala Nr. 111", "Școala nr.111"),
        ("Școala Nr. 111", "ȘCOALA  NR 111"),
        ("Școala nr111", "Școala Nr. 111"),
        ("Scuola No. 5", "Scuola nr 5"),
        ("École nº 3", "école Nr. 3"),
        ("Björkskolan", "BJÖRKSKOLAN"),
        ("Björk-skolan", "björk skolan"),
        ("Förskolan Myran", "fo\u0308rskolan myran"),  # decomposed ö
    ],
)
def test_names_that_match_after_normalisation(first, second):
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    "first, second",
    [
        ("Școala Nr. 111", "Școala Nr. 112"),
        ("Björkskolan", "Bjorkskolan"),  # diacritics tell names apart
        ("Școala", "Scoala"),
        ("Storskolan F-3", "Storskolan 4-9"),
        ("Noskolan", "Nrskolan"),
    ],
)
def test_names_that_stay_apart(first, second):
    assert name_key(first) != name_key(second)


GROUNDS = box(18.070, 59.310, 18.074, 59.312)


def test_a_point_in_grounds_of_the_same_or_no_name_is_merged():
    entries = [
        ("school", "Björkskolan", GROUNDS),
        ("school", "björkskolan", Point(18.071, 59.311)),
        ("school", "", Point(18.072, 59.311)),
        ("school", "Tallskolan", Point(18.073, 59.311)),
        ("kindergarten", "Björkskolan", Point(18.0715, 59.3115)),
        # On the boundary counts as within.
        ("school", "Björkskolan", Point(18.074, 59.311)),
    ]
    assert sorted(duplicates(entries)) == [
        (1, 0, POINT_IN_GROUNDS),
        (2, 0, POINT_IN_GROUNDS),
        (5, 0, POINT_IN_GROUNDS),
    ]


def test_a_point_goes_into_the_smallest_grounds_around_it_and_so_into_the_outermost():
    entries = [
        ("school", "Campus", box(18.0, 59.0, 18.1, 59.1)),
        ("school", "", box(18.01, 59.01, 18.02, 59.02)),
        ("school", "Campus", Point(18.015, 59.015)),
    ]
    assert sorted(duplicates(entries)) == [(1, 0, GROUNDS_IN_GROUNDS), (2, 0, POINT_IN_GROUNDS)]


def test_grounds_mostly_outside_others_are_not_nested():
    entries = [
        ("school", "A", box(18.0, 59.0, 18.1, 59.1)),
        # Half of it outside: not within.
        ("school", "A", box(18.09, 59.05, 18.11, 59.06)),
        # A multipolygon with one part inside and one outside.
        (
            "school",
            "A",
            MultiPolygon([box(18.02, 59.02, 18.03, 59.03), box(18.2, 59.2, 18.21, 59.21)]),
        ),
    ]
    assert duplicates(entries) == []


def test_a_point_near_grounds_of_the_same_name_is_merged_within_the_distance():
    inside_reach = 18.074 + 0.001 * (NEAR_METRES - 5) / LON_METRES
    beyond = 18.074 + 0.001 * (NEAR_METRES + 5) / LON_METRES
    entries = [
        ("school", "Björkskolan", GROUNDS),
        ("school", "Björkskolan", Point(inside_reach, 59.311)),
        ("school", "Björkskolan", Point(beyond, 59.311)),
        ("school", "", Point(18.0745, 59.311)),
        ("school", "Tallskolan", Point(18.0745, 59.311)),
    ]
    assert duplicates(entries) == [(1, 0, SAME_NAME_NEARBY)]


def test_an_unnamed_campus_takes_the_name_of_its_first_school_and_refuses_another():
    entries = [
        ("school", "", box(18.0, 59.0, 18.1, 59.1)),
        ("school", "Norra", box(18.01, 59.01, 18.04, 59.04)),
        ("school", "Södra", box(18.05, 59.05, 18.07, 59.07)),
        ("school", "Södra", Point(18.06, 59.06)),
    ]
    assert sorted(duplicates(entries)) == [(1, 0, GROUNDS_IN_GROUNDS), (3, 2, POINT_IN_GROUNDS)]


def test_invalid_grounds_are_compared_repaired():
    square = ("school", "A", box(18.0, 59.0, 18.01, 59.01))
    bowtie = (
        "school",
        "A",
        wkt.loads("POLYGON((18.0 59.0, 18.01 59.01, 18.01 59.0, 18.0 59.01, 18.0 59.0))"),
    )
    assert not bowtie[2].is_valid
    assert duplicates([square, bowtie, ("school", "a", Point(18.001, 59.005))]) == [
        (1, 0, GROUNDS_IN_GROUNDS),
        (2, 0, POINT_IN_GROUNDS),
    ]


def test_many_schools_are_compared_near_each_other_only():
    # 2,500 schools of one city, each a point in its grounds: 2,500 merges, none across.
    entries = []
    for row in range(50):
        for column in range(50):
            x, y = 18.0 + column * 0.003, 59.0 + row * 0.002
            entries.append(
                ("school", "Skola {}".format(len(entries)), box(x, y, x + 0.001, y + 0.001))
            )
            entries.append(("school", "", Point(x + 0.0005, y + 0.0005)))
    merges = duplicates(entries)
    assert sorted(merges) == [
        (index + 1, index, POINT_IN_GROUNDS) for index in range(0, len(entries), 2)
    ]


def test_grounds_of_which_a_repair_leaves_nothing_do_not_stop_the_others():
    # A ring that folds back on itself: invalid, and nothing of it is left by a repair.
    folded = wkt.loads("POLYGON((18.0 59.0, 18.01 59.0, 18.0 59.0, 18.01 59.0, 18.0 59.0))")
    entries = [
        ("school", "A", folded),
        ("school", "B", GROUNDS),
        ("school", "B", Point(18.071, 59.311)),
        ("school", "A", Point(18.005, 59.0)),
    ]
    assert duplicates(entries) == [(2, 1, POINT_IN_GROUNDS)]
