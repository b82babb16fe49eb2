"""The "Publish…" button of the Results tab: drogscen:publish for a run on PostGIS data.

Partners read the shared lägesbild from the database the scenes and schools
come from, so the button offers itself only for runs on PostGIS layers and
opens the algorithm's dialog with the run's outputs and that database's
saved connection filled in.
"""

from qgis.core import QgsDataSourceUri, QgsProviderRegistry
from qgis.PyQt.QtWidgets import QPushButton

from ..definitions import algorithms
from ..definitions import parameters as keys
from ..i18n import tr

ALGORITHM = algorithms.PUBLISH


def _database(uri_text):
    uri = QgsDataSourceUri(uri_text)
    return uri.host(), uri.port() or "5432", uri.database(), uri.service()


def saved_connection(layer):
    """The name of a saved PostgreSQL connection to ``layer``'s database, or None."""
    wanted = _database(layer.source())
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    for name, connection in sorted(metadata.connections().items()):
        if _database(connection.uri()) == wanted:
            return name
    return None


class PublishButton(QPushButton):
    """Opens drogscen:publish for ``set_run``'s outputs when its inputs are PostGIS."""

    def __init__(self):
        super().__init__(tr("Publish…"))
        self.setToolTip(
            tr("Share this run's lägesbild in the PostGIS database of its scenes and schools")
        )
        self.parameters = None
        self.setEnabled(False)
        self.clicked.connect(self.open_dialog)

    def set_run(self, result, inputs):
        """``result`` of a run on ``inputs`` (scenes and schools layers), or None."""
        self.parameters = None
        if result is not None and all(
            layer is not None and layer.providerType() == "postgres" for layer in inputs
        ):
            self.parameters = {keys.OVERLAPS: result.overlaps, keys.SUMMARY: result.summary}
            connection = saved_connection(inputs[0])
            if connection is not None:
                self.parameters[keys.CONNECTION] = connection
        self.setEnabled(self.parameters is not None)

    def open_dialog(self):
        # QGIS loads its Processing plugin after this one may have been loaded.
        import processing

        processing.execAlgorithmDialog(ALGORITHM, dict(self.parameters))
