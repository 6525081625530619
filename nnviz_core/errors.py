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
]


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
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
