"""The rooms stay small: no module of the plugin over 500 lines, no function over 80."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "drogscen_plugin"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _name(path):
    return path.relative_to(PACKAGE.parent).as_posix()


def test_the_plugin_has_modules():
    assert len(_modules()) > 50


def test_no_module_over_500_lines():
    long = [
        "{}: {} lines".format(_name(path), len(path.read_text(encoding="utf-8").splitlines()))
        for path in _modules()
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
    ]
    assert long == []


def test_no_function_over_80_lines():
    long = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                # From the def (or its first decorator) to its last line.
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                lines = node.end_lineno - start + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(
                        "{}:{} {}(): {} lines".format(_name(path), node.lineno, node.name, lines)
                    )
    assert long == []
