"""Space-and-time overlap of schools and open drug scenes.

A school and a scene form a pair when the scene comes within the school's
distance (``space``: true distances, exact areas, outlines for the map).
The time measures depend only on the two schedules and the scene's dates,
so they are computed once per distinct combination (``period_times``).
"""

import numpy as np

from ..i18n import tr
from .errors import AnalysisCanceled
from .records import Analysis, PairResult, SchoolSummary
from .period_times import PeriodTimes, TimeSettings
from .space import Space
from .timing import NO_CONFLICT

# Schools per batch: large enough for numpy to pay, small enough that
# progress and cancel are checked often.
_CHUNK = 1000


# --- the analysis -----------------------------------------------------------


def analyse(schools, scenes, distance, *, times=None, progress=None, is_canceled=None):
    """Every school × scene pair within the distance, and one summary per school.

    ``distance`` (metres) applies to schools whose own ``distance`` is None.
    ``times`` (:class:`TimeSettings`): the period and the school calendar,
    by default the current week without school holidays; scenes that do not
    exist in the period are left out (``Analysis.scenes_outside``).
    ``progress(percent)`` is called after each batch of schools;
    ``is_canceled()`` is checked before each batch and each new pair of
    schedules, and raises ``AnalysisCanceled``. Raises ``InputError`` for unusable records.
    """
    schools = list(schools)
    times = PeriodTimes(times or TimeSettings(), is_canceled)
    analysis = Analysis()
    scenes = list(scenes)
    analysis.scenes_outside = [scene.fid for scene in scenes if not times.exists(scene)]
    scenes = [scene for scene in scenes if times.exists(scene)]
    space = Space(schools, scenes, distance)
    school_hours = [times.school_hours(school) for school in schools]
    # What a pair needs of its scene's time: hours and dates, one tuple per scene.
    scene_times = [(times.scene_hours(scene), scene.first_day, scene.last_day)
                   for scene in scenes]
    # One text per weekly schedule object, as the input gave it (parsing
    # shares one object per text; ids spare hashing the intervals).
    text = {}
    for record in schools + scenes:
        if id(record.schedule) not in text:
            text[id(record.schedule)] = record.schedule.to_opening_hours()
    school_text = [text[id(school.schedule)] for school in schools]
    scene_text = [text[id(scene.schedule)] for scene in scenes]
    if not schools and progress is not None:
        progress(100.0)
    for start in range(0, len(schools), _CHUNK):
        if is_canceled is not None and is_canceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        stop = min(start + _CHUNK, len(schools))
        rows, cols, gaps, areas, shares, outlines = space.overlaps(start, stop)
        cols = cols.tolist()
        pairs = [
            _pair(schools[row], scenes[col], space_fields,
                  times.get_measures(school_hours[row], *scene_times[col]),
                  (school_text[row], scene_text[col]))
            for row, col, *space_fields in zip(
                rows.tolist(), cols, gaps.tolist(), areas.tolist(), shares.tolist(), outlines)
        ]
        analysis.pairs.extend(pairs)
        # Pairs come sorted by school: each school's are one slice.
        bounds = np.searchsorted(rows, np.arange(start, stop + 1)).tolist()
        analysis.summaries.extend(
            _summary(schools[row], school_hours[row], school_text[row], times,
                     pairs[first:last], [(scenes[col], scene_times[col]) for col in cols[first:last]])
            if last > first else _lone_summary(schools[row], school_text[row])
            for row, first, last in zip(range(start, stop), bounds, bounds[1:])
        )
        if progress is not None:
            progress(100.0 * stop / len(schools))
    return analysis


def _notes(first, second):
    """Two notes joined; most are empty."""
    return first + "; " + second if first and second else first or second


def _pair(school, scene, space_fields, measures, hours_text):
    gap, area, share, outline = space_fields
    # Positional, in field order: a run makes one per pair.
    return PairResult(
        school.fid,
        scene.fid,
        school.name,
        school.school_type,
        hours_text[0],
        scene.name,
        hours_text[1],
        gap,
        area,
        share,
        *measures,
        _notes(school.hours_note, scene.hours_note),
        outline,
    )


def _lone_summary(school, hours_text):
    """The row of a school without scenes: no conflict, no minutes, no hours."""
    return SchoolSummary(
        # Positional, in field order: a run makes one per school.
        school.fid, school.name, school.school_type, hours_text, 0, NO_CONFLICT,
        0, 0, None, None, None, None, None, 0, 0, "", 0, school.hours_note, school.geometry,
    )


def _summary(school, schedule, hours_text, times, pairs, scenes):
    """The school's row; its measures come from the union of its scenes' hours.

    ``scenes``: ``(scene, (hours, first day, last day))`` of each pair.
    """
    notes = [school.hours_note] if school.hours_note else []
    for scene, _ in scenes:
        if scene.hours_note:
            note = tr("{scene}: {note}").format(scene=scene.name, note=scene.hours_note)
            if note not in notes:
                notes.append(note)
    measures = times.union_measures(schedule, tuple(dict.fromkeys(part for _, part in scenes)))
    return SchoolSummary(
        # Positional, in field order: a run makes one per school.
        school.fid, school.name, school.school_type, hours_text, len(pairs),
        measures.conflict, measures.concurrent_min, measures.afterhours_min,
        min(pair.distance_m for pair in pairs), measures.presence_hours, measures.guard_hours,
        measures.round_days, measures.round_before, measures.period_concurrent_min,
        measures.period_afterhours_min, measures.conflict_dates, measures.round_count,
        "; ".join(notes), school.geometry,
    )
