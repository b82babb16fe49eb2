"""drogscen:fetchschools — schools and preschools from open data."""

from collections import Counter

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsRectangle,
)

from ..core.dedup import GROUNDS_IN_GROUNDS, POINT_IN_GROUNDS, SAME_NAME_NEARBY
from ..core.errors import AnalysisCanceled, InputError, ScheduleError
from ..core.schedule import Schedule
from ..definitions import algorithms, defaults, sources
from ..definitions import parameters as keys
from ..definitions.defaults import WGS84
from ..i18n import tr
from ..net.http import HttpClient, user_agent
from ..qgis_io.cache import cache_folder
from ..qgis_io.fetched_layer import (
    GROUNDS_TYPE,
    POINT_TYPE,
    fetched_fields,
    split_by_geometry,
    to_feature,
    wgs84_transform,
)
from ..qgis_io.grid import grid_advice
from ..qgis_io.proxy import max_answer_bytes, proxy_settings, source_url, tls_verify
from .base import DrogscenAlgorithm
from .outputs import OutputSinks

# Entries listed one by one in the log; the rest are counted.
_LISTED = 20


class FetchSchoolsAlgorithm(DrogscenAlgorithm):
    SOURCE = keys.SOURCE
    EXTENT = keys.EXTENT
    MUNICIPALITY = keys.MUNICIPALITY
    OVERPASS_URL = keys.OVERPASS_URL
    SKOLVERKET_URL = keys.SKOLVERKET_URL
    OUTPUT_CRS = keys.OUTPUT_CRS
    OUTPUT = keys.OUTPUT
    GROUNDS = keys.GROUNDS
    SCHOOL_COUNT = keys.SCHOOL_COUNT
    GROUNDS_COUNT = keys.GROUNDS_COUNT
    SKIPPED_COUNT = keys.SKIPPED_COUNT

    def name(self):
        return algorithms.FETCH_SCHOOLS_NAME

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Fetch schools and preschools (open data)")

    def group(self):
        return tr("Data sources")

    def groupId(self):  # noqa: N802 (QGIS API)
        return "datasources"

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Loads schools and preschools for an extent or a municipality from open data, with "
            "the fields the overlap analysis reads: name, type (förskola, grundskola, "
            "gymnasieskola, skola when the level is not known, annan), opening_hours when the "
            "source has them, source_id, source and fetched_at.\n\nOpenStreetMap (Overpass API): "
            "schools and preschools, school grounds as polygons where they are mapped, and the "
            "opening_hours tag. Data © OpenStreetMap contributors, ODbL: credit OpenStreetMap "
            "wherever you show or share it. A school mapped twice (a point in its grounds, "
            "grounds within grounds) becomes one feature.\n\nSkolverket (Skolenhetsregistret): "
            "the active school units of a municipality, as points. It has no preschools and no "
            "opening hours, and it costs one request per school unit not fetched in the last "
            "day; units whose details fail are left out and named.\n\nA layer holds one geometry "
            "type, so schools mapped as points go to the first output and school grounds to the "
            "second; run the overlap analysis on each.\n\nOnly the extent or the municipality "
            "code is sent to the source. The proxy set in QGIS (Settings › Options › Network) "
            "is used."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.add(
            QgsProcessingParameterEnum(
                self.SOURCE,
                tr("Source"),
                [source.label() for source in sources.SCHOOL_SOURCES],
                defaultValue=0,
            ),
            tr(
                "Where the schools come from. Skolverket's register has no preschools and is "
                "searched by municipality only."
            ),
        )
        self.add(
            QgsProcessingParameterExtent(self.EXTENT, tr("Extent"), optional=True),
            tr("The area to fetch schools for (OpenStreetMap only); or give a municipality."),
        )
        self.add(
            QgsProcessingParameterString(
                self.MUNICIPALITY, tr("Municipality code (kommunkod)"), optional=True
            ),
            tr("The four-digit municipality code, for example 0180 for Stockholm."),
        )
        for source in sources.SCHOOL_SOURCES:
            self.add(
                QgsProcessingParameterString(
                    source.url_parameter, source.url_label(), source_url(source), optional=True
                ),
                source.url_help(),
                advanced=True,
            )
        self.add(
            QgsProcessingParameterCrs(self.OUTPUT_CRS, tr("Output CRS"), defaults.ANALYSIS_CRS),
            tr("The CRS of the output layers; EPSG:3006 (SWEREF 99 TM) suits all of Sweden."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Schools and preschools (points)"), QgsProcessing.TypeVectorPoint
            ),
            tr("The schools and preschools mapped as points (all of them from Skolverket)."),
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.GROUNDS,
                tr("School grounds (polygons)"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
                createByDefault=True,
            ),
            tr("The schools and preschools mapped with their grounds (OpenStreetMap only)."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.SCHOOL_COUNT, tr("Schools as points")))
        self.addOutput(QgsProcessingOutputNumber(self.GROUNDS_COUNT, tr("Schools with grounds")))
        self.addOutput(QgsProcessingOutputNumber(self.SKIPPED_COUNT, tr("Elements left out")))

    def process(self, parameters, context, feedback):
        source = sources.SCHOOL_SOURCES[self.parameterAsEnum(parameters, self.SOURCE, context)]
        municipality = self.parameterAsString(parameters, self.MUNICIPALITY, context).strip()
        bbox = self._bbox(parameters, context)
        if municipality and bbox:
            raise InputError(tr("Give either an extent or a municipality code, not both."))
        if not source.by_extent and not municipality:
            raise InputError(source.municipality_only())
        if not municipality and not bbox:
            raise InputError(tr("Give an extent or a municipality code to fetch schools for."))
        crs = self.parameterAsCrs(parameters, self.OUTPUT_CRS, context)
        if not crs.isValid():
            raise InputError(
                tr("{parameter}: no valid CRS given.").format(
                    parameter=self._label(self.OUTPUT_CRS)
                )
            )

        client = self._client(feedback, **source.client_options)
        url = self.parameterAsString(
            parameters, source.url_parameter, context
        ).strip() or source_url(source)
        feedback.pushInfo(source.asking(url, bbox, municipality))
        with client:
            result = source.fetch(
                client,
                url,
                bbox,
                municipality or None,
                self.progress(feedback, 0, 95),
                cache_folder(),
            )
        if feedback.isCanceled():
            raise AnalysisCanceled(tr("The fetch was canceled."))
        return self._write(result, parameters, context, feedback, crs, source)

    @staticmethod
    def _client(feedback, **options):
        """The HTTP client with QGIS's proxy and the CA bundle setting, canceled with the run."""
        return HttpClient(
            user_agent(),
            proxy=proxy_settings(),
            verify=tls_verify(),
            is_canceled=feedback.isCanceled,
            max_bytes=max_answer_bytes(),
            **options,
        )

    def _bbox(self, parameters, context):
        """The extent as (south, west, north, east) in EPSG:4326, or None."""
        if parameters.get(self.EXTENT) in (None, ""):
            return None
        rectangle = self.parameterAsExtent(
            parameters, self.EXTENT, context, QgsCoordinateReferenceSystem(WGS84)
        )
        if rectangle.isNull() or rectangle.isEmpty():
            return None
        return (
            rectangle.yMinimum(),
            rectangle.xMinimum(),
            rectangle.yMaximum(),
            rectangle.xMaximum(),
        )

    def _write(self, result, parameters, context, feedback, crs, source):
        fields = fetched_fields()
        transform = wgs84_transform(crs, context.transformContext())
        points, grounds = split_by_geometry(result.schools)
        # Every feature is built before any output exists: a failure leaves nothing behind.
        outputs = (
            (self.OUTPUT, POINT_TYPE, [to_feature(s, fields, transform) for s in points]),
            (self.GROUNDS, GROUNDS_TYPE, [to_feature(s, fields, transform) for s in grounds]),
        )
        results = {
            self.SCHOOL_COUNT: len(points),
            self.GROUNDS_COUNT: len(grounds),
            # Unusable geometry, malformed in the answer, or details that failed.
            self.SKIPPED_COUNT: len(result.skipped) + len(result.malformed) + len(result.failed),
        }
        with OutputSinks(self, parameters, context, feedback) as sinks:
            for name, wkb_type, features in outputs:
                sink, destination = sinks.create(name, fields, wkb_type, crs, optional=True)
                if sink is None:
                    if features:
                        feedback.pushWarning(
                            tr(
                                "{count} schools with school grounds were not written: the "
                                "output '{output}' is not set."
                            ).format(count=len(features), output=self._label(name))
                        )
                    continue
                if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
                    raise QgsProcessingException(self.writeFeatureError(sink, parameters, name))
                results[name] = destination
        feedback.setProgress(100)
        self._report(result, points, grounds, feedback, source)
        _warn_about_grid(result.schools, crs, context, feedback)
        return results

    @staticmethod
    def _report(result, points, grounds, feedback, source):
        feedback.pushInfo(
            tr(
                "{count} schools and preschools from {source}: {points} as points, {grounds} "
                "with school grounds."
            ).format(
                count=len(points) + len(grounds),
                source=result.source,
                points=len(points),
                grounds=len(grounds),
            )
        )
        for note in result.notes:
            feedback.pushInfo(note)
        _report_merged(result.merged, feedback)
        if result.malformed:
            feedback.pushWarning(
                tr("{count} malformed elements of the answer were left out: {elements}.").format(
                    count=len(result.malformed), elements=_listed(result.malformed)
                )
            )
        if result.failed:
            feedback.pushWarning(
                tr(
                    "{count} school units were left out because their details could not be "
                    "fetched: {units}."
                ).format(count=len(result.failed), units=_listed(result.failed))
            )
        for source_id, reason in result.skipped[:_LISTED]:
            feedback.pushWarning(tr("{id} left out: {reason}.").format(id=source_id, reason=reason))
        if len(result.skipped) > _LISTED:
            feedback.pushWarning(
                tr("{count} more elements left out.").format(count=len(result.skipped) - _LISTED)
            )
        with_hours = [school for school in result.schools if school.opening_hours]
        unreadable = []
        for school in with_hours:
            try:
                Schedule.parse(school.opening_hours)
            except ScheduleError as error:
                unreadable.append((school, error))
        if with_hours:
            feedback.pushInfo(
                tr(
                    "{count} carry opening hours; the others get the default hours of their type "
                    "in the analysis."
                ).format(count=len(with_hours))
            )
        for school, error in unreadable[:_LISTED]:
            feedback.pushWarning(
                tr(
                    "{id} ({name}): the opening hours '{hours}' cannot be read ({message}); the "
                    "analysis will use the default hours."
                ).format(
                    id=school.source_id,
                    name=school.name,
                    hours=school.opening_hours,
                    message=error,
                )
            )
        credit = tr("Source and licence: {attribution}.").format(attribution=result.attribution)
        if source.credit():
            credit += " " + source.credit()
        feedback.pushInfo(credit)


def _warn_about_grid(schools, crs, context, feedback):
    """Warn when the schools lie outside the output CRS's area of use."""
    if not schools:
        return
    bounds = [school.geometry.bounds for school in schools]
    extent = QgsRectangle(
        min(b[0] for b in bounds),
        min(b[1] for b in bounds),
        max(b[2] for b in bounds),
        max(b[3] for b in bounds),
    )
    extents = [(extent, QgsCoordinateReferenceSystem(WGS84))]
    message, _ = grid_advice(crs, extents, context.transformContext())
    if message:
        feedback.pushWarning(message)


def _listed(entries):
    """``id (reason)`` of the first entries, and how many more there are."""
    text = "; ".join("{} ({})".format(source_id, reason) for source_id, reason in entries[:_LISTED])
    if len(entries) > _LISTED:
        text += tr(" and {count} more").format(count=len(entries) - _LISTED)
    return text


def _report_merged(merged, feedback):
    """One line: how many features were the same school as another, and how."""
    if not merged:
        return
    hows = {
        POINT_IN_GROUNDS: tr("points within their school's grounds"),
        GROUNDS_IN_GROUNDS: tr("grounds within larger grounds of the same school"),
        SAME_NAME_NEARBY: tr("points near grounds of the same name"),
    }
    counts = Counter(how for _, _, how in merged)
    kinds = [
        tr("{kind}: {count}").format(count=counts[how], kind=kind)
        for how, kind in hows.items()
        if counts[how]
    ]
    pairs = ", ".join("{} → {}".format(one, kept) for one, kept, _ in merged[:_LISTED])
    feedback.pushInfo(
        tr(
            "{count} features were the same school as another and were merged ({kinds}): {pairs}."
        ).format(count=len(merged), kinds="; ".join(kinds), pairs=pairs)
    )
