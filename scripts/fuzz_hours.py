"""Long random run of the hours-parser fuzz properties (``make fuzz``).

Runs the Hypothesis properties of tests/core/test_schedule_fuzz.py with many
more examples than the test suite does, then parses the long inputs at
sizes up to ``--long-size`` characters (dated ones also evaluated over a
fortnight) and prints how long each took:

    python3 scripts/fuzz_hours.py --examples 200000 --long-size 1000000

Exits non-zero on the first input that gives anything but a schedule or a
ScheduleError (Hypothesis prints the smallest such input it finds).
"""

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]


def fuzz_module():
    sys.path.insert(0, str(ROOT))
    path = ROOT / "tests" / "core" / "test_schedule_fuzz.py"
    spec = importlib.util.spec_from_file_location("test_schedule_fuzz", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000, help="examples per property")
    parser.add_argument(
        "--long-size", type=int, default=1_000_000, help="largest long input, in characters"
    )
    args = parser.parse_args()

    module = fuzz_module()
    many = settings(
        max_examples=args.examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    for name in module.PROPERTIES:
        start = time.perf_counter()
        module.fuzz_test(name, many)()
        print(
            "{:32s} {:>9,} examples  {:7.1f} s".format(
                name, args.examples, time.perf_counter() - start
            ),
            flush=True,
        )

    size = 10_000
    while size <= args.long_size:
        for make in module.LONG_INPUTS + module.DATED_LONG_INPUTS:
            text = make(size)
            start = time.perf_counter()
            if make in module.DATED_LONG_INPUTS:
                module.evaluate_dated(text)
                outcome = "a fortnight on the calendar"
            else:
                outcome = "error" if module.check_outcome(text) is None else "schedule"
            print(
                "{:32s} {:>9,} chars      {:7.2f} s  {}".format(
                    make.__name__, len(text), time.perf_counter() - start, outcome
                ),
                flush=True,
            )
        size *= 10
    print("fuzz: no input gave anything but a schedule or a ScheduleError")


if __name__ == "__main__":
    main()
