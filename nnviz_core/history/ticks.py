"""Axis ticks at round numbers (1, 2, 2.5, 5 × 10ⁿ) and their labels."""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Callable
from functools import partial

_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
_SMALLEST_SPAN = 1e-300


def nice_ticks(
    low: float, high: float, count: int = 5, steps: tuple[float, ...] = _STEPS
) -> tuple[float, ...]:
    """Round tick values whose span covers ``[low, high]``, about ``count`` of them."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("tick range must be finite")
    if flat(low, high):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(s * power for s in steps if s * power >= raw * 0.999)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    total = round((last - first) / step)
    return tuple(_clean(first + index * step, step) for index in range(total + 1))


def flat(low: float, high: float) -> bool:
    """Whether a range is too small to divide (down to denormals like 5e-324): it is drawn as
    a flat line in the middle of ticks around it."""
    return high - low <= abs(high) * 1e-12 or high - low < _SMALLEST_SPAN


def integer_ticks(low: float, high: float, count: int = 6) -> tuple[float, ...]:
    """Nice ticks on whole numbers only (epochs): steps of 1, 2 or 5 × 10ⁿ, at least 1."""
    if high - low <= count - 1:
        return tuple(float(value) for value in range(math.floor(low), math.ceil(high) + 1))
    return nice_ticks(low, high, count, steps=(1.0, 2.0, 5.0, 10.0))


def loggable(value: float) -> bool:
    """Whether a log axis can place ``value``: positive, and not so small (a subnormal such as
    5e-324) that its decade, 10**-324, is 0.0; the others are gaps on a log axis."""
    return value >= sys.float_info.min


def log_ticks(low: float, high: float) -> tuple[float, ...]:
    """Powers of ten covering ``[low, high]`` (both positive), with 2 and 5 when few decades."""
    first, last = math.floor(math.log10(low) + 1e-9), math.ceil(math.log10(high) - 1e-9)
    if last == first:
        last += 1
    decades = [10.0**power for power in range(first, last + 1)]
    if last - first > 2:
        return tuple(decades)
    fine = [value * factor for value in decades[:-1] for factor in (1.0, 2.0, 5.0)]
    return tuple([*fine, decades[-1]])


def _clean(value: float, step: float) -> float:
    """Remove float noise (0.30000000000000004) by rounding to the step's precision."""
    digits = max(0, -math.floor(math.log10(step)) + 2)
    cleaned = round(value, digits)
    return 0.0 if cleaned == 0 else cleaned


def labels(ticks: tuple[float, ...], log: bool = False) -> tuple[str, ...]:
    """Labels of one axis in one format: thousands as ``20k``, tiny or huge values as ``1e-4``
    (on a linear axis all with the same exponent: ``0.25e-3`` … ``1.00e-3``)."""
    return tuple(number_format(ticks, log)(value) for value in ticks)


def value_text(value: float, ticks: tuple[float, ...], log: bool = False) -> str:
    """A data value (the best point's) in its axis' format, one digit finer than the ticks."""
    return number_format(ticks, log, finer=1)(value) if ticks else f"{value:.4g}"


def number_format(
    ticks: tuple[float, ...], log: bool = False, finer: int = 0
) -> Callable[[float], str]:
    """How one axis writes numbers, chosen from its ticks; ``finer`` adds decimals."""
    if not ticks:
        return lambda value: f"{value:g}"
    largest = max(abs(value) for value in ticks)
    smallest = min((abs(value) for value in ticks if value), default=1.0)
    step = min((b - a for a, b in itertools.pairwise(ticks)), default=1.0)
    if log or largest >= 1e7 or smallest < 1e-3:
        if log and smallest >= 1e-3 and largest < 1e5:
            return lambda value: f"{value:.{finer + 2}g}" if finer else f"{value:g}"
        if log:
            return lambda value: _scientific(value, 1 + finer)
        exponent = math.floor(math.log10(largest)) if largest else 0
        scale = 10.0**exponent
        digits = _decimals(step / scale) + finer if len(ticks) > 1 else 1 + finer
        return lambda value: _shared_exponent(value, scale, exponent, digits)
    for unit, suffix in ((1e6, "M"), (1e3, "k")):
        if largest >= 10 * unit and all(value % (unit / 10) == 0 for value in ticks):
            return partial(_with_unit, unit=unit, suffix=suffix, digits=finer + 1 if finer else 0)
    decimals = _decimals(step) + finer
    return lambda value: f"{value:,.{decimals}f}"


def _with_unit(value: float, *, unit: float, suffix: str, digits: int) -> str:
    if not value:
        return "0"
    return f"{value / unit:.{digits}f}{suffix}" if digits else f"{value / unit:g}{suffix}"


def _shared_exponent(value: float, scale: float, exponent: int, digits: int) -> str:
    return "0" if value == 0 else f"{value / scale:.{digits}f}e{exponent}"


def _decimals(step: float) -> int:
    text = f"{step:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _scientific(value: float, digits: int = 1) -> str:
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    if digits == 1:
        mantissa = mantissa.removesuffix(".0")
    return f"{mantissa}e{int(exponent)}"
