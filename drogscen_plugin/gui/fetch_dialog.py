"""Fetching schools from open data into the project, from the dock's Settings tab."""

from qgis.core import QgsProject, QgsReferencedRectangle
from qgis.PyQt.QtCore import QRegularExpression
from qgis.PyQt.QtGui import QRegularExpressionValidator
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

from ..definitions import parameters as keys
from ..definitions import sources
from ..i18n import tr
from ..processing.fetch_schools import fetch_in_background


class FetchDialog(QDialog):
    """Source and area of a fetch; ``parameters`` gives those of drogscen:fetchschools."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Fetch schools"))
        self.source = QComboBox()
        # The data is the algorithm's SOURCE value: the position in the list.
        for index, source in enumerate(sources.SCHOOL_SOURCES):
            self.source.addItem(source.short_label(), index)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.extent = QRadioButton(tr("Current map extent"))
        self.municipality = QRadioButton(tr("Municipality code"))
        self.area = QButtonGroup(self)
        self.area.addButton(self.extent)
        self.area.addButton(self.municipality)
        self.extent.setChecked(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("4 digits, e.g. 0180"))
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{4}")))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        layout = QFormLayout(self)
        layout.addRow(tr("Source"), self.source)
        layout.addRow(self.note)
        layout.addRow(self.extent)
        layout.addRow(self.municipality, self.code)
        layout.addRow(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for signal in (self.source.currentIndexChanged, self.area.buttonToggled,
                       self.code.textChanged):
            signal.connect(self._update)
        self._update()

    def _update(self):
        source = sources.SCHOOL_SOURCES[self.source.currentData()]
        self.extent.setEnabled(source.by_extent)
        if not source.by_extent:
            self.municipality.setChecked(True)
        self.note.setText(source.note())
        self.code.setEnabled(self.municipality.isChecked())
        ready = self.extent.isChecked() or self.code.hasAcceptableInput()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def parameters(self, canvas):
        """The parameters of drogscen:fetchschools; the extent is that of ``canvas``."""
        parameters = {keys.SOURCE: self.source.currentData()}
        if self.extent.isChecked():
            parameters[keys.EXTENT] = QgsReferencedRectangle(
                canvas.extent(), canvas.mapSettings().destinationCrs())
        else:
            parameters[keys.MUNICIPALITY] = self.code.text()
        return parameters


class FetchButton(QPushButton):
    """Opens the dialog, fetches in the background and adds the layers to the project,
    the one of points (else of grounds) becoming the form's schools layer."""

    def __init__(self, dock):
        super().__init__(tr("Fetch schools…"))
        self.dock = dock
        self.setToolTip(tr("Load schools and preschools from OpenStreetMap or Skolverket"))
        self.task = None
        self.clicked.connect(self.ask)

    def ask(self):
        dialog = FetchDialog(self.dock)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start(dialog.parameters(self.dock.iface.mapCanvas()))

    def start(self, parameters):
        self.setEnabled(False)
        self.dock.show_status(tr("Fetching schools…"))
        self.task = fetch_in_background(parameters, self._finished)

    def cancel(self):
        """Stop a fetch; its end is then ignored (the dock may be gone by then)."""
        if self.task is not None:
            task, self.task = self.task, None
            task.cancel()

    def _finished(self, layers, error):
        if self.task is None:
            return
        self.task = None
        self.setEnabled(True)
        if error:
            self.dock.show_error(error)
            return
        if not layers:
            self.dock.show_error(tr("No schools or preschools were found there."))
            return
        QgsProject.instance().addMapLayers(layers)
        self.dock.form.schools.setLayer(layers[0])
        self.dock.show_success(tr("Added {count} schools and preschools in layer '{layer}'.")
                               .format(count=layers[0].featureCount(), layer=layers[0].name()))
