"""Space-and-time overlap of schools and open drug scenes.

A school and a scene form a pair when the scene comes within the school's
distance (``space``: true distances, exact areas, outlines for the map).
The time measures depend only on the two schedules and the scene's dates,
so they are computed once per distinct combination (``period_times``).
"""

import time

from ..definitions.conflicts import NO_CONFLICT
from ..i18n import tr
from .errors import AnalysisCanceled
from .period_times import PeriodTimes, TimeSettings
from .records import Analysis, PairResult, SchoolSummary
from .space import Space

# Schools per batch: large enough for numpy to pay, small enough that
# progress and cancel are checked often: sized, from a small first batch, to
# about _BATCH_SECONDS of work each (school grounds cost far more than points),
# counted in this thread's CPU time: work, not time spent waiting for a core.
_CHUNK = 1000
_FIRST_BATCH = 32
_BATCH_SECONDS = 0.03


def next_batch(size, seconds):
    """Schools in the next batch after ``size`` took ``seconds``: about _BATCH_SECONDS
    of work, at most half as many again (one fast batch proves little), 1 to _CHUNK."""
    wanted = int(size * _BATCH_SECONDS / max(seconds, 1e-6))
    return max(1, min(_CHUNK, size + (size + 1) // 2, wanted))


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
    analysis.scenes_outside = sorted(scene.fid for scene in scenes if not times.exists(scene))
    scenes = [scene for scene in scenes if times.exists(scene)]
    space = Space(schools, scenes, distance)
    school_hours = [times.school_hours(school) for school in schools]
    scene_hours = [times.scene_hours(scene) for scene in scenes]
    # One text per distinct weekly schedule, as the input gave it.
    text = {}
    for record in schools + scenes:
        if record.schedule not in text:
            text[record.schedule] = record.schedule.to_opening_hours()
    settings = times.settings
    # The same on every summary row: what the report says of the run.
    run = (settings.period.start, settings.period.end, settings.calendar.terms_text,
           settings.calendar.school_holidays_text)
    if not schools and progress is not None:
        progress(100.0)
    start, size = 0, _FIRST_BATCH
    while start < len(schools):
        if is_canceled is not None and is_canceled():
            raise AnalysisCanceled(tr("The analysis was canceled."))
        stop = min(start + size, len(schools))
        began = time.thread_time()
        rows, cols, gaps, areas, shares, outlines = space.overlaps(start, stop)
        found = {}
        for row, col, *space_fields in zip(
            rows.tolist(), cols.tolist(), gaps.tolist(), areas.tolist(), shares.tolist(), outlines
        ):
            school, scene = schools[row], scenes[col]
            measures = times.get_measures(school_hours[row], scene_hours[col],
                                          scene.first_day, scene.last_day)
            pair = _pair(school, scene, space_fields, measures,
                         (text[school.schedule], text[scene.schedule]))
            analysis.pairs.append(pair)
            found.setdefault(row, []).append(
                (pair, scene, (scene_hours[col], scene.first_day, scene.last_day)))
        analysis.summaries.extend(
            _summary(schools[row], school_hours[row], text[schools[row].schedule],
                     found.get(row, ()), times, run)
            for row in range(start, stop)
        )
        if progress is not None:
            progress(100.0 * stop / len(schools))
        start, size = stop, next_batch(size, time.thread_time() - began)
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


def _summary(school, schedule, hours_text, pairs, times, run):
    """The school's row; its measures come from the union of its scenes' hours."""
    if not pairs:
        return SchoolSummary(
            # Positional, in field order: no scenes, no conflict, no minutes, no hours.
            school.fid, school.name, school.school_type, hours_text, 0, NO_CONFLICT,
            0, 0, None, None, None, None, None, 0, 0, "", 0, school.hours_note, school.geometry,
            *run,
        )
    notes = [school.hours_note] if school.hours_note else []
    # In the order of the scenes' ids, not of reading: a database table has no fixed order.
    for _, scene, _ in sorted(pairs, key=lambda found: found[1].fid):
        if scene.hours_note:
            note = tr("{scene}: {note}").format(scene=scene.name, note=scene.hours_note)
            if note not in notes:
                notes.append(note)
    measures = times.union_measures(schedule, tuple(dict.fromkeys(
        part for _, _, part in pairs)))
    return SchoolSummary(
        school_fid=school.fid,
        school_name=school.name,
        school_type=school.school_type,
        school_hours=hours_text,
        scene_count=len(pairs),
        worst_conflict=measures.conflict,
        concurrent_min=measures.concurrent_min,
        afterhours_min=measures.afterhours_min,
        nearest_m=min(pair.distance_m for pair, _, _ in pairs),
        presence_hours=measures.presence_hours,
        guard_hours=measures.guard_hours,
        round_days=measures.round_days,
        round_before=measures.round_before,
        period_concurrent_min=measures.period_concurrent_min,
        period_afterhours_min=measures.period_afterhours_min,
        conflict_dates=measures.conflict_dates,
        round_count=measures.round_count,
        hours_note="; ".join(notes),
        geometry=school.geometry,
        period_start=run[0],
        period_end=run[1],
        school_terms=run[2],
        school_holidays=run[3],
    )
