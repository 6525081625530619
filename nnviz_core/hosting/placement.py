"""Where an error is shown: a mistake in inline text is moved to its line in the page.

The core locates errors in the text it was given (``<nnviz fence>:3:5``); a host knows where that
text sits in its document (:class:`Origin`), so :func:`place` turns the first into the second:
``docs/index.md:14:9``. Messages are guarded (:func:`~nnviz_core.hosting.guard.guard_message`),
so a page or a build log never quotes a whole file.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.errors import NnvizError
from nnviz_core.hosting.guard import guard_message

__all__ = ["Origin", "Placed", "place"]


@dataclass(frozen=True)
class Origin:
    """Where a request came from: the document, and the lines of its inline text."""

    document: str
    line: int | None = None
    """The line of the directive or fence (its opening), when known."""
    body_line: int | None = None
    """The document line holding the first line of the inline text, when known."""
    body_indent: int = 0
    """Columns the inline text is indented by in the document."""

    @property
    def shown(self) -> str:
        """``document:line``, or the document alone when the line is not known."""
        return self.document if self.line is None else f"{self.document}:{self.line}"


@dataclass(frozen=True)
class Placed:
    """An error as a host shows it: a file, a line and column when known, and the message."""

    file: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{where}: {self.message}"


def place(error: NnvizError, origin: Origin, inline: str) -> Placed:
    """Where ``error`` should be shown; ``inline`` is the name the inline text was read under."""
    location = error.location
    message = guard_message(error.message)
    if location is not None and location.file == inline:
        if origin.body_line is None:
            text = f"line {location.line} of an nnviz fence: {message}"
            return Placed(origin.document, None, None, text)
        line = origin.body_line + location.line - 1
        return Placed(origin.document, line, location.column + origin.body_indent, message)
    if location is not None:
        return Placed(location.file, location.line, location.column, message)
    return Placed(origin.document, origin.line, None, message)
