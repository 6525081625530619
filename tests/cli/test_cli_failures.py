"""Issue 19 item 9: every way an ``nnviz`` command can fail to write or read ends in one line.

Each case runs the real command in a subprocess and checks the message and the exit code: 1 for
a file that cannot be written or read, 2 for a usage error, 141 (quietly, as ``git``) when the
reader of standard output went away, and never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nnviz_core import cli

ROOT = Path(__file__).resolve().parents[2]
MLP = str(ROOT / "examples" / "mlp.yaml")
HISTORY = "epoch,loss,val_loss\n0,1.0,1.2\n1,0.5,0.7\n2,0.25,0.4\n"
LINUX = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux /dev/full")


def nnviz(*args: str, stdin: bytes | None = None, **popen: object) -> subprocess.CompletedProcess:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}
    return subprocess.run(
        [sys.executable, "-m", "nnviz_core", *args],
        input=stdin,
        cwd=ROOT,
        timeout=120,
        check=False,
        **streams,  # type: ignore[call-overload]
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode()
    assert "Traceback" not in err, err
    assert err.count("\n") == 1, err
    return err.strip()


@pytest.fixture
def history_log(tmp_path: Path) -> str:
    log = tmp_path / "log.csv"
    log.write_text(HISTORY)
    return str(log)


def writing_commands(history_log: str) -> list[tuple[str, ...]]:
    """Every subcommand that writes a file with ``-o`` (the path comes last)."""
    return [
        ("render", MLP, "-f", "svg", "-o"),
        ("export-spec", MLP, "-o"),
        ("history", history_log, "-f", "svg", "-o"),
        # fcnn: a deck the slide can hold readably, so its only message is the error
        ("slides", MLP, "--styles", "fcnn", "-o"),
    ]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("/proc/nnviz-test/x.out", "No such file or directory"),
        ("/proc/x.out", "No such file or directory"),
        ("/etc/passwd/x.out", "/etc/passwd is not a folder"),
    ],
)
def test_unwritable_output_path_is_one_line(history_log, target, reason):
    for command in writing_commands(history_log):
        result = nnviz(*command, target)
        assert result.returncode == 1, (command, result.stderr)
        assert one_line_error(result) == f"nnviz: error: cannot write {target}: {reason}"


@LINUX
def test_full_disk_is_one_line(history_log):
    for command in writing_commands(history_log):
        result = nnviz(*command, "/dev/full")
        assert result.returncode == 1, (command, result.stderr)
        message = "nnviz: error: cannot write /dev/full: No space left on device"
        assert one_line_error(result) == message


def test_output_that_is_a_folder_is_one_line(tmp_path, history_log):
    for command in writing_commands(history_log):
        result = nnviz(*command, str(tmp_path))
        assert result.returncode == 1, (command, result.stderr)
        assert one_line_error(result) == f"nnviz: error: cannot write {tmp_path}: Is a directory"


def test_output_under_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    target = blocker / "x.svg"
    result = nnviz("render", MLP, "-o", str(target))
    assert result.returncode == 1
    message = f"nnviz: error: cannot write {target}: {blocker} is not a folder"
    assert one_line_error(result) == message


@pytest.mark.parametrize("command", ["render", "export-spec", "history", "slides"])
def test_empty_output_name_is_a_usage_error(history_log, command):
    source = history_log if command == "history" else MLP
    result = nnviz(command, source, "-o", "")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert (
        f"nnviz {command}: error: argument -o/--output: expected a file name, got an empty one"
        in err
    )
    assert "Traceback" not in err
    assert result.stdout == b""


@LINUX
@pytest.mark.parametrize(
    "command",
    [
        ("styles",),
        ("schema",),
        ("render", MLP),
        ("export-spec", MLP),
        ("validate", MLP),
        ("history", "-"),
    ],
)
def test_full_standard_output_is_one_line(command):
    with open("/dev/full", "wb") as full:
        result = nnviz(*command, stdin=HISTORY.encode(), stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    message = "nnviz: error: cannot write to standard output: No space left on device"
    assert one_line_error(result) == message


@pytest.mark.parametrize(
    "command",
    [
        ("styles",),
        ("schema",),
        ("render", MLP),
        ("export-spec", MLP),
        ("validate", MLP),
        ("history", "-"),
        ("--help",),
    ],
)
def test_closed_pipe_ends_quietly_like_git(command):
    """``nnviz styles | head -1``: the reader is gone before nnviz writes; no word, exit 141."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will ever read: the first write gets EPIPE
    try:
        result = nnviz(*command, stdin=HISTORY.encode(), stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert result.stderr == b""
    assert result.returncode == (0 if command == ("--help",) else cli.EXIT_BROKEN_PIPE)


@pytest.mark.parametrize("command", ["render", "history"])
def test_standard_input_that_is_not_utf8_is_one_line(command):
    result = nnviz(command, "-", stdin=b"\xff\xfe\x00garbage\x80")
    assert result.returncode == 1
    message = "nnviz: error: <stdin>: not UTF-8 text (invalid start byte)"
    assert one_line_error(result) == message


def test_a_folder_as_spec_is_one_line(tmp_path):
    result = nnviz("render", str(tmp_path))
    assert result.returncode == 1
    assert (
        one_line_error(result)
        == f"nnviz: error: {tmp_path}: is a folder; give a spec or model file"
    )


def test_interrupt_ends_with_one_line_and_130(monkeypatch, capsys):
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    assert cli.main(["styles"]) == 130
    assert capsys.readouterr().err == "nnviz: interrupted\n"


def test_slides_summary_to_a_closed_pipe_or_full_disk(tmp_path):
    """slides writes its deck to -o and one summary line to standard output."""
    deck = str(tmp_path / "deck.pptx")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        closed = nnviz(
            "slides", MLP, "--styles", "fcnn", "-o", deck, stdout=write_end, stderr=subprocess.PIPE
        )
    finally:
        os.close(write_end)
    assert (closed.returncode, closed.stderr) == (cli.EXIT_BROKEN_PIPE, b"")
    if Path("/dev/full").exists():
        with open("/dev/full", "wb") as full:
            result = nnviz(
                "slides", MLP, "--styles", "fcnn", "-o", deck, stdout=full, stderr=subprocess.PIPE
            )
        message = "nnviz: error: cannot write to standard output: No space left on device"
        assert (result.returncode, one_line_error(result)) == (1, message)
