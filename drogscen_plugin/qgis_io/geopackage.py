"""New, empty layers in a GeoPackage the user chose."""

import os

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProject,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from ..core.errors import DrogscenError
from ..i18n import tr


def layer_names(path):
    """Names of the layers in the file, case-folded; none when there is no file."""
    if not os.path.exists(path):
        return set()
    return {
        sublayer.name().casefold()
        for sublayer in QgsProviderRegistry.instance().querySublayers(path)
    }


def write_empty_layer(path, layer_name, field_types, wkb_type, crs):
    """Create ``layer_name`` with ``field_types`` ((name, compat.FieldType) pairs) in ``path``.

    The caller makes sure the layer is new: an existing file only gains a layer.
    """
    fields = QgsFields()
    for name, kind in field_types:
        fields.append(QgsField(name, kind))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = layer_name
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer
        if os.path.exists(path)
        else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    writer = QgsVectorFileWriter.create(
        path, fields, wkb_type, crs, QgsProject.instance().transformContext(), options
    )
    error, message = writer.hasError(), writer.errorMessage()
    del writer  # closes the file
    if error != QgsVectorFileWriter.NoError:
        raise DrogscenError(
            tr("Could not create layer '{layer}' in {path}: {message}").format(
                layer=layer_name, path=path, message=message
            )
        )


def open_layer(path, layer_name, display_name=None):
    """The layer ``layer_name`` of the file, named ``display_name`` in QGIS."""
    layer = QgsVectorLayer(
        "{}|layername={}".format(path, layer_name), display_name or layer_name, "ogr"
    )
    if not layer.isValid():
        raise DrogscenError(
            tr("The new layer '{layer}' in {path} could not be opened.").format(
                layer=layer_name, path=path
            )
        )
    return layer
