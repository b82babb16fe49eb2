#!/usr/bin/env python3
"""Update i18n/drogscen_sv.ts from the tr("...") calls in drogscen_plugin/.

Python's own parser finds the calls, so implicitly concatenated literals
spanning lines count as the one string Python sees. Existing translations are
kept, new strings are added as unfinished, strings gone from the code are kept
as vanished (their translation stays at hand if the text comes back). A tr()
whose argument is not a string literal cannot be extracted (the translation
would never be found): such calls are listed and the run fails.

    python3 scripts/update_translations.py            write the .ts
    python3 scripts/update_translations.py --check    change nothing; fail when a
                                                      string is missing or a call
                                                      is not a literal
"""

import argparse
import ast
import os
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "drogscen_plugin"
TS_FILE = ROOT / "i18n" / "drogscen_sv.ts"
CONTEXT = "Drogscen"
LANGUAGE = "sv_SE"
# Quotes escaped as Qt's own tools write them, so Qt Linguist saves without noise.
QT_ENTITIES = {"'": "&apos;", '"': "&quot;"}


@dataclass
class Message:
    source: str
    translation: str = ""
    type: str = "unfinished"  # "", "unfinished" or "vanished"
    locations: list = field(default_factory=list)  # (path relative to the .ts, line)


def extract(package=PACKAGE, ts_file=TS_FILE):
    """Returns ({source: [(file, line), ...]} in order of first use, [problem, ...])."""
    found = {}
    problems = []
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=str(path))
        # Locations relative to the .ts file, as Qt's tools write them.
        name = Path(os.path.relpath(path, ts_file.parent)).as_posix()
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "tr"
        ]
        for call in sorted(calls, key=lambda node: (node.lineno, node.col_offset)):
            where = "{}:{}".format(path.relative_to(package.parent).as_posix(), call.lineno)
            if len(call.args) != 1 or call.keywords:
                problems.append("{}: tr() takes exactly one string literal".format(where))
                continue
            argument = call.args[0]
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                problems.append(
                    "{}: tr({}) cannot be translated: give tr() a string literal and format "
                    "what it returns".format(where, ast.get_source_segment(text, argument))
                )
                continue
            if not argument.value.strip():
                problems.append("{}: tr() of an empty string".format(where))
                continue
            found.setdefault(argument.value, []).append((name, call.lineno))
    return found, problems


def read_ts(ts_file=TS_FILE):
    """The messages of the .ts file by source text (empty when there is no file)."""
    if not ts_file.exists():
        return {}
    messages = {}
    for context in ElementTree.parse(str(ts_file)).getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for element in context.iter("message"):
            translation = element.find("translation")
            source = element.findtext("source") or ""
            kind = translation.get("type", "") if translation is not None else "unfinished"
            messages[source] = Message(
                source=source,
                translation=(translation.text or "") if translation is not None else "",
                # Older Qt tools write "obsolete" for what is now "vanished".
                type="vanished" if kind == "obsolete" else kind,
                locations=[
                    (location.get("filename"), int(location.get("line")))
                    for location in element.iter("location")
                ],
            )
    return messages


def merge(found, existing):
    """The updated messages: the code's strings in order of first use, then vanished ones."""
    messages = []
    for source, locations in found.items():
        old = existing.get(source)
        translation = old.translation if old else ""
        finished = old is not None and old.type in ("", "vanished") and translation.strip()
        messages.append(
            Message(source, translation, "" if finished else "unfinished", list(locations))
        )
    for source in sorted(set(existing) - set(found)):
        old = existing[source]
        if old.translation.strip():
            messages.append(Message(source, old.translation, "vanished"))
    return messages


def render(messages):
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        '<TS version="2.1" language="{}">'.format(LANGUAGE),
        "<context>",
        "    <name>{}</name>".format(CONTEXT),
    ]
    for message in messages:
        lines.append("    <message>")
        for filename, line in message.locations:
            lines.append(
                '        <location filename={} line="{}"/>'.format(quoteattr(filename), line)
            )
        lines.append("        <source>{}</source>".format(escape(message.source, QT_ENTITIES)))
        kind = ' type="{}"'.format(message.type) if message.type else ""
        lines.append(
            "        <translation{}>{}</translation>".format(
                kind, escape(message.translation, QT_ENTITIES)
            )
        )
        lines.append("    </message>")
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


def check(found, existing):
    """Problems that make the .ts incomplete for the code as it is."""
    problems = []
    for source, locations in found.items():
        old = existing.get(source)
        filename, line = locations[0]
        where = "{}:{}".format((TS_FILE.parent / filename).resolve().relative_to(ROOT), line)
        if old is None or old.type == "vanished":
            problems.append("{}: not in {}: {!r}".format(where, TS_FILE.name, source))
        elif old.type == "unfinished" or not old.translation.strip():
            problems.append("{}: not translated: {!r}".format(where, source))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when the .ts is incomplete"
    )
    arguments = parser.parse_args(argv)
    found, problems = extract()
    existing = read_ts()
    if arguments.check:
        problems += check(found, existing)
    else:
        messages = merge(found, existing)
        text = render(messages)
        # Unchanged stays untouched, so make does not compile it again.
        if not TS_FILE.exists() or TS_FILE.read_text(encoding="utf-8") != text:
            TS_FILE.parent.mkdir(exist_ok=True)
            TS_FILE.write_text(text, encoding="utf-8")
        counts = {
            kind: sum(message.type == kind for message in messages)
            for kind in ("", "unfinished", "vanished")
        }
        print(
            "{}: {} finished, {} unfinished, {} vanished".format(
                TS_FILE.relative_to(ROOT), counts[""], counts["unfinished"], counts["vanished"]
            )
        )
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
