"""Output destinations: what a run would replace, and nothing left of a stopped run.

QGIS Processing replaces an existing output: a file path the whole file
(every layer in a GeoPackage), ``ogr:dbname=... table=...`` that one layer,
a database table that table. ``OutputSinks`` does the same and says so,
and when a run is canceled or fails while writing, closes and removes what
it began. Which destinations are refused is the guard's part (guard.py).
"""

import hashlib
import os
import re
import socket
from collections import namedtuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderConnectionException,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt import sip

from ..i18n import tr
from . import atomic, journal

MEMORY, FILE, FILE_LAYER, DATABASE = "memory", "file", "file layer", "database"
# A staged PostGIS table: TABLE__drogscen_tmp_HOST_PID_N, HOST short for this machine
# (a database is shared: only this machine can tell whether its PID still runs).
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8")).hexdigest()[:6]
_STAGED_TABLE = re.compile(r"__drogscen_tmp_(?P<host>[0-9a-f]{6})_(?P<pid>\d+)_\d+$")


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
                return tr(
                    "the file {path} exists and is replaced whole, with its layers {layers}."
                ).format(path=self.path, layers=", ".join(names))
            return tr("the file {path} exists and is replaced.").format(path=self.path)
        if self.kind == FILE_LAYER and os.path.exists(self.path):
            if self.layer in _layer_names(self.path):
                return tr(
                    "the layer '{layer}' in {path} exists and is replaced; the other "
                    "layers of the file are kept."
                ).format(layer=self.layer, path=self.path)
        if self.kind == DATABASE:
            table = _table(self.provider, self.uri)
            connection = _connection(self.provider, self.uri)
            if connection is not None and connection.tableExists(table.schema, table.table):
                return tr("the table {schema}.{table} exists and is replaced.").format(
                    schema=table.schema, table=table.table
                )
        return None

    def remove(self, created, context):
        """Remove the output created at ``created`` (what Processing returned):
        a memory layer, a new database table or a temporary output file."""
        store = context.temporaryLayerStore()
        if store.mapLayer(created) is not None:
            store.removeMapLayer(created)
        elif self.kind == DATABASE:
            table = _table(self.provider, self.uri)
            connection = _connection(self.provider, self.uri)
            if connection is not None and connection.tableExists(table.schema, table.table):
                connection.dropVectorTable(table.schema, table.table)
        else:
            _remove_file(created.split("|")[0])


def _remove_file(path):
    if path.lower().endswith(".shp"):
        QgsVectorFileWriter.deleteShapeFile(path)
    for name in [path] + [path + suffix for suffix in atomic.SIDECARS]:
        if os.path.exists(name):
            os.remove(name)
    # A temporary output's folder of its own, now empty.
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.abspath(QgsProcessingUtils.tempFolder())
    if os.path.dirname(folder) == temporary and not os.listdir(folder):
        os.rmdir(folder)


def _identifier(name):
    return '"{}"'.format(name.replace('"', '""'))


def destination_text(parameters, name, context):
    """The destination a parameter asks for, without creating anything."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        # PyQGIS gives (text, ok).
        value, _ = value.valueAsString(context.expressionContext(), "")
    return "" if value is None else str(value)


class OutputSinks:
    """The feature sinks of one run of ``algorithm``, replacing files atomically.

    ``create`` per output (telling the user what it replaces); a file output
    is written to a hidden sibling of its file (a layer of an existing file:
    to a copy of the file), and ``commit`` renames them in only when every
    output is written and closed without error. ``discard`` after a cancel
    or error closes the sinks and removes what they began; the user's files
    are never touched by a run that does not finish.
    """

    def __init__(self, algorithm, parameters, context, feedback):
        self.algorithm = algorithm
        self.parameters = parameters
        self.context = context
        self.feedback = feedback
        # (sink, destination, what Processing created, what the run reports)
        self.created = []
        # Target file -> its staged sibling; outputs into one file share it.
        self.staged = {}
        # PostGIS outputs: (destination, schema, staged table, final table).
        self.tables = []

    def _label(self, name):
        return "{} ({})".format(self.algorithm.parameterDefinition(name).description(), name)

    def _destination(self, name):
        return Destination(destination_text(self.parameters, name, self.context))

    def _staged_table(self, destination):
        """A new table beside a PostGIS output's; its text and (temporary, final) names."""
        source = QgsDataSourceUri(destination.uri)
        final, schema = source.table(), source.schema() or "public"
        self._drop_stale(destination, schema)
        suffix = "__drogscen_tmp_{}_{}_{}".format(_HOST, os.getpid(), next(atomic.serial))
        # PostgreSQL keeps 63 bytes of a name.
        staged = final.encode("utf-8")[: 63 - len(suffix)].decode("utf-8", "ignore") + suffix
        source.setTable(staged)
        self.tables.append((destination, schema, staged, final))
        return "postgres://" + source.uri(False), (staged, final)

    def _drop_stale(self, destination, schema):
        """Drop the staged tables in ``schema`` that killed runs of this machine left."""
        connection = _connection(destination.provider, destination.uri)
        if connection is None:
            return
        try:
            names = [table.tableName() for table in connection.tables(schema)]
        except QgsProviderConnectionException:
            return  # the run's own writing says what is wrong
        for name in names:
            match = _STAGED_TABLE.search(name)
            if (
                match
                and match.group("host") == _HOST
                and not atomic.running(int(match.group("pid")))
            ):
                self._drop(destination, schema, name)

    def _staged_parameters(self, name, destination):
        """The run's parameters with output ``name`` pointed at its staged sibling."""
        if destination.kind == DATABASE and destination.provider == "postgres":
            return self._with_destination(name, *self._staged_table(destination))
        if destination.kind not in (FILE, FILE_LAYER):
            return self.parameters, None
        target = os.path.abspath(destination.path)
        staged = self.staged.get(target)
        if staged is None:
            staged = atomic.sibling(target)
            if destination.kind == FILE_LAYER and os.path.exists(target):
                atomic.copy_for_update(target, staged)
            self.staged[target] = staged
        text = destination.text.replace(destination.path, staged)
        if destination.kind == FILE and destination.text != destination.path:
            text = staged  # Processing added the extension
        return self._with_destination(name, text, (staged, target))

    def _with_destination(self, name, text, staging):
        """The run's parameters with output ``name`` written to ``text``."""
        value = self.parameters.get(name)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = QgsProcessingOutputLayerDefinition(value)
            value.sink = QgsProperty.fromValue(text)
        else:
            value = text
        return dict(self.parameters, **{name: value}), staging

    def create(self, name, fields, wkb_type, crs=None, optional=False):
        """The sink of output ``name`` and what the run reports as its destination;
        (None, None) for an ``optional`` output the user left unset."""
        destination = self._destination(name)
        existing = destination.existing()
        if existing:
            self.feedback.pushWarning(
                tr("{output}: {existing}").format(output=self._label(name), existing=existing)
            )
        parameters, staging = self._staged_parameters(name, destination)
        sink, created = self.algorithm.parameterAsSink(
            parameters, name, self.context, fields, wkb_type, crs or QgsCoordinateReferenceSystem()
        )
        if sink is None:
            if optional:
                return None, None
            raise QgsProcessingException(self.algorithm.invalidSinkError(parameters, name))
        reported = created if staging is None else created.replace(*staging)
        self.created.append((sink, destination, created, reported))
        return sink, reported

    def close(self):
        """Close every sink, so that what they wrote is complete on disk."""
        for sink, *_ in self.created:
            if not sip.isdeleted(sink):
                sip.delete(sink)

    def commit(self):
        """Close the sinks and put every staged file in place; WriteError, nothing kept,
        when any of them failed (GDAL tells a full disk only while closing)."""
        with atomic.gdal_failures() as failures:
            self.close()
        try:
            if failures:
                raise atomic.WriteError("; ".join(dict.fromkeys(failures)))
            for staged in self.staged.values():
                if not QgsVectorLayer(staged, "check", "ogr").isValid():
                    raise atomic.WriteError(tr("the file written cannot be read back"))
            if self.staged:
                journal.replace_all([(staged, target) for target, staged in self.staged.items()])
            self._swap_tables()
        except journal.Interrupted as error:
            self.staged = {}  # the journal's now, for the next run to complete
            self.discard()
            raise QgsProcessingException(
                tr(
                    "The outputs could not all be put in place ({reason}); the next run reading "
                    "or writing that folder completes them."
                ).format(reason=error)
            ) from None
        except (OSError, atomic.WriteError, QgsProviderConnectionException) as error:
            self.discard()
            raise QgsProcessingException(
                tr(
                    "The outputs could not be written ({reason}); the files that were there "
                    "are kept as they were."
                ).format(reason=error)
            ) from None
        loading = self.context.layersToLoadOnCompletion()
        for _, _, created, reported in self.created:
            if created in loading and created != reported:
                loading[reported] = loading.pop(created)
        self.context.setLayersToLoadOnCompletion(loading)
        self.created, self.staged, self.tables = [], {}, []

    def _swap_tables(self):
        """The staged PostGIS tables renamed over their final tables, in one transaction
        per database (OUTPUT and SUMMARY in one database: both or neither)."""
        databases = {}
        for destination, schema, staged, final in self.tables:
            key = _table(destination.provider, destination.uri)[:5]
            databases.setdefault(key, [destination, []])[1].append(
                "DROP TABLE IF EXISTS {schema}.{final}; "
                "ALTER TABLE {schema}.{staged} RENAME TO {final};".format(
                    schema=_identifier(schema), final=_identifier(final), staged=_identifier(staged)
                )
            )
        for destination, statements in databases.values():
            connection = _connection(destination.provider, destination.uri)
            if connection is None:
                raise QgsProviderConnectionException(tr("no connection could be made"))
            connection.executeSql("BEGIN; {} COMMIT;".format(" ".join(statements)))

    def discard(self):
        """Close the sinks and remove what they created; nothing of the run is kept."""
        self.close()
        loading = self.context.layersToLoadOnCompletion()
        for _, destination, created, _ in reversed(self.created):
            loading.pop(created, None)
            if destination.kind in (FILE, FILE_LAYER) or destination.provider == "postgres":
                continue  # staged: removed below, the user's file or table untouched
            try:
                destination.remove(created, self.context)
            except (OSError, QgsProviderConnectionException) as error:
                # Said, not raised: the error that stopped the run comes first.
                self.feedback.pushWarning(
                    tr("Could not remove the unfinished output {output}: {error}").format(
                        output=QgsDataSourceUri.removePassword(created), error=error
                    )
                )
        for staged in self.staged.values():
            atomic.remove(staged)
        for destination, schema, staged, _ in self.tables:
            self._drop(destination, schema, staged)
        self.context.setLayersToLoadOnCompletion(loading)
        if self.created or self.staged:
            self.feedback.pushInfo(tr("The unfinished outputs were removed."))
        self.created, self.staged, self.tables = [], {}, []

    def _drop(self, destination, schema, table):
        try:
            connection = _connection(destination.provider, destination.uri)
            if connection is not None and connection.tableExists(schema, table):
                connection.dropVectorTable(schema, table)
        except QgsProviderConnectionException as error:
            # Said, not raised: the error that stopped the run comes first.
            self.feedback.pushWarning(
                tr("Could not remove the unfinished output {output}: {error}").format(
                    output=table, error=error
                )
            )

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.commit()
        else:
            # No half-written output, nor a whole one the run does not report.
            self.discard()
        return False
