"""A render process: a warm Python process that draws spec text, and that can be stopped.

A render cannot be interrupted inside a thread, so renders run in a child process
(``python -m nnviz_core.serve.process``) that has imported the pipeline and drawn one small spec
already (a process's first render pays for imports and caches), and a render a newer edit
makes useless is ended by killing its process. Jobs and answers are JSON lines on the child's
stdin and stdout; the child ends when its stdin closes (the server is gone).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import IO, Any

__all__ = ["RenderProcess", "Stopped"]

#: What a new process draws once before it reports ready, so its first real render is warm.
_WARM_UP = "input: [3, 8, 8]\nlayers:\n  - conv2d: {filters: 2, kernel: 3}\n  - dense: 2\n"
_READY = {"ready": True}


class Stopped(Exception):
    """The process ended before it answered: stopped for a newer edit, or crashed."""


def _environment() -> dict[str, str]:
    """The server's environment, with this ``nnviz_core`` first on the child's path."""
    here = str(Path(__file__).resolve().parents[2])
    paths = [here, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


class RenderProcess:
    """One child process drawing one job at a time; :meth:`stop` ends it at once."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "nnviz_core.serve.process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_environment(),
            start_new_session=True,  # Ctrl+C in the terminal is the server's to handle
        )
        self._ready = False

    def run(self, job: tuple[Any, ...]) -> dict[str, Any]:
        """The answer to ``job`` (waiting for the process to be warm first); raises
        :class:`Stopped` when the process is stopped or dies before answering."""
        assert self._process.stdin is not None and self._process.stdout is not None
        try:
            if not self._ready:
                self._ready = json.loads(self._process.stdout.readline()) == _READY
            self._process.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
            answer: dict[str, Any] = json.loads(line)
        except (OSError, ValueError) as error:  # a closed pipe, or a line cut short
            self._process.wait(timeout=5)
            code = self._process.returncode
            raise Stopped(f"the render process ended (exit code {code})") from error
        if "failed" in answer:
            raise RuntimeError(f"the render process failed:\n{answer['failed']}")
        return answer

    def stop(self) -> None:
        """End the process now: a render in progress raises :class:`Stopped` in :meth:`run`."""
        self._process.kill()

    def close(self) -> None:
        """End an idle process and release its pipes."""
        self.stop()
        self._process.wait(timeout=5)
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def alive(self) -> bool:
        return self._process.poll() is None


def _send(channel: IO[str], answer: dict[str, Any]) -> None:
    channel.write(json.dumps(answer) + "\n")
    channel.flush()


def main() -> None:
    """The child: answer each job line until stdin closes."""
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything the pipeline prints goes to stderr, not into the answers
    sys.stdout = sys.stderr
    from nnviz_core.serve.drawing import answer

    answer(_WARM_UP, "warm-up.yaml", "graph", {})
    _send(channel, _READY)
    for line in sys.stdin:
        try:
            _send(channel, answer(*json.loads(line)))
        except Exception:  # a bug: the server reports it rather than losing the process
            _send(channel, {"failed": traceback.format_exc()})


if __name__ == "__main__":
    main()
