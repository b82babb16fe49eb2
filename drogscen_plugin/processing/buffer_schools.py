"""drogscen:bufferschools — the area around each school that the overlap analysis uses."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingUtils,
    QgsWkbTypes,
)

from ..core.space import buffer_geometry
from ..definitions import algorithms, defaults
from ..definitions import parameters as keys
from ..i18n import tr
from ..qgis_io.checks import require_distance
from ..qgis_io.compat import FieldType
from ..qgis_io.layers import POINTS_OR_POLYGONS, LayerReader
from ..qgis_io.writing import to_qgs
from .base import DrogscenAlgorithm
from .outputs import OutputSinks


class BufferSchoolsAlgorithm(DrogscenAlgorithm):
    SCHOOLS = keys.SCHOOLS
    DISTANCE = keys.DISTANCE
    DISTANCE_FIELD = keys.DISTANCE_FIELD
    ANALYSIS_CRS = keys.ANALYSIS_CRS
    OUTPUT = keys.OUTPUT

    def name(self):
        return algorithms.BUFFER_SCHOOLS_NAME

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("School buffers")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "The area within the distance of each school or preschool, as the overlap analysis "
            "measures it: a circle around a point, or outward from the boundary of school grounds, "
            "its arcs drawn within 5 cm of the true circle. "
            "Each buffer keeps the school's attributes and gets the field distance_m with the "
            "distance used."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SCHOOLS,
                tr("Schools and preschools"),
                [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon],
            ),
            tr("Points, or polygons of school grounds."),
        )
        self.add_distance(tr("Buffer distance in metres."))
        self.add(
            QgsProcessingParameterCrs(self.ANALYSIS_CRS, tr("Analysis CRS"), defaults.ANALYSIS_CRS),
            tr("Projected CRS in metres in which the buffers are drawn and written."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("School buffers"), QgsProcessing.TypeVectorPolygon
            ),
            tr("One polygon per school."),
        )

    def process(self, parameters, context, feedback):
        crs = self.analysis_crs(parameters, self.ANALYSIS_CRS, context)
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context)
        source = self.source(parameters, self.SCHOOLS, context)
        distance_field = self.field_name(
            parameters, self.DISTANCE_FIELD, context, source, feedback, require_distance
        )
        reader = LayerReader(source, POINTS_OR_POLYGONS, crs, context, feedback)
        distance_index = reader.field(distance_field)

        extra = QgsFields()
        extra.append(QgsField("distance_m", FieldType.DOUBLE))
        fields = QgsProcessingUtils.combineFields(source.fields(), extra)
        wkb_type = QgsWkbTypes.MultiPolygon
        features = []
        for school, geometry in reader.features(None, span=(0, 90)):
            used = (
                None
                if distance_index is None
                else reader.distance(school, distance_index, distance_field)
            )
            used = distance if used is None else used
            feature = QgsFeature(fields)
            feature.setAttributes(school.attributes() + [used])
            feature.setGeometry(to_qgs(buffer_geometry(geometry, used), wkb_type))
            features.append(feature)
        with OutputSinks(self, parameters, context, feedback) as sinks:
            sink, destination = sinks.create(self.OUTPUT, fields, wkb_type, crs)
            if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.writeFeatureError(sink, parameters, self.OUTPUT))
        reader.report()
        return {self.OUTPUT: destination}
