"""Server-side SVG charts (pygal), shared by web pages and WeasyPrint PDFs.

WeasyPrint runs no JavaScript, so charts are static SVG. Every chart must be shown
together with a data table (the accessible equivalent): `Chart.rows` feeds the
`templates/_chart.html` partial, which renders the SVG as an image with a text
alternative, followed by the table.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from decimal import Decimal

import pygal
from pygal.style import Style

_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1b1f24",
    foreground_strong="#1b1f24",
    foreground_subtle="#4a5360",
    colors=("#0b4f8a", "#c0580c", "#1e6b34", "#7a3e9d", "#a4161a", "#4a5360"),
    font_family="DejaVu Sans, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    legend_font_size=13,
    title_font_size=16,
)


@dataclass
class Chart:
    title: str
    svg: str
    columns: list[str]
    rows: list[list]

    @property
    def data_uri(self) -> str:
        """For <img src>: works on the web page and in WeasyPrint without fetching."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _number(value) -> float:
    # pygal needs floats for drawing only; the data table shows the exact Decimals.
    return float(value) if isinstance(value, Decimal) else value


def bar_chart(
    *,
    title: str,
    labels: list[str],
    series: dict[str, list],
    value_label: str = "",
    horizontal: bool = False,
) -> Chart:
    """A bar chart with one bar group per label and one bar per series."""
    chart_class = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = chart_class(
        style=_STYLE,
        width=800,
        height=400,
        title=title,
        x_labels=labels,
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        print_values=False,
        disable_xml_declaration=True,
        x_label_rotation=0 if horizontal else 20,
        truncate_label=40,
        js=[],
    )
    for name, values in series.items():
        chart.add(name, [_number(v) for v in values])
    columns = [value_label or title] + list(series)
    rows = [[label] + [values[i] for values in series.values()] for i, label in enumerate(labels)]
    return Chart(title=title, svg=chart.render(is_unicode=True), columns=columns, rows=rows)


def pie_chart(*, title: str, values: dict[str, float], value_label: str = "") -> Chart:
    chart = pygal.Pie(
        style=_STYLE,
        width=600,
        height=400,
        title=title,
        inner_radius=0.45,
        legend_at_bottom=True,
        disable_xml_declaration=True,
        js=[],
    )
    for label, value in values.items():
        chart.add(label, _number(value))
    return Chart(
        title=title,
        svg=chart.render(is_unicode=True),
        columns=[title, value_label],
        rows=[[label, value] for label, value in values.items()],
    )
