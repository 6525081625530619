"""Located values: the YAML document as plain values that remember ``file:line:col``.

PyYAML's ``compose`` (safe: no object construction, no tags beyond the core schema) gives nodes
with marks; we turn them into :class:`Val` trees so every later error can point at the author's
text. Python mappings (``load_mapping``) become the same trees with a placeholder location.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import yaml

from nnviz_core.collector import collector_paused
from nnviz_core.errors import LimitError, SourceLocation, SpecSyntaxError, SpecValueError, excerpt
from nnviz_core.limits import MAX_INTEGER, MAX_VALUES

#: YAML nesting allowed (64 levels of groups take about 130; libyaml itself stops at 1000).
MAX_DEPTH = 256
#: Characters an integer may be written with (MAX_INTEGER has 16 digits; leave room for
#: signs, underscores and YAML 1.1's 0x/0o/base-60 forms).
_INTEGER_TEXT = 64

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")
}

try:
    _SafeLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


class _PlainTags(yaml.resolver.Resolver):
    """Tags each distinct unquoted scalar once: specs repeat ``filters``, ``relu``, ``64``…

    Tags come from the values alone (the safe schema has no path resolvers), so the node paths
    PyYAML tracks for path resolvers are not tracked either.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path to track."""

    def ascend_resolver(self) -> None:
        """No path to track."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            if value and value[0] not in _RESOLVER.yaml_implicit_resolvers:
                return _STR  # ids and names (`b9999`): no int, float, bool or null starts so
            return _plain_tag(value)
        if kind is yaml.MappingNode:
            return _MAP
        if kind is yaml.SequenceNode:
            return _SEQ
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


@lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    """The core schema's tag for an unquoted scalar (``64`` is an int, ``relu`` a str)."""
    return str(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]


_RESOLVER = yaml.resolver.Resolver()
#: The safe loader (libyaml's when PyYAML has it), tagging plain scalars through the cache.
_Loader: Any = type("_Loader", (_PlainTags, _SafeLoader), {})


class Val:
    """A value with its location: a scalar, a ``list[Val]`` or a ``dict[str, Val]``.

    ``keys`` holds where each mapping key was written (unknown-key errors point there).
    Locations are kept as raw positions and built on demand: most values never need one.
    """

    __slots__ = ("_where", "keys", "value")

    def __init__(self, value: Any, where: Where, keys: KeyLocations | None = None) -> None:
        self.value = value
        self._where = where
        self.keys = keys

    @property
    def loc(self) -> SourceLocation:
        where = self._where
        if isinstance(where, tuple):
            where = _located(where)
            self._where = where
        return where

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def plain(self) -> Any:
        """The value without locations (lists and dicts rebuilt)."""
        if isinstance(self.value, list):
            return [item.plain() for item in self.value]
        if isinstance(self.value, dict):
            return {key: item.plain() for key, item in self.value.items()}
        return self.value


#: A location, or the (file, YAML mark) it will be built from when someone asks.
Where = SourceLocation | tuple[str, Any]


class KeyLocations:
    """Where each key of a mapping was written, each built into a location once, on demand."""

    __slots__ = ("_where",)

    def __init__(self, where: dict[str, Where]) -> None:
        self._where = where

    def __getitem__(self, key: str) -> SourceLocation:
        where = self._where[key]
        if isinstance(where, tuple):
            where = self._where[key] = _mark(*where)
        return where

    def items(self) -> Iterator[tuple[str, SourceLocation]]:
        for key in self._where:
            yield key, self[key]


def _mark(filename: str, mark: Any) -> SourceLocation:
    return SourceLocation(filename, mark.line + 1, mark.column + 1)


def _located(where: Where) -> SourceLocation:
    if isinstance(where, SourceLocation):
        return where
    return _mark(*where)


def parse_text(text: str, filename: str) -> Val | None:
    """The document's root value, or ``None`` for an empty document."""
    try:
        with collector_paused():
            return _convert(text, filename)
    except yaml.MarkedYAMLError as error:
        raise _syntax(error, filename, text) from None
    except yaml.reader.ReaderError as error:
        raise _unreadable(error, filename, text) from None
    except UnicodeEncodeError as error:  # a Python string with a lone surrogate: no file holds one
        code = ord(text[error.start])
        raise _bad_character(text, error.start, code, "a lone surrogate", filename) from None
    except yaml.YAMLError as error:
        raise SpecSyntaxError(f"invalid YAML: {error}", SourceLocation(filename, 1, 1)) from None


def _convert(text: str, filename: str) -> Val | None:
    """Compose and convert; YAML's own nodes are freed on return, before the collector resumes."""
    root = yaml.compose(text, Loader=_Loader)
    if root is None:
        return None
    # Without anchors there are no aliases, and the text limit keeps the values under the limit.
    if "&" in text:  # anchors, hence aliases, are possible: measure before expanding
        _check_size(root, filename)
    return _Converter(filename).convert(root)


def _unreadable(error: yaml.reader.ReaderError, filename: str, text: str) -> SpecSyntaxError:
    """A character YAML refuses (control characters), located by its position."""
    code = error.character if isinstance(error.character, int) else ord(str(error.character))
    return _bad_character(text, error.position, code, error.reason, filename)


def _bad_character(
    text: str, position: int, code: int, reason: str, filename: str
) -> SpecSyntaxError:
    before = text[:position]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    return SpecSyntaxError(
        f"invalid YAML: character #x{code:04x} is not allowed ({reason})",
        SourceLocation(filename, line, column),
    )


def _syntax(error: yaml.MarkedYAMLError, filename: str, text: str) -> SpecSyntaxError:
    mark = error.problem_mark or error.context_mark
    location = _mark(filename, mark) if mark else SourceLocation(filename, 1, 1)
    problem = error.problem or error.context or "invalid YAML"
    context = f" ({error.context})" if error.context and error.problem else ""
    hint = ""
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        hint = "; indent with spaces, YAML does not allow tabs there"
    return SpecSyntaxError(f"invalid YAML: {problem}{context}{hint}", location)


def _refuse(node: yaml.Node, depth: int, filename: str) -> None:
    """Raise for a node nested too deep or carrying a tag beyond plain YAML values."""
    if depth > MAX_DEPTH:
        where = _mark(filename, node.start_mark)
        raise LimitError(f"the YAML nests deeper than {MAX_DEPTH} levels", where)
    if node.tag not in _TAGS:
        raise SpecSyntaxError(
            f"unsupported YAML tag {excerpt(node.tag)}; a spec holds plain values only",
            _mark(filename, node.start_mark),
        )


def _check_size(root: yaml.Node, filename: str) -> None:
    """Refuse documents that nest too deep or that aliases would blow up, before converting.

    Sizes are memoised per node, so a "billion laughs" document is measured in linear time.
    """
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if depth > MAX_DEPTH or node.tag not in _TAGS:
            _refuse(node, depth, filename)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        if total > MAX_VALUES:
            raise LimitError(
                f"the document expands to more than {MAX_VALUES:,} values (through anchors "
                "and aliases); write the network with `blocks` and `repeat`",
                _mark(filename, node.start_mark),
            )
        sizes[id(node)] = total
        return total

    size(root, 0)


class _Converter:
    """Node → Val, refusing deep nesting and tags beyond plain YAML values."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, depth: int = 0) -> Val:
        if depth > MAX_DEPTH or node.tag not in _TAGS:
            _refuse(node, depth, self.filename)
        loc = (self.filename, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return Val([self.convert(item, depth + 1) for item in node.value], loc)
        return Val(self._scalar(node), loc)

    def _mapping(self, node: yaml.MappingNode, loc: Where, depth: int) -> Val:
        values: dict[str, Val] = {}
        keys: dict[str, Where] = {}
        for key_node, value_node in node.value:
            key_loc = (self.filename, key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SpecValueError(
                    "YAML merge keys (<<) are not supported; use `blocks` to reuse layers",
                    _located(key_loc),
                )
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                where = _located(key_loc)
                raise SpecValueError(f"keys must be names, got {excerpt(_text(key_node))}", where)
            if key in values:
                first = _located(keys[key])
                raise SpecValueError(
                    f"duplicate key {excerpt(key)} (first given at {first})", _located(key_loc)
                )
            keys[key] = key_loc
            values[key] = self.convert(value_node, depth + 1)
        return Val(values, loc, KeyLocations(keys))

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _INT:
            return self._integer(node)
        value = self.constructor.construct_object(node, deep=True)
        if value is None or isinstance(value, bool | int | float | str):
            return value
        return str(node.value)  # dates, binary: keep the author's text

    def _integer(self, node: yaml.Node) -> int:
        """An integer within :data:`MAX_INTEGER`; longer texts are refused before converting."""
        text = node.value
        value = None
        if len(text) <= _INTEGER_TEXT:
            value = int(text) if text.isdigit() else self.constructor.construct_object(node)
        if value is None or abs(value) > MAX_INTEGER:
            shown = excerpt(value) if value is not None else f"{len(text):,} characters long"
            raise SpecValueError(
                f"an integer ({shown}) is larger than {MAX_INTEGER:,}, the largest a spec may hold",
                _mark(self.filename, node.start_mark),
            )
        return int(value)


def _text(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "a list or mapping"


def from_python(data: Any, filename: str) -> Val:
    """A Val tree from plain Python data (``load_mapping``); locations point at the mapping."""
    loc = SourceLocation(filename, 1, 1)
    _python_size(data, loc, 0, {})
    return _from_python(data, loc)


def _python_size(data: Any, loc: SourceLocation, depth: int, sizes: dict[int, int]) -> int:
    """Values in ``data`` counting shared containers each time, measured in linear time."""
    if not isinstance(data, Mapping | list | tuple):
        return 1
    known = sizes.get(id(data))
    if known is not None:
        return known
    if depth > MAX_DEPTH:
        raise LimitError(f"the spec nests deeper than {MAX_DEPTH} levels", loc)
    items = data.values() if isinstance(data, Mapping) else data
    total = 1 + sum(_python_size(item, loc, depth + 1, sizes) for item in items)
    if total > MAX_VALUES:
        raise LimitError(f"the spec holds more than {MAX_VALUES:,} values", loc)
    sizes[id(data)] = total
    return total


def _from_python(data: Any, loc: SourceLocation) -> Val:
    if isinstance(data, Mapping):
        values: dict[str, Val] = {}
        for key, value in data.items():
            if not isinstance(key, str):
                raise SpecValueError(f"keys must be names, got {excerpt(key)}", loc)
            values[key] = _from_python(value, loc)
        return Val(values, loc, KeyLocations(dict.fromkeys(values, loc)))
    if isinstance(data, list | tuple):
        return Val([_from_python(item, loc) for item in data], loc)
    if data is None or isinstance(data, bool | int | float | str):
        return Val(data, loc)
    raise SpecValueError(f"unsupported value of type {type(data).__name__}: {excerpt(data)}", loc)
