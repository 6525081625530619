"""The one error tree of nnviz.

Every mistake a user can make surfaces as an :class:`NnvizError` whose message says what is wrong
and how to fix it. Errors about a spec carry a :class:`SourceLocation`, and their text starts with
``file:line:column:`` so editors and CI logs can jump to it. Adapters (Sphinx, MkDocs, the CLI)
translate this tree into their host's warnings and exit codes; nothing here knows about hosts.

::

    NnvizError
    ├── SpecError                 located mistakes in a YAML architecture spec
    │   ├── SpecSyntaxError       the YAML itself does not parse
    │   ├── UnknownNameError      unknown op, key, block or argument (with a did-you-mean)
    │   ├── SpecValueError        a value of the wrong type or out of range
    │   ├── ReferenceError        ``inputs`` names a layer that does not exist
    │   ├── CycleError            the layers form a cycle
    │   ├── ShapeError            shapes that cannot flow through an op or merge
    │   └── LimitError            the spec expands past the node or nesting limits
    ├── OptionError               an unknown option or a bad option value
    ├── SourceError               a model or file that cannot be loaded
    ├── EngineError               the Graphviz engine is missing or failed
    └── MissingDependencyError    an optional dependency is not installed (names the pip fix)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CycleError",
    "EngineError",
    "LimitError",
    "MissingDependencyError",
    "NnvizError",
    "OptionError",
    "ReferenceError",
    "ShapeError",
    "SourceError",
    "SourceLocation",
    "SpecError",
    "SpecSyntaxError",
    "SpecValueError",
    "UnknownNameError",
    "did_you_mean",
    "excerpt",
    "excerpt_text",
]

#: The most characters of a user's value (or file) an error message quotes.
EXCERPT_LENGTH = 80
#: Integers with more digits than this are described by their size, not written out.
_LONG_INTEGER_DIGITS = 40


@dataclass(frozen=True)
class SourceLocation:
    """A 1-based line and column in a named source (a file path or ``<string>``)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class NnvizError(Exception):
    """Base of every error nnviz raises on purpose; the message is meant for a human."""

    def __init__(self, message: str, location: SourceLocation | None = None) -> None:
        self.message = message
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)

    def relocated(self, location: SourceLocation) -> NnvizError:
        """A copy of this error pointing somewhere else (same class, same message)."""
        clone = type(self).__new__(type(self))  # subclasses' __init__ signatures differ
        clone.__dict__.update(self.__dict__)
        clone.location = location
        clone.args = (f"{location}: {self.message}",)
        return clone


class SpecError(NnvizError):
    """A mistake in an architecture spec, located at the author's text."""


class SpecSyntaxError(SpecError):
    """The YAML text does not parse."""


class UnknownNameError(SpecError):
    """An op, key, block, argument or option name that nnviz does not know."""


class SpecValueError(SpecError):
    """A value of the wrong type, or outside the allowed range."""


class ReferenceError(SpecError):
    """A layer names an input that does not exist."""


class CycleError(SpecError):
    """The layers' inputs form a cycle."""


class ShapeError(SpecError):
    """A tensor shape that an op or a merge cannot accept."""


class LimitError(SpecError):
    """The spec would expand past the node-count or nesting limits."""


class OptionError(NnvizError):
    """An unknown rendering option, or a value it does not accept."""


class SourceError(NnvizError):
    """A model, import path or file that cannot be turned into a graph."""


class EngineError(NnvizError):
    """The Graphviz layout engine is missing or failed."""


class MissingDependencyError(NnvizError):
    """An optional dependency is missing; the message names the ``pip install`` that fixes it."""

    def __init__(self, what: str, extra: str, module: str) -> None:
        super().__init__(
            f"{what} needs the optional dependency {module!r}, which is not installed; "
            f'install it with: pip install "nnviz-docs[{extra}]"'
        )
        self.extra = extra
        self.module = module


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A `` (did you mean 'x'?)`` suffix for the closest candidate, or an empty string."""
    if len(name) > EXCERPT_LENGTH:  # nothing that long is a typo of a name, and difflib is slow
        return ""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean {excerpt(close[0])}?)" if close else ""


def excerpt(value: object, length: int = EXCERPT_LENGTH) -> str:
    """The ``repr`` of a user's value cut to one line of at most ``length`` characters.

    Messages quote values so authors find them; quoting a whole file (a spec that is one long
    string, a key file named by mistake) would publish it in logs and pages, so the rest is
    replaced by an ellipsis.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return _integer(value)
    if isinstance(value, str) and (len(value) > length or len(repr(value)) > length):
        return _string_start(value, length)
    try:
        text = repr(value)
    except ValueError:  # an object holding an integer too long to write out
        text = f"<{type(value).__name__}>"
    lines = text.splitlines()
    return _cut(" ".join(line.strip() for line in lines) if len(lines) > 1 else text, length)


def excerpt_text(path: object, length: int = EXCERPT_LENGTH) -> str:
    """Text as a message shows it unquoted (a path it starts with, ``net.yaml: …``, or another
    error's text): on one line, and cut like :func:`excerpt` when longer than ``length``."""
    text = str(path)
    if text.isprintable() and len(text) <= length:
        return text
    return excerpt(text, length + 2)[1:-1]


def _string_start(value: str, length: int) -> str:
    """The quoted start of a long string, whole characters (escapes) only, then ``…``."""
    used = 3  # two quotes and the ellipsis
    count = 0
    for char in value[:length]:
        used += len(repr(char)) - 2
        if used > length:
            break
        count += 1
    shown = repr(value[:count])
    return shown[:-1] + "…" + shown[-1]


def _integer(value: int) -> str:
    if abs(value) < 10**_LONG_INTEGER_DIGITS:
        return repr(value)
    digits = int(abs(value).bit_length() * 0.30103) + 1
    sign = "a negative" if value < 0 else "an"
    return f"{sign} integer of about {digits:,} digits"


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
