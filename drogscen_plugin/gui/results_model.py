"""The school × scene rows of an analysis, as a sortable table."""

from qgis.core import NULL, QgsApplication, QgsFeatureRequest
from qgis.PyQt.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt

from ..core.fields import field_alias
from ..i18n import tr

# "notes" is no field: an icon for the rows whose numbers rest on assumptions.
COLUMNS = (
    "notes",
    "school_name",
    "scene_name",
    "conflict",
    "concurrent_min",
    "afterhours_min",
    "presence_hours",
    "guard_hours",
    "round_days",
    "round_before",
)
NUMERIC = ("concurrent_min", "afterhours_min")
# Fields read from the layer: the columns' and what the notes are made of.
READ = COLUMNS[1:] + ("hours_note", "scene_min")
SORT_ROLE = Qt.ItemDataRole.UserRole
FID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_ICON = "/mIconWarning.svg"


def short_headers():
    """Headers short enough for the dock's width; the tooltip has the full name."""
    return {"notes": "", "concurrent_min": tr("Open (min)"),
            "afterhours_min": tr("Closed (min)")}


def row_notes(values):
    """What a user must know about a row: the analysis's hours note, a scene that is
    never active."""
    notes = []
    if values.get("hours_note"):
        notes.append(values["hours_note"])
    if values.get("scene_min") == 0:
        notes.append(tr("The scene is never active (closed): no minutes count."))
    return notes


def conflict_label(value):
    labels = {"concurrent": tr("Concurrent"), "after_hours": tr("After hours")}
    return labels.get(value, value)


class ResultsModel(QAbstractTableModel):
    """One row per feature of the overlaps layer, read once when set."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows = []  # (feature id, values in COLUMNS order, notes)
        self._icon = QgsApplication.getThemeIcon(NOTE_ICON)

    def set_layer(self, layer):
        """Show the features of ``layer`` (the OUTPUT of drogscen:overlap); None clears."""
        self.beginResetModel()
        self._rows = []
        if layer is not None:
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
            request.setSubsetOfAttributes(list(READ), layer.fields())
            for feature in layer.getFeatures(request):
                read = {name: None if feature[name] == NULL else feature[name] for name in READ}
                notes = row_notes(read)
                values = ["\n".join(notes) or None] + [read[name] for name in COLUMNS[1:]]
                self._rows.append((feature.id(), values))
        self.endResetModel()

    def row_of(self, fid):
        """The row of the overlaps feature ``fid``, or -1."""
        for row, (row_fid, _) in enumerate(self._rows):
            if row_fid == fid:
                return row
        return -1

    def rowCount(self, parent=None):  # noqa: N802 (Qt API)
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent=None):  # noqa: N802 (Qt API)
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        fid, values = self._rows[index.row()]
        name = COLUMNS[index.column()]
        value = values[index.column()]
        if role == FID_ROLE:
            return fid
        if role == SORT_ROLE:
            if name in NUMERIC:
                return -1 if value is None else int(value)
            return "" if value is None else str(value).casefold()
        if name == "notes":
            return self._note_data(value, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if value is None:
                return ""
            return conflict_label(value) if name == "conflict" else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and name in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _note_data(self, notes, role):
        if notes is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return notes
        return None

    def headerData(self, section, orientation,  # noqa: N802 (Qt API)
                   role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            name = COLUMNS[section]
            full = tr("Notes on the hours") if name == "notes" else field_alias(name)
            if role == Qt.ItemDataRole.DisplayRole:
                return short_headers().get(name, full)
            if role == Qt.ItemDataRole.ToolTipRole:
                return full
        return super().headerData(section, orientation, role)


def sorted_results(model, parent=None):
    """A proxy sorting ``model`` by value: numbers as numbers, text without case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
