"""The ``nnviz history LOG -o curves.svg`` subcommand (wired into :mod:`nnviz_core.cli`)."""

from __future__ import annotations

import argparse
import warnings
from typing import Any, TextIO

from nnviz_core.cli_output import (
    add_option_flag,
    add_output_flags,
    output_format,
    read_stdin_text,
    write_line,
    write_output,
)

HELP = "draw training curves from a Keras, CSV, JSON or TensorBoard log"


def add_parser(commands: Any) -> None:
    """Declare the subcommand on the CLI's subparsers."""
    curves = commands.add_parser("history", help=HELP, description=HELP)
    curves.add_argument(
        "log", help="a CSV/JSON log, a TensorBoard event file or directory, or - for stdin"
    )
    add_output_flags(curves, "svg, png, pdf, pptx, tex, tikz")
    add_option_flag(curves, "a figure option, e.g. mark_best=val_loss or layout=row (repeatable)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Draw the log; warnings about the data (NaN gaps) go to ``err``, the figure to a file."""
    from nnviz_core.history import plot_history

    fmt = output_format(args, refused=("dot",))  # curves have no Graphviz source
    source: Any = args.log
    options = dict(args.option)
    if args.log == "-":
        source = read_stdin_text()
        options.setdefault("filename", "<stdin>")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = plot_history(source, **options)
    for warning in caught:
        print(f"nnviz: warning: {warning.message}", file=err)
    write_output(figure.to_bytes(fmt), args.output, out)
    if args.output:
        write_line(out, f"{args.output}: {figure.scene.description}")
    return 0
