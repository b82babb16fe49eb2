"""Headless command line: ``python3 -m drogscen_plugin analyse ...``.

Starts QGIS without a screen, runs ``drogscen:overlap`` and writes both of
its outputs as layers of one GeoPackage. Mistakes in the command (arguments,
input files, the output file) exit with status 2 and one line on stderr.
"""

import os
import sys

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QtMsgType, qInstallMessageHandler

from .cli_arguments import (
    FIELD_OPTIONS,
    HOURS_OPTIONS,
    TIME_OPTIONS,
    UsageError,
    build_parser,
    option_flag,
)
from .cli_summary import summary_table
from .core.errors import InputError, ScheduleError
from .core.period import Period
from .core.schedule import WeeklySchedule
from .core.school_calendar import SchoolCalendar
from .definitions import algorithms
from .definitions import parameters as keys
from .i18n import tr
from .plugin import DrogscenPlugin
from .processing import atomic, journal
from .processing.guard import file_storage, layer_storage
from .qgis_io.checks import require_distance, require_metric_crs, require_text
from .qgis_io.feedback import CollectingFeedback
from .report import PAPERS, ReportError, check_writable

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

ALGORITHM = algorithms.OVERLAP
REPORT_ALGORITHM = algorithms.EXPORT_REPORT
OUTPUT_LAYERS = ((keys.OUTPUT, "overlap"), (keys.SUMMARY, "summary"))


def _file_of(path):
    return path.split("|", 1)[0]


def _load_layer(option, path):
    if not os.path.isfile(_file_of(path)):
        raise UsageError(tr("{option}: no such file: {path}").format(option=option, path=path))
    # GDAL's complaints are collected, not printed before the one line below.
    with atomic.gdal_failures():
        layer = QgsVectorLayer(path, option.lstrip("-"), "ogr")
    if not layer.isValid():
        raise UsageError(
            tr("{option}: cannot read a vector layer from {path}").format(option=option, path=path)
        )
    return layer


def _is_input(path, layers):
    """The option of the input layer kept in the file ``path``, or None."""
    target = file_storage(path)
    for option, layer in layers:
        storage = layer_storage(layer)
        if storage is not None and storage.same_place(target):
            return option
    return None


def _check_output(out, layers):
    if not out.lower().endswith(".gpkg"):
        raise UsageError(
            tr("--out: must be a GeoPackage file ending in .gpkg: {path}").format(path=out)
        )
    if os.path.isdir(out):
        raise UsageError(tr("--out: is a directory: {path}").format(path=out))
    option = _is_input(out, layers)
    if option is not None:
        raise UsageError(
            tr("--out: must not be an input file ({option}): {path}").format(
                option=option, path=out
            )
        )
    folder = os.path.dirname(os.path.realpath(out))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise UsageError(
            tr("--out: cannot create the folder {folder}: {reason}").format(
                folder=folder, reason=error.strerror
            )
        ) from None


def _check_report(args, inputs):
    """Mistakes in the report options, before the analysis runs."""
    if args.report is None:
        if args.districts is not None:
            raise UsageError(tr("--districts: only used with --report"))
        return
    if not args.report.lower().endswith(".pdf"):
        raise UsageError(
            tr("--report: must be a PDF file ending in .pdf: {path}").format(path=args.report)
        )
    option = _is_input(args.report, inputs)
    if option is not None:
        raise UsageError(
            tr("--report: must not be an input file ({option}): {path}").format(
                option=option, path=args.report
            )
        )
    folder = os.path.dirname(os.path.realpath(args.report))
    try:
        os.makedirs(folder, exist_ok=True)
        check_writable(args.report)
    except OSError as error:
        raise UsageError(
            tr("--report: cannot create the folder {folder}: {reason}").format(
                folder=folder, reason=error.strerror
            )
        ) from None
    except ReportError as error:
        raise UsageError("--report: {}".format(error)) from None


def _report_parameters(args, parameters, results):
    """drogscen:exportreport's parameters: the analysis's outputs, its scenes and distance."""
    report = {
        keys.OVERLAP: results[keys.OUTPUT],
        keys.SUMMARY: results[keys.SUMMARY],
        keys.SCENES: parameters[keys.SCENES],
        keys.PAPER: PAPERS.index(args.paper),
        keys.ADD_LAYOUTS: False,
        keys.OUTPUT: args.report,
    }
    # The same names in both algorithms.
    for name in (keys.SCENE_NAME_FIELD, keys.DISTANCE):
        if name in parameters:
            report[name] = parameters[name]
    return report


def _time_parameters(args, parameters):
    """The period and calendar options, checked here so that a mistake is one line."""
    for option, parameter in TIME_OPTIONS:
        if getattr(args, option) is not None:
            parameters[parameter] = getattr(args, option)
    try:
        if args.period_start is not None or args.period_end is not None:
            Period.parse(args.period_start or args.period_end, args.period_end or args.period_start)
        SchoolCalendar.parse(args.school_terms or "", args.school_holidays or "")
    except InputError as error:
        raise UsageError(str(error)) from None


# The type each field must have, as the algorithm checks it; the date fields take any.
FIELD_CHECKS = {
    keys.SCENE_NAME_FIELD: require_text,
    keys.SCENE_HOURS_FIELD: require_text,
    keys.SCHOOL_NAME_FIELD: require_text,
    keys.SCHOOL_TYPE_FIELD: require_text,
    keys.SCHOOL_HOURS_FIELD: require_text,
    keys.DISTANCE_FIELD: require_distance,
}


def _field(option, parameter, layer, field):
    """A field option's value, checked against its layer: it exists and has a usable type."""
    if not field:
        return ""  # no field, not the default one
    index = layer.fields().lookupField(field)
    if index < 0:
        raise UsageError(
            tr("{option}: the {layer} layer has no field '{field}' (fields: {fields})").format(
                option=option_flag(option),
                layer=layer.name(),
                field=field,
                fields=", ".join(layer.fields().names()),
            )
        )
    check = FIELD_CHECKS.get(parameter)
    try:
        if check is not None:
            check(layer.name(), layer.fields().at(index))
    except InputError as error:
        message = "{option}: {message}".format(option=option_flag(option), message=error)
        raise UsageError(message) from None
    return field


def _parameters(args, scenes, schools):
    layers = {"scenes": scenes, "schools": schools}
    parameters = {keys.SCENES: scenes, keys.SCHOOLS: schools}
    for option, parameter, layer_name in FIELD_OPTIONS:
        field = getattr(args, option)
        if field is not None:
            parameters[parameter] = _field(option, parameter, layers[layer_name], field)
    for option, parameter in HOURS_OPTIONS:
        text = getattr(args, option)
        if text is None:
            continue
        try:
            WeeklySchedule.parse(text)
        except ScheduleError as error:
            raise UsageError(
                "{option}: {message}".format(option=option_flag(option), message=error)
            ) from None
        parameters[parameter] = text
    _time_parameters(args, parameters)
    if args.distance is not None:
        parameters[keys.DISTANCE] = args.distance
    if args.crs is not None:
        crs = QgsCoordinateReferenceSystem(args.crs)
        if not crs.isValid():
            raise UsageError(
                tr("--crs: unknown coordinate reference system: {crs}").format(crs=args.crs)
            )
        try:
            require_metric_crs(crs)
        except InputError:
            raise UsageError(
                tr(
                    "--crs: {crs} does not measure in metres; choose a projected "
                    "CRS such as EPSG:3006"
                ).format(crs=args.crs)
            ) from None
        parameters[keys.ANALYSIS_CRS] = crs
    for parameter, _ in OUTPUT_LAYERS:
        parameters[parameter] = QgsProcessing.TEMPORARY_OUTPUT
    return parameters


def _one_line(message):
    return ": ".join(line.strip() for line in str(message).splitlines() if line.strip())


def _write(layer, path, name, shown):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    # Replace only this layer when the file exists; other layers stay.
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer
        if os.path.exists(path)
        else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, QgsProject.instance().transformContext(), options
    )
    if error != QgsVectorFileWriter.NoError:
        raise UsageError(
            tr("--out: cannot write the layer '{layer}' to {path}: {reason}").format(
                layer=name, path=shown, reason=_one_line(message)
            )
        )


def _stage_layers(results, out):
    """Write the output layers into a staged copy of ``out`` (atomic.py); its path."""
    target = os.path.abspath(out)
    staged = None
    try:
        staged = atomic.sibling(target)
        if os.path.exists(target):
            atomic.copy_for_update(target, staged)
        with atomic.gdal_failures() as failures:
            for parameter, name in OUTPUT_LAYERS:
                _write(results[parameter], staged, name, out)
        if failures:
            raise UsageError(
                tr("--out: cannot write {path}: {reason}").format(path=out, reason=failures[0])
            )
    except OSError as error:
        if staged is not None:
            atomic.remove(staged)
        raise UsageError(
            tr("--out: cannot write {path}: {reason}").format(path=out, reason=error.strerror)
        ) from None
    except BaseException:
        if staged is not None:
            atomic.remove(staged)
        raise
    return staged


def _put_in_place(staged):
    """Rename the staged GeoPackage (and report) over the user's files, all or none."""
    try:
        journal.replace_all(staged)
    except journal.Interrupted as error:
        raise UsageError(
            tr(
                "--out: the results could not all be put in place ({reason}); the "
                "next run on that folder completes them"
            ).format(reason=error)
        ) from None
    except OSError as error:
        for path, _ in staged:
            atomic.remove(path)
        raise UsageError(
            tr("--out: cannot write {path}: {reason}").format(
                path=staged[0][1], reason=error.strerror or error
            )
        ) from None


def _print_results(results, feedback, out):
    for line in summary_table(results[keys.SUMMARY]):
        print(line)
    if feedback.warnings:
        print()
        print(tr("Warnings ({count}):").format(count=len(feedback.warnings)))
        for warning in feedback.warnings:
            print("  " + _one_line(warning))
    print()
    print(
        tr("Wrote {path} (layers: {layers}).").format(
            path=out, layers=", ".join(name for _, name in OUTPUT_LAYERS)
        )
    )


def _report(report_parameters, context, staged):
    """Write the report to ``staged`` (beside ``--report``); (pages, warnings), or None
    after saying why it failed."""
    import processing

    feedback = CollectingFeedback(log=False)
    try:
        report = processing.run(
            REPORT_ALGORITHM,
            dict(report_parameters, **{keys.OUTPUT: staged}),
            feedback=feedback,
            context=context,
        )
    except QgsProcessingException as error:
        print(
            tr("drogscen: the report failed: {message}").format(message=_one_line(error)),
            file=sys.stderr,
        )
        return None
    return int(report[keys.PAGE_COUNT]), feedback.warnings


def _recover(args):
    """Complete the outputs of an interrupted earlier run before anything is read."""
    try:
        journal.recover_paths(
            [
                _file_of(path)
                for path in (args.scenes, args.schools, args.districts, args.out, args.report)
                if path
            ]
        )
    except OSError as error:
        raise UsageError(
            tr("cannot complete the outputs of an interrupted earlier run: {reason}").format(
                reason=error
            )
        ) from None


def _load_inputs(args, owned):
    """The input layers (scenes, schools, districts or None) and the inputs to guard."""
    scenes = _load_layer("--scenes", args.scenes)
    owned.append(scenes)
    schools = _load_layer("--schools", args.schools)
    owned.append(schools)
    inputs = [("--scenes", scenes), ("--schools", schools)]
    districts = None
    if args.districts is not None:
        districts = _load_layer("--districts", args.districts)
        owned.append(districts)
        inputs.append(("--districts", districts))
    return scenes, schools, districts, inputs


def analyse(args, owned):
    """Run the analysis for parsed arguments; returns the exit status.

    QGIS objects made here are appended to ``owned`` for the caller to delete.
    """
    import processing
    from processing.tools import dataobjects

    _recover(args)
    scenes, schools, districts, inputs = _load_inputs(args, owned)
    _check_output(args.out, inputs)
    _check_report(args, inputs)
    parameters = _parameters(args, scenes, schools)
    feedback = CollectingFeedback(log=False)
    context = dataobjects.createContext(feedback)
    owned.append(context)
    try:
        results = processing.run(ALGORITHM, parameters, feedback=feedback, context=context)
    except QgsProcessingException as error:
        print(
            tr("drogscen: the analysis failed: {message}").format(message=_one_line(error)),
            file=sys.stderr,
        )
        return EXIT_FAILED
    for parameter, _ in OUTPUT_LAYERS:
        owned.append(results[parameter])
    # The GeoPackage and the report are staged and put in place together: a run stopped
    # at any moment leaves the old ones or the new ones, never one of each.
    staged = [(_stage_layers(results, args.out), args.out)]
    report = None
    if args.report is not None:
        report_parameters = _report_parameters(args, parameters, results)
        if districts is not None:
            report_parameters[keys.DISTRICTS] = districts
        try:
            staged.append((atomic.sibling(args.report), args.report))
        except OSError as error:
            atomic.remove(staged[0][0])
            raise UsageError(
                tr("--report: cannot write {path}: {reason}").format(
                    path=args.report, reason=error.strerror
                )
            ) from None
        try:
            report = _report(report_parameters, context, staged[-1][0])
        finally:
            if report is None:
                for path, _ in staged:
                    atomic.remove(path)
        if report is None:
            return EXIT_FAILED
    _put_in_place(staged)
    _print_results(results, feedback, args.out)
    if report is not None:
        pages, warnings = report
        if warnings:
            print(tr("Report warnings ({count}):").format(count=len(warnings)))
            for warning in warnings:
                print("  " + _one_line(warning))
        print(tr("Wrote {path} ({pages} pages).").format(path=args.report, pages=pages))
    return EXIT_OK


def _start_processing():
    # The Processing framework ships as a QGIS plugin outside the Python path.
    plugins = os.path.join(QgsApplication.pkgDataPath(), "python", "plugins")
    if plugins not in sys.path:
        sys.path.append(plugins)
    from processing.core.Processing import Processing

    Processing.initialize()


def _qt_message(kind, _context, message):
    # Qt's notes about the platform (no XDG_RUNTIME_DIR, fonts...) are not for
    # the user of a command line; real failures still go to stderr.
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(message, file=sys.stderr)


def main(argv=None):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qInstallMessageHandler(_qt_message)
    app = QgsApplication([], False)
    app.initQgis()
    plugin = DrogscenPlugin(None)
    owned = []
    try:
        _start_processing()
        plugin.initProcessing()
        algorithm = QgsApplication.processingRegistry().algorithmById(ALGORITHM)
        parser = build_parser(algorithm)
        try:
            args = parser.parse_args(argv)
            status = analyse(args, owned)
        except UsageError as error:
            print(tr("drogscen: error: {message}").format(message=error), file=sys.stderr)
            status = EXIT_USAGE
        except KeyboardInterrupt:
            print(tr("drogscen: canceled"), file=sys.stderr)
            status = 130
    finally:
        # QGIS keeps the traceback of an algorithm's exception, and with it our
        # layers; deleting them after exitQgis (at interpreter exit) crashes.
        for item in reversed(owned):
            sip.delete(item)
        plugin.unload()
    app.exitQgis()
    return status
