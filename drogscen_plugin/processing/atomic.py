"""Files replaced whole or not at all: written beside the target, renamed in at the end.

A run writes each output file under its own name into a hidden folder beside
it (``.drogscen_PID_N/NAME``: the name stays, as formats name their layer
after it); only when every output is complete are these renamed over their
targets, an atomic step per file. A run killed before that leaves the old
files as they were; its folder is removed by the next run writing there. A
shapefile is several files, renamed one after the other within microseconds.
An existing SQLite file (a GeoPackage) is copied and replaced through SQLite,
in one transaction, so that a program holding it open in WAL mode loses nothing.
"""

import errno
import glob
import itertools
import os
import re
import shutil
import sqlite3
from contextlib import closing, contextmanager
from urllib.request import pathname2url

from osgeo import gdal

SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd")
# What SQLite and GDAL may keep beside a file while it is open.
SIDECARS = ("-wal", "-shm", "-journal", ".aux.xml")
_SQLITE_HEADER = b"SQLite format 3\x00"
# Seconds to wait for another program's lock on a GeoPackage being replaced.
_SQLITE_WAIT = 30.0
_STAGED = re.compile(r"^\.drogscen_(?P<pid>\d+)_\d+$")
# Numbers the staged files and tables of this process.
serial = itertools.count(1)


class WriteError(Exception):
    """Writing a file failed (a full disk, say); the message says how."""


def sibling(path):
    """A new path for ``path``'s content, in a new hidden folder beside it (beside the
    file a symbolic link points to: the link is the user's, and stays)."""
    folder, name = os.path.dirname(os.path.realpath(path)), os.path.basename(path)
    staging = os.path.join(folder, ".drogscen_{}_{}".format(os.getpid(), next(serial)))
    if os.path.isdir(staging):
        shutil.rmtree(staging)
    os.mkdir(staging)
    return os.path.join(staging, name)


def _parts(path):
    """The files that make up ``path``: a shapefile's parts, else the file itself."""
    stem, extension = os.path.splitext(path)
    if extension.lower() != ".shp":
        return [path]
    return [stem + ext for ext in SHAPEFILE_PARTS if os.path.exists(stem + ext)]


def _remove(path):
    stem = os.path.splitext(path)[0]
    names = [path] + [stem + ext for ext in SHAPEFILE_PARTS] if path.lower().endswith(".shp") \
        else [path]
    for name in names:
        for candidate in [name] + [name + suffix for suffix in SIDECARS]:
            if os.path.lexists(candidate):
                os.remove(candidate)


def remove(staged):
    """Remove a staged file, everything GDAL or SQLite kept beside it, and its folder."""
    _remove(staged)
    shutil.rmtree(os.path.dirname(staged), ignore_errors=True)


def _is_sqlite(path):
    try:
        with open(path, "rb") as file:
            return file.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def _sqlite_copy(source_path, target_path):
    """Copy one SQLite database over another through SQLite, in one transaction.

    Unlike a file copy or rename, it sees and honours what another program
    (QGIS, with a layer of the file open) keeps in the ``-wal`` file.
    """
    source = sqlite3.connect("file:{}?mode=ro".format(pathname2url(source_path)), uri=True)
    target = sqlite3.connect(target_path, timeout=_SQLITE_WAIT)
    try:
        source.backup(target)
    except sqlite3.Error as error:
        raise OSError(errno.EIO, str(error)) from error
    finally:
        target.close()
        source.close()


def _match_page_size(staged, target):
    """Give ``staged`` the page size of ``target``: SQLite copies into a file in WAL mode
    only between equal page sizes."""
    with closing(sqlite3.connect(target, timeout=_SQLITE_WAIT)) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    with closing(sqlite3.connect(staged)) as connection:
        if connection.execute("PRAGMA page_size").fetchone()[0] != size:
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute("PRAGMA page_size={:d}".format(size))
            connection.execute("VACUUM")


def copy_for_update(path, staged):
    """Start ``staged`` as a copy of ``path`` (a GeoPackage of which one layer is replaced)."""
    if _is_sqlite(path):
        _sqlite_copy(path, staged)
    else:
        shutil.copyfile(path, staged)
    _fsync(staged)


def _fsync(path, directory=False):
    descriptor = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def replace(staged, target):
    """Rename the finished ``staged`` file (and its parts) over ``target``."""
    target = os.path.realpath(target)
    target_stem = os.path.splitext(target)[0]
    parts = _parts(staged)
    for part in parts:
        _fsync(part)
    if _is_sqlite(target) and _is_sqlite(staged):
        # Renamed over, a file another program has open would meet that program's -wal.
        try:
            _match_page_size(staged, target)
        except sqlite3.Error as error:
            raise OSError(errno.EIO, str(error)) from error
        _sqlite_copy(staged, target)
        renames = []
    elif target.lower().endswith(".shp"):
        renames = [(part, target_stem + os.path.splitext(part)[1]) for part in parts]
    else:
        renames = [(staged, target)]
    for source, destination in renames:
        os.replace(source, destination)
    if target.lower().endswith(".shp"):
        # An old index or code page of the replaced shapefile would not match the new one.
        written = {os.path.splitext(part)[1].lower() for part in parts}
        for extension in SHAPEFILE_PARTS:
            if extension not in written and os.path.exists(target_stem + extension):
                os.remove(target_stem + extension)
    _fsync(os.path.dirname(os.path.abspath(target)), directory=True)
    remove(staged)


def clear_stale(folder):
    """Remove staging folders in ``folder`` left by runs that are no longer running."""
    for path in glob.glob(os.path.join(glob.escape(folder), ".drogscen_*")):
        match = _STAGED.match(os.path.basename(path))
        if match is None or _running(int(match.group("pid"))):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _running(pid):
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def gdal_failures():
    """Collect GDAL's failure messages (a full disk shows only there) into a list."""
    failures = []

    def handler(level, number, message):
        if level in (gdal.CE_Failure, gdal.CE_Fatal):
            failures.append(" ".join(str(message).split()))

    gdal.PushErrorHandler(handler)
    try:
        yield failures
    finally:
        gdal.PopErrorHandler()
