"""The shape of an op declaration: its arguments, shape rule and parameter rule.

Every canonical op is one :class:`Op` value. Sources (YAML, PyTorch, Keras, ONNX) map onto these
names; the loader, the JSON Schema and the language reference are all generated from them, so an
argument declared here is accepted, validated, documented and schema-checked at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NoReturn

from nnviz_core.errors import ShapeError
from nnviz_core.ir.graph import AttrValue, Category, Dim

Shape = tuple[Dim, ...]
ArgKind = Literal[
    "int", "float", "bool", "str", "choice", "ints", "padding", "pairs", "shape", "activation"
]


@dataclass(frozen=True)
class Incoming:
    """A tensor arriving at an op: its shape and the id of the layer that produced it."""

    shape: Shape
    source: str = ""
    dtype: str = "float32"


@dataclass(frozen=True)
class Arg:
    """One argument of an op, with its Keras name and the PyTorch spellings it also accepts.

    ``checks_channels`` marks PyTorch's redundant ``in_channels``-style arguments: they are not
    stored, but checked against the incoming tensor so a pasted layer that does not fit fails.
    """

    name: str
    kind: ArgKind
    default: AttrValue = None
    description: str = ""
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    required: bool = False
    checks_channels: bool = False


@dataclass(frozen=True)
class Call:
    """An op applied to concrete inputs with normalised arguments (what rules compute from)."""

    op: Op
    attrs: Mapping[str, AttrValue]
    inputs: tuple[Incoming, ...]

    @property
    def shape(self) -> Shape:
        return self.inputs[0].shape

    def num(self, name: str) -> int:
        value = self.attrs[name]
        assert isinstance(value, int)
        return value

    def ints(self, name: str) -> tuple[int, ...]:
        value = self.attrs[name]
        assert isinstance(value, tuple)
        return tuple(int(v) for v in value if isinstance(v, int))

    def flag(self, name: str) -> bool:
        return bool(self.attrs[name])

    def fail(self, message: str) -> NoReturn:
        raise ShapeError(f"{self.op.name}: {message}")

    def channels(self) -> int:
        """The incoming channel (feature) count, which parameter rules need to be known."""
        shape = self.shape
        if not shape or shape[0] is None:
            self.fail(f"needs a known number of channels, got {described(self.inputs[0])}")
        return shape[0]

    def spatial(self, rank: int, what: str) -> Shape:
        """The input shape, after checking it is channels plus ``rank`` spatial dimensions."""
        shape = self.shape
        if len(shape) != rank + 1:
            example = reshape_example(shape, rank) or f"[{what}]"
            self.fail(
                f"expects a [{what}] input, got {described(self.inputs[0])}; "
                f"add a reshape layer before it (e.g. `reshape: {example}`)"
            )
        return shape


def channels_check(name: str, description: str) -> Arg:
    """A PyTorch argument restating the input's width (``in_channels``): checked, not stored."""
    return Arg(name, "int", None, description, minimum=1, checks_channels=True)


def reshape_example(shape: Shape, rank: int) -> str | None:
    """A plausible channels-first target for a flat vector: ``[1, 28, 28]`` for 784 values."""
    if len(shape) != 1 or shape[0] is None:
        return None
    size = shape[0]
    if rank == 1:
        return f"[1, {size}]"
    for channels in (1, 3):
        side = round((size / channels) ** (1 / rank)) if size % channels == 0 else 0
        if side > 1 and channels * side**rank == size:
            return fmt([channels, *[side] * rank])
    return None


def fmt(shape: Sequence[object]) -> str:
    """``[64, 56, 56]``, with ``?`` for unknown dimensions."""
    return "[" + ", ".join("?" if dim is None else str(dim) for dim in shape) + "]"


def described(tensor: Incoming) -> str:
    """``[64, 56, 56] (from 'conv2d_1')`` for messages."""
    return f"{fmt(tensor.shape)} (from {tensor.source!r})" if tensor.source else fmt(tensor.shape)


def same_shape(call: Call) -> Shape:
    """Shape: unchanged."""
    return call.shape


def no_params(call: Call) -> int:
    return 0


@dataclass(frozen=True)
class Op:
    """A canonical op: name, category, arguments, and its shape and parameter rules."""

    name: str
    category: Category
    description: str
    infer: Callable[[Call], Shape] = same_shape
    params: Callable[[Call], int] = no_params
    args: tuple[Arg, ...] = ()
    main: str | None = None
    rank: int = 1
    arity: tuple[int, int | None] = (1, 1)
    aliases: tuple[str, ...] = ()
    finish: Callable[[dict[str, AttrValue]], None] | None = None
    non_trainable: Callable[[Call], int] = no_params
    _by_name: dict[str, Arg] = field(default_factory=dict, compare=False, repr=False)
    _checks: list[Arg] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        for arg in self.args:
            for spelling in (arg.name, *arg.aliases):
                self._by_name[spelling] = arg
            if arg.checks_channels:
                self._checks.append(arg)

    @property
    def checks(self) -> list[Arg]:
        """PyTorch-style arguments that are checked against the input rather than stored."""
        return self._checks

    @property
    def is_merge(self) -> bool:
        return self.category == "merge"

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every accepted argument name (canonical names and aliases), sorted."""
        return tuple(sorted(self._by_name))

    def arg(self, spelling: str) -> Arg | None:
        """The argument a name (canonical or alias) refers to, if any."""
        return self._by_name.get(spelling)
