"""Cancel seen within a small amount of work: batches of schools sized by the work they took.

Counted in schools, not timed: a cancel set when the first batch is reported is
seen before the second, and that first batch is small; the next batch's size
follows from the time a batch took (a pure function, checked with given times).
"""

import pytest
from shapely.geometry import Point, box

from drogscen_plugin.core import overlap
from drogscen_plugin.core.errors import AnalysisCanceled
from drogscen_plugin.core.overlap import analyse, next_batch
from drogscen_plugin.core.records import SceneRecord, SchoolRecord
from drogscen_plugin.core.schedule import WeeklySchedule


def schools(count):
    return [
        SchoolRecord(
            fid=fid,
            name="school %d" % fid,
            school_type="grundskola",
            geometry=Point(fid * 10, 0),
            schedule=WeeklySchedule.parse("Mo-Fr 07:00-18:00"),
        )
        for fid in range(count)
    ]


def scenes():
    return [
        SceneRecord(
            fid=1,
            name="scene",
            geometry=box(-1000, -1000, 1000, 1000),
            schedule=WeeklySchedule.parse("24/7"),
        )
    ]


def test_a_cancel_is_seen_after_the_first_small_batch():
    count = 5000
    reported = []
    canceled = []

    def progress(percent):
        reported.append(percent)
        canceled.append(True)  # the user cancels as soon as the run shows progress

    with pytest.raises(AnalysisCanceled):
        analyse(
            schools(count), scenes(), 100, progress=progress, is_canceled=lambda: bool(canceled)
        )
    # One batch, of the first batch's size, was done: not a thousand schools.
    assert reported == [100.0 * overlap._FIRST_BATCH / count]
    assert overlap._FIRST_BATCH < overlap._CHUNK / 10


@pytest.mark.parametrize(
    "size, load, expected",
    [
        (32, 1.0, 32),  # on target: the same size
        (32, 0.01, 48),  # fast: at most half as many again
        (1, 0.01, 2),
        (overlap._CHUNK - 100, 0.01, overlap._CHUNK),  # never more than _CHUNK
        (100, 4.0, 25),  # four times the target: a quarter
        (100, 8.0, 12),
        (1, 100.0, 1),  # one very slow school: still one
        (10, 0.0, 15),  # too fast to measure
    ],
)
def test_the_next_batch_takes_about_the_target_time(size, load, expected):
    """``load``: the time the batch took, in targets."""
    assert next_batch(size, load * overlap._BATCH_SECONDS) == expected


def test_batches_cover_every_school_once_in_order():
    count = 2500
    analysis = analyse(schools(count), scenes(), 100)
    assert [summary.school_fid for summary in analysis.summaries] == list(range(count))
    assert [pair.school_fid for pair in analysis.pairs] == sorted(
        pair.school_fid for pair in analysis.pairs
    )
