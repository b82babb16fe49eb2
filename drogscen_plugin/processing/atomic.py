"""Files replaced whole or not at all: written beside the target, renamed in at the end.

A run writes each output file under its own name into a hidden folder beside
it (``.drogscen_PID_N/NAME``: the name stays, as formats name their layer
after it); only when every output is complete are they put in place, all
together through a journal (journal.py). A run killed before that leaves the
old files as they were; its folder is removed by the next run touching the
folder. An existing SQLite file (a GeoPackage) is copied and replaced through
SQLite, in one transaction, so that a program holding it open in WAL mode
loses nothing.
"""

import errno
import itertools
import os
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


def parts(path):
    """The files that make up ``path``: a shapefile's parts, else the file itself."""
    stem, extension = os.path.splitext(path)
    if extension.lower() != ".shp":
        return [path]
    return [stem + ext for ext in SHAPEFILE_PARTS if os.path.exists(stem + ext)]


def _remove(path):
    stem = os.path.splitext(path)[0]
    names = (
        [path] + [stem + ext for ext in SHAPEFILE_PARTS]
        if path.lower().endswith(".shp")
        else [path]
    )
    for name in names:
        for candidate in [name] + [name + suffix for suffix in SIDECARS]:
            if os.path.lexists(candidate):
                os.remove(candidate)


def remove(staged):
    """Remove a staged file, everything GDAL or SQLite kept beside it, and its folder."""
    _remove(staged)
    shutil.rmtree(os.path.dirname(staged), ignore_errors=True)


def is_sqlite(path):
    try:
        with open(path, "rb") as file:
            return file.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def sqlite_copy(source_path, target_path):
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


def match_page_size(staged, target):
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
    if is_sqlite(path):
        sqlite_copy(path, staged)
    else:
        shutil.copyfile(path, staged)
    fsync(staged)


def fsync(path, directory=False):
    descriptor = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def running(pid):
    """Whether process ``pid`` of this machine is running (this one is)."""
    if os.name == "nt":
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _running_on_windows(pid):
    # os.kill(pid, 0) would send Ctrl+C there (signal 0 is CTRL_C_EVENT).
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


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
