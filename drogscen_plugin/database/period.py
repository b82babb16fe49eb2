"""The time part of the push-down: the analysis period as tsmultirange values.

The plugin's own parser reads each distinct hours text once (a school's
also once per school type: its calendar schedule); each distinct schedule's
open intervals, from the yard round's look-back before the period to its
end, go into a temporary table as one tsmultirange. The scenes' date
fields are read once per distinct pair of values, as on the desktop. A
scene's activity is its schedule clipped to its days; the minutes come
from the range operators in SQL, and the hours texts, dates and rounds once
per distinct (school schedule, activity) from the desktop's period engine.
Only hours texts, date values, intervals and keys cross, never a geometry.
"""

from ..core.hours import scene_hours_check, scene_schedule, school_hours_check, school_schedule
from ..core.period import LOOKBACK
from ..core.period_times import PeriodTimes
from ..core.records import SceneRecord, SchoolRecord
from ..i18n import tr
from ..qgis_io.layers import is_blank
from ..qgis_io.reading_log import id_list, log_scenes_outside
from ..qgis_io.scene_dates import SceneDays
from . import period_sql
from .ranges import FixedIntervals, intervals_of, multirange_text
from .session import psycopg2

# Distinct (school schedule, activity) computed and written per batch.
_BATCH = 500


class _Keys:
    """The keys of the scenes with given date values, looked up only when a
    warning names them."""

    def __init__(self, steps, values):
        self._steps = steps
        self._values = values

    def __format__(self, spec):
        return id_list(
            self._steps.keys_with(
                "drogscen_scene",
                "seen IS NOT DISTINCT FROM %s AND closed IS NOT DISTINCT FROM %s",
                self._values,
            )
        )


class PeriodSteps:
    """The time part of one database run ``run`` (a PushDown) over TimeSettings ``settings``."""

    def __init__(self, run, settings, date_fields):
        self.run = run
        self.settings = settings
        self.times = PeriodTimes(settings)
        self.date_fields = date_fields
        period = settings.period
        self.bounds = {
            "window": period.first_moment - LOOKBACK,
            "start": period.first_moment,
            "end": period.end_moment,
            "days": period.days,
        }
        # Schedule objects by their number in drogscen_schedule.
        self.numbers = {}
        self.schedules = {}

    def keys_with(self, temporary, condition, values):
        self.run.execute(period_sql.keys_with(temporary, condition), values)
        return self.run.cursor.fetchone()[0] or []

    def _number(self, schedule):
        """The number of a schedule of the period in drogscen_schedule, added when new."""
        number = self.numbers.get(id(schedule))
        if number is None:
            number = self.numbers[id(schedule)] = len(self.numbers) + 1
            self.schedules[number] = schedule
        return number

    def _calendar(self):
        """SH, and the day whose week dated hours show as: as the desktop reads them."""
        settings = self.times.settings
        return settings.calendar.school_holidays, settings.period.start

    def read_schedules(self, layer_names, scene_hours_field, school_hours_field):
        """Parse each distinct hours text once; fill drogscen_schedule and drogscen_hours."""
        run = self.run
        run.execute(period_sql.SCHEDULES)
        rows = []
        run.execute(period_sql.DISTINCT_SCENE_HOURS)
        for (text,) in run.cursor.fetchall():
            schedule, note = scene_schedule(text, *self._calendar())
            if note and scene_hours_field is not None:
                self._flag("drogscen_scene", layer_names[0], scene_hours_field, text, note)
            elif not note:
                note = self._unlikely("drogscen_scene", text, scene_hours_check(text, schedule))
            record = SceneRecord(0, "", None, schedule, note, _own(text, note))
            rows.append(
                (
                    "scene",
                    text,
                    None,
                    self._number(self.times.scene_hours(record)),
                    schedule.to_opening_hours(),
                    note,
                )
            )
        run.execute(period_sql.DISTINCT_SCHOOL_HOURS)
        for text, school_type in run.cursor.fetchall():
            schedule, note = school_schedule(text, school_type, *run.defaults, *self._calendar())
            if note:
                self._flag("drogscen_school", layer_names[1], school_hours_field, text, note)
            else:
                note = self._unlikely("drogscen_school", text, school_hours_check(text, schedule))
            record = SchoolRecord(0, "", school_type, None, schedule, note, None, _own(text, note))
            rows.append(
                (
                    "school",
                    text,
                    school_type,
                    self._number(self.times.school_hours(record)),
                    schedule.to_opening_hours(),
                    note,
                )
            )
        if scene_hours_field is None:
            run.feedback.pushWarning(
                tr(
                    "Layer '{layer}' has no hours field: every scene is treated as always active."
                ).format(layer=layer_names[0])
            )
        window = (self.bounds["window"], self.bounds["end"])
        psycopg2.extras.execute_values(
            run.cursor,
            "INSERT INTO drogscen_schedule VALUES %s",
            [
                (number, multirange_text(schedule.open_intervals(*window)))
                for number, schedule in self.schedules.items()
            ],
            template="(%s, %s::tsmultirange)",
        )
        psycopg2.extras.execute_values(run.cursor, "INSERT INTO drogscen_hours VALUES %s", rows)

    def _unlikely(self, temporary, text, note):
        """Count the features whose hours are legal but unlikely; the note they keep."""
        if note:
            self.run.tallies[temporary].hours_unlikely.extend(
                self.keys_with(temporary, "hours IS NOT DISTINCT FROM %s", (text,))
            )
        return note

    def _flag(self, temporary, layer, field, text, note):
        """Count the features with these hours; say why when they are not blank."""
        ids = self.keys_with(temporary, "hours IS NOT DISTINCT FROM %s", (text,))
        tally = self.run.tallies[temporary]
        if is_blank(text):
            tally.hours_unknown.extend(ids)
            return
        tally.hours_invalid.extend(ids)
        self.run.feedback.pushWarning(
            tr("Layer '{layer}', feature {fid}, field '{field}': {note}").format(
                layer=layer, fid=id_list(ids), field=field, note=note
            )
        )

    def read_dates(self, layer_name):
        """Each distinct pair of date values read once, as the desktop reads them."""
        if not any(self.date_fields):
            return
        days = SceneDays(layer_name, *self.date_fields, self.run.feedback)
        self.run.execute(period_sql.DISTINCT_DATES)
        rows = [
            values + days.read(_Keys(self, values), values) for values in self.run.cursor.fetchall()
        ]
        psycopg2.extras.execute_values(
            self.run.cursor, "INSERT INTO drogscen_dates VALUES %s", rows
        )

    def assign(self, distance):
        """Each feature's schedule, label, note, reach and days; the scenes that
        do not exist in the period left out. Returns their keys."""
        run = self.run
        run.execute(period_sql.ASSIGN, {"distance": distance})
        run.execute(period_sql.OUTSIDE, self.bounds)
        outside = run.cursor.fetchone()[0] or []
        if outside:
            log_scenes_outside(outside, self.settings.period, run.feedback)
            run.execute(period_sql.LEAVE_OUT, self.bounds)
        run.execute(period_sql.PARTS, self.bounds, progress=15)
        return outside

    def measures(self):
        """The measures per distinct (school schedule, activity): minutes in SQL,
        texts, dates and rounds with the desktop's period engine."""
        run = self.run
        run.execute(period_sql.COMBINATIONS)
        run.execute("SELECT count(*) FROM drogscen_measure")
        run.feedback.pushInfo(
            tr(
                "Time measures of {count} distinct combinations of a school's "
                "hours and scene activity…"
            ).format(count=run.cursor.fetchone()[0])
        )
        with run.connection.cursor(name="drogscen_activities") as activities:
            activities.itersize = _BATCH
            activities.execute(period_sql.ACTIVITIES)
            while True:
                batch = activities.fetchmany(_BATCH)
                if not batch:
                    break
                # An engine per batch: its cache holds only this batch's activities.
                engine = PeriodTimes(self.settings, run.feedback.isCanceled)
                rows = []
                for number, school, active in batch:
                    found = engine.get_measures(
                        self.schedules[school], FixedIntervals(intervals_of(active))
                    )
                    rows.append(
                        (
                            number,
                            found.presence_hours,
                            found.guard_hours,
                            found.round_days,
                            found.round_before,
                            found.conflict_dates,
                            found.round_count,
                        )
                    )
                psycopg2.extras.execute_values(
                    run.cursor, "INSERT INTO drogscen_text VALUES %s", rows
                )
        run.feedback.pushInfo(tr("Minutes of the time overlaps in the database…"))
        run.execute(period_sql.MINUTES, self.bounds, progress=80)


def _own(text, note):
    """The hours as given when readable and without a note, as the layer reader keeps them."""
    return "" if note or text is None else str(text).strip()
