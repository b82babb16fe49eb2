"""The school × scene rows of an analysis, as a sortable table."""

from qgis.core import NULL, QgsFeatureRequest
from qgis.PyQt.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt

from ..core.fields import field_alias
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
SORT_ROLE = Qt.ItemDataRole.UserRole
FID_ROLE = Qt.ItemDataRole.UserRole + 1


def conflict_label(value):
    labels = {"concurrent": tr("Concurrent"), "after_hours": tr("After hours")}
    return labels.get(value, value)


class ResultsModel(QAbstractTableModel):
    """One row per feature of the overlaps layer, read once when set."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows = []  # (feature id, values in COLUMNS order)

    def set_layer(self, layer):
        """Show the features of ``layer`` (the OUTPUT of drogscen:overlap); None clears."""
        self.beginResetModel()
        self._rows = []
        if layer is not None:
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            request.setSubsetOfAttributes(list(COLUMNS), layer.fields())
            for feature in layer.getFeatures(request):
                values = [None if feature[name] == NULL else feature[name] for name in COLUMNS]
                self._rows.append((feature.id(), values))
        self.endResetModel()

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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if value is None:
                return ""
            return conflict_label(value) if name == "conflict" else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and name in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802 (Qt API)
        self, section, orientation, role=Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return field_alias(COLUMNS[section])
        return super().headerData(section, orientation, role)


def sorted_results(model, parent=None):
    """A proxy sorting ``model`` by value: numbers as numbers, text without case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
