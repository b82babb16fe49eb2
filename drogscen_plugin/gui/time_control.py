"""A moment in the week: weekday, time of day in 15-minute steps, "Now", "Show all"."""

from datetime import date, datetime, timedelta

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QSignalBlocker, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolButton,
    QWidget,
)

from ..i18n import tr

STEP_MINUTES = 15
STEPS_PER_DAY = 24 * 60 // STEP_MINUTES
STEPS_PER_WEEK = 7 * STEPS_PER_DAY
# Play and the step buttons move by an hour; play shows one hour a second.
HOUR_STEPS = 60 // STEP_MINUTES
PLAY_INTERVAL_MS = 1000


def weekday_names():
    return [tr("Monday"), tr("Tuesday"), tr("Wednesday"), tr("Thursday"), tr("Friday"),
            tr("Saturday"), tr("Sunday")]


class TimeOfWeekControl(QWidget):
    """Emits ``momentChanged(datetime)`` for the chosen moment, or None for "show all".

    The moment is a date in the current week: the expression functions and
    the Temporal Controller read only its weekday and time of day.
    """

    momentChanged = pyqtSignal(object)  # noqa: N815 (Qt naming)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.day = QComboBox()
        self.day.addItems(weekday_names())
        self.day.setToolTip(tr("Weekday"))
        self.time = QSlider(Qt.Orientation.Horizontal)
        self.time.setRange(0, STEPS_PER_DAY - 1)
        self.time.setPageStep(4)  # one hour
        self.time.setToolTip(tr("Time of day, in steps of 15 minutes"))
        self.clock = QLabel()
        self.clock.setMinimumWidth(self.clock.fontMetrics().horizontalAdvance("00:00") + 4)
        self.now = QPushButton(tr("Now"))
        self.now.setToolTip(tr("Show the current weekday and time"))
        self.show_all = QCheckBox(tr("Show all times"))
        self.show_all.setToolTip(
            tr("Show every scene and school, whatever the time; untick to see one moment")
        )
        self.show_all.setChecked(True)
        self.back = self._tool_button("/temporal_navigation/back.svg", "◀",
                                      tr("One hour back"))
        self.play = self._tool_button("/temporal_navigation/forward.svg", "▶",
                                      tr("Play: one hour a second"))
        self.play.setCheckable(True)
        self.forward = self._tool_button("/temporal_navigation/next.svg", "▶|",
                                         tr("One hour forward"))
        self.following = QLabel(tr("Following the Temporal Controller"))
        self.following.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(PLAY_INTERVAL_MS)

        steps = QHBoxLayout()
        for button in (self.back, self.play, self.forward):
            steps.addWidget(button)
        steps.addWidget(self.show_all, 1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day, 0, 0)
        layout.addWidget(self.clock, 0, 1)
        layout.addWidget(self.now, 0, 2)
        layout.addWidget(self.time, 1, 0, 1, 3)
        layout.addLayout(steps, 2, 0, 1, 3)
        layout.addWidget(self.following, 3, 0, 1, 3)
        layout.setColumnStretch(0, 1)

        self._show_clock()
        self.day.currentIndexChanged.connect(self._picked)
        self.time.valueChanged.connect(self._picked)
        self.now.clicked.connect(lambda: self.set_moment(datetime.now()))
        self.show_all.toggled.connect(self._emit)
        self.back.clicked.connect(lambda: self.step(-HOUR_STEPS))
        self.forward.clicked.connect(lambda: self.step(HOUR_STEPS))
        self.play.toggled.connect(self._play)
        self._timer.timeout.connect(lambda: self.step(HOUR_STEPS))

    @staticmethod
    def _tool_button(icon, text, tooltip):
        button = QToolButton()
        button.setIcon(QgsApplication.getThemeIcon(icon))
        if button.icon().isNull():
            button.setText(text)
        button.setToolTip(tooltip)
        return button

    def step(self, steps):
        """Move the time by ``steps`` of 15 minutes, across days, round the week."""
        position = (self.day.currentIndex() * STEPS_PER_DAY + self.time.value() + steps) \
            % STEPS_PER_WEEK
        self._set_position(position // STEPS_PER_DAY, position % STEPS_PER_DAY)

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
        for widget in (self.day, self.time, self.now, self.show_all, self.back, self.play,
                       self.forward):
            widget.setEnabled(not following)

    def moment(self):
        """The chosen moment as a datetime in the current week, or None when showing all."""
        if self.show_all.isChecked():
            return None
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        minutes = self.time.value() * STEP_MINUTES
        day = monday + timedelta(days=self.day.currentIndex())
        return datetime(day.year, day.month, day.day, minutes // 60, minutes % 60)

    def set_moment(self, moment):
        """Show ``moment``'s weekday and time (rounded down to 15 minutes)."""
        self._set_position(moment.weekday(), (moment.hour * 60 + moment.minute) // STEP_MINUTES)

    def _set_position(self, day, step):
        # One signal for the three changes.
        blockers = [QSignalBlocker(widget) for widget in (self.day, self.time, self.show_all)]
        self.day.setCurrentIndex(day)
        self.time.setValue(step)
        self.show_all.setChecked(False)
        for blocker in blockers:
            blocker.unblock()
        self._show_clock()
        self._emit()

    def _picked(self):
        self._show_clock()
        if self.show_all.isChecked():
            # Unticking emits through toggled.
            self.show_all.setChecked(False)
        else:
            self._emit()

    def _show_clock(self):
        minutes = self.time.value() * STEP_MINUTES
        self.clock.setText("{:02d}:{:02d}".format(minutes // 60, minutes % 60))

    def _emit(self):
        self.momentChanged.emit(self.moment())
