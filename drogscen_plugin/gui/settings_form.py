"""The analysis settings: layers, fields, distance, default hours, extent; kept in QgsSettings."""

from dataclasses import dataclass

from qgis.core import QgsFieldProxyModel, QgsMapLayerProxyModel, QgsProject, QgsSettings
from qgis.gui import QgsDoubleSpinBox, QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import InputError, ScheduleError
from ..core.hours import DEFAULT_PRESCHOOL_HOURS, DEFAULT_SCHOOL_HOURS
from ..core.schedule import WeeklySchedule
from ..definitions import defaults
from ..definitions.defaults import DEFAULT_DISTANCE
from ..i18n import tr
from ..qgis_io.project_calendar import FORM_KEY as PROJECT_FORM_KEY
from .layer_choice import best_layer, scene_score, school_score
from .period_form import PERIOD_KEYS, PeriodBox
from .project_state import read_project_state, write_project_state

SETTINGS_PREFIX = "drogscen/dock/"
ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #8a5300;"


@dataclass
class FormValues:
    scenes_layer: object
    scene_name_field: str
    scene_hours_field: str
    schools_layer: object
    school_name_field: str
    school_type_field: str
    school_hours_field: str
    distance: float
    school_hours: str
    preschool_hours: str
    extent_only: bool
    keep_results: bool = False
    # PeriodBox.state(): period and calendar texts ("" each: this week, no calendar).
    period: dict = None


def values_from_state(state, project):
    """FormValues of a kept ``state`` (SettingsForm.state()), its layers from ``project``."""
    return FormValues(
        scenes_layer=project.mapLayer(state.get("scenes_layer_id", "")),
        scene_name_field=state.get("scene_name_field", ""),
        scene_hours_field=state.get("scene_hours_field", ""),
        schools_layer=project.mapLayer(state.get("schools_layer_id", "")),
        school_name_field=state.get("school_name_field", ""),
        school_type_field=state.get("school_type_field", ""),
        school_hours_field=state.get("school_hours_field", ""),
        distance=float(state.get("distance", DEFAULT_DISTANCE)),
        school_hours=state.get("school_hours", DEFAULT_SCHOOL_HOURS),
        preschool_hours=state.get("preschool_hours", DEFAULT_PRESCHOOL_HOURS),
        extent_only=bool(state.get("extent_only", False)),
        keep_results=bool(state.get("keep_results", False)),
        period={key: str(state.get(key, "") or "") for key, _ in PERIOD_KEYS},
    )


class FieldChoice(QgsFieldComboBox):
    """A field of the layer of ``layer_box``, preferring ``usual`` when the layer has it."""

    def __init__(self, layer_box, usual, filters=QgsFieldProxyModel.AllTypes):
        super().__init__()
        self.usual = usual
        self.setFilters(filters)
        self.setAllowEmptyFieldName(True)
        layer_box.layerChanged.connect(self.follow)
        self.follow(layer_box.currentLayer())

    def follow(self, layer):
        self.setLayer(layer)
        self.choose(self.usual)

    def choose(self, name):
        """Select the field ``name`` (any case) if the layer has it, else none."""
        layer = self.layer()
        index = -1 if layer is None else layer.fields().lookupField(name or "")
        self.setField(layer.fields()[index].name() if index >= 0 else "")


class HoursEdit(QWidget):
    """A line edit for opening hours with the parser's message below it while invalid."""

    def __init__(self, default):
        super().__init__()
        self.edit = QLineEdit(default)
        self.edit.setPlaceholderText(default)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.edit.textChanged.connect(self.check)

    def text(self):
        return self.edit.text().strip()

    def error(self):
        """The parser's message for the current text, or None when it reads."""
        try:
            WeeklySchedule.parse(self.text())
        except ScheduleError as error:
            return str(error)
        return None

    def check(self):
        message = self.error()
        self.message.setText(message or "")
        self.message.setVisible(message is not None)


class SettingsForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.scenes = QgsMapLayerComboBox()
        self.scenes.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.scene_name = FieldChoice(self.scenes, defaults.SCENE_NAME_FIELD)
        self.scene_hours = FieldChoice(
            self.scenes, defaults.SCENE_HOURS_FIELD, QgsFieldProxyModel.String
        )

        self.schools = QgsMapLayerComboBox()
        self.schools.setFilters(
            QgsMapLayerProxyModel.PointLayer | QgsMapLayerProxyModel.PolygonLayer
        )
        self.school_name = FieldChoice(self.schools, defaults.SCHOOL_NAME_FIELD)
        self.school_type = FieldChoice(
            self.schools, defaults.SCHOOL_TYPE_FIELD, QgsFieldProxyModel.String
        )
        self.school_hours = FieldChoice(
            self.schools, defaults.SCHOOL_HOURS_FIELD, QgsFieldProxyModel.String
        )
        self.scene_note = self._note_label()
        self.school_note = self._note_label()
        # Layers the user picked stay; the others follow the best fitting layer.
        self._picked = {"scenes": None, "schools": None}
        # Sources of the saved layers: chosen when they join the project.
        self._wanted = {}

        self._analysis_widgets()

        self._lay_out()

        for key, box in (("scenes", self.scenes), ("schools", self.schools)):
            box.activated.connect(lambda _, key=key, box=box: self._user_picked(key, box))
        for box in (self.scene_hours, self.school_type, self.school_hours):
            box.fieldChanged.connect(self._show_notes)
        self.schools.layerChanged.connect(self._show_notes)
        self.scenes.layerChanged.connect(self._show_notes)
        QgsProject.instance().legendLayersAdded.connect(self.prefer_layers)
        QgsProject.instance().projectSaved.connect(self._project_saved)
        QgsProject.instance().cleared.connect(self._project_cleared)
        # The project's file when last read or saved: empty for a new project.
        self._file_name = QgsProject.instance().fileName()
        self.prefer_layers()

    def _analysis_widgets(self):
        """Distance, default hours and the run options."""
        self.distance = QgsDoubleSpinBox()
        self.distance.setRange(0.0, 100000.0)
        self.distance.setDecimals(0)
        self.distance.setSingleStep(50.0)
        self.distance.setSuffix(tr(" m"))
        self.distance.setClearValue(DEFAULT_DISTANCE)
        self.distance.setValue(DEFAULT_DISTANCE)
        self.distance.setToolTip(tr("How far from a school a scene counts, in metres"))
        self.default_school = HoursEdit(DEFAULT_SCHOOL_HOURS)
        self.default_school.setToolTip(tr("Hours of schools without their own (opening_hours)"))
        self.default_preschool = HoursEdit(DEFAULT_PRESCHOOL_HOURS)
        self.default_preschool.setToolTip(
            tr("Hours of preschools without their own (opening_hours)")
        )
        self.extent_only = QCheckBox(tr("Only schools in the current map extent"))
        self.keep_results = QCheckBox(tr("Keep the results in a GeoPackage beside the project"))
        self.keep_results.setToolTip(
            tr(
                "The result layers are written to PROJECT_drogscen.gpkg beside the project file, "
                "so the saved project shows them again; otherwise they are temporary layers"
            )
        )
        self.extent_only.setToolTip(
            tr("Analyse the schools visible on the map, with every scene within the distance")
        )

    def _lay_out(self):
        """The groups of the form: scenes, schools, analysis, period."""
        scenes = QGroupBox(tr("Open drug scenes"))
        form = self._form(scenes)
        form.addRow(tr("Layer"), self.scenes)
        form.addRow(tr("Name"), self.scene_name)
        form.addRow(tr("Active hours"), self.scene_hours)
        form.addRow(self.scene_note)
        schools = QGroupBox(tr("Schools and preschools"))
        # The dock adds its "Fetch schools…" button here.
        self.schools_box = schools
        form = self._form(schools)
        form.addRow(tr("Layer"), self.schools)
        form.addRow(tr("Name"), self.school_name)
        form.addRow(tr("Type"), self.school_type)
        form.addRow(tr("Opening hours"), self.school_hours)
        form.addRow(self.school_note)
        self.period = PeriodBox()
        analysis = QGroupBox(tr("Analysis"))
        form = self._form(analysis)
        form.addRow(tr("Distance"), self.distance)
        form.addRow(tr("School hours"), self.default_school)
        form.addRow(tr("Preschool hours"), self.default_preschool)
        form.addRow(self.extent_only)
        form.addRow(self.keep_results)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for group in (scenes, schools, analysis, self.period):
            layout.addWidget(group)
        layout.addStretch(1)
        self._align_labels([group.layout() for group in (scenes, schools, analysis, self.period)])

    @staticmethod
    def _note_label():
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(NOTE_STYLE)
        label.hide()
        return label

    def _user_picked(self, key, box):
        layer = box.currentLayer()
        self._picked[key] = layer.id() if layer is not None else None

    def prefer_layers(self, *_):
        """Choose the best fitting scenes and schools layers of the layer tree, two
        different ones, unless the user picked a layer that is still there. Called when
        layers join the tree, so the analysis's own layers (added to its group) are not."""
        project = QgsProject.instance()
        # While a project is read, the tree may name layers not loaded yet.
        layers = [
            node.layer()
            for node in project.layerTreeRoot().findLayers()
            if node.layer() is not None
        ]
        scenes = (
            self._kept("scenes", self.scenes)
            or self._saved("scenes", self.scenes, layers)
            or best_layer(layers, scene_score)
        )
        if scenes is not None:
            self.scenes.setLayer(scenes)
        schools = self._kept("schools", self.schools) or self._saved(
            "schools", self.schools, layers
        )
        if schools is None or (scenes is not None and schools.id() == scenes.id()):
            schools = best_layer(layers, school_score, excluded=self.scenes.currentLayer())
        if schools is not None:
            self.schools.setLayer(schools)

    def _kept(self, key, box):
        """The layer the user picked in ``box``, while it is still chosen there."""
        layer = box.currentLayer()
        if layer is not None and layer.id() == self._picked[key]:
            return layer
        return None

    def _saved(self, key, box, layers):
        """The first of ``layers`` from the saved layer's source, now chosen as if picked."""
        source = self._wanted.get(key)
        for layer in layers if source else []:
            if layer.source() == source:
                box.setLayer(layer)
                self._user_picked(key, box)
                return layer
        return None

    def _show_notes(self, *_):
        """Say which defaults replace empty hours and type fields."""
        notes = []
        if self.schools.currentLayer() is not None:
            if not self.school_type.currentField():
                notes.append(tr("No type field: every school counts as a school, not a preschool."))
            if not self.school_hours.currentField():
                notes.append(tr("No opening hours field: the default hours below are used."))
        self._set_note(self.school_note, notes)
        scene_notes = []
        if self.scenes.currentLayer() is not None and not self.scene_hours.currentField():
            scene_notes.append(tr("No active hours field: every scene counts as always active."))
        self._set_note(self.scene_note, scene_notes)

    @staticmethod
    def _set_note(label, notes):
        label.setText("\n".join(notes))
        label.setVisible(bool(notes))

    @staticmethod
    def _form(group):
        form = QFormLayout(group)
        # Fields take the dock's width; labels wrap rather than clip in a narrow dock.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return form

    @staticmethod
    def _align_labels(forms):
        """One label width for the three groups, so their fields line up."""
        labels = [
            form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            for form in forms
            for row in range(form.rowCount())
            if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
        ]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def values(self):
        return FormValues(
            scenes_layer=self.scenes.currentLayer(),
            scene_name_field=self.scene_name.currentField(),
            scene_hours_field=self.scene_hours.currentField(),
            schools_layer=self.schools.currentLayer(),
            school_name_field=self.school_name.currentField(),
            school_type_field=self.school_type.currentField(),
            school_hours_field=self.school_hours.currentField(),
            distance=self.distance.value(),
            school_hours=self.default_school.text(),
            preschool_hours=self.default_preschool.text(),
            extent_only=self.extent_only.isChecked(),
            keep_results=self.keep_results.isChecked(),
            period=self.period.state(),
        )

    def checked_values(self):
        """The values, or InputError saying what is missing or wrong."""
        values = self.values()
        if values.scenes_layer is None:
            raise InputError(tr("Choose a layer of open drug scenes (polygons)."))
        if values.schools_layer is None:
            raise InputError(tr("Choose a layer of schools and preschools (points or polygons)."))
        if values.scenes_layer.id() == values.schools_layer.id():
            raise InputError(
                tr(
                    "Layer '{layer}' is chosen both as the scenes and as the schools layer: "
                    "choose the layer of schools and preschools."
                ).format(layer=values.schools_layer.name())
            )
        for label, edit in (
            (tr("Default school hours"), self.default_school),
            (tr("Default preschool hours"), self.default_preschool),
        ):
            message = edit.error()
            if message is not None:
                raise InputError(
                    tr("{setting} '{text}' cannot be read: {message}").format(
                        setting=label, text=edit.text(), message=message
                    )
                )
        self.period.check()
        return values

    # --- settings ------------------------------------------------------------------

    def _field_boxes(self):
        return {
            "scene_name_field": self.scene_name,
            "scene_hours_field": self.scene_hours,
            "school_name_field": self.school_name,
            "school_type_field": self.school_type,
            "school_hours_field": self.school_hours,
        }

    def state(self):
        """The settings as plain values: layers by id, name and source."""
        state = {}
        for key, box in (("scenes", self.scenes), ("schools", self.schools)):
            layer = box.currentLayer()
            state[key + "_layer_id"] = layer.id() if layer else ""
            state[key + "_layer_name"] = layer.name() if layer else ""
            state[key + "_layer_source"] = layer.source() if layer else ""
        for key, box in self._field_boxes().items():
            state[key] = box.currentField()
        state.update(
            distance=self.distance.value(),
            school_hours=self.default_school.text(),
            preschool_hours=self.default_preschool.text(),
            extent_only=self.extent_only.isChecked(),
            keep_results=self.keep_results.isChecked(),
        )
        state.update(self.period.state())
        return state

    def save_settings(self):
        """Keep the settings for the next session and in the project."""
        state = self.state()
        settings = QgsSettings()
        for key, value in state.items():
            settings.setValue(SETTINGS_PREFIX + key, value)
        write_project_state(QgsProject.instance(), PROJECT_FORM_KEY, state)

    def restore_settings(self):
        """The settings of the project when it has them, else of the last session."""
        self._file_name = QgsProject.instance().fileName()
        state = read_project_state(QgsProject.instance(), PROJECT_FORM_KEY)
        if state is None:
            settings = QgsSettings()
            kinds = {"distance": float, "extent_only": bool}
            state = {
                key[len(SETTINGS_PREFIX) :]: settings.value(
                    key, type=kinds.get(key[len(SETTINGS_PREFIX) :], str)
                )
                for key in settings.allKeys()
                if key.startswith(SETTINGS_PREFIX)
            }
            # Kept by default for a saved project; each project keeps its own choice.
            state["keep_results"] = bool(QgsProject.instance().fileName())
        self.apply_state(state)

    def apply_state(self, state):
        self.distance.setValue(float(state.get("distance", DEFAULT_DISTANCE)))
        self.default_school.edit.setText(state.get("school_hours", DEFAULT_SCHOOL_HOURS))
        self.default_preschool.edit.setText(state.get("preschool_hours", DEFAULT_PRESCHOOL_HOURS))
        self.extent_only.setChecked(bool(state.get("extent_only", False)))
        self.keep_results.setChecked(bool(state.get("keep_results", False)))
        self.period.apply_state(state)
        self._picked = {"scenes": None, "schools": None}
        self._wanted = {key: state.get(key + "_layer_source", "") for key in ("scenes", "schools")}
        for key, box in (("scenes", self.scenes), ("schools", self.schools)):
            if self._select_saved_layer(
                box, state.get(key + "_layer_id", ""), state.get(key + "_layer_name", "")
            ):
                self._user_picked(key, box)
        self.prefer_layers()
        for key, box in self._field_boxes().items():
            if key in state:
                box.choose(state[key])

    @staticmethod
    def _select_saved_layer(box, layer_id, name):
        """The layer of that id, else the first of that name the box accepts; whether
        one was found."""
        project = QgsProject.instance()
        candidates = [project.mapLayer(layer_id)] if layer_id else []
        candidates += project.mapLayersByName(name) if name else []
        original = box.currentLayer()
        for layer in candidates:
            if layer is not None:
                box.setLayer(layer)
                if box.currentLayer() is not None and box.currentLayer().id() == layer.id():
                    return True
        box.setLayer(original)
        return False

    def _project_cleared(self):
        """A new project: temporary results until it is saved."""
        self._file_name = ""
        self.keep_results.setChecked(False)

    def _project_saved(self):
        """A project saved for the first time keeps the results of its next runs."""
        name = QgsProject.instance().fileName()
        if not self._file_name and name:
            self.keep_results.setChecked(True)
        self._file_name = name

    def teardown(self):
        QgsProject.instance().legendLayersAdded.disconnect(self.prefer_layers)
        QgsProject.instance().projectSaved.disconnect(self._project_saved)
        QgsProject.instance().cleared.disconnect(self._project_cleared)
