"""Fetching schools from open data into the project, from the dock's Settings tab."""

from qgis.core import QgsProcessing, QgsProcessingContext, QgsProject, QgsReferencedRectangle
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

from ..definitions import algorithms, sources
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.hours_form import set_hours_form
from .runner import AlgorithmStep, TaskRunner

FETCH = algorithms.FETCH_SCHOOLS
OUTPUTS = (keys.OUTPUT, keys.GROUNDS)


def fetch_steps(parameters, project=None):
    """The step that runs drogscen:fetchschools, and what makes its value: the
    output layers holding features, named by their source, in no project yet.

    ``parameters`` as for processing.run; OUTPUT and GROUNDS default to
    temporary layers.
    """
    project = project or QgsProject.instance()
    context = QgsProcessingContext()
    # Only the transform context: the worker thread must not touch the project.
    context.setTransformContext(project.transformContext())
    parameters = dict(parameters)
    for name in OUTPUTS:
        parameters.setdefault(name, QgsProcessing.TEMPORARY_OUTPUT)
    step = AlgorithmStep(FETCH, parameters, context, failure=tr("The fetch failed."))
    source = sources.SCHOOL_SOURCES[int(parameters.get(keys.SOURCE) or 0)].name
    names = dict(
        zip(OUTPUTS, (tr("Schools and preschools ({source})"), tr("School grounds ({source})")))
    )

    def finish(results):
        layers = []
        for output in OUTPUTS:
            layer = context.takeResultLayer(results[FETCH].get(output, ""))
            if layer is not None and layer.featureCount() > 0:
                layer.setName(names[output].format(source=source))
                set_hours_form(layer, ["opening_hours"])
                layers.append(layer)
        return layers

    return [step], finish


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
        for signal in (
            self.source.currentIndexChanged,
            self.area.buttonToggled,
            self.code.textChanged,
        ):
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
                canvas.extent(), canvas.mapSettings().destinationCrs()
            )
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
        self.runner = TaskRunner(self)
        self.runner.succeeded.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.canceled.connect(lambda: self.setEnabled(True))
        self.clicked.connect(self.ask)

    def ask(self):
        dialog = FetchDialog(self.dock)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start(dialog.parameters(self.dock.iface.mapCanvas()))

    def start(self, parameters):
        self.setEnabled(False)
        self.dock.show_status(tr("Fetching schools…"))
        self.runner.start_steps(*fetch_steps(parameters))

    def cancel(self):
        self.runner.cancel()

    def _failed(self, error):
        self.setEnabled(True)
        self.dock.show_error(error)

    def _finished(self, layers):
        self.setEnabled(True)
        if not layers:
            self.dock.show_error(tr("No schools or preschools were found there."))
            return
        QgsProject.instance().addMapLayers(layers)
        self.dock.form.schools.setLayer(layers[0])
        self.dock.show_success(
            tr("Added {count} schools and preschools in layer '{layer}'.").format(
                count=layers[0].featureCount(), layer=layers[0].name()
            )
        )
