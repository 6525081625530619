"""The ``nnviz`` command: render, validate, export specs, make slides, list styles, show the schema.

Exit codes: 0 success, 1 a problem in the user's input or a file that cannot be written (a
one-line message says where and why), 2 a usage error (bad flags, unknown format), 130 when
interrupted, and 141 when the reader of standard output went away (``nnviz styles | head -1``):
like ``git``, which the shell reports as 128 + SIGPIPE, the command then ends without a word.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from nnviz_core import registry
from nnviz_core.api import fit_chosen, load, render
from nnviz_core.cli_output import (
    OutputError,
    UsageError,
    add_option_flag,
    add_output_flags,
    flush_output,
    os_reason,
    output_format,
    output_path,
    read_stdin_text,
    required_output_path,
    write_file,
    write_line,
    write_output,
)
from nnviz_core.errors import NnvizError
from nnviz_core.history import command as history_command
from nnviz_core.options import RenderOptions, declared
from nnviz_core.readability import ReadabilityWarning
from nnviz_core.serve import command as serve_command
from nnviz_core.sources.resolve import SourceOptions, is_import_path
from nnviz_core.styles import count_text

SOURCE_HELP = (
    "a .yaml spec, a model file (.onnx, .keras, .prototxt) or a model import path "
    "package.module:attribute"
)
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report an interrupted command
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `git log | head -1` ends with


class _RegistryHelp(argparse.HelpFormatter):
    """Help that names the registered styles and formats, read only when help is shown."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        if text and "{styles}" in text:
            text = text.replace("{styles}", ", ".join(registry.names("nnviz.styles")))
        if text and "{formats}" in text:
            text = text.replace("{formats}", ", ".join(registry.names("nnviz.backends")))
        return text


class _Parser(argparse.ArgumentParser):
    """Every command's parser formats its help with :class:`_RegistryHelp`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _RegistryHelp)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nnviz",
        description="Neural-network architecture diagrams from YAML specs and models.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    draw = commands.add_parser("render", help="draw a spec in a style and format")
    draw.add_argument("spec", help=f"{SOURCE_HELP}, or - to read a YAML spec from stdin")
    draw.add_argument("-s", "--style", default="graph", help="the look: {styles} (default: graph)")
    add_output_flags(draw, "{formats}")
    add_option_flag(
        draw, "a style or output option, e.g. rankdir=LR (repeatable; see `nnviz styles`)"
    )
    _source_arguments(draw)
    draw.add_argument(
        "--example-input",
        metavar="INPUT",
        help="draw the model's real activations on this input (an image file, a .npy array or "
        "pkg.module:sample); the same as -O activations=true -O example_input=INPUT",
    )

    check = commands.add_parser("validate", help="check specs and models; print located errors")
    check.add_argument("specs", nargs="+", help=f"what to check: each {SOURCE_HELP}")
    _source_arguments(check)

    export = commands.add_parser(
        "export-spec", help="write a model (or spec) out as an editable YAML spec"
    )
    export.add_argument("source", help=SOURCE_HELP)
    export.add_argument(
        "-o", "--output", type=output_path, help="the .yaml file to write (default: stdout)"
    )
    _source_arguments(export)

    deck = commands.add_parser("slides", help="a PowerPoint deck: one slide per diagram")
    deck.add_argument(
        "sources",
        nargs="+",
        help="spec files, models (import paths, model files), pages, or docs directories",
    )
    deck.add_argument(
        "-o", "--output", type=required_output_path, required=True, help="the .pptx file to write"
    )
    deck.add_argument(
        "--styles",
        default="",
        help="comma-separated styles ({styles}): one slide per style per diagram",
    )
    deck.add_argument("--template", help="a .pptx whose slide master the deck uses")
    add_option_flag(deck, "a style or output option for every slide (repeatable)")
    _source_arguments(deck)

    history_command.add_parser(commands)
    _source_arguments(serve_command.add_parser(commands))
    commands.add_parser("styles", help="list the styles and every option they take")
    commands.add_parser("themes", help="list the built-in themes (-O theme=NAME or a file)")
    schema = commands.add_parser("schema", help="print the JSON Schema of the spec language")
    schema.add_argument(
        "--theme", action="store_true", help="print the JSON Schema of theme files instead"
    )
    return parser


def _source_arguments(parser: argparse.ArgumentParser) -> None:
    """The model source options, one flag each, from their declarations."""
    group = parser.add_argument_group("model sources")
    for info in declared(SourceOptions):
        flag = f"--{info.kebab}"
        if info.is_flag and type(None) in info.kinds:  # decided for you unless given
            group.add_argument(
                flag, nargs="?", const="true", metavar="true|false", help=info.description
            )
        elif info.is_flag:
            group.add_argument(flag, action="store_true", default=None, help=info.description)
        else:
            group.add_argument(flag, metavar=info.name.upper(), help=info.description)


def _source_values(args: argparse.Namespace) -> dict[str, Any]:
    names = (info.name for info in declared(SourceOptions))
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def _read_source(spec: str) -> Any:
    if spec == "-":
        from nnviz_core.sources.yaml_spec import load_text

        return load_text(read_stdin_text(), filename="<stdin>")
    path = Path(spec)
    if is_import_path(spec) and not path.exists():
        # Like `python -m`, the current directory is importable: `nnviz render pkg.models:net`
        if os.getcwd() not in sys.path and "" not in sys.path:
            sys.path.insert(0, os.getcwd())
        return spec
    if path.is_dir():
        raise NnvizError(f"{spec}: is a folder; give a spec or model file")
    if not path.is_file():
        raise NnvizError(f"{spec}: no such file")
    return path


def _render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Draw and write the diagram; what was drawn other than asked (a layer not understood, a
    PNG scaled down to fit) is said on ``err`` as ``nnviz: warning: ...`` lines."""
    fmt = output_format(args)
    options = {**dict(args.option), **_source_values(args)}
    if args.example_input is not None:
        options.setdefault("activations", "true")
        options["example_input"] = args.example_input
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        if fmt == "pptx" and not fit_chosen(options):
            # Laid out again for the slide, which says what it finds; the page is not shown.
            warnings.simplefilter("ignore", ReadabilityWarning)
        diagram = render(_read_source(args.spec), args.style, **options)
        data = diagram.to_bytes(fmt)
    for warning in caught:
        if issubclass(warning.category, UserWarning):
            print(f"nnviz: warning: {warning.message}", file=err)
        else:  # a library's deprecation notice: shown as Python shows it
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    write_output(data, args.output, out)
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
        write_line(
            out,
            f"{spec}: ok: {graph.name}, {layers} layers, "
            f"{count_text(graph.total_params)} parameters",
        )
    return status


def _slides(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from nnviz_core.slides import build_deck

    styles = tuple(name.strip() for name in args.styles.split(",") if name.strip())
    deck = build_deck(
        args.sources,
        styles=styles,
        template=args.template,
        options={**dict(args.option), **_source_values(args)},
    )
    write_file(deck.data, args.output)
    for reason in deck.skipped:
        print(f"nnviz: skipped: {reason}", file=err)
    write_line(out, f"{args.output}: {deck.slides} slides, {deck.diagrams} diagrams")
    return 0


def _export_spec(args: argparse.Namespace, out: TextIO) -> int:
    from nnviz_core.export_spec import export_spec

    text = export_spec(load(_read_source(args.source), **_source_values(args)))
    write_output(text.encode("utf-8"), args.output, out)
    return 0


def _themes(out: TextIO) -> int:
    from nnviz_core.theming import BUILTINS, load

    lines = [f"{name}: {load(name).description}" for name in BUILTINS]
    lines.append("or the path of a theme file; `nnviz schema --theme` prints its JSON Schema")
    write_output("".join(f"{line}\n" for line in lines).encode("utf-8"), None, out)
    return 0


def _styles(out: TextIO) -> int:
    lines: list[str] = []
    for name in registry.names("nnviz.styles"):
        style = registry.style(name)
        lines.append(f"{name}: {style.description}")
        lines.extend(_option_lines(style.options))
    lines.append("options of every style (output):")
    lines.extend(_option_lines(RenderOptions))
    lines.append("options of model sources (flags such as --input-shape):")
    lines.extend(_option_lines(SourceOptions))
    write_output("".join(f"{line}\n" for line in lines).encode("utf-8"), None, out)
    return 0


def _option_lines(options: type) -> Iterator[str]:
    for info in declared(options):
        yield f"  {info.name} ({info.type_text}, default {info.default!r})"
        yield f"      {info.description}"


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from nnviz_core.schema import spec_schema
    from nnviz_core.theming.schema import theme_schema

    schema = theme_schema() if args.theme else spec_schema()
    text = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    write_output(text.encode("utf-8"), None, out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (also used by ``python -m nnviz_core``).

    Nothing the user can cause ends in a traceback: a closed pipe ends quietly, a standard output
    that cannot be written (a full disk) and an interrupt end with one line at most.
    """
    try:
        return _run(argv)
    except SystemExit:  # argparse's --help and usage errors: their text may not fit the pipe
        _flush_or_silence_stdout()
        raise
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("nnviz: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        with _warnings_as_lines(err):
            status = _dispatch(args, out, err)
        flush_output(out)  # a full disk behind standard output shows here
    except UsageError as error:
        parser.error(str(error))
    except NnvizError as error:
        print(f"nnviz: error: {error}", file=err)
        return EXIT_INPUT
    except OutputError as error:
        print(f"nnviz: error: {error}", file=err)
        if error.standard_output:
            _silence_stdout()  # what it still buffers cannot be written at exit either
        return EXIT_INPUT
    except BrokenPipeError:
        raise
    except OSError as error:  # a file the command had to read, e.g. a folder without permission
        name = f"{error.filename}: " if error.filename else ""
        print(f"nnviz: error: {name}{os_reason(error)}", file=err)
        return EXIT_INPUT
    return status


@contextmanager
def _warnings_as_lines(err: TextIO) -> Iterator[None]:
    """Show what the drawing warned about (text too small for a slide) as ``nnviz: warning:``
    lines, each once, before any error the command then ends with."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default", UserWarning)
        try:
            yield
        finally:
            for message in dict.fromkeys(str(warning.message) for warning in caught):
                print(f"nnviz: warning: {message}", file=err)


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "render":
        return _render(args, out, err)
    if args.command == "validate":
        return _validate(args, out, err)
    if args.command == "slides":
        return _slides(args, out, err)
    if args.command == "export-spec":
        return _export_spec(args, out)
    if args.command == "history":
        return history_command.run(args, out, err)
    if args.command == "serve":
        return serve_command.run(args, out, _source_values(args))
    if args.command == "styles":
        return _styles(out)
    if args.command == "themes":
        return _themes(out)
    return _schema(args, out)


def _flush_or_silence_stdout() -> None:
    try:
        sys.stdout.flush()
    except OSError:
        _silence_stdout()


def _silence_stdout() -> None:
    """Point standard output at the null device, so Python's flush at exit has nothing to say."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # in-process callers may have no real stdout
        pass


if __name__ == "__main__":
    sys.exit(main())
