"""Several staged files put in place together: after a kill at any moment, all old or all new.

``replace_all`` lists every step that puts a run's staged files over their
targets (a rename per file or shapefile part, an SQLite copy over an existing
GeoPackage, the removal of an old shapefile part the new one lacks) in a
journal in the first staging folder; every other staging folder of the run
gets a note naming the journal. The staged files, the notes and their folders
are synced first; the journal is written under another name, synced and
renamed: it exists whole or not at all, and the rename is the moment the new
results become the results. The steps follow (each can be done twice without
harm), the target folders are synced, then the journal is removed and then
the staging folders.

``recover`` runs before any run reads or writes a folder: for every staging
folder of a run that is no longer running, a journal (its own, or the one its
note names) is finished (rolled forward), and the folder is removed. Without
a journal the run had not committed: its staged files are deleted (rolled
back) and the old files stay. A journal that does not read back whole, or
whose staged files are not all complete while none is in place yet, is
rolled back too.
"""

import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3

from . import atomic

JOURNAL = ".drogscen-journal"
NOTE = ".drogscen-journal-at"
_STAGED = re.compile(r"^\.drogscen_(?P<pid>\d+)_\d+$")
# Journals this process is carrying out now (Processing runs algorithms in threads).
_active = set()


class Interrupted(OSError):
    """The results were committed but a step failed; the journal stays for ``recover``."""


def _steps(staged, target):
    """The steps putting one staged file (a shapefile: its parts) in place over ``target``."""
    if atomic.is_sqlite(target) and atomic.is_sqlite(staged):
        # Renamed over, a file another program has open would meet that program's -wal.
        try:
            atomic.match_page_size(staged, target)
        except sqlite3.Error as error:
            raise OSError(str(error)) from error
        return [["copy", staged, target]]
    if not target.lower().endswith(".shp"):
        return [["rename", staged, target]]
    stem = os.path.splitext(target)[0]
    parts = atomic.parts(staged)
    steps = [["rename", part, stem + os.path.splitext(part)[1]] for part in parts]
    # An old index or code page of the replaced shapefile would not match the new one.
    written = {os.path.splitext(part)[1].lower() for part in parts}
    steps.extend(
        ["remove", stem + extension]
        for extension in atomic.SHAPEFILE_PARTS
        if extension not in written and os.path.exists(stem + extension)
    )
    return steps


def _write_synced(path, text):
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def _sync_folders(paths):
    for folder in dict.fromkeys(os.path.dirname(os.path.abspath(path)) for path in paths):
        atomic.fsync(folder, directory=True)


def replace_all(pairs):
    """Put every finished staged file in place over its target, (staged, target) per file."""
    steps = []
    for staged, target in pairs:
        steps.extend(_steps(staged, os.path.realpath(target)))
    steps.sort(key=lambda step: step[0] != "copy")
    folders = list(dict.fromkeys(os.path.dirname(staged) for staged, _ in pairs))
    sources = [step[1] for step in steps if step[0] != "remove"]
    for source in sources:
        atomic.fsync(source)
    record = {
        "steps": steps,
        "folders": folders,
        "sizes": {source: os.path.getsize(source) for source in sources},
    }
    journal = os.path.join(folders[0], JOURNAL)
    for folder in folders[1:]:
        _write_synced(os.path.join(folder, NOTE), journal)
    # The staged files' folders, and the folders holding those.
    _sync_folders([os.path.join(folder, NOTE) for folder in folders] + folders)
    text = json.dumps(record, sort_keys=True)
    _write_synced(journal + ".part", hashlib.sha256(text.encode()).hexdigest() + "\n" + text)
    _active.add(journal)
    try:
        os.replace(journal + ".part", journal)
        atomic.fsync(folders[0], directory=True)
        _commit(journal, record)
    finally:
        _active.discard(journal)


def _commit(journal, record):
    """Do the steps of a journal just written; a copy (which may meet a lock) comes first."""
    try:
        _do(record["steps"][0])
    except OSError:
        os.remove(journal)  # nothing in place yet: the old files stay
        raise
    try:
        _finish(journal, record, first=1)
    except OSError as error:
        raise Interrupted(error.errno, error.strerror or str(error)) from error


def _do(step):
    kind, path = step[0], step[1]
    if kind == "copy":
        if os.path.exists(path):
            atomic.sqlite_copy(path, step[2])
    elif kind == "rename":
        if os.path.lexists(path):
            os.replace(path, step[2])
    elif os.path.lexists(path):
        os.remove(path)


def _finish(journal, record, first=0):
    """Do the journal's steps, then remove it and the staging folders (roll forward)."""
    for step in record["steps"][first:]:
        _do(step)
    _sync_folders(step[-1] for step in record["steps"])
    os.remove(journal)
    atomic.fsync(os.path.dirname(journal), directory=True)
    for folder in record["folders"]:
        shutil.rmtree(folder, ignore_errors=True)


def _read(journal):
    """The journal's record, or None when it does not read back whole."""
    try:
        with open(journal, encoding="utf-8") as file:
            digest, _, text = file.read().partition("\n")
        if hashlib.sha256(text.encode()).hexdigest() != digest:
            return None
        return json.loads(text)
    except (OSError, UnicodeError, ValueError):
        return None


def _complete(record):
    """False when nothing is in place yet and a staged file is not as it was journaled."""
    renames = [step[1] for step in record["steps"] if step[0] == "rename"]
    if renames and not all(os.path.lexists(path) for path in renames):
        return True  # some already in place: only forward is whole
    return all(
        os.path.exists(path) and os.path.getsize(path) == size
        for path, size in record["sizes"].items()
    )


def _settle(journal):
    """Roll an interrupted run's journal forward, or back when it never committed whole."""
    record = _read(journal)
    if record is not None and _complete(record):
        _finish(journal, record)
        return
    os.remove(journal)
    for folder in (record or {}).get("folders", []):
        shutil.rmtree(folder, ignore_errors=True)


def _journal_of(staging):
    """The journal a staging folder belongs to (its own or the one its note names), or None."""
    journal = os.path.join(staging, JOURNAL)
    if os.path.exists(journal):
        return journal
    try:
        with open(os.path.join(staging, NOTE), encoding="utf-8") as file:
            journal = file.read()
    except (OSError, UnicodeError):
        return None
    return journal if os.path.exists(journal) else None


def recover(folder):
    """Finish or undo what stopped runs left in ``folder`` while replacing files there.

    Raises OSError when a journal's step fails again (a file locked by another program).
    """
    for path in sorted(glob.glob(os.path.join(glob.escape(folder), ".drogscen_*"))):
        match = _STAGED.match(os.path.basename(path))
        if match is None or not os.path.isdir(path):
            continue
        pid = int(match.group("pid"))
        journal = _journal_of(path)
        if pid == os.getpid():
            # This process's own: only a commit that failed part way, not one under way.
            if journal is not None and journal not in _active:
                _settle(journal)
            continue
        if atomic.running(pid):
            continue
        if journal is not None:
            _settle(journal)
        shutil.rmtree(path, ignore_errors=True)


def recover_paths(paths):
    """``recover`` the folder of every file in ``paths`` (None and missing folders skipped)."""
    for folder in dict.fromkeys(os.path.dirname(os.path.realpath(path)) for path in paths if path):
        if os.path.isdir(folder):
            recover(folder)
