"""The one property every fuzz input must have, and the tally ``make fuzz`` prints.

An input either gives a correct drawing (SVG bytes that parse as XML, or whatever the test's own
check accepts) or an :class:`~nnviz_core.errors.NnvizError` whose message is one line (or
located). Anything else is a crash; more than ``HANG_SECONDS`` is a hang. On the CI profile a
crash or hang fails the test at once (hypothesis then shrinks it to a minimal reproducer); on the
deep profile (``NNVIZ_FUZZ_EXAMPLES`` set) it is recorded with its input and the run goes on,
so the summary can count them, and :func:`summary_lines` sorts them into classes (the same
error raised at the same place) so that a run of 100,000 inputs reads as a short list.
"""

from __future__ import annotations

import os
import re
import signal
import time
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
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
    suite: str = ""

    def signature(self) -> tuple[str, str, str, str]:
        """What makes two failures one class: kind, error type, the innermost frame of our code
        (for a crash) and the first line of the message with its particulars blanked out."""
        if self.error is None:
            return self.kind, "", "", f"over {HANG_SECONDS:.0f} s"
        frame = ""
        if self.kind == "crash":
            frames = traceback.extract_tb(self.error.__traceback__)
            ours = [f for f in frames if _our_file(f.filename)] or frames
            if ours:
                frame = f"{_short(ours[-1].filename)}:{ours[-1].lineno} {ours[-1].name}"
        return self.kind, type(self.error).__name__, frame, normalized(str(self.error))

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


_OUR_FOLDERS = ("nnviz_core", "sphinx_nnviz", "mkdocs_nnviz", "tests")
_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
_NUMBER = re.compile(r"(?<![A-Za-z_])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
CLASS_MESSAGE_CHARS = 160


def _our_file(filename: str) -> bool:
    parts = re.split(r"[\\/]", filename)
    return any(folder in parts for folder in _OUR_FOLDERS) and "site-packages" not in parts


def _short(filename: str) -> str:
    """A path from the project's root (``nnviz_core/…``, ``tests/…``), else the file name."""
    parts = re.split(r"[\\/]", filename)
    found = [index for index, part in enumerate(parts) if part in _OUR_FOLDERS]
    return "/".join(parts[found[-1] if found else -1 :])


def normalized(message: str) -> str:
    """The first line of a message with what varies by input blanked: quoted text becomes
    ``'…'`` and numbers ``N``, so "layer 'a' has 3 inputs" and "layer 'b' has 7 inputs" match."""
    first = message.strip().split("\n", 1)[0]
    first = _QUOTED.sub("'…'", first)
    first = _NUMBER.sub("N", first)
    first = "".join(char if char.isprintable() else "?" for char in first)
    first = " ".join(first.split())
    return first if len(first) <= CLASS_MESSAGE_CHARS else first[: CLASS_MESSAGE_CHARS - 1] + "…"


def _one_line(case: str, limit: int = 160) -> str:
    text = case.replace("\\", "\\\\").replace("\n", "\\n")
    text = "".join(char if char.isprintable() else "?" for char in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure_classes(
    failures: Iterable[Failure],
) -> list[tuple[tuple[str, str, str, str], list[Failure]]]:
    """Failures grouped by :meth:`Failure.signature`, most frequent first (ties in the order
    first met)."""
    classes: dict[tuple[str, str, str, str], list[Failure]] = {}
    for failure in failures:
        classes.setdefault(failure.signature(), []).append(failure)
    return sorted(classes.items(), key=lambda item: -len(item[1]))


def summary_lines(failures: list[Failure], examples: int = 5) -> list[str]:
    """The report of a run's failures: one line per class (count, what, where, which suites)
    with its shortest input on one line, then that input in full for the ``examples`` most
    frequent classes."""
    if not failures:
        return []
    classes = failure_classes(failures)
    lines = [f"failure classes: {len(classes)} (of {len(failures)} failures)"]
    for number, ((kind, error, frame, message), members) in enumerate(classes, 1):
        suites = ", ".join(sorted({member.suite for member in members if member.suite}))
        where = f" at {frame}" if frame else ""
        what = f"{error}: {message}" if error else message
        lines.append(f"[{number}] {len(members)} × {kind}{where} ({suites}): {what}")
        shortest = min(members, key=lambda member: len(member.case))
        lines.append(f"    e.g. {_one_line(shortest.case)}")
    for number, (_, members) in enumerate(classes[:examples], 1):
        shortest = min(members, key=lambda member: len(member.case))
        lines.append(f"--- class [{number}], its shortest input: {shortest.report()}")
    return lines


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
            failure = Failure("message", error, time.perf_counter() - started, case, suite)
    except Interrupted as error:
        failure = Failure("hang", error, time.perf_counter() - started, case, suite)
    except Exception as error:  # anything else a user could cause is a crash
        failure = Failure("crash", error, time.perf_counter() - started, case, suite)
    else:
        TALLY.drawn += 1
    seconds = time.perf_counter() - started
    if failure is None and seconds > HANG_SECONDS:
        failure = Failure("hang", None, seconds, case, suite)
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
