"""The parameters of drogscen:overlap: inputs, fields, the period and calendar,
the run's settings and the outputs."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ..core.hours import DEFAULT_PRESCHOOL_HOURS, DEFAULT_SCHOOL_HOURS
from ..database import plan as database_plan
from ..definitions import defaults
from ..i18n import tr


class OverlapParameters:
    """The parameter definitions of OverlapAlgorithm (a mixin of it)."""

    def _add_scene_parameters(self):
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SCENES, tr("Open drug scenes"), [QgsProcessing.TypeVectorPolygon]
            ),
            tr("Polygons of the open drug scenes."),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCENE_NAME_FIELD,
                tr("Scene name field"),
                defaults.SCENE_NAME_FIELD,
                self.SCENES,
                optional=True,
            ),
            tr("Field with the scene's name; used when the layer has it."),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCENE_HOURS_FIELD,
                tr("Scene active hours field"),
                defaults.SCENE_HOURS_FIELD,
                self.SCENES,
                QgsProcessingParameterField.String,
                optional=True,
            ),
            tr(
                "Field with the weekly hours when the scene is active, in opening_hours syntax. "
                "Empty values, or no field, mean always active."
            ),
        )

    def _add_school_parameters(self):
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SCHOOLS,
                tr("Schools and preschools"),
                [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon],
            ),
            tr(
                "Points, polygons of school grounds (buffered from their boundary), or both in "
                "one layer; lines among them are left out and named in the log."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCHOOL_NAME_FIELD,
                tr("School name field"),
                defaults.SCHOOL_NAME_FIELD,
                self.SCHOOLS,
                optional=True,
            ),
            tr("Field with the school's name; used when the layer has it."),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCHOOL_TYPE_FIELD,
                tr("School type field"),
                defaults.SCHOOL_TYPE_FIELD,
                self.SCHOOLS,
                optional=True,
            ),
            tr(
                "Field with the school type; values such as 'förskola', 'preschool' or "
                "'kindergarten' mean a preschool, which gets the default preschool hours."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.SCHOOL_HOURS_FIELD,
                tr("School opening hours field"),
                defaults.SCHOOL_HOURS_FIELD,
                self.SCHOOLS,
                QgsProcessingParameterField.String,
                optional=True,
            ),
            tr(
                "Field with the school's opening hours in opening_hours syntax. Empty values, or "
                "no field, take the default hours of the school type."
            ),
        )

    def _add_run_settings(self):
        """Default hours, analysis CRS, where the analysis runs."""
        self.add(
            QgsProcessingParameterString(
                self.DEFAULT_SCHOOL_HOURS, tr("Default school hours"), DEFAULT_SCHOOL_HOURS
            ),
            tr(
                "Opening hours of schools without their own: the school day plus the after-school "
                "centre (fritidshem)."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(
                self.DEFAULT_PRESCHOOL_HOURS, tr("Default preschool hours"), DEFAULT_PRESCHOOL_HOURS
            ),
            tr("Opening hours of preschools without their own."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterCrs(self.ANALYSIS_CRS, tr("Analysis CRS"), defaults.ANALYSIS_CRS),
            tr(
                "Projected CRS in metres in which distances and areas are measured and the "
                "outputs are written; EPSG:3006 (SWEREF 99 TM) suits all of Sweden."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterEnum(
                self.RUN_IN_DATABASE,
                tr("Run in the database"),
                [tr("Automatic"), tr("Always"), tr("Never")],
                defaultValue=database_plan.AUTOMATIC,
            ),
            tr(
                "Automatic: when the scenes, the schools and both outputs are tables of one "
                "PostGIS database (PostgreSQL 14 or newer), the analysis runs there as SQL and no "
                "geometry travels to this computer; otherwise it runs here. Always: run in the "
                "database or stop, saying what is missing. Never: always run here."
            ),
        )

    def _add_outputs(self):
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Overlaps"), QgsProcessing.TypeVectorPolygon
            ),
            tr(
                "One polygon per school and scene: the part of the scene within the school's "
                "buffer."
            ),
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                tr("School summary"),
                QgsProcessing.TypeVectorAnyGeometry,
                optional=True,
                createByDefault=True,
            ),
            tr(
                "One feature per school with the totals over its scenes; the situation report "
                "reads it. May be skipped when only the overlaps are wanted."
            ),
        )
        self.addOutput(QgsProcessingOutputNumber(self.PAIR_COUNT, tr("School-scene pairs")))
        self.addOutput(
            QgsProcessingOutputNumber(self.REPAIRED_COUNT, tr("Invalid geometries repaired"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.SKIPPED_COUNT, tr("Features without geometry skipped"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.HOURS_UNKNOWN_COUNT, tr("Scenes without hours"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.HOURS_INVALID_COUNT, tr("Features with unreadable hours")
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.SCENES_OUTSIDE_COUNT, tr("Scenes that did not exist in the period")
            )
        )

    def _add_time_parameters(self):
        for name, label in (
            (self.SCENE_FROM_FIELD, tr("Scene first seen field")),
            (self.SCENE_TO_FIELD, tr("Scene closed on field")),
        ):
            default = (
                defaults.SCENE_FROM_FIELD
                if name == self.SCENE_FROM_FIELD
                else defaults.SCENE_TO_FIELD
            )
            self.add(
                QgsProcessingParameterField(name, label, default, self.SCENES, optional=True),
                tr(
                    "Date when the scene was first seen / closed: a scene counts from its first "
                    "seen date up to the day before it closed. Chosen by itself when the layer has "
                    "'first_seen' / 'closed_on'; empty means always there."
                ),
            )
        for name, label in (
            (self.PERIOD_START, tr("Period start")),
            (self.PERIOD_END, tr("Period end")),
        ):
            self.add(
                QgsProcessingParameterString(name, label, optional=True),
                tr(
                    "First and last date of the period analysed (2026-08-17); empty: the current "
                    "Monday to Sunday. Minutes per week are the period's per 7 days."
                ),
            )
        self.add(
            QgsProcessingParameterString(
                self.SCHOOL_HOLIDAYS, tr("School holidays"), optional=True, multiLine=True
            ),
            tr(
                "Date ranges of the school holidays (lov), such as '2026-10-26/2026-10-30, "
                "2026-12-21/2027-01-07': what SH means in hours; schools without their own hours "
                "keep only the fritidshem open then (Mo-Fr 07:00-18:00), gymnasiums close, "
                "preschools stay open."
            ),
        )
        self.add(
            QgsProcessingParameterString(
                self.SCHOOL_TERMS, tr("School terms"), optional=True, multiLine=True
            ),
            tr(
                "Date ranges of the terms, such as '2026-08-17/2026-12-18, 2027-01-08/2027-06-11'; "
                "outside them and the school holidays (the summer break) schools without their own "
                "hours are closed and preschools open. Empty: every day is a term day."
            ),
            advanced=True,
        )
