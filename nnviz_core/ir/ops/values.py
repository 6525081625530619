"""Turning loose argument values (from YAML, a dict, an importer) into normalised attributes.

Kernels become tuples of the op's rank, ``padding: 0`` becomes ``"valid"``, aliases become the
canonical (Keras) names. Mistakes raise unlocated :class:`SpecValueError` / ``UnknownNameError``;
the YAML loader adds the author's ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nnviz_core.errors import ShapeError, SpecValueError, UnknownNameError, did_you_mean
from nnviz_core.ir.graph import AttrValue
from nnviz_core.ir.ops.base import Arg, Call, Op, described

#: Activation names accepted wherever a layer takes ``activation:``.
ACTIVATIONS = (
    "celu",
    "elu",
    "exponential",
    "gelu",
    "hard_sigmoid",
    "hard_silu",
    "hard_swish",
    "leaky_relu",
    "linear",
    "log_softmax",
    "mish",
    "relu",
    "relu6",
    "selu",
    "sigmoid",
    "silu",
    "softmax",
    "softplus",
    "softsign",
    "swish",
    "tanh",
)

#: The padding modes accepted by name (besides pixel counts).
PADDINGS = ("valid", "same", "causal")

KIND_TEXT = {
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "str": "a string",
    "choice": "one of {choices}",
    "ints": "an integer or a list of {rank} integers",
    "padding": "'valid', 'same', an integer or a list of {rank} integers",
    "pairs": "an integer, a list of {rank} integers or of {rank} [before, after] pairs",
    "shape": "a list of integers",
    "activation": "an activation name such as 'relu'",
}


def expected(op: Op, arg: Arg) -> str:
    """What an argument accepts, in words (for messages and the reference)."""
    text = KIND_TEXT[arg.kind].format(choices=", ".join(arg.choices), rank=op.rank)
    if op.rank == 1:
        text = text.replace("a list of 1 integers", "a one-item list").replace(
            "of 1 [before, after] pairs", "of one [before, after] pair"
        )
    if arg.minimum is not None and arg.kind in ("int", "float", "ints"):
        text += f" ≥ {arg.minimum:g}"
    return text


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _bad(op: Op, arg: Arg, value: Any) -> SpecValueError:
    return SpecValueError(f"{op.name}: {arg.name!r} expects {expected(op, arg)}, got {value!r}")


def _int(op: Op, arg: Arg, value: Any) -> int:
    if not _is_int(value) or (arg.minimum is not None and value < arg.minimum):
        raise _bad(op, arg, value)
    return int(value)


def _int_list(value: Any, rank: int, minimum: float | None) -> tuple[int, ...] | None:
    """``value`` as ``rank`` integers (one integer is repeated), or ``None`` if it is not."""
    items = [value] * rank if _is_int(value) else value
    if not isinstance(items, list | tuple) or len(items) != rank:
        return None
    if not all(_is_int(item) and (minimum is None or item >= minimum) for item in items):
        return None
    return tuple(int(item) for item in items)


def _ints(op: Op, arg: Arg, value: Any) -> tuple[int, ...]:
    result = _int_list(value, op.rank, arg.minimum)
    if result is None:
        raise _bad(op, arg, value)
    return result


def _padding(op: Op, arg: Arg, value: Any) -> AttrValue:
    if isinstance(value, str) and value.lower() in PADDINGS:
        return value.lower()
    if value == 0 and _is_int(value):
        return "valid"
    result = _int_list(value, op.rank, 0)
    if result is None:
        raise _bad(op, arg, value)
    return result


def _pairs(op: Op, arg: Arg, value: Any) -> AttrValue:
    """Padding per side: an integer, one per dimension, or ``[before, after]`` per dimension."""
    singles = _int_list(value, op.rank, 0)
    if singles is not None:
        return tuple((v, v) for v in singles)
    if isinstance(value, list | tuple) and len(value) == op.rank:
        pairs = [_int_list(item, 2, 0) for item in value]
        if all(pair is not None for pair in pairs):
            return tuple(pair for pair in pairs if pair is not None)
    raise _bad(op, arg, value)


def _shape(op: Op, arg: Arg, value: Any) -> AttrValue:
    if not isinstance(value, list | tuple):
        raise _bad(op, arg, value)
    if not all(v is None or (_is_int(v) and (v >= 1 or v == -1)) for v in value):
        raise _bad(op, arg, value)
    return tuple(value)


def coerce(op: Op, arg: Arg, value: Any) -> AttrValue:
    """One argument value, checked and normalised (raises :class:`SpecValueError`)."""
    if value is None and not arg.required:
        # null means "the default", so a pasted `stride=None` behaves as in the frameworks
        return None if arg.default is None else coerce(op, arg, arg.default)
    kind = arg.kind
    if kind == "int":
        return _int(op, arg, value)
    if kind == "float":
        ok = (_is_int(value) or isinstance(value, float)) and (
            arg.minimum is None or value >= arg.minimum
        )
        if not ok:
            raise _bad(op, arg, value)
        return float(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise _bad(op, arg, value)
        return value
    if kind in ("str", "choice", "activation"):
        return _text(op, arg, value)
    handler = {"ints": _ints, "padding": _padding, "pairs": _pairs, "shape": _shape}[kind]
    return handler(op, arg, value)


def _text(op: Op, arg: Arg, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise _bad(op, arg, value)
    choices = ACTIVATIONS if arg.kind == "activation" else arg.choices
    if choices and value.lower() not in choices:
        hint = did_you_mean(value.lower(), choices)
        raise SpecValueError(
            f"{op.name}: {arg.name!r} does not accept {value!r}{hint}; "
            f"choose one of {', '.join(choices)}"
        )
    return value.lower() if choices else value


def resolve(op: Op, spelling: str) -> Arg:
    """The argument a name refers to; an unknown name gets a did-you-mean and the list."""
    arg = op.arg(spelling)
    if arg is None:
        known = ", ".join(a.name for a in op.args) or "none"
        raise UnknownNameError(
            f"{op.name}: unknown argument {spelling!r}{did_you_mean(spelling, op.spellings)}; "
            f"its arguments are: {known}"
        )
    return arg


def normalise(op: Op, given: Mapping[str, Any]) -> dict[str, AttrValue]:
    """Complete attributes (canonical names, defaults filled) from loose values by any name."""
    attrs: dict[str, AttrValue] = {}
    for spelling, value in given.items():
        arg = resolve(op, spelling)
        if arg.name in attrs:
            raise SpecValueError(f"{op.name}: {arg.name!r} is given twice (as {spelling!r})")
        attrs[arg.name] = coerce(op, arg, value)
    return complete(op, attrs)


#: Each op's normalised defaults, by ``id(op)``; the op is kept so its id is never reused.
_DEFAULTS: dict[int, tuple[Op, Mapping[str, AttrValue]]] = {}


def defaults(op: Op) -> Mapping[str, AttrValue]:
    """Each optional stored argument's default, normalised once per op rather than per layer."""
    known = _DEFAULTS.get(id(op))
    if known is None:
        normalised = {
            arg.name: None if arg.default is None else coerce(op, arg, arg.default)
            for arg in op.args
            if not arg.required and not arg.checks_channels
        }
        known = _DEFAULTS[id(op)] = (op, normalised)
    return known[1]


def complete(op: Op, attrs: dict[str, AttrValue]) -> dict[str, AttrValue]:
    """Fill defaults and check required arguments; ``attrs`` already uses canonical names."""
    for arg in op.args:
        if arg.required and arg.name not in attrs:
            what = arg.description.rstrip(".").lower()
            raise SpecValueError(f"{op.name}: missing required argument {arg.name!r} ({what})")
    for name, default in defaults(op).items():
        attrs.setdefault(name, default)
    if op.finish is not None:
        op.finish(attrs)
    return attrs


def check_channels(call: Call) -> None:
    """Compare PyTorch's ``in_channels``-style arguments with the incoming tensor."""
    for arg in call.op.checks:
        given = call.attrs.get(arg.name)
        if given is not None:
            actual = call.shape[0] if call.shape else None
            if actual is not None and actual != given:
                raise ShapeError(
                    f"{call.op.name}: {arg.name} is {given} but the input "
                    f"{described(call.inputs[0])} has {actual} channels"
                )


def stored(call: Call) -> dict[str, AttrValue]:
    """The attributes kept in the IR: everything except the check-only arguments."""
    kept = dict(call.attrs)
    for arg in call.op.checks:
        kept.pop(arg.name, None)
    return kept
