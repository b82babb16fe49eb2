"""Space-and-time overlap of schools and open drug scenes.

A school and a scene form a pair when the scene comes within the school's
distance (``space``: true distances, exact areas, outlines for the map).
The time measures depend only on the two schedules and the scene's dates,
so they are computed once per distinct combination (``period_times``).
"""

import time

import numpy as np

from ..definitions.conflicts import NO_CONFLICT
from ..i18n import tr
from .cancel import CancelClock, active_clock, each
from .fields import PAIR_FIELDS
from .period_times import PeriodTimes, TimeSettings
from .records import Analysis
from .space import Space

# Schools per batch: large enough for numpy to pay, small enough that
# progress and cancel are checked often: sized, from a small first batch, to
# about _BATCH_SECONDS of work each (school grounds cost far more than points),
# counted in this thread's CPU time: work, not time spent waiting for a core.
_CHUNK = 2000
_FIRST_BATCH = 32
_BATCH_SECONDS = 0.06


def next_batch(size, seconds):
    """Schools in the next batch after ``size`` took ``seconds``: about _BATCH_SECONDS
    of work, at most half as many again (one fast batch proves little), 1 to _CHUNK."""
    wanted = int(size * _BATCH_SECONDS / max(seconds, 1e-6))
    return max(1, min(_CHUNK, size + (size + 1) // 2, wanted))


# Where a pair row holds its distance.
_DISTANCE = [name for name, _ in PAIR_FIELDS].index("distance_m")


# --- the analysis -----------------------------------------------------------


def analyse(
    schools, scenes, distance, *, times=None, progress=None, is_canceled=None, summaries=True
):
    """Every school × scene pair within the distance, and one summary per school
    (none when ``summaries`` is false).

    ``distance`` (metres) applies to schools whose own ``distance`` is None.
    ``times`` (:class:`TimeSettings`): the period and the school calendar,
    by default the current week without school holidays; scenes that do not
    exist in the period are left out (``Analysis.scenes_outside``).
    ``progress(percent)`` is called after each batch of schools;
    ``is_canceled()`` is asked before each batch and each new pair of
    schedules, and within every step at least every ``cancel.INTERVAL`` of
    work (without ``is_canceled``, the thread's active clock looks, if any); a
    cancel raises ``AnalysisCanceled``. Raises ``InputError`` for unusable records.
    """
    clock = CancelClock(is_canceled) if is_canceled else active_clock() or CancelClock()
    with clock.active():
        return _analyse(schools, scenes, distance, times, progress, clock, summaries)


def _analyse(schools, scenes, distance, times, progress, clock, summaries):
    schools = list(schools)
    times = PeriodTimes(times or TimeSettings(), clock.look)
    analysis = Analysis()
    scenes = list(scenes)
    analysis.scenes_outside = sorted(scene.fid for scene in each(scenes) if not times.exists(scene))
    scenes = [scene for scene in each(scenes) if times.exists(scene)]
    space = Space(schools, scenes, distance)
    school_hours = [times.school_hours(school) for school in each(schools)]
    # What a pair needs of its scene's time: hours and dates, one tuple per scene.
    scene_times = [
        (times.scene_hours(scene), scene.first_day, scene.last_day) for scene in each(scenes)
    ]
    school_heads, scene_heads = _heads(schools, scenes)
    # A pair row begins with the two ids, then the school's texts and the scene's.
    school_texts = [head[1:] for head in school_heads]
    scene_texts = [head[1:] for head in scene_heads]
    # Hours notes, most of them empty; a pair's joins its school's and its scene's.
    school_notes = [school.hours_note for school in schools]
    scene_notes = [scene.hours_note for scene in scenes]
    combination = _Combinations(times, school_hours, scene_times)
    summarise = _Summaries(
        analysis, schools, school_heads, combination, _scene_notes(scenes), times.settings
    )
    if not schools and progress is not None:
        progress(100.0)
    start, size = 0, _FIRST_BATCH
    while start < len(schools):
        clock.look()
        stop = min(start + size, len(schools))
        began = time.thread_time()
        rows, cols, gaps, areas, shares, outlines = space.overlaps(start, stop)
        measures = combination.measures(rows, cols)
        rows, cols = rows.tolist(), cols.tolist()
        # In field order (``fields.PAIR_FIELDS``); written out here, as this runs per pair.
        pairs = [
            [
                school_heads[row][0],
                scene_heads[col][0],
                *school_texts[row],
                *scene_texts[col],
                gap,
                area,
                share,
                *measure,
                school_notes[row] + "; " + scene_notes[col]
                if school_notes[row] and scene_notes[col]
                else school_notes[row] or scene_notes[col],
            ]
            for row, col, measure, gap, area, share in zip(
                rows, cols, measures, gaps.tolist(), areas.tolist(), shares.tolist()
            )
        ]
        analysis.pair_rows.extend(pairs)
        analysis.pair_geometries.extend(outlines)
        if summaries:
            summarise(start, stop, rows, cols, pairs)
        if progress is not None:
            progress(100.0 * stop / len(schools))
        start, size = stop, next_batch(size, time.thread_time() - began)
    return analysis


class _Summaries:
    """Adds the summary rows of schools, batch by batch, to an Analysis."""

    def __init__(self, analysis, schools, heads, combination, scene_notes, settings):
        self.analysis = analysis
        self.schools, self.heads = schools, heads
        self.combination = combination
        self.scene_notes = scene_notes
        self.run = _run_values(settings)

    def __call__(self, start, stop, rows, cols, pairs):
        """Schools ``start``..``stop``, whose pairs (sorted by school) are ``rows``,
        ``cols`` and the rows ``pairs``."""
        schools, heads, notes, run = self.schools, self.heads, self.scene_notes, self.run
        # Each school's pairs are one slice.
        bounds = np.searchsorted(rows, np.arange(start, stop + 1)).tolist()
        self.analysis.summary_rows.extend(
            _summary_row(
                schools[row],
                heads[row],
                pairs[first:last],
                self.combination.union(row, cols[first:last]),
                [notes[col] for col in cols[first:last]],
                run,
            )
            if last > first
            else _lone_summary_row(schools[row], heads[row], run)
            for row, first, last in zip(range(start, stop), bounds, bounds[1:])
        )
        self.analysis.summary_geometries.extend(school.geometry for school in schools[start:stop])


def _heads(schools, scenes):
    """The leading values of the schools' and the scenes' rows: ids, names, hours text."""
    # One text per weekly schedule object, as the input gave it (parsing
    # shares one object per text; ids spare hashing the intervals).
    text = {}
    for record in each(schools + scenes):
        if id(record.schedule) not in text:
            text[id(record.schedule)] = record.schedule.to_opening_hours()
    school_heads = [
        (school.fid, school.name, school.school_type, text[id(school.schedule)])
        for school in each(schools)
    ]
    scene_heads = [(scene.fid, scene.name, text[id(scene.schedule)]) for scene in scenes]
    return school_heads, scene_heads


def _scene_notes(scenes):
    """What a school's summary says of each scene's hours (None mostly), by scene id:
    a database table has no fixed order."""
    return [
        (scene.fid, tr("{scene}: {note}").format(scene=scene.name, note=scene.hours_note))
        if scene.hours_note
        else None
        for scene in scenes
    ]


def _run_values(settings):
    """The same on every summary row: what the report says of the run (the schools'
    sources are filled in by the caller, who reads the layer)."""
    return [
        settings.period.start,
        settings.period.end,
        settings.calendar.terms_text,
        settings.calendar.school_holidays_text,
        "",
    ]


class _Combinations:
    """The time measures of pairs, looked up by (school hours, scene hours and dates)."""

    def __init__(self, times, school_hours, scene_times):
        self._times = times
        self._school_hours = school_hours
        self._scene_times = scene_times
        # Small numbers for the distinct hours objects and scene times.
        self._school_keys = _numbered([id(hours) for hours in school_hours])
        self._scene_keys = _numbered(
            [(id(hours), first, last) for hours, first, last in scene_times]
        )
        # The same as lists: Python numbers hash faster than numpy's.
        self._school_list, self._scene_list = self._school_keys.tolist(), self._scene_keys.tolist()
        self._known = {}
        self._unions = {}

    def measures(self, rows, cols):
        """The measures of each pair of schools ``rows`` and scenes ``cols``, a list."""
        codes = (
            self._school_keys[rows] * (int(self._scene_keys.max(initial=0)) + 1)
            + self._scene_keys[cols]
        )
        known = self._known
        # Once per new combination: a run meets a few dozen.
        for code, first in zip(*(part.tolist() for part in np.unique(codes, return_index=True))):
            if code not in known:
                known[code] = self._times.get_measures(
                    self._school_hours[rows[first]], *self._scene_times[cols[first]]
                )
        return [known[code] for code in codes.tolist()]

    def union(self, row, cols):
        """The measures of school ``row`` against the union of scenes ``cols``."""
        scene_keys = self._scene_list
        key = (self._school_list[row], frozenset([scene_keys[col] for col in cols]))
        found = self._unions.get(key)
        if found is None:
            parts = tuple(dict.fromkeys(self._scene_times[col] for col in cols))
            found = self._unions[key] = self._times.union_measures(self._school_hours[row], parts)
        return found


def _numbered(keys):
    """An array numbering equal keys alike, from 0."""
    numbers = {}
    return np.array([numbers.setdefault(key, len(numbers)) for key in each(keys)], dtype=np.int64)


def _lone_summary_row(school, head, run):
    """The summary values of a school without scenes: no conflict, no minutes, no hours."""
    return [
        *head,
        0,
        NO_CONFLICT,
        0,
        0,
        None,
        None,
        None,
        None,
        None,
        0,
        0,
        "",
        0,
        school.hours_note,
        *run,
    ]


def _summary_row(school, head, pairs, measures, scene_notes, run):
    """The school's summary values in field order (``fields.SUMMARY_FIELDS``).

    ``pairs``: its pair rows; ``measures``: against the union of their
    scenes' hours; ``scene_notes``: what to say of each scene's hours, as
    (scene id, note) or None; ``run``: the values the same on every row.
    """
    notes = [school.hours_note] if school.hours_note else []
    for _, note in sorted(found for found in scene_notes if found):
        if note not in notes:
            notes.append(note)
    return [
        *head,
        len(pairs),
        measures.conflict,
        measures.concurrent_min,
        measures.afterhours_min,
        min(pair[_DISTANCE] for pair in pairs),
        measures.presence_hours,
        measures.guard_hours,
        measures.round_days,
        measures.round_before,
        measures.period_concurrent_min,
        measures.period_afterhours_min,
        measures.conflict_dates,
        measures.round_count,
        "; ".join(notes),
        *run,
    ]
