"""Run every benchmark in this folder in turn (``make bench``); each prints its own table.

.venv/bin/python benchmarks/run.py [NAME ...]   # e.g. core fcnn readability; default: all of them

``readability.py`` measures legibility rather than speed (issue 20) and runs last.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    scripts = [*sorted(HERE.glob("bench_*.py")), HERE / "readability.py"]
    if names:
        scripts = [script for script in scripts if script.stem.removeprefix("bench_") in names]
    status = 0
    for script in scripts:
        print(f"\n## {script.stem.removeprefix('bench_')}\n", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], check=False)
        status = status or result.returncode
        print(f"({script.name}: {time.perf_counter() - started:.0f} s)", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
