"""The command line with the file-system steps in a folder counted, killed at one.

    python cli_process.py FOLDER KILL_AT analyse ARGS...

As overlap_process.py: with KILL_AT > 0 the process kills itself (SIGKILL) just
before that step; the last line of its output is the number of steps.
"""

import os
import sys

from overlap_process import count_steps

if __name__ == "__main__":
    folder, kill_at, *arguments = sys.argv[1:]
    steps = count_steps(folder, int(kill_at))
    from drogscen_plugin.cli import main

    status = main(arguments)
    print(steps[0])
    sys.stdout.flush()
    os._exit(status)
