"""The Qt6 check (scripts/check_qt6.py) finds what PyQt6 and QGIS 4 no longer have.

Runs where PyQt6 is installed (.venv-qt6, see `make test`).
"""

import os
import subprocess
import sys

import pytest

pytest.importorskip("PyQt6.QtWidgets")

from scripts import check_qt6  # noqa: E402

PLUGIN_FILE = os.path.join(check_qt6.ROOT, "drogscen_plugin", "gui", "example.py")
COMPAT_FILE = os.path.join(check_qt6.ROOT, "drogscen_plugin", "qgis_io", "compat.py")


def problems(text, path=PLUGIN_FILE):
    return [line.split(": ", 1)[1] for line in check_qt6.check_source(text, path)]


def test_the_repository_has_no_qt6_problems():
    result = subprocess.run(
        [sys.executable, os.path.join(check_qt6.ROOT, "scripts", "check_qt6.py")],
        capture_output=True,
        text=True,
    )

    assert result.stdout.splitlines() == ["0 Qt6 problem(s) (PyQt6 names)"]
    assert result.returncode == 0


def test_unscoped_enums_are_found_and_scoped_ones_pass():
    source = (
        "from qgis.PyQt.QtCore import Qt\n"
        "from qgis.PyQt.QtWidgets import QDialogButtonBox, QHeaderView\n"
        "a = Qt.DisplayRole\n"
        "b = QDialogButtonBox.Ok | QDialogButtonBox.StandardButton.Cancel\n"
        "c = Qt.ItemDataRole.UserRole + 1\n"
        "d = QHeaderView.ResizeMode.Stretch\n"
        "e = QHeaderView.ResizeToContents\n"
    )

    assert problems(source) == [
        "Qt.DisplayRole does not exist in PyQt6",
        "QDialogButtonBox.Ok does not exist in PyQt6",
        "QHeaderView.ResizeToContents does not exist in PyQt6",
    ]


def test_module_imports_and_aliases_are_followed():
    source = (
        "from qgis.PyQt import QtCore\n"
        "import qgis.PyQt.QtGui as gui\n"
        "a = QtCore.Qt.AlignLeft\n"
        "b = gui.QPainter.RenderHint.Antialiasing\n"
        "c = gui.QImage.Format_ARGB32\n"
    )

    assert problems(source) == [
        "QtCore.Qt.AlignLeft does not exist in PyQt6",
        "gui.QImage.Format_ARGB32 does not exist in PyQt6",
    ]


def test_removed_calls_and_imports_are_flagged():
    source = (
        "from PyQt5.QtCore import QTimer\n"
        "import PyQt6\n"
        "from qgis.PyQt.QtCore import QRegExp, QVariant\n"
        "from qgis.PyQt.QtWidgets import QAction, QComboBox, QDialog\n"
        "dialog = QDialog()\n"
        "dialog.exec_()\n"
        "dialog.exec()\n"
        "kind = QVariant.String\n"
        "empty = QVariant()\n"
        "QComboBox().activated[str].connect(print)\n"
        "width = dialog.fontMetrics().width('x')\n"
    )

    assert problems(source) == [
        "from PyQt5.QtCore import: import through qgis.PyQt",
        "import PyQt6: import through qgis.PyQt",
        "QRegExp is gone in Qt6: use QRegularExpression",
        "QRegExp is not in PyQt6.QtCore",
        "exec_(): use exec()",
        "QVariant.String: field types go through qgis_io/compat.py",
        "QVariant() as NULL: use qgis.core.NULL",
        "activated[str] is gone in Qt6: use textActivated",
        "QFontMetrics.width() is gone in Qt6: use horizontalAdvance()",
    ]


def test_a_module_qt6_does_not_have_is_flagged():
    source = (
        "from qgis.PyQt.QtWebKit import QWebView\n"
        "from qgis.PyQt import QtWebKitWidgets, sip\n"
        "from qgis.PyQt.QtSvg import QSvgRenderer\n"
    )

    assert problems(source) == [
        "qgis.PyQt.QtWebKit has no PyQt6 module",
        "qgis.PyQt.QtWebKitWidgets has no PyQt6 module",
    ]


def test_only_the_compat_module_names_qvariant_types():
    source = "from qgis.PyQt.QtCore import QVariant\nkind = QVariant.Type(10)\n"

    assert problems(source, COMPAT_FILE) == []
    assert problems(source) == ["QVariant.Type: field types go through qgis_io/compat.py"]


def test_the_command_fails_on_a_problem(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from qgis.PyQt.QtCore import Qt\nrole = Qt.UserRole\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, os.path.join(check_qt6.ROOT, "scripts", "check_qt6.py"), str(bad)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert "bad.py:2: Qt.UserRole does not exist in PyQt6" in result.stdout
