"""The output guard every algorithm and the command line pass before any work.

Every input and output of a run is resolved to where its data is stored: a
file by its real path (letter case folded, as Windows, macOS and the formats'
own layer names ignore it; a shapefile with its sidecars), a layer of a
GeoPackage or SpatiaLite file by its case-folded name, a database table by
the addresses its host resolves to, port, database, schema and table. An
output that names no layer, that would write where an input is read or where
another output of the run goes, or a database that cannot be reached, is
refused with one message before anything is read or written.
"""

import configparser
import os
import socket

from qgis.core import (
    QgsDataSourceUri,
    QgsException,
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingUtils,
    QgsProject,
    QgsProviderConnectionException,
    QgsProviderRegistry,
    QgsVirtualLayerDefinition,
)
from qgis.PyQt.QtCore import QUrl

from ..core.errors import InputError
from ..i18n import tr
from .journal import recover_paths
from .outputs import DATABASE, FILE, FILE_LAYER, MEMORY, Destination, _connection, destination_text

# Files that together are one shapefile: writing any of them rewrites the layer.
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")
# Parameter types read as layers, and as layer lists.
_LAYER_TYPES = ("source", "vector", "layer", "raster", "mesh", "pointcloud")
_FILE_TYPES = ("file",)
_LIST_TYPES = ("multilayer",)


def _file_key(path):
    """A file's path as compared: real, normalised, case-folded, sidecars as their .shp."""
    real = os.path.normcase(os.path.realpath(os.path.abspath(path)))
    stem, extension = os.path.splitext(real)
    if extension.lower() in _SHAPEFILE_PARTS:
        real = stem + ".shp"
    return real.casefold()


def _addresses(host):
    """The addresses a database host name resolves to; a socket path means this machine."""
    host = (host or "localhost").strip()
    if host.startswith("/"):
        host = "localhost"
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        found = set()
    if found & {"127.0.0.1", "::1"}:
        found |= {"127.0.0.1", "::1"}
    return frozenset(found or {host.casefold()})


class Storage:
    """Where one input or output keeps its data.

    ``place`` names the file or database, ``layer`` the layer or table in it
    (None: the whole file, or the file's only layer). Database places hold
    their host's addresses, compared by overlap.
    """

    def __init__(self, place, layer, addresses=frozenset(), inode=None):
        self.place = place
        self.layer = layer
        self.addresses = addresses
        self.inode = inode

    def same_place(self, other):
        if self.inode is not None and self.inode == other.inode:
            return True  # one file under two names (a hard link)
        if self.place != other.place:
            return False
        return not (self.addresses or other.addresses) or bool(self.addresses & other.addresses)

    def overlaps(self, other):
        """True when writing one would touch the data of the other."""
        if not self.same_place(other):
            return False
        return self.layer is None or other.layer is None or self.layer == other.layer


def _inode(path):
    """The device and inode of an existing file (a shapefile's .shp), else None."""
    stem, extension = os.path.splitext(path)
    if extension.lower() in _SHAPEFILE_PARTS:
        path = next((stem + ext for ext in (".shp", ".SHP") if os.path.exists(stem + ext)), path)
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def file_storage(path, layer=None):
    """A file, or a layer of it; a file's only layer counts as the whole file."""
    if layer is None and os.path.isfile(path):
        names = [d.name() for d in QgsProviderRegistry.instance().querySublayers(path)]
        layer = names[0] if len(names) == 1 else None
        if os.path.splitext(path)[1].lower() in _SHAPEFILE_PARTS:
            layer = None
    return Storage(
        ("file", _file_key(path)), None if layer is None else layer.casefold(), inode=_inode(path)
    )


def _service_files():
    """Where libpq looks up a connection service: the user's file first, then the system's."""
    if os.name == "nt":
        user = os.path.join(os.environ.get("APPDATA", ""), "postgresql", ".pg_service.conf")
    else:
        user = os.path.expanduser("~/.pg_service.conf")
    system = os.environ.get("PGSYSCONFDIR") or "/etc/postgresql-common"
    return [os.environ.get("PGSERVICEFILE") or user, os.path.join(system, "pg_service.conf")]


def _service_settings(name):
    """The settings of a libpq connection service, or None when no service file has it."""
    for path in _service_files():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except (OSError, UnicodeError, configparser.Error):
            continue
        if parser.has_section(name):
            return dict(parser[name])
    return None


def table_storage(provider, uri):
    """A database table named by a provider's URI (postgres, spatialite, ...)."""
    source = QgsDataSourceUri(uri)
    if provider == "spatialite":
        return file_storage(source.database(), source.table())
    # A service names host, port and database in a file; the URI's own values win, as in libpq.
    service = _service_settings(source.service()) if source.service() else {}
    if service is None:
        service, unresolved = {}, source.service()
    else:
        unresolved = ""
    place = (
        provider,
        unresolved,
        source.port() or service.get("port") or ("5432" if provider == "postgres" else ""),
        source.database() or service.get("dbname", ""),
    )
    host = source.host() or service.get("host")
    addresses = frozenset() if unresolved else _addresses(host)
    return Storage(place, (source.schema() or "public", source.table()), addresses)


def source_storage(provider, source):
    """Where a provider's data source lives, or None for data held only in memory."""
    if provider in ("postgres", "spatialite", "oracle", "mssql", "hana"):
        return table_storage(provider, source)
    parts = QgsProviderRegistry.instance().decodeUri(provider, source)
    path = parts.get("path")
    if not path:
        return None
    return file_storage(path, parts.get("layerName") or None)


def layer_storage(layer):
    """Where a QGIS layer's data lives, or None for data held only in memory."""
    return source_storage(layer.providerType(), layer.source())


def layer_storages(layer, project):
    """Every place a layer reads: a virtual layer (an SQL query in QGIS) reads its source
    layers, named by their source or by a layer of ``project``."""
    if layer.providerType() != "virtual":
        return [layer_storage(layer)]
    found = []
    definition = QgsVirtualLayerDefinition.fromUrl(QUrl(layer.source()))
    for source in definition.sourceLayers():
        if not source.isReferenced():
            found.append(source_storage(source.provider(), source.source()))
            continue
        referenced = project.mapLayer(source.reference()) if project is not None else None
        # A virtual layer on itself would not load; the depth is that of the user's layers.
        if referenced is not None and referenced is not layer:
            found.extend(layer_storages(referenced, project))
    return found


def destination_storage(destination):
    """Where a sink Destination writes, or None for memory outputs."""
    if destination.kind == MEMORY:
        return None
    if destination.kind == FILE:
        return Storage(("file", _file_key(destination.path)), None, inode=_inode(destination.path))
    if destination.kind == FILE_LAYER:
        return file_storage(destination.path, destination.layer)
    return table_storage(destination.provider, destination.uri)


def names_no_layer(destination):
    """True for a destination naming a file or database but no layer (``table=""``)."""
    if destination.kind == FILE_LAYER:
        return not destination.layer
    if destination.kind == DATABASE:
        return not QgsDataSourceUri(destination.uri).table()
    return False


def check_reachable(label, destination):
    """Refuse a database output whose database cannot be reached now."""
    if destination.kind != DATABASE or destination.provider == "spatialite":
        return
    try:
        connection = _connection(destination.provider, destination.uri)
        if connection is None:
            raise QgsProviderConnectionException(tr("no connection could be made"))
        connection.schemas()
    except (QgsProviderConnectionException, QgsException) as error:
        # QGIS's reason repeats the connection, password included.
        reason = QgsDataSourceUri.removePassword(" ".join(str(error).split()))
        raise InputError(
            tr("{output}: cannot reach the database of '{destination}': {reason}").format(
                output=label,
                destination=QgsDataSourceUri.removePassword(destination.text),
                reason=reason,
            )
        ) from None


def check_run(outputs, inputs):
    """Refuse the run's outputs that clash.

    ``outputs``: (label, Destination) per output; ``inputs``: (label, Storage,
    description) per input. Raises InputError with one message.
    """
    written = []
    for label, destination in outputs:
        shown = QgsDataSourceUri.removePassword(destination.text)
        if names_no_layer(destination):
            raise InputError(
                tr(
                    "{output}: '{destination}' names no layer; give the layer or table to write."
                ).format(output=label, destination=shown)
            )
        storage = destination_storage(destination)
        if storage is None:
            continue
        for input_label, input_storage, description in inputs:
            if input_storage is not None and storage.overlaps(input_storage):
                raise InputError(
                    tr(
                        "{output}: '{destination}' would replace the input layer {source} "
                        "({parameter}); choose another output."
                    ).format(
                        output=label, destination=shown, source=description, parameter=input_label
                    )
                )
        for other_label, other in written:
            if storage.overlaps(other):
                raise InputError(
                    tr(
                        "{output}: '{destination}' is where {other} is written too; choose "
                        "another output."
                    ).format(output=label, destination=shown, other=other_label)
                )
        written.append((label, storage))
    for label, destination in outputs:
        check_reachable(label, destination)


def _run_inputs(algorithm, parameters, context):
    """(parameter name, Storage, description) of every layer or file the run reads."""
    found = []
    for definition in algorithm.parameterDefinitions():
        name, kind = definition.name(), definition.type()
        if definition.isDestination() or parameters.get(name) in (None, ""):
            continue
        if kind in _LAYER_TYPES:
            layers = [algorithm.parameterAsLayer(parameters, name, context)]
        elif kind in _LIST_TYPES:
            layers = algorithm.parameterAsLayerList(parameters, name, context)
        elif kind in _FILE_TYPES:
            path = algorithm.parameterAsFile(parameters, name, context)
            found.append((name, file_storage(path) if path else None, path))
            continue
        else:
            continue
        project = context.project() or QgsProject.instance()
        found.extend(
            (name, storage, layer.publicSource())
            for layer in layers
            if layer is not None
            for storage in layer_storages(layer, project)
        )
    return found


def _run_outputs(algorithm, parameters, context):
    """(label, Destination) of every output the run writes."""
    found = []
    for definition in algorithm.destinationParameterDefinitions():
        name = definition.name()
        text = destination_text(parameters, name, context)
        if not text or text == QgsProcessing.TEMPORARY_OUTPUT:
            continue
        label = "{} ({})".format(definition.description(), name)
        if definition.type() in ("fileDestination", "folderDestination"):
            destination = Destination.plain_file(text)
        else:
            destination = Destination(text)
        found.append((label, destination))
    return found


def _input_paths(value, context):
    """The files a parameter's value names: a layer, a source, a path, a list of them."""
    if isinstance(value, (list, tuple)):
        return [path for item in value for path in _input_paths(item, context)]
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.staticValue()
    if isinstance(value, str) and value:
        value = (context.project() or QgsProject.instance()).mapLayer(value) or value
    if isinstance(value, QgsMapLayer):
        provider, source = value.providerType(), value.source()
    elif isinstance(value, str) and value:
        matched, provider, source = QgsProcessingUtils.decodeProviderKeyAndUri(value)
        if not matched:
            provider, source = "ogr", value
    else:
        return []
    path = QgsProviderRegistry.instance().decodeUri(provider, source).get("path")
    return [path] if path else []


def recover_run(algorithm, parameters, context, outputs):
    """Finish what an interrupted earlier run left in the folders this run reads or writes
    (journal.py), before anything is read: it may have been one of its outputs."""
    paths = [destination.path for _, destination in outputs]
    for definition in algorithm.parameterDefinitions():
        if not definition.isDestination():
            paths.extend(_input_paths(parameters.get(definition.name()), context))
    try:
        recover_paths(paths)
    except OSError as error:
        raise InputError(
            tr("Could not complete the outputs of an interrupted earlier run: {reason}").format(
                reason=error
            )
        ) from None


def check_algorithm_run(algorithm, parameters, context):
    """The guard for one Processing run, before ``process`` reads anything."""
    outputs = _run_outputs(algorithm, parameters, context)
    recover_run(algorithm, parameters, context, outputs)
    check_run(outputs, _run_inputs(algorithm, parameters, context))
