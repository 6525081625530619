"""Regenerate ``nnviz_core/fonts/dejavu-sans.json`` from the DejaVu Sans font files.

Layouts measure text with this table so labels fit their boxes in every backend that draws with
DejaVu Sans (the SVG names it first; the PNG/PDF converter and PowerPoint export use it too).
Run: ``python tools/gen_font_metrics.py /usr/share/fonts/truetype/dejavu``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

RANGES = [
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x17F),  # Latin-1, Latin Extended-A
    (0x370, 0x3FF),  # Greek
    (0x2000, 0x206F),  # punctuation (…, ‖, thin spaces)
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x2100, 0x214F),  # letterlike (ℝ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (⊕, ×, ∈)
    (0x2300, 0x23FF),  # technical
    (0x25A0, 0x25FF),  # geometric shapes
]
FACES = {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


def advances(path: Path) -> tuple[int, dict[str, int]]:
    font = TTFont(path)
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    table = {}
    for first, last in RANGES:
        for code in range(first, last + 1):
            glyph = cmap.get(code)
            if glyph is not None:
                table[str(code)] = metrics[glyph][0]
    return font["head"].unitsPerEm, table


def main(folder: str) -> None:
    out: dict[str, object] = {"family": "DejaVu Sans"}
    for weight, filename in FACES.items():
        units, table = advances(Path(folder) / filename)
        out["units_per_em"] = units
        out[weight] = table
    target = Path(__file__).resolve().parent.parent / "nnviz_core" / "fonts" / "dejavu-sans.json"
    target.write_text(json.dumps(out, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu")
