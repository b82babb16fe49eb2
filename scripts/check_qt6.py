"""Finds code that would fail under Qt6/PyQt6 (QGIS 4); exits 1 when there is any.

Runs under a Python with PyQt6 (``make test`` uses .venv-qt6) and reads every
.py file of the repository with ``ast``. For each ``Name.attr...`` chain whose
``Name`` was imported from ``qgis.PyQt`` it asserts that the chain exists in
PyQt6 (unscoped enums such as ``Qt.DisplayRole`` do not), and it flags what
PyQt6 or QGIS 4 removed: ``exec_``, imports of PyQt5/PyQt6 instead of
``qgis.PyQt``, ``QRegExp``, ``QVariant.<Type>`` field types, ``QVariant()``
as NULL, ``qApp``, ``qgis.PyQt.Qt``, compiled resources and the removed calls
QGIS's own migration script warns about. ``qgis_io/compat.py`` is the one place
allowed to name a QVariant type, for QGIS before 3.38.

    python scripts/check_qt6.py [--binding PyQt5] [FILE_OR_FOLDER ...]
"""

import ast
import importlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP_DIRS = {"build", "__pycache__", ".git"}
# The one branch for QGIS before 3.38, where QgsField wants a QVariant.Type.
QVARIANT_ALLOWED = {os.path.join("drogscen_plugin", "qgis_io", "compat.py")}
# The bindings whose names are checked: PyQt6 by default; PyQt5 (--binding PyQt5)
# shows that the Qt6 forms also exist for QGIS 3.x.
BINDING = "PyQt6"
# QGIS's qgis.PyQt.QtWidgets on Qt6 also offers the classes Qt6 moved to QtGui,
# so the Qt5 import form keeps working there.
MOVED_TO_QTGUI = {"QAction", "QActionGroup", "QShortcut", "QFileSystemModel", "QUndoCommand"}
REMOVED_NAMES = {
    "QRegExp": "QRegExp is gone in Qt6: use QRegularExpression",
    "QRegExpValidator": "QRegExpValidator is gone in Qt6: use QRegularExpressionValidator",
    "qApp": "qApp is gone in PyQt6: use QApplication.instance()",
    "resources_rc": "compiled resources are gone in Qt6: load files by path",
}


def python_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            names = sorted(name for name in files if name.endswith(".py"))
            yield from (os.path.join(folder, name) for name in names)


def qt_module(module):
    """The BINDING module behind a ``qgis.PyQt`` module name, or None."""
    name = module.split(".", 2)[2] if module.count(".") >= 2 else ""
    if not name.startswith("Qt"):
        return None
    try:
        return importlib.import_module("{}.{}".format(BINDING, name))
    except ImportError:
        return None


def chain_of(node):
    """``['Qt', 'ItemDataRole', 'DisplayRole']`` for ``Qt.ItemDataRole.DisplayRole``, else None."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    names.append(node.id)
    return names[::-1]


class Checker(ast.NodeVisitor):
    def __init__(self, path):
        self.path = os.path.relpath(path, ROOT)
        self.qt_names = {}
        self.problems = []

    def report(self, node, message):
        self.problems.append("{}:{}: {}".format(self.path, node.lineno, message))

    def module(self, node, name):
        """The BINDING module behind ``qgis.PyQt.<Module>``; a problem when it has none."""
        found = qt_module(name)
        if found is None:
            self.report(node, "{} has no {} module".format(name, BINDING))
        return found

    def visit_Import(self, node):
        for alias in node.names:
            if alias.name.split(".")[0] in ("PyQt5", "PyQt6"):
                self.report(node, "import {}: import through qgis.PyQt".format(alias.name))
            elif alias.name.startswith("qgis.PyQt.Qt") and alias.asname:
                found = self.module(node, alias.name)
                if found is not None:
                    self.qt_names[alias.asname] = found

    def visit_ImportFrom(self, node):
        module = node.module or ""
        if module.split(".")[0] in ("PyQt5", "PyQt6"):
            self.report(node, "from {} import: import through qgis.PyQt".format(module))
            return
        if module == "qgis.PyQt.Qt":
            self.report(node, "qgis.PyQt.Qt is gone in Qt6: import from qgis.PyQt.QtCore")
        for alias in node.names:
            if alias.name in REMOVED_NAMES:
                self.report(node, REMOVED_NAMES[alias.name])
        if module == "qgis.PyQt":
            for alias in node.names:
                if alias.name.startswith("Qt"):
                    found = self.module(node, "qgis.PyQt." + alias.name)
                    if found is not None:
                        self.qt_names[alias.asname or alias.name] = found
            return
        source = self.module(node, module) if module.startswith("qgis.PyQt.Qt") else None
        if source is None:
            return
        for alias in node.names:
            value = getattr(source, alias.name, None)
            if value is None and alias.name in MOVED_TO_QTGUI and module.endswith("QtWidgets"):
                value = getattr(qt_module("qgis.PyQt.QtGui"), alias.name)
            if value is None:
                self.report(node, "{} is not in {}".format(alias.name, source.__name__))
            else:
                self.qt_names[alias.asname or alias.name] = value

    def visit_Attribute(self, node):
        if node.attr == "exec_":
            self.report(node, "exec_(): use exec()")
        chain = chain_of(node)
        if chain is None or chain[0] not in self.qt_names:
            return self.generic_visit(node)
        if chain[0] == "QVariant" and len(chain) > 1:
            if self.path not in QVARIANT_ALLOWED:
                message = "QVariant.{}: field types go through qgis_io/compat.py"
                self.report(node, message.format(chain[1]))
            return None
        # Only the longest chain: its prefixes are checked with it.
        value = self.qt_names[chain[0]]
        for depth, attr in enumerate(chain[1:], start=1):
            if not hasattr(value, attr):
                missing = ".".join(chain[: depth + 1])
                self.report(node, "{} does not exist in {}".format(missing, BINDING))
                break
            value = getattr(value, attr)
        return None

    def visit_Name(self, node):
        if node.id in REMOVED_NAMES and isinstance(node.ctx, ast.Load):
            self.report(node, REMOVED_NAMES[node.id])

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "QVariant" and not node.args:
            self.report(node, "QVariant() as NULL: use qgis.core.NULL")
        if isinstance(func, ast.Attribute):
            if func.attr == "desktop" and not node.args:
                self.report(node, "QApplication.desktop() is gone in Qt6: use screens")
            if (
                func.attr == "width"
                and isinstance(func.value, ast.Call)
                and getattr(func.value.func, "attr", "") == "fontMetrics"
            ):
                self.report(node, "QFontMetrics.width() is gone in Qt6: use horizontalAdvance()")
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        if node.name == "exec_":
            self.report(node, "def exec_: name it exec")
        self.generic_visit(node)

    def visit_Subscript(self, node):
        if (
            isinstance(node.value, ast.Attribute)
            and node.value.attr == "activated"
            and isinstance(node.slice, ast.Name)
            and node.slice.id == "str"
        ):
            self.report(node, "activated[str] is gone in Qt6: use textActivated")
        self.generic_visit(node)


def check_source(text, path):
    """The problems in one file's text, as 'path:line: message' lines."""
    checker = Checker(path)
    checker.visit(ast.parse(text, filename=path))
    return checker.problems


def check_file(path):
    with open(path, encoding="utf-8") as handle:
        return check_source(handle.read(), path)


def main(argv=None):
    global BINDING
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--binding"]:
        BINDING, argv = argv[1], argv[2:]
    paths = [os.path.abspath(path) for path in argv] or [ROOT]
    problems = [problem for path in python_files(paths) for problem in check_file(path)]
    for problem in problems:
        print(problem)
    print("{} Qt6 problem(s) ({} names)".format(len(problems), BINDING))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
