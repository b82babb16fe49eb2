"""Safety measures on the Results tab: new measures layers, a measure for the selected
pair, suggested measures for the whole run, and their coverage of the schools' needs."""

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from ..core.coverage import coverage_field_alias
from ..core.errors import DrogscenError, InputError
from ..core.hours_display import display_hours
from ..definitions.measures import measure_type_labels, need_kinds
from ..i18n import tr
from ..qgis_io.measures_coverage import (
    measure_coverage,
    measure_from_pair,
    suggest_measure_features,
)
from ..qgis_io.measures_layer import add_measure_features, create_measures_layers, measures_group

COVERAGE_COLUMNS = (
    "school_name",
    "needed_min",
    "uncovered_min",
    "uncovered_hours",
    "round_days_missing",
)
# Shown in the words of the interface language.
HOURS_COLUMNS = ("uncovered_hours", "round_days_missing")
_MEASURE_FIELDS = ("measure_type", "school", "hours", "status")


def project_measure_layers(project):
    """The vector layers of ``project`` with the fields of a measures layer."""
    return [
        layer
        for layer in project.mapLayers().values()
        if isinstance(layer, QgsVectorLayer)
        and all(layer.fields().lookupField(name) >= 0 for name in _MEASURE_FIELDS)
    ]


class MeasuresPanel(QGroupBox):
    """Reads ``dock.result`` and the dock's selected row; messages go to the dock."""

    def __init__(self, dock):
        super().__init__(tr("Safety measures"))
        self.dock = dock
        self.new_button = QPushButton(tr("New measures layer…"))
        self.new_button.setToolTip(tr("Create point, line and area layers for measures"))
        self.kind = QComboBox()
        labels = measure_type_labels()
        for kind in need_kinds():
            self.kind.addItem(labels[kind], kind)
        self.add_button = QPushButton(tr("Add measure"))
        self.add_button.setToolTip(
            tr("A planned measure for the selected row, with the hours its conflict needs")
        )
        self.suggest_button = QPushButton(tr("Suggest measures"))
        self.suggest_button.setToolTip(tr("Planned measures for every affected school"))
        self.coverage_button = QPushButton(tr("Check coverage"))
        self.include_planned = QCheckBox(tr("Count planned measures"))
        self.table = QTableWidget(0, len(COVERAGE_COLUMNS))
        self.table.setHorizontalHeaderLabels([coverage_field_alias(n) for n in COVERAGE_COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        layout = QGridLayout(self)
        layout.addWidget(self.kind, 0, 0)
        layout.addWidget(self.add_button, 0, 1)
        layout.addWidget(self.suggest_button, 1, 0)
        layout.addWidget(self.new_button, 1, 1)
        layout.addWidget(self.include_planned, 2, 0)
        layout.addWidget(self.coverage_button, 2, 1)
        layout.addWidget(self.table, 3, 0, 1, 2)
        layout.setRowStretch(3, 1)

        self.new_button.clicked.connect(self.new_layers)
        self.add_button.clicked.connect(lambda: self.add_measure())
        self.suggest_button.clicked.connect(self.suggest)
        self.coverage_button.clicked.connect(self.check_coverage)
        self.set_result(None)

    def set_result(self, result):
        """Follow a new run, or none: the previous run's coverage goes."""
        for button in (self.add_button, self.suggest_button, self.coverage_button):
            button.setEnabled(result is not None)
        self.table.setRowCount(0)

    # --- measures layers ---------------------------------------------------------------

    def new_layers(self):
        path, _ = QFileDialog.getSaveFileName(
            self.dock,
            tr("New measures layer"),
            QgsProject.instance().homePath(),
            tr("GeoPackage (*.gpkg)"),
        )
        return self.create_layers(path) if path else None

    def create_layers(self, path):
        """Create the measures layers in the GeoPackage ``path`` and add them, grouped,
        to the project; returns the MeasureLayers, or None after showing the error."""
        try:
            layers = create_measures_layers(path)
        except DrogscenError as error:
            self.dock.show_error(str(error))
            return None
        measures_group(layers, QgsProject.instance())
        self.dock.show_success(
            tr("Measures layers added in group '{group}'.").format(group=layers.group_name)
        )
        return layers

    def _points_layer(self):
        """The first measures layer of points in the project; without one, the user is
        asked for a GeoPackage to create them in. None when there is none after all."""
        for layer in project_measure_layers(QgsProject.instance()):
            if layer.geometryType() == QgsWkbTypes.PointGeometry:
                return layer
        created = self.new_layers()
        return created.points if created is not None else None

    def _added(self, layer, message):
        """The layer stays in edit mode and active, for the user to check and save."""
        self.dock.iface.setActiveLayer(layer)
        layer.triggerRepaint()
        self.dock.show_success(message)

    # --- one measure, suggestions --------------------------------------------------------

    def add_measure(self, kind=None):
        """Add a planned measure of ``kind`` (default the picker's) for the selected row
        to the measures points layer, at its school; returns the new feature's id."""
        result = self.dock.result
        fid = self.dock.selected_fid()
        if result is None or fid is None:
            self.dock.show_error(tr("Select a row of the results first."))
            return None
        kind = kind or self.kind.currentData()
        try:
            layer = self._points_layer()
            if layer is None:
                return None
            pair = result.overlaps.getFeature(fid)
            measure = measure_from_pair(pair, kind)
            geometry = self._school_point(result, pair["school_fid"], layer)
            if geometry is not None:
                measure["geometry"] = geometry
            (added,) = add_measure_features(layer, [measure])
        except DrogscenError as error:
            self.dock.show_error(str(error))
            return None
        self._added(
            layer,
            tr(
                "Added a measure ({kind}) for {school} to layer '{layer}': "
                "save the layer's edits to keep it."
            ).format(
                kind=self.kind.itemText(self.kind.findData(kind)) or kind,
                school=measure["school"],
                layer=layer.name(),
            ),
        )
        return added

    @staticmethod
    def _school_point(result, school_fid, layer):
        """The school's point, or the centroid of its grounds, in the CRS of ``layer``."""
        request = QgsFeatureRequest().setFilterExpression(
            '"school_fid" = {}'.format(int(school_fid))
        )
        for school in result.summary.getFeatures(request):
            if not school.hasGeometry():
                return None
            geometry = school.geometry().centroid()
            geometry.transform(
                QgsCoordinateTransform(result.summary.crs(), layer.crs(), QgsProject.instance())
            )
            return geometry
        return None

    def suggest(self):
        """Add the suggested measures of the whole run; returns their ids."""
        result = self.dock.result
        if result is None:
            return []
        try:
            layer = self._points_layer()
            if layer is None:
                return []
            measures = suggest_measure_features(result.overlaps, result.summary, layer.crs())
            added = add_measure_features(layer, measures) if measures else []
        except DrogscenError as error:
            self.dock.show_error(str(error))
            return []
        self._added(
            layer,
            tr(
                "Added {count} suggested measures to layer '{layer}': save the "
                "layer's edits to keep them."
            ).format(count=len(added), layer=layer.name()),
        )
        return added

    # --- coverage ------------------------------------------------------------------

    def check_coverage(self):
        """Fill the table with the coverage of the run's schools; returns the rows."""
        result = self.dock.result
        if result is None:
            return []
        layers = project_measure_layers(QgsProject.instance())
        try:
            if not layers:
                raise InputError(
                    tr("The project has no measures layer: create one with New measures layer…")
                )
            rows, warnings = measure_coverage(
                result.overlaps,
                layers,
                self.include_planned.isChecked(),
                schools=result.summary,
                distance=result.values.distance,
            )
        except DrogscenError as error:
            self.dock.show_error(str(error))
            return []
        self.table.setRowCount(len(rows))
        language = QgsApplication.locale()
        for number, row in enumerate(rows):
            values = {"school_name": row.school_name}
            for column, name in enumerate(COVERAGE_COLUMNS):
                value = values[name] if name in values else getattr(row.coverage, name)
                text = "" if value is None else str(value)
                if name in HOURS_COLUMNS:
                    text = display_hours(text, language)
                self.table.setItem(number, column, QTableWidgetItem(text))
        uncovered = sum(
            1 for row in rows if row.coverage.uncovered_min or row.coverage.round_days_missing
        )
        message = tr(
            "{uncovered} of {schools} affected schools have needs the measures do not cover."
        ).format(uncovered=uncovered, schools=len(rows))
        self.dock.show_status("\n".join([message] + list(warnings)))
        return rows
