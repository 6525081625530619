"""A small reader for the protobuf text format that Caffe's ``.prototxt`` files are written in.

Caffe nets are plain text: ``key: value`` pairs and ``key { ... }`` messages, ``#`` comments.
Reading it here (instead of compiling Caffe's ``.proto`` descriptors) keeps the source free of
dependencies and lets every error point at the author's ``line:column``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from nnviz_core.errors import SourceLocation, SpecSyntaxError, SpecValueError, excerpt

Scalar = int | float | str
#: Characters a number may be written with (Python refuses to read integers past 4,300 digits).
_NUMBER_TEXT = 64


@dataclass(frozen=True)
class Token:
    kind: str  # "name", "number", "string", "punct", "end"
    text: str
    location: SourceLocation


@dataclass(frozen=True)
class Field:
    """One ``name: value`` or ``name { ... }`` entry; ``value`` is a scalar or a message."""

    name: str
    value: Scalar | Message
    location: SourceLocation


@dataclass(frozen=True)
class Message:
    """An ordered list of fields; repeated names are kept in order."""

    fields: list[Field] = field(default_factory=list)
    location: SourceLocation | None = None

    def all(self, name: str) -> list[Field]:
        return [f for f in self.fields if f.name == name]

    def first(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def scalar(self, name: str, default: Scalar | None = None) -> Scalar | None:
        found = self.first(name)
        return (
            found.value if found is not None and not isinstance(found.value, Message) else default
        )

    def scalars(self, name: str) -> list[Scalar]:
        return [f.value for f in self.all(name) if not isinstance(f.value, Message)]

    def message(self, name: str) -> Message | None:
        found = self.first(name)
        return found.value if found is not None and isinstance(found.value, Message) else None

    def messages(self, name: str) -> list[Message]:
        return [f.value for f in self.all(name) if isinstance(f.value, Message)]


_TOKEN = re.compile(
    r"""(?P<space>[ \t\r\f\v]+|\n|\#[^\n]*)
      | (?P<number>[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[fF]?)
      | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
      | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<punct>[{}\[\]:,;<>])""",
    re.VERBOSE,
)
_CLOSE = {"{": "}", "<": ">"}


def tokens(text: str, filename: str) -> Iterator[Token]:
    """The tokens of ``text`` with their 1-based locations; bad characters fail where they are."""
    line, line_start, position = 1, 0, 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        where = SourceLocation(filename, line, position - line_start + 1)
        if match is None:
            raise SpecSyntaxError(_unexpected_character(text[position]), where)
        kind = match.lastgroup or ""
        if kind != "space":
            yield Token(kind, match.group(), where)
        elif match.group() == "\n":
            line, line_start = line + 1, match.end()
        position = match.end()
    yield Token("end", "", SourceLocation(filename, line, position - line_start + 1))


def _unexpected_character(char: str) -> str:
    if char in "\"'":
        return f"unterminated string starting with {char}; close it on the same line"
    return f"unexpected character {char!r}"


def _number(text: str) -> int | float:
    body = text.rstrip("fF") if not text.lower().startswith("0x") else text
    try:
        return int(body)
    except ValueError:
        return float(body)


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


class _Parser:
    def __init__(self, text: str, filename: str) -> None:
        self.tokens = list(tokens(text, filename))
        self.index = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def fail(self, expected: str) -> SpecSyntaxError:
        token = self.current
        got = "the end of the file" if token.kind == "end" else excerpt(token.text)
        return SpecSyntaxError(f"expected {expected}, got {got}", token.location)

    def message(self, close: str | None, location: SourceLocation | None) -> Message:
        fields: list[Field] = []
        while not (self.current.kind == "punct" and self.current.text == close):
            if close is None and self.current.kind == "end":
                break
            if self.current.kind == "end":
                raise SpecSyntaxError(
                    f"missing {close!r} to close the message opened here", location
                )
            fields.extend(self.field())
            if self.current.kind == "punct" and self.current.text in ",;":
                self.take()
        if close is not None:
            self.take()
        return Message(fields, location)

    def field(self) -> list[Field]:
        name = self.current
        if name.kind != "name":
            raise self.fail("a field name")
        self.take()
        colon = self.current.kind == "punct" and self.current.text == ":"
        if colon:
            self.take()
        token = self.current
        if token.kind == "punct" and token.text in _CLOSE:
            self.take()
            value = self.message(_CLOSE[token.text], token.location)
            return [Field(name.text, value, name.location)]
        if not colon:
            raise self.fail(f"':' or '{{' after {excerpt(name.text)}")
        if token.kind == "punct" and token.text == "[":
            return self.listed(name)
        return [Field(name.text, self.scalar(name.text), name.location)]

    def listed(self, name: Token) -> list[Field]:
        """``dim: [1, 3, 224, 224]``: the short form of a repeated field."""
        self.take()
        fields: list[Field] = []
        while not (self.current.kind == "punct" and self.current.text == "]"):
            if fields:
                if not (self.current.kind == "punct" and self.current.text == ","):
                    raise self.fail(f"',' or ']' in the list of {excerpt(name.text)}")
                self.take()
            where = self.current.location
            fields.append(Field(name.text, self.scalar(name.text), where))
        self.take()
        return fields

    def scalar(self, name: str) -> Scalar:
        token = self.current
        if token.kind == "number":
            if len(token.text) > _NUMBER_TEXT:
                raise SpecValueError(
                    f"a number {len(token.text):,} characters long is larger than nnviz accepts",
                    token.location,
                )
            self.take()
            return _number(token.text)
        if token.kind == "name":
            self.take()
            return token.text
        if token.kind == "string":
            parts = []
            while self.current.kind == "string":
                parts.append(_unquote(self.take().text))
            return "".join(parts)
        raise self.fail(f"a value for {excerpt(name)}")


def parse(text: str, filename: str = "<string>") -> Message:
    """The top-level message of a prototxt text; syntax errors carry ``file:line:col``."""
    return _Parser(text, filename).message(None, SourceLocation(filename, 1, 1))
