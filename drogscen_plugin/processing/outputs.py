"""Output destinations: what a run would replace, and nothing left of a stopped run.

QGIS Processing replaces an existing output: a file path the whole file
(every layer in a GeoPackage), ``ogr:dbname=... table=...`` that one layer,
a database table that table. ``OutputSinks`` does the same and says so,
and when a run is canceled or fails while writing, closes and removes what
it began. Which destinations are refused is the guard's part (guard.py).
"""

import os
import re
from collections import namedtuple

from qgis.core import (
    QgsDataSourceUri,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderConnectionException,
    QgsProviderRegistry,
    QgsVectorFileWriter,
)
from qgis.PyQt import sip

from ..core.errors import InputError
from ..i18n import tr

MEMORY, FILE, FILE_LAYER, DATABASE = "memory", "file", "file layer", "database"
# What SQLite and GDAL may keep beside a file while it is open.
_SIDECARS = ("-wal", "-shm", "-journal", ".aux.xml")


_Table = namedtuple("_Table", "provider service host port dbname schema table")


def _table(provider, uri):
    """What names one database table, comparable between URIs."""
    parts = QgsProviderRegistry.instance().decodeUri(provider, uri)
    return _Table(
        provider,
        parts.get("service") or "",
        parts.get("host") or "",
        str(parts.get("port") or "5432"),
        parts.get("dbname") or "",
        parts.get("schema") or "public",
        parts.get("table") or "",
    )


def _connection(provider, uri):
    """A database connection through QGIS's provider, or None where there is none."""
    metadata = QgsProviderRegistry.instance().providerMetadata(provider)
    if metadata is None:
        return None
    try:
        return metadata.createConnection(uri, {})
    except QgsProviderConnectionException:
        return None


def _layer_names(path):
    return [details.name() for details in QgsProviderRegistry.instance().querySublayers(path)]


class Destination:
    """A sink destination as QGIS Processing reads it.

    ``kind`` is MEMORY (also for temporary outputs, new on every run), FILE
    (a path: the file is replaced whole), FILE_LAYER (one layer of a file,
    ``ogr:dbname=... table=...``) or DATABASE (a table through a provider such
    as ``postgres://...`` or ``postgis:...``).
    """

    def __init__(self, text):
        self.text = text
        self.kind = MEMORY
        self.provider = "ogr"
        self.path = self.layer = self.uri = None
        if not text or text == QgsProcessing.TEMPORARY_OUTPUT or text.startswith("memory:"):
            return
        matched, provider, uri = QgsProcessingUtils.decodeProviderKeyAndUri(text)
        if not matched:
            # As Processing splits "provider:uri"; a drive letter is too short for a provider.
            match = re.match(r"^(.{3,}?):(.*)$", text, re.DOTALL)
            if match:
                matched, (provider, uri) = True, match.groups()
        if not matched:
            self.kind = FILE
            self.path = text
            if not QgsVectorFileWriter.driverForExtension(os.path.splitext(text)[1][1:]):
                self.path += ".gpkg"  # as Processing does
            return
        self.provider = "postgres" if provider == "postgis" else provider
        self.uri = uri
        if self.provider != "ogr":
            self.kind = DATABASE
            return
        source = QgsDataSourceUri(uri)
        if source.database():
            self.kind, self.path, self.layer = FILE_LAYER, source.database(), source.table()
        else:
            self.kind, self.path = FILE, uri

    @classmethod
    def plain_file(cls, path):
        """A destination that is a file of any kind (a PDF, say), not a layer source."""
        destination = cls("")
        destination.text, destination.kind, destination.path = path, FILE, path
        return destination

    def existing(self):
        """A sentence saying what this destination replaces, or None when it is new."""
        if self.kind == FILE and os.path.exists(self.path):
            names = _layer_names(self.path)
            if len(names) > 1:
                return tr("the file {path} exists and is replaced whole, with its layers "
                          "{layers}.").format(path=self.path, layers=", ".join(names))
            return tr("the file {path} exists and is replaced.").format(path=self.path)
        if self.kind == FILE_LAYER and os.path.exists(self.path):
            if self.layer in _layer_names(self.path):
                return tr("the layer '{layer}' in {path} exists and is replaced; the other "
                          "layers of the file are kept.").format(layer=self.layer, path=self.path)
        if self.kind == DATABASE:
            table = _table(self.provider, self.uri)
            connection = _connection(self.provider, self.uri)
            if connection is not None and connection.tableExists(table.schema, table.table):
                return tr("the table {schema}.{table} exists and is replaced.").format(
                    schema=table.schema, table=table.table
                )
        return None

    def remove(self, created, context, existed):
        """Remove the output created at ``created`` (what Processing returned)."""
        store = context.temporaryLayerStore()
        if store.mapLayer(created) is not None:
            store.removeMapLayer(created)
        elif self.kind == DATABASE:
            table = _table(self.provider, self.uri)
            connection = _connection(self.provider, self.uri)
            if connection is not None and connection.tableExists(table.schema, table.table):
                connection.dropVectorTable(table.schema, table.table)
        elif self.kind == FILE_LAYER and existed:
            # The file held other layers before: drop only this one.
            connection = _connection("ogr", self.path)
            if connection is not None and connection.tableExists("", self.layer):
                connection.dropVectorTable("", self.layer)
        else:
            _remove_file(created.split("|")[0])


def _remove_file(path):
    if path.lower().endswith(".shp"):
        QgsVectorFileWriter.deleteShapeFile(path)
    for name in [path] + [path + suffix for suffix in _SIDECARS]:
        if os.path.exists(name):
            os.remove(name)
    # A temporary output's folder of its own, now empty.
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.abspath(QgsProcessingUtils.tempFolder())
    if os.path.dirname(folder) == temporary and not os.listdir(folder):
        os.rmdir(folder)


def destination_text(parameters, name, context):
    """The destination a parameter asks for, without creating anything."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        value = value.valueAsString(context.expressionContext(), "")
    return "" if value is None else str(value)


class OutputSinks:
    """The feature sinks of one run of ``algorithm``.

    ``create`` per output (telling the user
    what it replaces), ``close`` when all is written; ``discard`` after a
    cancel or error closes the sinks and removes what they began.
    """

    def __init__(self, algorithm, parameters, context, feedback):
        self.algorithm = algorithm
        self.parameters = parameters
        self.context = context
        self.feedback = feedback
        # (sink, destination, what Processing created, whether its file existed before)
        self.created = []

    def _label(self, name):
        return "{} ({})".format(self.algorithm.parameterDefinition(name).description(), name)

    def _destination(self, name):
        return Destination(destination_text(self.parameters, name, self.context))

    def create(self, name, fields, wkb_type, crs):
        """The sink and destination of output ``name``, as parameterAsSink gives them."""
        destination = self._destination(name)
        existing = destination.existing()
        if existing:
            self.feedback.pushWarning(
                tr("{output}: {existing}").format(output=self._label(name), existing=existing)
            )
        existed = destination.kind == FILE_LAYER and os.path.exists(destination.path)
        sink, created = self.algorithm.parameterAsSink(
            self.parameters, name, self.context, fields, wkb_type, crs
        )
        if sink is None:
            raise QgsProcessingException(self.algorithm.invalidSinkError(self.parameters, name))
        self.created.append((sink, destination, created, existed))
        return sink, created

    def close(self):
        """Close every sink, so that what they wrote is complete on disk."""
        for sink, *_ in self.created:
            if not sip.isdeleted(sink):
                sip.delete(sink)

    def discard(self):
        """Close the sinks and remove what they created; nothing of the run is kept."""
        self.close()
        loading = self.context.layersToLoadOnCompletion()
        for _, destination, created, existed in reversed(self.created):
            loading.pop(created, None)
            try:
                destination.remove(created, self.context, existed)
            except (OSError, QgsProviderConnectionException) as error:
                # Said, not raised: the error that stopped the run comes first.
                self.feedback.pushWarning(
                    tr("Could not remove the unfinished output {output}: {error}").format(
                        output=QgsDataSourceUri.removePassword(created), error=error
                    )
                )
        self.context.setLayersToLoadOnCompletion(loading)
        if self.created:
            self.feedback.pushInfo(tr("The unfinished outputs were removed."))
        self.created = []
