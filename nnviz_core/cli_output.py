"""What every ``nnviz`` subcommand that writes a figure shares: the format and the writing."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from nnviz_core import registry


class UsageError(Exception):
    """A command line that cannot be run as given (exit code 2)."""


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value


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
    parser.add_argument("-o", "--output", help="output file; the format comes from its suffix")
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


def write_output(data: bytes, output: str | None, out: TextIO) -> None:
    """Write to ``-o`` (creating folders), or to standard output when none is given."""
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_bytes(data)
    elif hasattr(out, "buffer"):
        out.buffer.write(data)
    else:
        out.write(data.decode("utf-8"))
