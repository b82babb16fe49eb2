"""drogscen:overlap in a process of its own, as the command line runs it, with two outputs.

    python overlap_process.py INPUT.gpkg OUTPUT SUMMARY DISTANCE [KILL_AT]

With KILL_AT the process kills itself (SIGKILL: no clean-up) just before the
KILL_AT-th file-system step of the run in the outputs' folder (a rename, a
removal, a sync, an SQLite copy), so that a test can stop it at every step of
putting the outputs in place. Prints the number of steps when not killed.
"""

import functools
import os
import shutil
import signal
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication


def count_steps(folder, kill_at):
    """Wrap the file-system calls of the plugin's atomic writing to count, and kill at one."""
    from drogscen_plugin.processing import atomic, journal

    steps = [0]

    def counted(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if any(str(arg).startswith(folder) for arg in args):
                steps[0] += 1
                if steps[0] == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)

        return wrapper

    os.replace = counted(os.replace)
    os.remove = counted(os.remove)
    shutil.rmtree = counted(shutil.rmtree)
    atomic.sqlite_copy = counted(atomic.sqlite_copy)
    atomic.fsync = counted(atomic.fsync)
    journal.os = os
    return steps


def main(source, output, summary, distance, kill_at=0):
    app = QgsApplication([], False)
    app.initQgis()
    from drogscen_plugin.cli import _start_processing
    from drogscen_plugin.plugin import DrogscenPlugin

    _start_processing()
    plugin = DrogscenPlugin(None)
    plugin.initProcessing()
    import processing

    steps = count_steps(os.path.dirname(os.path.abspath(output)), int(kill_at))
    processing.run(
        "drogscen:overlap",
        {
            "SCENES": source + "|layername=scenes",
            "SCHOOLS": source + "|layername=schools",
            "OUTPUT": output,
            "SUMMARY": summary,
            "DISTANCE": float(distance),
        },
    )
    print(steps[0])
    sys.stdout.flush()
    # The layers Processing made live to interpreter exit, after QGIS; leave without teardown.
    os._exit(0)


if __name__ == "__main__":
    main(*sys.argv[1:])
