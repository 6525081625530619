"""What every ``nnviz`` subcommand that writes shares: the format, the writing and its failures.

A file that cannot be written (a missing or read-only folder, a full disk, a parent that is a
file) is a one-line :class:`OutputError`, never a traceback; an empty ``-o`` is a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from nnviz_core import registry
from nnviz_core.errors import SourceError


class UsageError(Exception):
    """A command line that cannot be run as given (exit code 2)."""


class OutputError(Exception):
    """A file or stream the command could not write (exit code 1); the message is one line."""

    def __init__(self, message: str, *, standard_output: bool = False) -> None:
        super().__init__(message)
        self.standard_output = standard_output


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value


def output_path(text: str) -> str:
    """The argparse type of an optional ``-o``: an empty name must not mean "standard output"."""
    if not text:
        raise argparse.ArgumentTypeError(
            "expected a file name, got an empty one (leave -o out to write to standard output)"
        )
    return text


def required_output_path(text: str) -> str:
    """The argparse type of a ``-o`` that must name a file (there is no standard-output form)."""
    if not text:
        raise argparse.ArgumentTypeError("expected a file name, got an empty one")
    return text


def add_option_flag(parser: argparse.ArgumentParser, help: str) -> None:
    """``-O/--option KEY=VALUE``, repeatable: how every command takes drawing options."""
    parser.add_argument(
        "-O",
        "--option",
        action="append",
        type=_key_value,
        default=[],
        metavar="KEY=VALUE",
        help=help,
    )


def add_output_flags(parser: argparse.ArgumentParser, formats: str) -> None:
    """``-o`` (format from its suffix) and ``-f`` for commands that write one figure."""
    parser.add_argument(
        "-o", "--output", type=output_path, help="output file; the format comes from its suffix"
    )
    parser.add_argument("-f", "--format", help=f"output format ({formats})")


def output_format(args: argparse.Namespace, refused: Iterable[str] = ()) -> str:
    """``-f``, else the suffix of ``-o``, else SVG; a format nnviz cannot write is a usage error."""
    if args.format:
        fmt = str(args.format).lower()
    elif args.output:
        fmt = Path(args.output).suffix.lstrip(".").lower()
        if not fmt:
            raise UsageError(f"cannot tell the format of {args.output!r}; add a suffix or use -f")
    else:
        fmt = "svg"
    known = [name for name in registry.names("nnviz.backends") if name not in set(refused)]
    if fmt not in known:
        raise UsageError(f"unknown format {fmt!r}; available: {', '.join(known)}")
    return fmt


def os_reason(error: OSError) -> str:
    """``No such file or directory``: the system's words for an OSError, without the errno."""
    return error.strerror or str(error)


def write_file(data: bytes, output: str) -> None:
    """Write ``data`` to the file ``output``, creating its folders; failures are OutputErrors."""
    target = Path(output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except FileExistsError as error:  # mkdir met a file where a folder of the path should be
        raise OutputError(f"cannot write {output}: {error.filename} is not a folder") from None
    except OSError as error:
        raise OutputError(f"cannot write {output}: {os_reason(error)}") from None


def write_output(data: bytes, output: str | None, out: TextIO) -> None:
    """Write to ``-o`` (creating folders), or to standard output when none is given."""
    if output:
        write_file(data, output)
        return
    with _standard_output():
        if hasattr(out, "buffer"):
            out.flush()  # text printed before stays before the bytes
            out.buffer.write(data)
        else:
            out.write(data.decode("utf-8"))


def write_line(out: TextIO, text: str) -> None:
    """Print one line on standard output; a full disk behind it is an OutputError."""
    with _standard_output():
        print(text, file=out)


def flush_output(out: TextIO) -> None:
    """Flush standard output, where a full disk shows for text already printed."""
    with _standard_output():
        out.flush()


@contextmanager
def _standard_output() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise  # the reader left: the command ends quietly (see nnviz_core.cli.main)
    except OSError as error:
        raise OutputError(
            f"cannot write to standard output: {os_reason(error)}", standard_output=True
        ) from None


def read_stdin_text(filename: str = "<stdin>") -> str:
    """Standard input as UTF-8 text; bytes that are not UTF-8 are the user's mistake, said once."""
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"{filename}: not UTF-8 text ({error.reason})") from None
