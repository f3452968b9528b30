"""Small charts drawn on the server as SVG, so that the same picture shows on the page and goes into the PDF.

No JavaScript, no chart library, no network: each function returns an ``<svg>`` string with a ``<title>`` for screen
readers, and the numbers written beside the shapes so the chart reads without colour.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape

from ocop.common.papers.numbers import vi_number

GREEN, GREEN_DARK, GOLD, RED, AMBER, GREY, LINE, INK, MUTED = (
    "#0b6e4f",
    "#07513a",
    "#d49a00",
    "#b42318",
    "#b54708",
    "#98a2b3",
    "#d9dee5",
    "#1d2939",
    "#5d6b7e",
)
LIGHT_COLOURS = {"green": GREEN, "amber": AMBER, "red": RED, "grey": GREY}
STAR_COLOURS = {3: GREEN, 4: GOLD, 5: "#7a5af8"}
SANS = "'Be Vietnam Pro', 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
SERIF = "'Liberation Serif', 'Times New Roman', 'DejaVu Serif', serif"


def _open(width: float, height: float, title: str, font: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" width="{width:g}" '
        f'height="{height:g}" role="img" font-family="{font}"><title>{escape(title)}</title>'
    )


def _text(x: float, y: float, text: str, *, size: float = 12, anchor: str = "start", fill: str = INK, bold=False):
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" text-anchor="{anchor}" fill="{fill}"{weight}>'
        f"{escape(text)}</text>"
    )


def progress_bar(percent: Decimal | None, light: str, *, title: str, width: float = 140, font: str = SANS) -> str:
    """How far a target is reached: filled up to 100 %, a darker mark past it, the percentage written after."""
    height = 18
    bar_width = width - 46
    svg = [_open(width, height, title, font)]
    svg.append(f'<rect x="0" y="5" width="{bar_width:g}" height="8" rx="4" fill="#eef1f4"/>')
    if percent is not None:
        share = min(Decimal(percent), Decimal(100)) / 100
        filled = float(share) * bar_width
        svg.append(f'<rect x="0" y="5" width="{filled:.1f}" height="8" rx="4" fill="{LIGHT_COLOURS[light]}"/>')
        if percent > 100:
            svg.append(f'<rect x="{bar_width - 3:g}" y="3" width="3" height="12" fill="{GREEN_DARK}"/>')
        svg.append(_text(width, 13, f"{vi_number(percent, 1)} %", size=11, anchor="end", fill=MUTED))
    else:
        svg.append(_text(width, 13, "–", size=11, anchor="end", fill=MUTED))
    svg.append("</svg>")
    return "".join(svg)


@dataclass(frozen=True)
class QuotaBar:
    label: str
    expected: int
    actual: dict[int, int]  # stars → products


def quota_chart(rows: Sequence[QuotaBar], stars: Sequence[int], *, title: str, labels: dict, font: str = SANS) -> str:
    """Products expected (outline) and recognised (filled, by stars) per unit, one row each. ``labels``: "expected",
    "actual" and optionally "star_suffix" (" sao" in documents, whose serif font has no ★)."""
    longest = max([len(row.label) for row in rows] + [10])
    label_width, bar_width, row_height, top = 14 + 6.6 * longest, 300, 30, 34
    width = label_width + bar_width + 70
    height = top + row_height * len(rows) + 8
    scale_max = max([row.expected for row in rows] + [sum(row.actual.values()) for row in rows] + [1])
    unit = bar_width / scale_max
    svg = [_open(width, height, title, font)]
    legend_x = 0
    svg.append(f'<rect x="{legend_x}" y="6" width="14" height="10" fill="none" stroke="{INK}" stroke-dasharray="3 2"/>')
    svg.append(_text(legend_x + 20, 15, labels["expected"], size=11))
    legend_x += 30 + 7 * len(labels["expected"])
    for level in stars:
        legend = f"{labels['actual']} {level}{labels.get('star_suffix', '★')}"
        svg.append(f'<rect x="{legend_x}" y="6" width="14" height="10" fill="{STAR_COLOURS.get(level, GREY)}"/>')
        svg.append(_text(legend_x + 20, 15, legend, size=11))
        legend_x += 30 + 7 * len(legend)
    for index, row in enumerate(rows):
        y = top + index * row_height
        svg.append(_text(label_width - 8, y + 15, row.label, size=12, anchor="end"))
        x = label_width
        for level in stars:
            count = row.actual.get(level, 0)
            if count:
                svg.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{count * unit:.1f}" height="14" '
                    f'fill="{STAR_COLOURS.get(level, GREY)}"/>'
                )
                x += count * unit
        if row.expected:
            svg.append(
                f'<rect x="{label_width}" y="{y + 2}" width="{row.expected * unit:.1f}" height="18" fill="none" '
                f'stroke="{INK}" stroke-dasharray="3 2"/>'
            )
        end = label_width + max(row.expected, sum(row.actual.values())) * unit + 6
        figure = f"{sum(row.actual.values())}/{row.expected}" if row.expected else str(sum(row.actual.values()))
        svg.append(_text(end, y + 15, figure, size=11, fill=MUTED))
    svg.append("</svg>")
    return "".join(svg)


def stacked_bar(parts: Sequence[tuple[str, int, str]], *, title: str, width: float = 480, font: str = SANS) -> str:
    """One bar split into parts (label, count, colour), with a legend: tasks by status."""
    total = sum(count for _label, count, _colour in parts) or 1
    height = 62
    svg = [_open(width, height, title, font)]
    x = 0.0
    for _label, count, colour in parts:
        if count:
            part = count * width / total
            svg.append(f'<rect x="{x:.1f}" y="0" width="{part:.1f}" height="22" fill="{colour}"/>')
            x += part
    legend_x = 0.0
    for label, count, colour in parts:
        svg.append(f'<rect x="{legend_x:.1f}" y="34" width="12" height="12" fill="{colour}"/>')
        text = f"{label}: {count}"
        svg.append(_text(legend_x + 16, 44, text, size=11))
        legend_x += 24 + 6.2 * len(text)
    svg.append("</svg>")
    return "".join(svg)


@dataclass(frozen=True)
class Tile:
    label: str
    value: int


def tile_map(tiles: Sequence[Tile], *, title: str, columns: int = 6, font: str = SANS) -> str:
    """One square per unit, darker with more records, the count written inside: a tile chart of today's units."""
    size, gap = 92, 6
    rows = (len(tiles) + columns - 1) // columns or 1
    width = columns * (size + gap)
    height = rows * (size + gap)
    top = max([tile.value for tile in tiles] + [1])
    svg = [_open(width, height, title, font)]
    for index, tile in enumerate(tiles):
        x = (index % columns) * (size + gap)
        y = (index // columns) * (size + gap)
        share = tile.value / top
        fill = "#f2f4f7" if not tile.value else _green(share)
        ink = "#fff" if share > 0.55 else INK
        svg.append(f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="6" fill="{fill}" stroke="{LINE}"/>')
        for number, line in enumerate(_wrap(tile.label, 14)[:3]):
            svg.append(_text(x + 6, y + 16 + number * 13, line, size=11, fill=ink))
        svg.append(_text(x + size - 8, y + size - 10, str(tile.value), size=22, anchor="end", fill=ink, bold=True))
    svg.append("</svg>")
    return "".join(svg)


def _green(share: float) -> str:
    """From a pale green to the brand green."""
    low, high = (231, 243, 238), (11, 110, 79)
    rgb = [round(a + (b - a) * (0.15 + 0.85 * share)) for a, b in zip(low, high, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines
