"""A moment on the calendar: a date and a time of day in 15-minute steps, what
kind of day it is (a public holiday, a school holiday), "Now", "Show all"."""

from datetime import datetime, time, timedelta

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QDateTime, QSignalBlocker, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolButton,
    QWidget,
)

from ..core.errors import InputError
from ..core.holidays import public_holidays
from ..core.school_calendar import BREAK, HOLIDAY, LOV
from ..i18n import tr
from ..qgis_io.project_calendar import project_calendar

STEP_MINUTES = 15
STEPS_PER_DAY = 24 * 60 // STEP_MINUTES
# Play and the step buttons move by an hour; play shows one hour a second.
HOUR_STEPS = 60 // STEP_MINUTES
PLAY_INTERVAL_MS = 1000
_STEP = timedelta(minutes=STEP_MINUTES)


def weekday_names():
    return [
        tr("Monday"),
        tr("Tuesday"),
        tr("Wednesday"),
        tr("Thursday"),
        tr("Friday"),
        tr("Saturday"),
        tr("Sunday"),
    ]


def day_description(day, calendar):
    """The weekday and, when schools keep other hours then, the kind of day."""
    name = weekday_names()[day.weekday()]
    kind = calendar.day_kind(day)
    if kind == HOLIDAY:
        return tr("{weekday}, public holiday: {holiday}").format(
            weekday=name, holiday=public_holidays(day.year)[day]
        )
    if kind == LOV:
        return tr("{weekday}, school holiday (lov)").format(weekday=name)
    if kind == BREAK:
        return tr("{weekday}, outside the terms").format(weekday=name)
    return name


def _floored(moment):
    """``moment`` rounded down to a step, without seconds."""
    minutes = (moment.hour * 60 + moment.minute) // STEP_MINUTES * STEP_MINUTES
    return datetime.combine(moment.date(), time(minutes // 60, minutes % 60))


class DateTimeControl(QWidget):
    """Emits ``momentChanged(datetime)`` for the chosen moment, or None for "show all".

    The moment is a real date and time: public holidays, dated hours and the
    school calendar the dock keeps in the project count.
    """

    momentChanged = pyqtSignal(object)  # noqa: N815 (Qt naming)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.when = QDateTimeEdit(QDateTime(_floored(datetime.now())))
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setToolTip(tr("Date and time shown on the map"))
        self.day = QLabel()
        self.time = QSlider(Qt.Orientation.Horizontal)
        self.time.setRange(0, STEPS_PER_DAY - 1)
        self.time.setPageStep(HOUR_STEPS)
        self.time.setToolTip(tr("Time of day, in steps of 15 minutes"))
        self.now = QPushButton(tr("Now"))
        self.now.setToolTip(tr("Show the current date and time"))
        self.show_all = QCheckBox(tr("Show all times"))
        self.show_all.setToolTip(
            tr("Show every scene and school, whatever the time; untick to see one moment")
        )
        self.show_all.setChecked(True)
        self.back = self._tool_button("/temporal_navigation/back.svg", "◀", tr("One hour back"))
        self.play = self._tool_button(
            "/temporal_navigation/forward.svg", "▶", tr("Play: one hour a second")
        )
        self.play.setCheckable(True)
        self.forward = self._tool_button(
            "/temporal_navigation/next.svg", "▶|", tr("One hour forward")
        )
        self.following = QLabel(tr("Following the Temporal Controller"))
        self.following.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(PLAY_INTERVAL_MS)
        self._lay_out()
        self._show_time()
        self.when.dateTimeChanged.connect(self._edited)
        self.time.valueChanged.connect(self._slid)
        self.now.clicked.connect(lambda: self.set_moment(datetime.now()))
        self.show_all.toggled.connect(self._emit)
        self.back.clicked.connect(lambda: self.step(-HOUR_STEPS))
        self.forward.clicked.connect(lambda: self.step(HOUR_STEPS))
        self.play.toggled.connect(self._play)
        self._timer.timeout.connect(lambda: self.step(HOUR_STEPS))

    def _lay_out(self):
        steps = QHBoxLayout()
        for button in (self.back, self.play, self.forward):
            steps.addWidget(button)
        steps.addWidget(self.show_all, 1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.when, 0, 0)
        layout.addWidget(self.now, 0, 1)
        layout.addWidget(self.day, 1, 0, 1, 2)
        layout.addWidget(self.time, 2, 0, 1, 2)
        layout.addLayout(steps, 3, 0, 1, 2)
        layout.addWidget(self.following, 4, 0, 1, 2)
        layout.setColumnStretch(0, 1)

    @staticmethod
    def _tool_button(icon, text, tooltip):
        button = QToolButton()
        button.setIcon(QgsApplication.getThemeIcon(icon))
        if button.icon().isNull():
            button.setText(text)
        button.setToolTip(tooltip)
        return button

    def _chosen(self):
        return _floored(self.when.dateTime().toPyDateTime())

    def step(self, steps):
        """Move the time by ``steps`` of 15 minutes through the calendar."""
        self._set(self._chosen() + steps * _STEP)

    def _play(self, playing):
        if playing:
            self._timer.start()
        else:
            self._timer.stop()

    def follow(self, moment):
        """The Temporal Controller's time, or None when it is off: with a time the
        control shows it and cannot be moved; play stops."""
        following = moment is not None
        self.following.setVisible(following)
        if following:
            self.play.setChecked(False)
            self.set_moment(moment)
        for widget in (
            self.when,
            self.time,
            self.now,
            self.show_all,
            self.back,
            self.play,
            self.forward,
        ):
            widget.setEnabled(not following)

    def moment(self):
        """The chosen date and time, or None when showing all."""
        return None if self.show_all.isChecked() else self._chosen()

    def set_moment(self, moment):
        """Show ``moment`` (rounded down to 15 minutes)."""
        self._set(_floored(moment))

    def _set(self, moment):
        # One signal for the changes.
        blockers = [QSignalBlocker(widget) for widget in (self.when, self.time, self.show_all)]
        self.when.setDateTime(QDateTime(moment))
        self.show_all.setChecked(False)
        for blocker in blockers:
            blocker.unblock()
        self._show_time()
        self._emit()

    def _edited(self, _):
        self._picked(self._chosen())

    def _slid(self, step):
        minutes = step * STEP_MINUTES
        self._picked(datetime.combine(self._chosen().date(), time(minutes // 60, minutes % 60)))

    def _picked(self, moment):
        with QSignalBlocker(self.when):
            self.when.setDateTime(QDateTime(moment))
        self._show_time()
        if self.show_all.isChecked():
            # Unticking emits through toggled.
            self.show_all.setChecked(False)
        else:
            self._emit()

    def _show_time(self):
        moment = self._chosen()
        with QSignalBlocker(self.time):
            self.time.setValue((moment.hour * 60 + moment.minute) // STEP_MINUTES)
        try:
            calendar = project_calendar()
        except InputError as error:
            self.day.setText(str(error))
            return
        self.day.setText(day_description(moment.date(), calendar))

    def _emit(self):
        self.momentChanged.emit(self.moment())
