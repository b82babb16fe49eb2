"""The command line's arguments: options, their checks and defaults read from the algorithm."""

import argparse

from .definitions import parameters as keys
from .i18n import tr
from .qgis_io.checks import MAX_DISTANCE
from .report import PAPERS

# (option, parameter, layer option the field belongs to)
FIELD_OPTIONS = (
    ("scene_name_field", keys.SCENE_NAME_FIELD, "scenes"),
    ("scene_hours_field", keys.SCENE_HOURS_FIELD, "scenes"),
    ("school_name_field", keys.SCHOOL_NAME_FIELD, "schools"),
    ("school_type_field", keys.SCHOOL_TYPE_FIELD, "schools"),
    ("school_hours_field", keys.SCHOOL_HOURS_FIELD, "schools"),
    ("distance_field", keys.DISTANCE_FIELD, "schools"),
    ("scene_from_field", keys.SCENE_FROM_FIELD, "scenes"),
    ("scene_to_field", keys.SCENE_TO_FIELD, "scenes"),
)
TIME_OPTIONS = (
    ("period_start", keys.PERIOD_START),
    ("period_end", keys.PERIOD_END),
    ("school_holidays", keys.SCHOOL_HOLIDAYS),
    ("school_terms", keys.SCHOOL_TERMS),
)
HOURS_OPTIONS = (
    ("default_school_hours", keys.DEFAULT_SCHOOL_HOURS),
    ("default_preschool_hours", keys.DEFAULT_PRESCHOOL_HOURS),
)


class UsageError(Exception):
    """A mistake in the command; the message is one line for the user."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def option_flag(name):
    return "--" + name.replace("_", "-")


def _default(algorithm, parameter):
    value = algorithm.parameterDefinition(parameter).defaultValue()
    if value is None or value == "":
        return ""
    return tr(" (default: {value})").format(value=value)


def _distance(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("not a number: {text}").format(text=text)) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(tr("must be more than 0: {text}").format(text=text))
    if not value <= MAX_DISTANCE:  # also infinity
        raise argparse.ArgumentTypeError(
            tr("must be at most {most:g} metres: {text}").format(most=MAX_DISTANCE, text=text)
        )
    return value


def build_parser(algorithm):
    """The argument parser; defaults are read from the algorithm itself."""
    parser = _Parser(
        prog="python3 -m drogscen_plugin",
        description=tr(
            "Drogscen: open drug scenes near schools and preschools, in space and time."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    analyse = commands.add_parser(
        "analyse",
        help=tr("run the overlap analysis on two vector layers"),
        description=tr(
            "Find, for every school and preschool, the open drug scenes within a distance, "
            "the overlapping area and the hours per week a scene is active while the school "
            "is open and while it is closed. Writes the layers 'overlap' (one row per school "
            "and scene) and 'summary' (one row per school) to a GeoPackage and prints the "
            "affected schools."
        ),
        epilog=tr(
            "PATH is a file readable by QGIS; pick one layer of a GeoPackage with "
            "'file.gpkg|layername=NAME'. Hours are opening_hours text such as "
            "'Mo-Fr 07:00-18:00' or 'Må-Fr 22-03'. Exit status: 0 done, 1 the analysis "
            "failed, 2 a mistake in the command or an unreadable file."
        ),
    )
    analyse.add_argument(
        "--scenes", required=True, metavar="PATH", help=tr("polygon layer of open drug scenes")
    )
    analyse.add_argument(
        "--schools",
        required=True,
        metavar="PATH",
        help=tr("point or polygon layer of schools and preschools"),
    )
    analyse.add_argument(
        "--out",
        required=True,
        metavar="OUT.gpkg",
        help=tr(
            "GeoPackage to write; layers 'overlap' and 'summary' in it "
            "are replaced, other layers are kept"
        ),
    )
    analyse.add_argument(
        "--distance",
        type=_distance,
        metavar="M",
        help=tr("distance around each school in metres{default}").format(
            default=_default(algorithm, keys.DISTANCE)
        ),
    )
    _add_field_arguments(analyse, algorithm)
    _add_time_arguments(analyse, algorithm)
    analyse.add_argument(
        "--crs",
        metavar="CRS",
        help=tr("projected CRS in metres to measure in{default}").format(
            default=_default(algorithm, keys.ANALYSIS_CRS)
        ),
    )
    _add_report_arguments(analyse)
    return parser


def _add_field_arguments(analyse, algorithm):
    """The fields the analysis reads and the default hours."""
    analyse.add_argument(
        "--distance-field",
        metavar="F",
        help=tr("school field with a distance of its own, used where set"),
    )
    analyse.add_argument(
        "--scene-name-field",
        metavar="F",
        help=tr("scene field with the name{default}").format(
            default=_default(algorithm, keys.SCENE_NAME_FIELD)
        ),
    )
    analyse.add_argument(
        "--scene-hours-field",
        metavar="F",
        help=tr("scene field with the active hours{default}").format(
            default=_default(algorithm, keys.SCENE_HOURS_FIELD)
        ),
    )
    analyse.add_argument(
        "--school-name-field",
        metavar="F",
        help=tr("school field with the name{default}").format(
            default=_default(algorithm, keys.SCHOOL_NAME_FIELD)
        ),
    )
    analyse.add_argument(
        "--school-type-field",
        metavar="F",
        help=tr("school field with the type, e.g. förskola or grundskola{default}").format(
            default=_default(algorithm, keys.SCHOOL_TYPE_FIELD)
        ),
    )
    analyse.add_argument(
        "--school-hours-field",
        metavar="F",
        help=tr(
            "school field with the opening hours; schools without "
            "hours get the defaults by type{default}"
        ).format(default=_default(algorithm, keys.SCHOOL_HOURS_FIELD)),
    )
    analyse.add_argument(
        "--default-school-hours",
        metavar="TEXT",
        help=tr("opening hours of schools without their own{default}").format(
            default=_default(algorithm, keys.DEFAULT_SCHOOL_HOURS)
        ),
    )
    analyse.add_argument(
        "--default-preschool-hours",
        metavar="TEXT",
        help=tr("opening hours of preschools without their own{default}").format(
            default=_default(algorithm, keys.DEFAULT_PRESCHOOL_HOURS)
        ),
    )


def _add_report_arguments(analyse):
    """The situation report's file, paper and districts."""
    analyse.add_argument(
        "--report",
        metavar="OUT.pdf",
        help=tr(
            "also write the situation report (lägesbild) as a PDF: an "
            "overview page, a trend and districts page and one page per "
            "affected school"
        ),
    )
    analyse.add_argument(
        "--paper",
        choices=PAPERS,
        default=PAPERS[0],
        help=tr("paper of the report, landscape (default: {paper})").format(paper=PAPERS[0]),
    )
    analyse.add_argument(
        "--districts",
        metavar="PATH",
        help=tr("polygon layer of districts for the report's table per district"),
    )


def _add_time_arguments(analyse, algorithm):
    analyse.add_argument(
        "--period-start",
        metavar="DATE",
        help=tr("first date of the period, e.g. 2026-08-17 (default: this week's Monday)"),
    )
    analyse.add_argument(
        "--period-end",
        metavar="DATE",
        help=tr("last date of the period (default: this week's Sunday)"),
    )
    analyse.add_argument(
        "--school-holidays",
        metavar="RANGES",
        help=tr("school holidays (lov), e.g. '2026-10-26/2026-10-30, 2026-12-21/2027-01-07'"),
    )
    analyse.add_argument(
        "--school-terms",
        metavar="RANGES",
        help=tr(
            "terms, e.g. '2026-08-17/2026-12-18, 2027-01-08/2027-06-11' "
            "(default: every day is a term day)"
        ),
    )
    analyse.add_argument(
        "--scene-from-field",
        metavar="F",
        help=tr("scene field with the date first seen{default}").format(
            default=_default(algorithm, keys.SCENE_FROM_FIELD)
        ),
    )
    analyse.add_argument(
        "--scene-to-field",
        metavar="F",
        help=tr("scene field with the date closed{default}").format(
            default=_default(algorithm, keys.SCENE_TO_FIELD)
        ),
    )
