"""The layers of a finished run in the project: one group, styled, with time on the map."""

from datetime import datetime, time, timedelta

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsRectangle,
)

from ..core.errors import InputError
from ..core.school_calendar import SchoolCalendar
from ..definitions import defaults
from ..i18n import tr
from ..qgis_io import styling, time_styles
from ..qgis_io.layers import plain
from ..qgis_io.writing import set_field_aliases

MIN_MARGIN_M = 50.0


def add_time_fields(layers):
    """The week steps the overlaps and summary styles read at each time (AnalysisLayers)."""
    time_styles.add_time_fields(
        layers.overlaps,
        {time_styles.SCENE_STEPS: "scene_hours", time_styles.SCHOOL_STEPS: "school_hours"},
    )
    time_styles.add_time_fields(
        layers.summary, {time_styles.SCHOOL_STEPS: "school_hours"}, preschool_of="school_type"
    )


def group_name(when):
    return tr("Drogscen {time}").format(time=when.strftime("%Y-%m-%d %H:%M"))


class AnalysisResult:
    """The scenes, buffers, overlaps and school summary of one run, in the project."""

    def __init__(self, layers, values):
        self.values = values
        self.scenes = layers.scenes
        self.buffers = layers.buffers
        self.overlaps = layers.overlaps
        self.summary = layers.summary
        # The map's week steps by the calendar, made at the first moment shown.
        self._steps = None
        self._school_hours = self._scene_hours = {}

    def add_to_project(self):
        """Style the layers and add them in a new group at the top of the layer tree."""
        project = QgsProject.instance()
        values = self.values
        self.scenes.setName(tr("Scenes"))
        self.buffers.setName(tr("School buffers"))
        self.overlaps.setName(tr("Overlaps"))
        self.summary.setName(tr("Schools and preschools"))
        for layer in (self.overlaps, self.summary):
            set_field_aliases(layer)
        scene_fields = {
            default: chosen
            for default, chosen in (
                (defaults.SCENE_NAME_FIELD, values.scene_name_field),
                (defaults.SCENE_HOURS_FIELD, values.scene_hours_field),
            )
            if chosen
        }
        styling.apply_style(self.scenes, "scenes", scene_fields)
        # The buffers carry the schools' own fields.
        school_fields = {}
        if values.school_name_field:
            school_fields["school_name"] = values.school_name_field
        styling.apply_style(self.buffers, "buffers", school_fields)
        styling.apply_style(self.overlaps, "overlaps")
        time_styles.setup_overlap_time(self.overlaps)
        styling.apply_style(self.summary, "summary")
        time_styles.use_preschool_field(self.summary)
        if self.has_scene_hours():
            styling.setup_temporal(self.scenes, values.scene_hours_field)

        group = project.layerTreeRoot().insertGroup(0, group_name(datetime.now()))
        # Top to bottom: schools over overlaps over scenes over buffers.
        for layer in (self.summary, self.overlaps, self.scenes, self.buffers):
            project.addMapLayer(layer, False)
            group.addLayer(layer)

    def has_scene_hours(self):
        return bool(self.values.scene_hours_field)

    def used_layers(self):
        """The layers the dock reads: the table the overlaps and the summary, the time
        of week the scenes too."""
        return (self.scenes, self.overlaps, self.summary)

    def show_moment(self, moment):
        """Scenes and overlaps active at ``moment`` (a datetime), overlaps coloured by
        whether their school is open then, schools closed then faded; None shows all."""
        if self.has_scene_hours():
            styling.set_time_filter(self.scenes, moment, self.values.scene_hours_field)
        if moment is not None:
            self._fill_week(
                datetime.combine(moment.date() - timedelta(days=moment.weekday()), time())
            )
        time_styles.set_overlap_time(self.overlaps, moment)
        time_styles.set_summary_time(self.summary, moment)

    def _calendar(self):
        """The school calendar of the run (its period box), or none."""
        period = self.values.period or {}
        try:
            return SchoolCalendar.parse(
                period.get("school_terms", ""), period.get("school_holidays", "")
            )
        except InputError:
            return SchoolCalendar()

    def _fill_week(self, monday):
        """The overlaps' and summary's steps for the week starting ``monday``."""
        if self._steps is None:
            values = self.values
            self._steps = time_styles.CalendarSteps(
                self._calendar(), values.school_hours, values.preschool_hours
            )
            self._school_hours = _own_hours(values.schools_layer, values.school_hours_field)
            # The input layers: their feature ids are the outputs' school_fid and scene_fid.
            self._scene_hours = _own_hours(values.scenes_layer, values.scene_hours_field)
        if self._steps.monday == monday:
            return
        self._steps.start_week(monday)

        def school(feature):
            return self._steps.school(
                self._school_hours.get(feature["school_fid"]),
                plain(feature["school_type"]),
                feature["school_hours"],
            )

        def scene(feature):
            fid = feature["scene_fid"]
            return self._steps.scene(
                self._scene_hours[fid] if fid in self._scene_hours else feature["scene_hours"]
            )

        time_styles.fill_fields(
            self.overlaps, {time_styles.SCENE_STEPS: scene, time_styles.SCHOOL_STEPS: school}
        )
        time_styles.fill_fields(self.summary, {time_styles.SCHOOL_STEPS: school})

    def _row_geometries(self, overlap_fid):
        """The geometries of an overlap and its school, in the layers' CRS."""
        overlap = self.overlaps.getFeature(overlap_fid)
        geometries = [overlap.geometry()]
        request = QgsFeatureRequest().setFilterExpression(
            '"school_fid" = {}'.format(int(overlap["school_fid"]))
        )
        geometries += [school.geometry() for school in self.summary.getFeatures(request)]
        return [geometry for geometry in geometries if not geometry.isEmpty()]

    def zoom_and_flash(self, canvas, overlap_fid):
        """Zoom ``canvas`` to an overlap and its school and flash both."""
        geometries = self._row_geometries(overlap_fid)
        if not geometries:
            return
        extent = QgsRectangle()
        extent.setMinimal()
        for geometry in geometries:
            extent.combineExtentWith(geometry.boundingBox())
        # Room around the pair: half the analysis distance, so the streets around show.
        extent.grow(max(self.values.distance, MIN_MARGIN_M * 2) / 2)
        transform = QgsCoordinateTransform(
            self.overlaps.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        canvas.setExtent(transform.transformBoundingBox(extent))
        canvas.refresh()
        # One flash each: a flash draws one geometry type, the school may be a point.
        for geometry in geometries:
            canvas.flashGeometries([geometry], self.overlaps.crs())


def _own_hours(layer, field):
    """``{feature id: hours value}`` of a layer's hours field; empty without them
    (a removed layer, no field)."""
    try:
        index = layer.fields().lookupField(field) if layer is not None and field else -1
    except RuntimeError:  # the layer was deleted
        return {}
    if index < 0:
        return {}
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([index])
    return {feature.id(): plain(feature[index]) for feature in layer.getFeatures(request)}
