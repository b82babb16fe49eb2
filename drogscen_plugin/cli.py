"""Headless command line: ``python3 -m drogscen_plugin analyse ...``.

Starts QGIS without a screen, runs ``drogscen:overlap`` and writes both of
its outputs as layers of one GeoPackage. Mistakes in the command (arguments,
input files, the output file) exit with status 2 and one line on stderr.
"""

import os
import sys

from qgis.core import (
    NULL,
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

from .core.errors import InputError, ScheduleError
from .core.period import Period
from .core.schedule import WeeklySchedule
from .core.school_calendar import SchoolCalendar
from .cli_arguments import (
    FIELD_OPTIONS,
    HOURS_OPTIONS,
    TIME_OPTIONS,
    UsageError,
    build_parser,
    option_flag,
)
from .i18n import tr
from .plugin import DrogscenPlugin
from .processing import atomic
from .processing.guard import file_storage, layer_storage
from .qgis_io.checks import require_metric_crs
from .qgis_io.feedback import CollectingFeedback
from .report import PAPERS, ReportError, check_writable

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

ALGORITHM = "drogscen:overlap"
REPORT_ALGORITHM = "drogscen:exportreport"
OUTPUT_LAYERS = (("OUTPUT", "overlap"), ("SUMMARY", "summary"))

CONFLICT_ORDER = {"concurrent": 0, "after_hours": 1}


def _file_of(path):
    return path.split("|", 1)[0]


def _load_layer(option, path):
    if not os.path.isfile(_file_of(path)):
        raise UsageError(tr("{option}: no such file: {path}").format(option=option, path=path))
    # GDAL's complaints are collected, not printed before the one line below.
    with atomic.gdal_failures():
        layer = QgsVectorLayer(path, option.lstrip("-"), "ogr")
    if not layer.isValid():
        raise UsageError(tr("{option}: cannot read a vector layer from {path}").format(
            option=option, path=path))
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
        raise UsageError(tr("--out: must be a GeoPackage file ending in .gpkg: {path}").format(
            path=out))
    if os.path.isdir(out):
        raise UsageError(tr("--out: is a directory: {path}").format(path=out))
    option = _is_input(out, layers)
    if option is not None:
        raise UsageError(tr("--out: must not be an input file ({option}): {path}").format(
            option=option, path=out))
    folder = os.path.dirname(os.path.realpath(out))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise UsageError(tr("--out: cannot create the folder {folder}: {reason}").format(
            folder=folder, reason=error.strerror))


def _check_report(args, inputs):
    """Mistakes in the report options, before the analysis runs."""
    if args.report is None:
        if args.districts is not None:
            raise UsageError(tr("--districts: only used with --report"))
        return
    if not args.report.lower().endswith(".pdf"):
        raise UsageError(tr("--report: must be a PDF file ending in .pdf: {path}").format(
            path=args.report))
    option = _is_input(args.report, inputs)
    if option is not None:
        raise UsageError(tr("--report: must not be an input file ({option}): {path}").format(
            option=option, path=args.report))
    folder = os.path.dirname(os.path.realpath(args.report))
    try:
        os.makedirs(folder, exist_ok=True)
        check_writable(args.report)
    except OSError as error:
        raise UsageError(tr("--report: cannot create the folder {folder}: {reason}").format(
            folder=folder, reason=error.strerror))
    except ReportError as error:
        raise UsageError("--report: {}".format(error))


def _report_parameters(args, parameters, results):
    """drogscen:exportreport's parameters: the analysis's outputs, its scenes and distance."""
    report = {
        "OVERLAP": results["OUTPUT"],
        "SUMMARY": results["SUMMARY"],
        "SCENES": parameters["SCENES"],
        "PAPER": PAPERS.index(args.paper),
        "ADD_LAYOUTS": False,
        "OUTPUT": args.report,
    }
    # The same names in both algorithms.
    for name in ("SCENE_NAME_FIELD", "DISTANCE"):
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


def _parameters(args, scenes, schools):
    layers = {"scenes": scenes, "schools": schools}
    parameters = {"SCENES": scenes, "SCHOOLS": schools}
    for option, parameter, layer_name in FIELD_OPTIONS:
        field = getattr(args, option)
        if field is None:
            continue
        if not field:
            parameters[parameter] = ""  # no field, not the default one
            continue
        layer = layers[layer_name]
        if layer.fields().lookupField(field) < 0:
            raise UsageError(tr("{option}: the {layer} layer has no field '{field}' "
                                "(fields: {fields})").format(
                option=option_flag(option), layer=layer_name, field=field,
                fields=", ".join(layer.fields().names())))
        parameters[parameter] = field
    for option, parameter in HOURS_OPTIONS:
        text = getattr(args, option)
        if text is None:
            continue
        try:
            WeeklySchedule.parse(text)
        except ScheduleError as error:
            raise UsageError("{option}: {message}".format(option=option_flag(option), message=error))
        parameters[parameter] = text
    _time_parameters(args, parameters)
    if args.distance is not None:
        parameters["DISTANCE"] = args.distance
    if args.crs is not None:
        crs = QgsCoordinateReferenceSystem(args.crs)
        if not crs.isValid():
            raise UsageError(tr("--crs: unknown coordinate reference system: {crs}").format(
                crs=args.crs))
        try:
            require_metric_crs(crs)
        except InputError:
            raise UsageError(tr("--crs: {crs} does not measure in metres; choose a projected "
                                "CRS such as EPSG:3006").format(crs=args.crs))
        parameters["ANALYSIS_CRS"] = crs
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
        QgsVectorFileWriter.CreateOrOverwriteLayer if os.path.exists(path)
        else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, QgsProject.instance().transformContext(), options)
    if error != QgsVectorFileWriter.NoError:
        raise UsageError(tr("--out: cannot write the layer '{layer}' to {path}: {reason}").format(
            layer=name, path=shown, reason=_one_line(message)))


def _write_all(results, out):
    """Write the output layers into a copy of ``out`` and rename it in when all are written:
    a run stopped at any moment leaves the old file whole."""
    target = os.path.abspath(out)
    atomic.clear_stale(os.path.dirname(os.path.realpath(target)))
    staged = atomic.sibling(target)
    try:
        if os.path.exists(target):
            atomic.copy_for_update(target, staged)
        with atomic.gdal_failures() as failures:
            for parameter, name in OUTPUT_LAYERS:
                _write(results[parameter], staged, name, out)
        if failures:
            raise UsageError(tr("--out: cannot write {path}: {reason}").format(
                path=out, reason=failures[0]))
        atomic.replace(staged, target)
    except OSError as error:
        atomic.remove(staged)
        raise UsageError(tr("--out: cannot write {path}: {reason}").format(
            path=out, reason=error.strerror))
    except BaseException:
        atomic.remove(staged)
        raise


def _hours(minutes):
    return "{:.1f}".format((minutes or 0) / 60)


def _text(value):
    return "" if value is None or value == NULL else str(value)


def summary_table(summary):
    """The affected schools of a summary layer as lines of text, worst first."""
    rows = []
    total = 0
    for feature in summary.getFeatures():
        total += 1
        if not feature["scene_count"]:
            continue
        rows.append((
            CONFLICT_ORDER.get(feature["worst_conflict"], len(CONFLICT_ORDER)),
            -(feature["concurrent_min"] or 0),
            -(feature["afterhours_min"] or 0),
            _text(feature["school_name"]),
            _text(feature["school_type"]),
            str(feature["scene_count"]),
            _conflict_label(feature["worst_conflict"]),
            _hours(feature["concurrent_min"]),
            _hours(feature["afterhours_min"]),
        ))
    if not rows:
        return [tr("None of the {total} schools has a scene within the distance.").format(
            total=total)]
    rows.sort()
    header = (tr("School"), tr("Type"), tr("Scenes"), tr("Worst conflict"),
              tr("Concurrent h/week"), tr("After-hours h/week"))
    cells = [header] + [row[3:] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    right = (False, False, True, False, True, True)

    def line(row):
        parts = [cell.rjust(width) if align else cell.ljust(width)
                 for cell, width, align in zip(row, widths, right)]
        return "  ".join(parts).rstrip()

    lines = [tr("{affected} of {total} schools have a scene within the distance.").format(
        affected=len(rows), total=total), ""]
    lines.append(line(header))
    lines.append("  ".join("-" * width for width in widths))
    lines.extend(line(row) for row in cells[1:])
    return lines


def _conflict_label(value):
    labels = {
        "concurrent": tr("while open"),
        "after_hours": tr("while closed"),
    }
    return labels.get(value, _text(value))


def analyse(args, owned):
    """Run the analysis for parsed arguments; returns the exit status.

    QGIS objects made here are appended to ``owned`` for the caller to delete.
    """
    import processing
    from processing.tools import dataobjects

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
    _check_output(args.out, inputs)
    _check_report(args, inputs)
    parameters = _parameters(args, scenes, schools)
    feedback = CollectingFeedback(log=False)
    context = dataobjects.createContext(feedback)
    owned.append(context)
    try:
        results = processing.run(ALGORITHM, parameters, feedback=feedback, context=context)
    except QgsProcessingException as error:
        print(tr("drogscen: the analysis failed: {message}").format(message=_one_line(error)),
              file=sys.stderr)
        return EXIT_FAILED
    for parameter, _ in OUTPUT_LAYERS:
        owned.append(results[parameter])
    _write_all(results, args.out)
    for line in summary_table(results["SUMMARY"]):
        print(line)
    if feedback.warnings:
        print()
        print(tr("Warnings ({count}):").format(count=len(feedback.warnings)))
        for warning in feedback.warnings:
            print("  " + _one_line(warning))
    print()
    print(tr("Wrote {path} (layers: {layers}).").format(
        path=args.out, layers=", ".join(name for _, name in OUTPUT_LAYERS)))
    if args.report is None:
        return EXIT_OK
    report_parameters = _report_parameters(args, parameters, results)
    if districts is not None:
        report_parameters["DISTRICTS"] = districts
    report_feedback = CollectingFeedback(log=False)
    try:
        report = processing.run(REPORT_ALGORITHM, report_parameters, feedback=report_feedback,
                                context=context)
    except QgsProcessingException as error:
        print(tr("drogscen: the report failed: {message}").format(message=_one_line(error)),
              file=sys.stderr)
        return EXIT_FAILED
    if report_feedback.warnings:
        print(tr("Report warnings ({count}):").format(count=len(report_feedback.warnings)))
        for warning in report_feedback.warnings:
            print("  " + _one_line(warning))
    print(tr("Wrote {path} ({pages} pages).").format(
        path=args.report, pages=int(report["PAGE_COUNT"])))
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
