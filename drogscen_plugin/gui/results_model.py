"""The school × scene rows of an analysis, as a sortable table."""

from qgis.core import NULL, QgsApplication, QgsFeatureRequest
from qgis.PyQt.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt

from ..core.fields import field_alias
from ..core.hours_display import display_hours
from ..definitions.conflicts import conflict_label
from ..i18n import tr

COLUMNS = (
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
# Shown with day names in the interface's language.
HOURS = ("presence_hours", "guard_hours", "round_days")
# Fields read from the layer: the columns' and what the notes are made of.
READ = COLUMNS + ("hours_note", "scene_min")
# The school column carries an icon for the rows whose numbers rest on assumptions.
NOTES_COLUMN = "school_name"
SORT_ROLE = Qt.ItemDataRole.UserRole
FID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_ICON = "/mIconWarning.svg"


def short_headers():
    """Headers short enough for the dock's width; the tooltip has the full name."""
    # Two lines: the numbers are narrower than their headers.
    return {"concurrent_min": tr("Open\n(min)"), "afterhours_min": tr("Closed\n(min)")}


def row_notes(values):
    """What a user must know about a row: the analysis's hours note, a scene that is
    never active."""
    notes = []
    if values.get("hours_note"):
        notes.append(values["hours_note"])
    if values.get("scene_min") == 0:
        notes.append(tr("The scene is never active (closed): no minutes count."))
    return notes


class ResultsModel(QAbstractTableModel):
    """One row per feature of the overlaps layer, read once when set."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows = []  # (feature id, values in COLUMNS order, notes or None)
        self._icon = QgsApplication.getThemeIcon(NOTE_ICON)
        self._language = QgsApplication.locale()

    def set_layer(self, layer):
        """Show the features of ``layer`` (the OUTPUT of drogscen:overlap); None clears."""
        self.beginResetModel()
        self._rows = []
        if layer is not None:
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
            request.setSubsetOfAttributes(list(READ), layer.fields())
            for feature in layer.getFeatures(request):
                read = {name: None if feature[name] == NULL else feature[name] for name in READ}
                notes = "\n".join(row_notes(read)) or None
                self._rows.append((feature.id(), [read[name] for name in COLUMNS], notes))
        self.endResetModel()

    def row_of(self, fid):
        """The row of the overlaps feature ``fid``, or -1."""
        for row, (row_fid, _, _) in enumerate(self._rows):
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
        fid, values, notes = self._rows[index.row()]
        name = COLUMNS[index.column()]
        value = values[index.column()]
        if role == FID_ROLE:
            return fid
        if role == SORT_ROLE:
            if name in NUMERIC:
                return -1 if value is None else int(value)
            return "" if value is None else str(value).casefold()
        text = "" if value is None else str(value)
        if name == "conflict" and value is not None:
            text = conflict_label(value)
        elif name in HOURS:
            text = display_hours(text, self._language)
        if name == NOTES_COLUMN and notes is not None:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icon
            if role == Qt.ItemDataRole.ToolTipRole:
                return "{}\n{}".format(text, notes)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and name in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            name = COLUMNS[section]
            full = field_alias(name)
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
