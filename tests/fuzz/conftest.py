"""The fuzz suite (issue 19): hypothesis strategies for specs, options, logs and prototxt.

Profiles are in ``profiles.py``; the property and the tally in ``outcome.py``.
After a run the terminal summary counts inputs, drawings, refusals, crashes and hangs; on the
deep profile (``make fuzz``) any crash or hang fails the session.
"""

from __future__ import annotations

import pytest
from outcome import DEEP, HANG_SECONDS, TALLY, summary_lines
from profiles import PROFILE


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.inputs == 0:
        return
    write = terminalreporter.write_line
    terminalreporter.section(f"nnviz fuzz ({PROFILE})")
    write(
        f"inputs: {TALLY.inputs}  drawn: {TALLY.drawn}  refused with a message: {TALLY.refused}  "
        f"crashes: {TALLY.count('crash')}  hangs (> {HANG_SECONDS:.0f} s): {TALLY.count('hang')}  "
        f"bad messages: {TALLY.count('message')}"
    )
    suites = sorted({suite for suite, _ in TALLY.by_suite})
    for suite in suites:
        counts = {kind: n for (name, kind), n in TALLY.by_suite.items() if name == suite}
        write(f"  {suite}: " + ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())))
    for line in summary_lines(TALLY.failures):
        write(line)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if DEEP and TALLY.failures and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Sources warn about odd input (an unknown Caffe layer type, NaN gaps in a log) by design."""
    for item in items:
        if item.path.parent.name == "fuzz":
            item.add_marker(pytest.mark.filterwarnings("ignore"))
