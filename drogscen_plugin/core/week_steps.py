"""A schedule as one character per 15-minute step of the week, for map styles.

The dock's time moves in these steps; an expression then reads one character
per feature and frame (``substr("steps", @drogscen_step, 1) = '1'``) instead
of parsing hours text, which is what keeps a redraw fast at thousands of
schools.
"""

from datetime import datetime, timedelta

STEP_MINUTES = 15
STEPS = 7 * 24 * 60 // STEP_MINUTES
_MONDAY = datetime(2024, 1, 1)


def step_of(moment):
    """The step (0 = Monday 00:00) whose start is at or before ``moment``."""
    return (moment.weekday() * 24 * 60 + moment.hour * 60 + moment.minute) // STEP_MINUTES


def week_steps(schedule, monday=_MONDAY):
    """ "1" for each step whose start the schedule covers, else "0"; STEPS characters.

    ``monday`` (a datetime at midnight) is the week's start: weekly schedules
    are alike every week, schedules on the calendar are not.
    """
    return "".join(
        "1" if schedule.is_active(monday + timedelta(minutes=step * STEP_MINUTES)) else "0"
        for step in range(STEPS)
    )
