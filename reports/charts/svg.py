"""SVG markup for the charts: escaped elements, text measures, and a palette readable in greyscale.

Only the charts of this package use this module. The markup is plain SVG 1.1 with explicit sizes, which both browsers
and WeasyPrint draw.
"""

import math
from html import escape

FONT = "system-ui, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif"
PRINT_FONT = "'Source Sans 3', sans-serif"  # the committee report's own font, embedded in its PDF
INK = "#1b1b1b"  # text and axes
GRID = "#8a8a8a"  # gridlines: visible, yet lighter than the data
HATCH = "#3d3d3d"

# Okabe and Ito's colour-blind-safe palette, less its two colours too light to see on white (orange, sky blue),
# each with a dash pattern and a marker of its own so that no series is told apart by colour alone.
SERIES = [
    ("#0072B2", "", "circle"),
    ("#D55E00", "8 4", "square"),
    ("#009E73", "2 3", "triangle"),
    ("#CC79A7", "8 3 2 3", "diamond"),
    ("#1b1b1b", "12 4", "cross"),
]

# viridis, lightest (lowest level) to darkest: colour-blind safe, and its lightness falls at every step, so the
# levels stay apart in greyscale too. Each level's number is also written on it.
VIRIDIS = ["#fde725", "#b5de2b", "#6ece58", "#35b779", "#1f9e89", "#26828e", "#31688e", "#3e4989", "#482878", "#440154"]


def level_colours(count):
    """Return `count` fill colours for the levels, lowest first, evenly spread over viridis."""
    if count <= 1:
        return VIRIDIS[3:4] * count
    return [VIRIDIS[round(i * (len(VIRIDIS) - 1) / (count - 1))] for i in range(count)]


def luminance(colour):
    """Return the relative luminance of a #rrggbb colour (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill):
    """Return black or white, whichever is more legible on the fill."""
    return "#ffffff" if contrast(fill, "#ffffff") >= contrast(fill, "#000000") else "#000000"


def number(value):
    """Format a coordinate compactly: the markup of a large heatmap stays small."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def attributes(attrs):
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            value = number(value)
        parts.append(f' {name}="{escape(str(value))}"')
    return "".join(parts)


def element(tag, content="", **attrs):
    """Return an element; `content` is markup, already escaped. Trailing _ and inner _ in names: class_, font_size."""
    if content == "":
        return f"<{tag}{attributes(attrs)}/>"
    return f"<{tag}{attributes(attrs)}>{content}</{tag}>"


def text(x, y, content, **attrs):
    """Return a text element holding `content`, escaped."""
    attrs.setdefault("fill", INK)
    return element("text", escape(str(content)), x=float(x), y=float(y), **attrs)


BOLD = 1.1  # how much wider bold text is than text_width's estimate of regular


def text_width(content, size):
    """Estimate the width of a line of text, generously: DejaVu Sans, a common fallback, is a wide face."""
    wide = sum(1 for c in str(content) if c.isupper() or c in "mwMW")
    return (len(str(content)) * 0.6 + wide * 0.12) * size


def fit(content, size, width):
    """Return the text, cut with an ellipsis where it would be wider than `width`."""
    content = str(content)
    full = text_width(content, size)
    if full <= width:
        return content
    cut = int(len(content) * width / full)  # about right; then shorten until it fits
    while cut and text_width(content[:cut] + "…", size) > width:
        cut -= 1
    return content[:cut].rstrip() + "…"


def wrap(content, size, width, *, lines=2):
    """Return the text in at most `lines` lines no wider than `width`, the last one cut if need be."""
    words, result = str(content).split(), []
    while words and len(result) < lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size) <= width:
            line = f"{line} {words.pop(0)}"
        result.append(line)
    if words:
        result[-1] = fit(f"{result[-1]} {' '.join(words)}", size, width)
    return [fit(line, size, width) for line in result]


def hatch(pattern_id, *, colour=HATCH, background="#ffffff", spacing=6):
    """Return a <pattern> of diagonal lines, to tell a series apart without colour."""
    return element(
        "pattern",
        element("rect", width=spacing, height=spacing, fill=background)
        + element("path", d=f"M0,{spacing} L{spacing},0", stroke=colour, stroke_width=1.5),
        id=pattern_id,
        width=spacing,
        height=spacing,
        patternUnits="userSpaceOnUse",
    )


def points(*pairs):
    """Return an SVG points list from (x, y) pairs."""
    return " ".join(f"{number(x)},{number(y)}" for x, y in pairs)


def marker(shape, x, y, colour, size=5.0):
    """Return a series marker centred on (x, y): circle, square, triangle, diamond or cross."""
    s = size
    if shape == "circle":
        return element("circle", cx=float(x), cy=float(y), r=s, fill=colour, stroke="#ffffff", stroke_width=1)
    if shape == "square":
        return element("rect", x=x - s, y=y - s, width=2 * s, height=2 * s, fill=colour, stroke="#ffffff")
    if shape == "triangle":
        corners = points((x, y - s * 1.2), (x + s * 1.1, y + s), (x - s * 1.1, y + s))
        return element("polygon", points=corners, fill=colour, stroke="#ffffff")
    if shape == "diamond":
        corners = points((x, y - s * 1.3), (x + s, y), (x, y + s * 1.3), (x - s, y))
        return element("polygon", points=corners, fill=colour, stroke="#ffffff")
    cross = f"M{points((x - s, y - s))} L{points((x + s, y + s))} M{points((x - s, y + s))} L{points((x + s, y - s))}"
    return element("path", d=cross, stroke=colour, stroke_width=2.5)


def document(*, chart_id, width, height, title, description, body, defs=""):
    """Return a whole <svg>: explicit width, height and viewBox, with its title and description for readers."""
    return element(
        "svg",
        element("title", escape(title), id=f"{chart_id}-title")
        + element("desc", escape(description), id=f"{chart_id}-desc")
        + (element("defs", defs) if defs else "")
        + body,
        xmlns="http://www.w3.org/2000/svg",
        width=int(width),
        height=int(height),
        viewBox=f"0 0 {int(width)} {int(height)}",
        role="img",
        aria_labelledby=f"{chart_id}-title",
        aria_describedby=f"{chart_id}-desc",
        font_family=FONT,
        font_size=14,
        class_="chart-svg",
    )


def with_font(markup, family):
    """Return a document() whose text is in `family` instead of FONT."""
    return markup.replace(attributes({"font_family": FONT}), attributes({"font_family": family}), 1)


def line(x1, y1, x2, y2, **attrs):
    return element("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **attrs)


def legend(items, x, y, width):
    """Return legend entries laid left to right, wrapping, and their height.

    items: (swatch markup drawn from 0,0 and 16 high, label) or (swatch, label, swatch width).
    """
    parts, cx, cy = [], x, y
    for swatch, label, *swatch_width in items:
        swatch_width = swatch_width[0] if swatch_width else 16
        needed = swatch_width + 6 + text_width(label, 13) + 16
        if cx > x and cx + needed > x + width:
            cx, cy = x, cy + 22
        parts.append(element("g", swatch, transform=f"translate({number(cx)},{number(cy)})"))
        parts.append(text(cx + swatch_width + 6, cy + 12.5, label, font_size=13))
        cx += needed
    return "".join(parts), cy + 22 - y


def series_swatch(colour, dash, shape):
    """Return a legend sample of a series, 30 wide: its line, dashed as it is, with its marker."""
    return line(0, 8, 30, 8, stroke=colour, stroke_width=2.5, stroke_dasharray=dash or None) + marker(
        shape, 15, 8, colour
    )


def nice_step(maximum):
    """Return a round step between axis ticks that makes at most six of them up to `maximum`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500):
        if maximum / step <= 6:
            return step
    return 10 ** math.ceil(math.log10(maximum / 6))
