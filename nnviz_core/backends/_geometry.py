"""Path geometry shared by backends and scene checks: arrowheads and tight bounds.

An arrowhead of length ``L`` sits at the path's end; the line is cut back to the point at distance
``L`` from the tip (on the curve itself, found by bisection), so it stops at the arrowhead's base
and never pokes through the tip. The head points along the chord from that base to the tip, which
is the end tangent for straight segments and follows the curve's last ``L`` pixels for Béziers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from nnviz_core.scene import Close, CurveTo, LineTo, MoveTo, Path, Point, Segment, Span
from nnviz_core.text import SCRIPT_SCALE, text_width

#: Half the width of an arrowhead's base, as a fraction of its length.
ARROW_HALF_WIDTH = 0.42

Cubic = tuple[Point, Point, Point, Point]
Triangle = tuple[Point, Point, Point]


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _distance(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def split_cubic(curve: Cubic, t: float) -> tuple[Cubic, Cubic]:
    """The two halves of a cubic Bézier cut at parameter ``t`` (de Casteljau)."""
    p0, c1, c2, p3 = curve
    a, b, c = _lerp(p0, c1, t), _lerp(c1, c2, t), _lerp(c2, p3, t)
    d, e = _lerp(a, b, t), _lerp(b, c, t)
    m = _lerp(d, e, t)
    return (p0, a, d, m), (m, e, c, p3)


def cubic_point(curve: Cubic, t: float) -> Point:
    """The point at parameter ``t`` (Bernstein form, no intermediate tuples)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = curve
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3


def _cut_at_distance(curve: Cubic, length: float) -> Cubic | None:
    """The part of ``curve`` farther than ``length`` from its end point, or None if none is."""
    end = curve[3]
    if _distance(curve[0], end) <= length:
        return None
    near, far = 0.0, 1.0  # distance(near) > length >= distance(far)
    for _ in range(40):
        middle = (near + far) / 2
        gap = _distance(cubic_point(curve, middle), end) - length
        if abs(gap) < 1e-4:  # far below the 0.01 px the SVG writes
            near = middle
            break
        if gap > 0:
            near = middle
        else:
            far = middle
    return split_cubic(curve, near)[0]


def _head(base: Point, tip: Point) -> Triangle:
    length = _distance(base, tip)
    ux, uy = (tip[0] - base[0]) / length, (tip[1] - base[1]) / length
    half = length * ARROW_HALF_WIDTH
    left = (base[0] - uy * half, base[1] + ux * half)
    right = (base[0] + uy * half, base[1] - ux * half)
    return tip, left, right


def _trim_end(
    start: Point, segment: LineTo | CurveTo, length: float
) -> tuple[LineTo | CurveTo, Triangle]:
    """The segment cut back by ``length`` and the arrowhead that replaces the cut part."""
    tip = segment.to
    if isinstance(segment, LineTo):
        total = _distance(start, tip)
        base = _lerp(tip, start, min(length, total) / total)
        return LineTo(base), _head(base, tip)
    kept = _cut_at_distance((start, segment.c1, segment.c2, tip), length)
    if kept is None:  # the whole curve is shorter than the arrow: a straight head over its chord
        return LineTo(start), _head(start, tip)
    return CurveTo(kept[1], kept[2], kept[3]), _head(kept[3], tip)


def _reverse(start: Point, segment: LineTo | CurveTo) -> tuple[Point, LineTo | CurveTo]:
    if isinstance(segment, LineTo):
        return segment.to, LineTo(start)
    return segment.to, CurveTo(segment.c2, segment.c1, start)


def _drawn(segments: Sequence[Segment]) -> list[tuple[int, Point]]:
    """Index and start point of every LineTo/CurveTo, in order."""
    found: list[tuple[int, Point]] = []
    current = opening = (0.0, 0.0)
    for index, segment in enumerate(segments):
        if isinstance(segment, MoveTo):
            current = opening = segment.to
        elif isinstance(segment, Close):
            current = opening
        else:
            found.append((index, current))
            current = segment.to
    return found


def _arrow_end(segments: list[Segment], index: int, start: Point, length: float) -> Triangle | None:
    segment = segments[index]
    if not isinstance(segment, (LineTo, CurveTo)) or _distance(start, segment.to) <= 1e-9:
        return None
    segments[index], head = _trim_end(start, segment, length)
    return head


def _arrow_start(
    segments: list[Segment], index: int, start: Point, length: float
) -> Triangle | None:
    segment = segments[index]
    if not isinstance(segment, (LineTo, CurveTo)) or _distance(start, segment.to) <= 1e-9:
        return None
    if index == 0 or not isinstance(segments[index - 1], MoveTo):
        return None
    begin, backwards = _reverse(start, segment)
    trimmed, head = _trim_end(begin, backwards, length)
    new_start, forwards = _reverse(begin, trimmed)
    segments[index - 1], segments[index] = MoveTo(new_start), forwards
    return head


def arrowed(path: Path) -> tuple[tuple[Segment, ...], tuple[Triangle, ...]]:
    """The path's segments cut back for its arrowheads, and the arrowheads as triangles.

    Closed paths (ending in ``Close``) and degenerate end segments get no arrowhead.
    """
    if not (path.arrow_end > 0 or path.arrow_start > 0):  # most paths: outlines and plain lines
        return tuple(path.segments), ()
    segments = list(path.segments)
    drawn = _drawn(segments)
    if not drawn or isinstance(segments[-1], Close):
        return tuple(segments), ()
    heads: list[Triangle | None] = []
    if path.arrow_end > 0:
        heads.append(_arrow_end(segments, *drawn[-1], path.arrow_end))
    if path.arrow_start > 0:
        heads.append(_arrow_start(segments, *drawn[0], path.arrow_start))
    return tuple(segments), tuple(head for head in heads if head is not None)


def _roots(a: float, b: float, c: float) -> list[float]:
    """Roots in (0, 1) of a·t² + b·t + c."""
    if abs(a) < 1e-12:
        candidates = [-c / b] if abs(b) > 1e-12 else []
    else:
        disc = b * b - 4 * a * c
        if disc < 0:
            return []
        root = math.sqrt(disc)
        candidates = [(-b + root) / (2 * a), (-b - root) / (2 * a)]
    return [t for t in candidates if 0 < t < 1]


def cubic_extremes(curve: Cubic) -> list[Point]:
    """End points and interior extremes of a cubic: their box is the curve's tight box."""
    p0, c1, c2, p3 = curve
    points = [p0, p3]
    for axis in (0, 1):
        a = -p0[axis] + 3 * c1[axis] - 3 * c2[axis] + p3[axis]
        b = 2 * (p0[axis] - 2 * c1[axis] + c2[axis])
        c = c1[axis] - p0[axis]
        points.extend(cubic_point(curve, t) for t in _roots(a, b, c))
    return points


def outline_points(segments: Sequence[Segment]) -> list[Point]:
    """Points whose bounding box is the tight box of the segments."""
    points: list[Point] = []
    current = opening = (0.0, 0.0)
    for segment in segments:
        if isinstance(segment, Close):
            current = opening
            continue
        if isinstance(segment, CurveTo):
            points.extend(cubic_extremes((current, segment.c1, segment.c2, segment.to)))
        else:
            points.append(segment.to)
        if isinstance(segment, MoveTo):
            opening = segment.to
        current = segment.to
    return points


def spans_width(spans: Sequence[Span], size: float) -> float:
    """Width of a line of spans; scripts are drawn at ``SCRIPT_SCALE`` of the size."""
    return sum(
        text_width(span.text, size * (SCRIPT_SCALE if span.shift != "none" else 1), span.weight)
        for span in spans
    )
