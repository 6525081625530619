"""The one property every fuzz input must have, and the tally ``make fuzz`` prints.

An input either gives a correct drawing (SVG bytes that parse as XML, or whatever the test's own
check accepts) or an :class:`~nnviz_core.errors.NnvizError` whose message is one line (or
located). Anything else is a crash; more than ``HANG_SECONDS`` is a hang. On the CI profile a
crash or hang fails the test at once (hypothesis then shrinks it to a minimal reproducer); on the
deep profile (``NNVIZ_FUZZ_EXAMPLES`` set) it is recorded with its input and the run goes on,
so the summary can count them.
"""

from __future__ import annotations

import os
import signal
import time
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.errors import NnvizError

HANG_SECONDS = 5.0
#: Past this an input is interrupted (a SIGALRM in the main thread), so one hang cannot stall a run.
HARD_LIMIT_SECONDS = 60
DEEP = bool(os.environ.get("NNVIZ_FUZZ_EXAMPLES"))


class Interrupted(Exception):
    """An input ran past HARD_LIMIT_SECONDS."""


@dataclass
class Failure:
    """What went wrong with one input: ``crash``, ``hang`` or ``message`` (a multi-line error)."""

    kind: str
    error: BaseException | None
    seconds: float
    case: str

    def report(self) -> str:
        where = ""
        if self.error is not None and self.kind == "crash":
            frames = traceback.extract_tb(self.error.__traceback__)[-3:]
            where = "".join(
                f"\n    at {frame.filename}:{frame.lineno} {frame.name}" for frame in frames
            )
        error = f"{type(self.error).__name__}: {self.error}" if self.error else ""
        head = f"{self.kind} after {self.seconds:.1f} s: {error[:300]}{where}"
        return f"{head}\n--- input:\n{self.case[:2000]}"


@dataclass
class Tally:
    """Counts over a whole run (all fuzz tests), printed by conftest's terminal summary."""

    inputs: int = 0
    drawn: int = 0
    refused: int = 0
    failures: list[Failure] = field(default_factory=list)
    #: (suite, "drawn" | "refused" | failure kind) -> count, to see what each strategy reaches.
    by_suite: Counter[tuple[str, str]] = field(default_factory=Counter)

    def count(self, kind: str) -> int:
        return sum(1 for failure in self.failures if failure.kind == kind)


TALLY = Tally()


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def interrupt(signum: int, frame: Any) -> None:
        raise Interrupted(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def is_svg(data: Any) -> None:
    """A correct drawing: SVG bytes that parse as XML with an ``svg`` root."""
    assert isinstance(data, bytes), type(data)
    root = ET.fromstring(data)
    assert root.tag.endswith("svg"), root.tag


def good_message(error: NnvizError) -> bool:
    """One line, not empty; a located error may say more on further lines."""
    text = str(error)
    return bool(text.strip()) and ("\n" not in text or error.location is not None)


def settle(
    suite: str,
    case: str,
    attempt: Callable[[], Any],
    *,
    check: Callable[[Any], None] = is_svg,
) -> None:
    """Run one input through ``attempt`` and hold the result to the property."""
    TALLY.inputs += 1
    started = time.perf_counter()
    failure: Failure | None = None
    error_seen = False
    try:
        with _time_limit(HARD_LIMIT_SECONDS):
            result = attempt()
            check(result)
    except NnvizError as error:
        TALLY.refused += 1
        error_seen = True
        if not good_message(error):
            failure = Failure("message", error, time.perf_counter() - started, case)
    except Interrupted as error:
        failure = Failure("hang", error, time.perf_counter() - started, case)
    except Exception as error:  # anything else a user could cause is a crash
        failure = Failure("crash", error, time.perf_counter() - started, case)
    else:
        TALLY.drawn += 1
    seconds = time.perf_counter() - started
    if failure is None and seconds > HANG_SECONDS:
        failure = Failure("hang", None, seconds, case)
    if failure is not None:
        TALLY.by_suite[suite, failure.kind] += 1
        _record(failure)
    else:
        TALLY.by_suite[suite, "refused" if error_seen else "drawn"] += 1


def _record(failure: Failure) -> None:
    """Count a failure; on the CI profile it fails the test at once."""
    TALLY.failures.append(failure)
    if not DEEP:
        raise AssertionError(failure.report()) from failure.error
