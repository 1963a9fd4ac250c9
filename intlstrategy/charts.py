"""Server-side SVG charts, shared by web pages and WeasyPrint PDFs.

Each chart is a Vega-Lite specification rendered to SVG by vl-convert (the official
Vega and Vega-Lite libraries in an embedded runtime: no browser, no network). WeasyPrint
runs no JavaScript, so charts must be static SVG; rendering on the server also gives the
web page and the PDF the very same picture.

What a council paper needs, and where it is decided here:

- numbers in the reader's locale (``1 234 567,8`` in nb and sv, ``1,234,567.8`` in en):
  the d3 format locale of the active language (`_FORMAT_LOCALES`);
- integer ticks for counts (no ``0.5 applications``): `_is_count`;
- labels that never overlap: category labels go on the vertical axis, one row each,
  whenever any label is longer than a year (`_horizontal`), and the chart grows with the
  number of rows instead of squeezing them (a single bar stays one bar high);
- a colour-blind-safe palette whose colours keep 3:1 against white (`PALETTE`);
- the value written at the end of each bar, so no one reads values off an axis;
- a title, and a text description for assistive technology (`Chart.description`).

Every chart is shown together with a data table (the accessible equivalent):
`Chart.rows` feeds the `templates/_chart.html` partial.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from decimal import Decimal

import vl_convert as vlc
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Blue, vermilion, reddish purple, bluish green and grey after Okabe & Ito, darkened so
# each keeps at least 3:1 against white (WCAG 1.4.11) and the pairs stay distinct for
# the common colour-vision deficiencies.
PALETTE = ("#0b5a99", "#b34700", "#8e3a80", "#00735c", "#4a5360", "#6b5800")
_TEXT = "#1b1f24"
_FONT = "DejaVu Sans, Verdana, sans-serif"

# d3-format locales. vl-convert knows sv-SE and en-GB by name but has no Norwegian
# one; the Norwegian norm is the same as the Swedish (space as thousands separator,
# decimal comma). The space is a no-break space so a number never wraps.
_NORDIC = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]}
_FORMAT_LOCALES = {
    "nb": _NORDIC,
    "sv": _NORDIC,
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}

_WIDTH = 560  # px of the plotting area; the SVG scales down on narrow screens
_ROW = 26  # px per bar row of a horizontal chart


@dataclass
class Chart:
    title: str
    svg: str
    columns: list[str]
    rows: list[list]
    description: str = ""
    width: int = 0
    height: int = 0
    spec: dict = field(default_factory=dict, repr=False)

    @property
    def data_uri(self) -> str:
        """For <img src>: works on the web page and in WeasyPrint without fetching."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in _FORMAT_LOCALES else "en"


def _number(value) -> float | int:
    # Vega draws floats; the data table shows the exact Decimals.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _is_count(values) -> bool:
    return all(float(v) == int(v) for v in values if v is not None)


def _number_format(values) -> str:
    """d3 format: grouped integers for counts, else at most one decimal, trimmed."""
    return ",d" if _is_count(values) else ",.1~f"


def _count_ticks(values, *, from_zero: bool = True) -> list[int]:
    """Whole-number ticks for counts: 1, 2 or 5 times a power of ten apart, at most six,
    so a count axis never shows 0.5 (or the same rounded label twice). From 0, unless
    `from_zero` is false (a trend line far above zero)."""
    numbers = [int(v) for v in values if v is not None] or [0]
    top = max([*numbers, 1])
    bottom = 0 if from_zero else min(numbers)
    step = 1
    while -(-top // step) - bottom // step > 5:
        step = _next_step(step)
    first = bottom // step * step
    last = max(-(-top // step) * step, first + step)
    return list(range(first, last + 1, step))


def _next_step(step: int) -> int:
    # 1, 2, 5, 10, 20, 50, …
    digits = str(step)
    lead, zeros = int(digits[0]), len(digits) - 1
    return {1: 2, 2: 5, 5: 10}[lead] * 10**zeros


def _quantity_axis(values, title, *, from_zero: bool = True) -> dict:
    """The value axis: locale-formatted, and whole-number ticks for counts. Bars start at
    zero always; a trend line (`from_zero=False`) may start near its lowest value."""
    fmt = _number_format(values)
    encoding = {
        "field": "value",
        "type": "quantitative",
        "title": title,
        "axis": {"format": fmt, "labelFlush": True, "tickCount": 5},
        "scale": {"nice": True, "zero": from_zero},
    }
    if fmt == ",d":
        ticks = _count_ticks(values, from_zero=from_zero)
        encoding["axis"]["values"] = ticks
        del encoding["axis"]["tickCount"]
        encoding["scale"] = {"domain": [ticks[0], ticks[-1]]}
    return encoding


def _far_from_zero(values) -> bool:
    """True when the values lie well above zero (a population of 95 000 against a goal of
    100 000): a trend line drawn from zero would be flat, its change unreadable."""
    numbers = [float(v) for v in values if v is not None]
    return bool(numbers) and min(numbers) > 0 and min(numbers) > max(numbers) / 2


def _horizontal(labels, requested: bool) -> bool:
    # A vertical chart can only hold short labels (years) side by side without overlap.
    return requested or any(len(str(label)) > 6 for label in labels)


def _render(spec: dict) -> str:
    svg = vlc.vegalite_to_svg(
        spec,
        format_locale=_FORMAT_LOCALES[_language()],
        # The data is inline: refuse any external fetch a specification could ask for.
        allowed_base_urls=[],
    )
    # The SVG is shown as <img> with its own alt text and the data table beside it.
    return svg


def _size(svg: str) -> tuple[int, int]:
    match = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    return (round(float(match[1])), round(float(match[2]))) if match else (0, 0)


def _config() -> dict:
    return {
        "font": _FONT,
        "background": "white",
        "view": {"stroke": None},
        "title": {"fontSize": 15, "color": _TEXT, "anchor": "start", "limit": _WIDTH},
        "axis": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelColor": _TEXT,
            "titleColor": _TEXT,
            "gridColor": "#d6dae0",
            "domainColor": "#4a5360",
            "tickColor": "#4a5360",
        },
        "legend": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelColor": _TEXT,
            "labelLimit": 320,
            "orient": "bottom",
            "direction": "vertical",
        },
        "range": {"category": list(PALETTE)},
    }


def _describe(title: str, pairs) -> str:
    listed = "; ".join(f"{label}: {value}" for label, value in pairs)
    return f"{title}. {listed}" if listed else title


def bar_chart(
    *,
    title: str,
    labels: list[str],
    series: dict[str, list],
    value_label: str = "",
    horizontal: bool = False,
) -> Chart:
    """A bar chart with one bar group per label and one bar per series.

    `horizontal` asks for bars along the horizontal axis; long labels get them anyway.
    """
    labels = [str(label) for label in labels]
    values = [v for vals in series.values() for v in vals]
    fmt = _number_format(values)
    data = [
        {"label": label, "series": str(name), "value": _number(vals[i]), "order": i}
        for name, vals in series.items()
        for i, label in enumerate(labels)
    ]
    several = len(series) > 1
    horizontal = _horizontal(labels, horizontal)
    category = {
        "field": "label",
        "type": "nominal",
        "sort": None,  # the order given (e.g. status order), not alphabetical
        "title": None,
        "axis": {"labelLimit": 260, "labelAngle": 0, "ticks": False},
    }
    quantity = _quantity_axis(values, str(next(iter(series))) if not several else None)
    colour = (
        {"field": "series", "type": "nominal", "sort": None, "title": None}
        if several
        else {"value": PALETTE[0]}
    )
    offset = "yOffset" if horizontal else "xOffset"
    encoding = {
        ("y" if horizontal else "x"): category,
        ("x" if horizontal else "y"): quantity,
        "color": colour,
    }
    if several:
        encoding[offset] = {"field": "series", "type": "nominal", "sort": None}
    text = {
        "mark": {
            "type": "text",
            "align": "left" if horizontal else "center",
            "baseline": "middle" if horizontal else "bottom",
            "dx": 4 if horizontal else 0,
            "dy": 0 if horizontal else -3,
            "color": _TEXT,
            "fontSize": 11,
        },
        "encoding": {**encoding, "text": {"field": "value", "type": "quantitative", "format": fmt}},
    }
    text["encoding"].pop("color")
    bars_per_row = len(series) if several else 1
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "description": _describe(title, zip(labels, values, strict=False)),
        "data": {"values": data},
        "config": _config(),
        "padding": {"left": 4, "right": 40 if horizontal else 8, "top": 4, "bottom": 4},
        "layer": [{"mark": {"type": "bar"}, "encoding": encoding}, text],
    }
    if horizontal:
        spec["width"] = _WIDTH - 200
        spec["height"] = {"step": _ROW * bars_per_row if several else _ROW}
    else:
        spec["width"] = {"step": max(36, 28 * bars_per_row)}
        spec["height"] = 240
    svg = _render(spec)
    width, height = _size(svg)
    columns = [value_label or title] + [str(name) for name in series]
    rows = [[label] + [vals[i] for vals in series.values()] for i, label in enumerate(labels)]
    return Chart(
        title=title,
        svg=svg,
        columns=columns,
        rows=rows,
        description=spec["description"],
        width=width,
        height=height,
        spec=spec,
    )


def pie_chart(*, title: str, values: dict[str, float], value_label: str = "") -> Chart:
    """Parts of a whole as one horizontal bar per part with its share.

    Set as bars rather than a pie: lengths are read far more exactly than angles, and
    the legend need not be matched to slices by colour.
    """
    total = sum(float(v) for v in values.values()) or 1
    shares = {label: float(v) / total for label, v in values.items()}
    data = [
        {"label": str(label), "value": _number(v), "share": shares[label], "order": i}
        for i, (label, v) in enumerate(values.items())
    ]
    fmt = _number_format(values.values())
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "description": _describe(title, values.items()),
        "data": {"values": data},
        "config": _config(),
        "padding": {"left": 4, "right": 70, "top": 4, "bottom": 4},
        "width": _WIDTH - 200,
        "height": {"step": _ROW},
        "transform": [
            {
                "calculate": "format(datum.value, '" + fmt + "') + ' (' + "
                "format(datum.share, '.0%') + ')'",
                "as": "text",
            }
        ],
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 260, "ticks": False},
            },
            "x": _quantity_axis(values.values(), value_label or None),
        },
        "layer": [
            {"mark": {"type": "bar", "color": PALETTE[0]}},
            {
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "middle",
                    "dx": 4,
                    "color": _TEXT,
                    "fontSize": 11,
                },
                "encoding": {"text": {"field": "text"}},
            },
        ],
    }
    svg = _render(spec)
    width, height = _size(svg)
    return Chart(
        title=title,
        svg=svg,
        columns=[title, value_label],
        rows=[[label, value] for label, value in values.items()],
        description=spec["description"],
        width=width,
        height=height,
        spec=spec,
    )


def line_chart(
    *,
    title: str,
    points: list[tuple[int, float]],
    value_label: str = "",
    target: float | None = None,
    target_year: int | None = None,
) -> Chart:
    """An indicator's yearly values as a trend line, with its target and goal year.

    The target is a dashed rule across the chart and, when the goal year is known, a
    marked point at the goal year, so the reader sees how far the line still has to go.
    """
    years = [year for year, _value in points]
    if target_year is not None and target_year not in years:
        years.append(target_year)
    values = [v for _year, v in points] + ([target] if target is not None else [])
    data = [{"year": year, "value": _number(value)} for year, value in points]
    layers = [
        {
            "mark": {
                "type": "line",
                "color": PALETTE[0],
                "strokeWidth": 2,
                "point": {"filled": True, "size": 50, "color": PALETTE[0]},
            },
            "encoding": {
                "x": {
                    "field": "year",
                    "type": "quantitative",
                    "title": None,
                    "scale": {"domain": [min(years), max(years)], "nice": False},
                    "axis": {"format": "d", "tickMinStep": 1, "labelOverlap": True},
                },
                "y": _quantity_axis(
                    values, value_label or None, from_zero=not _far_from_zero(values)
                ),
            },
        }
    ]
    target_text = ""
    if target is not None:
        target_text = _("target %(value)s") % {"value": target}
        layers.append(
            {
                "data": {"values": [{"target": _number(target)}]},
                "mark": {
                    "type": "rule",
                    "color": PALETTE[1],
                    "strokeDash": [6, 4],
                    "strokeWidth": 2,
                },
                "encoding": {"y": {"field": "target", "type": "quantitative"}},
            }
        )
        if target_year is not None:
            layers.append(
                {
                    "data": {"values": [{"year": target_year, "target": _number(target)}]},
                    "mark": {
                        "type": "point",
                        "shape": "diamond",
                        "size": 120,
                        "filled": True,
                        "color": PALETTE[1],
                    },
                    "encoding": {
                        "x": {"field": "year", "type": "quantitative"},
                        "y": {"field": "target", "type": "quantitative"},
                    },
                }
            )
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "description": _describe(
            title, [*points, *([(target_year or "", target_text)] if target_text else [])]
        ),
        "config": _config(),
        "width": _WIDTH - 120,
        "height": 220,
        "data": {"values": data},
        "layer": layers,
    }
    svg = _render(spec)
    width, height = _size(svg)
    rows = [[str(year), value] for year, value in points]
    return Chart(
        title=title,
        svg=svg,
        columns=[_("Year"), value_label or title],
        rows=rows,
        description=spec["description"],
        width=width,
        height=height,
        spec=spec,
    )


def sparkline(values: list[float], *, title: str = "") -> Chart:
    """A word-sized trend line for lists: no axes, the last value marked."""
    data = [{"i": i, "value": _number(v)} for i, v in enumerate(values)]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": _describe(title, enumerate(values)),
        "config": {**_config(), "axis": {"disable": True}},
        "width": 96,
        "height": 18,
        "padding": 2,
        "data": {"values": data},
        "encoding": {
            "x": {"field": "i", "type": "quantitative", "axis": None},
            "y": {"field": "value", "type": "quantitative", "axis": None, "scale": {"zero": False}},
        },
        "layer": [
            {"mark": {"type": "line", "color": PALETTE[0], "strokeWidth": 1.5}},
            {
                "transform": [{"filter": f"datum.i == {len(values) - 1}"}],
                "mark": {"type": "point", "filled": True, "size": 18, "color": PALETTE[0]},
            },
        ],
    }
    svg = _render(spec)
    width, height = _size(svg)
    return Chart(
        title=title,
        svg=svg,
        columns=[],
        rows=[],
        description=spec["description"],
        width=width,
        height=height,
        spec=spec,
    )
