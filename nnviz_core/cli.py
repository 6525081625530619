"""The ``nnviz`` command: render, validate, export specs, make slides, list styles, show the schema.

Exit codes: 0 success, 1 a problem in the user's input (the message says where and why),
2 a usage error (bad flags, unknown format).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from nnviz_core import registry
from nnviz_core.api import load, render
from nnviz_core.cli_output import (
    UsageError,
    add_option_flag,
    add_output_flags,
    output_format,
    write_output,
)
from nnviz_core.errors import NnvizError
from nnviz_core.history import command as history_command
from nnviz_core.options import RenderOptions, declared
from nnviz_core.sources.resolve import SourceOptions, is_import_path
from nnviz_core.styles import count_text

SOURCE_HELP = (
    "a .yaml spec, a model file (.onnx, .keras, .prototxt) or a model import path "
    "package.module:attribute"
)
EXIT_INPUT = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nnviz",
        description="Neural-network architecture diagrams from YAML specs and models.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    draw = commands.add_parser("render", help="draw a spec in a style and format")
    draw.add_argument("spec", help=f"{SOURCE_HELP}, or - to read a YAML spec from stdin")
    draw.add_argument("-s", "--style", default="graph", help="the look (default: graph)")
    add_output_flags(draw, "svg, png, pdf, dot, pptx, …")
    add_option_flag(
        draw, "a style or output option, e.g. rankdir=LR (repeatable; see `nnviz styles`)"
    )
    _source_arguments(draw)

    check = commands.add_parser("validate", help="check specs and models; print located errors")
    check.add_argument("specs", nargs="+", help=f"what to check: each {SOURCE_HELP}")
    _source_arguments(check)

    export = commands.add_parser(
        "export-spec", help="write a model (or spec) out as an editable YAML spec"
    )
    export.add_argument("source", help=SOURCE_HELP)
    export.add_argument("-o", "--output", help="the .yaml file to write (default: stdout)")
    _source_arguments(export)

    deck = commands.add_parser("slides", help="a PowerPoint deck: one slide per diagram")
    deck.add_argument(
        "sources",
        nargs="+",
        help="spec files, models (import paths, model files), pages, or docs directories",
    )
    deck.add_argument("-o", "--output", required=True, help="the .pptx file to write")
    deck.add_argument(
        "--styles", default="", help="comma-separated styles: one slide per style per diagram"
    )
    deck.add_argument("--template", help="a .pptx whose slide master the deck uses")
    add_option_flag(deck, "a style or output option for every slide (repeatable)")
    _source_arguments(deck)

    history_command.add_parser(commands)
    commands.add_parser("styles", help="list the styles and every option they take")
    commands.add_parser("schema", help="print the JSON Schema of the spec language")
    return parser


def _source_arguments(parser: argparse.ArgumentParser) -> None:
    """The model source options, one flag each, from their declarations."""
    group = parser.add_argument_group("model sources")
    for info in declared(SourceOptions):
        flag = f"--{info.kebab}"
        if info.is_flag:
            group.add_argument(flag, action="store_true", default=None, help=info.description)
        else:
            group.add_argument(flag, metavar=info.name.upper(), help=info.description)


def _source_values(args: argparse.Namespace) -> dict[str, Any]:
    names = (info.name for info in declared(SourceOptions))
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def _read_source(spec: str) -> Any:
    if spec == "-":
        from nnviz_core.sources.yaml_spec import load_text

        return load_text(sys.stdin.read(), filename="<stdin>")
    path = Path(spec)
    if is_import_path(spec) and not path.exists():
        # Like `python -m`, the current directory is importable: `nnviz render pkg.models:net`
        if os.getcwd() not in sys.path and "" not in sys.path:
            sys.path.insert(0, os.getcwd())
        return spec
    if not path.is_file():
        raise NnvizError(f"{spec}: no such file")
    return path


def _render(args: argparse.Namespace, out: TextIO) -> int:
    fmt = output_format(args)
    options = {**dict(args.option), **_source_values(args)}
    diagram = render(_read_source(args.spec), args.style, **options)
    write_output(diagram.to_bytes(fmt), args.output, out)
    return 0


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = 0
    for spec in args.specs:
        try:
            graph = load(_read_source(spec), **_source_values(args))
        except NnvizError as error:
            print(error, file=err)
            status = EXIT_INPUT
            continue
        layers = sum(1 for node in graph.nodes if node.category != "input")
        print(
            f"{spec}: ok: {graph.name}, {layers} layers, "
            f"{count_text(graph.total_params)} parameters",
            file=out,
        )
    return status


def _slides(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from nnviz_core.slides import write_deck

    styles = tuple(name.strip() for name in args.styles.split(",") if name.strip())
    deck = write_deck(
        args.sources,
        args.output,
        styles=styles,
        template=args.template,
        options={**dict(args.option), **_source_values(args)},
    )
    for reason in deck.skipped:
        print(f"nnviz: skipped: {reason}", file=err)
    print(f"{args.output}: {deck.slides} slides, {deck.diagrams} diagrams", file=out)
    return 0


def _export_spec(args: argparse.Namespace, out: TextIO) -> int:
    from nnviz_core.export_spec import export_spec

    text = export_spec(load(_read_source(args.source), **_source_values(args)))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return 0


def _styles(out: TextIO) -> int:
    for name in registry.names("nnviz.styles"):
        style = registry.style(name)
        print(f"{name}: {style.description}", file=out)
        _print_options(style.options, out)
    print("options of every style (output):", file=out)
    _print_options(RenderOptions, out)
    print("options of model sources (flags such as --input-shape):", file=out)
    _print_options(SourceOptions, out)
    return 0


def _print_options(options: type, out: TextIO) -> None:
    for info in declared(options):
        print(f"  {info.name} ({info.type_text}, default {info.default!r})", file=out)
        print(f"      {info.description}", file=out)


def _schema(out: TextIO) -> int:
    from nnviz_core.schema import spec_schema

    print(json.dumps(spec_schema(), indent=2, sort_keys=True), file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (also used by ``python -m nnviz_core``)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        if args.command == "render":
            return _render(args, out)
        if args.command == "validate":
            return _validate(args, out, err)
        if args.command == "slides":
            return _slides(args, out, err)
        if args.command == "export-spec":
            return _export_spec(args, out)
        if args.command == "history":
            return history_command.run(args, out, err)
        if args.command == "styles":
            return _styles(out)
        return _schema(out)
    except UsageError as error:
        parser.error(str(error))
    except NnvizError as error:
        print(f"nnviz: error: {error}", file=err)
        return EXIT_INPUT
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
