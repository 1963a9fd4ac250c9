"""Charts a council would accept: rendered by Vega-Lite (vl-convert) on the server, with
numbers in the reader's locale, whole-number ticks for counts, labels that do not
overlap, a palette that keeps its contrast, and the target on an indicator's trend."""

import itertools
import re
from decimal import Decimal

import pytest
from django.utils import translation

from intlstrategy import charts

NBSP = "\u00a0"


def texts(svg: str, role: str | None = None) -> list[str]:
    """The text of the SVG's <text> elements, optionally of one Vega role
    (``axis-label``, ``mark`` …)."""
    if role is None:
        return [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    found = []
    for group in re.findall(
        rf'<g class="mark-text role-{role}[ "][^>]*>(.*?)</g>', svg, flags=re.DOTALL
    ):
        found += re.findall(r"<text[^>]*>([^<]*)</text>", group)
    return found


def grants(language):
    with translation.override(language):
        return charts.bar_chart(
            title="Grants",
            labels=["Erasmus+", "Interreg Aurora", "Horizon Europe"],
            series={"grant": [Decimal("2345678.5"), Decimal("4000000"), Decimal("120000")]},
        )


@pytest.mark.parametrize(
    "language, expected",
    [("sv", f"2{NBSP}345{NBSP}678,5"), ("nb", f"2{NBSP}345{NBSP}678,5"), ("en", "2,345,678.5")],
)
def test_numbers_are_written_in_the_readers_locale(language, expected):
    chart = grants(language)
    assert expected in texts(chart.svg)
    # The axis too: millions written out with the locale's grouping, never "2000000".
    axis = texts(chart.svg, "axis-label")
    assert not any(re.fullmatch(r"\d{5,}", label) for label in axis)
    if language != "en":
        assert f"4{NBSP}000{NBSP}000" in axis


def test_a_count_axis_has_whole_number_ticks_without_repeats():
    chart = charts.bar_chart(
        title="Projects by status", labels=["ongoing"], series={"projects": [1]}
    )
    ticks = [t for t in texts(chart.svg, "axis-label") if t != "ongoing"]
    assert ticks == ["0", "1"]
    chart = charts.bar_chart(
        title="Applications", labels=["2023", "2024"], series={"applications": [7, 23]}
    )
    ticks = [t for t in texts(chart.svg, "axis-label") if t not in ("2023", "2024")]
    assert all(re.fullmatch(r"\d+", t) for t in ticks), ticks
    assert len(ticks) == len(set(ticks)) and len(ticks) <= 6
    assert ticks[-1] == "25"  # rounded up past the largest value, by 5s


def test_long_labels_are_set_one_per_row_and_one_bar_stays_one_bar_high():
    long_labels = ["Erasmus+ KA1 – school exchanges", "Interreg Aurora", "Creative Europe"]
    chart = charts.bar_chart(title="Grants", labels=long_labels, series={"grant": [1, 2, 3]})
    # Horizontal although not asked for: every label whole, none cut to "…".
    assert chart.spec["layer"][0]["encoding"]["y"]["field"] == "label"
    assert all(label in texts(chart.svg, "axis-label") for label in long_labels)
    single = charts.bar_chart(title="One", labels=["ongoing"], series={"projects": [1]})
    assert single.height < chart.height < 3 * single.height


def test_several_series_get_a_legend_and_distinct_colours():
    chart = charts.bar_chart(
        title="Per year", labels=["2024", "2025"], series={"school": [1, 2], "culture": [3, 1]}
    )
    assert {"school", "culture"} <= set(texts(chart.svg, "legend-label"))
    fills = set(re.findall(r'fill="(#[0-9a-f]{6})"', chart.svg))
    assert {charts.PALETTE[0], charts.PALETTE[1]} <= fills


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_palette_colour_keeps_three_to_one_against_white():
    for colour in charts.PALETTE:
        assert 1.05 / (_luminance(colour) + 0.05) >= 3, colour


def test_parts_of_a_whole_show_count_and_share():
    with translation.override("sv"):
        chart = charts.pie_chart(
            title="Vänorter per kategori",
            values={"Politiskt fokus": 3, "Aktiv": 1},
            value_label="vänorter",
        )
    marks = texts(chart.svg, "mark")
    assert "3 (75%)" in marks and "1 (25%)" in marks
    assert chart.rows == [["Politiskt fokus", 3], ["Aktiv", 1]]
    assert "Politiskt fokus: 3" in chart.description


def test_an_indicator_trend_shows_its_target_and_goal_year():
    chart = charts.line_chart(
        title="Exchange students",
        points=[(2021, 5), (2022, 14), (2023, 18)],
        target=25,
        target_year=2026,
    )
    axis = texts(chart.svg, "axis-label")
    assert "2026" in axis and "2021" in axis
    assert not any("," in label or "." in label for label in axis)  # years, not 2,021
    assert 'stroke-dasharray="6,4"' in chart.svg  # the dashed target rule
    assert chart.rows == [["2021", 5], ["2022", 14], ["2023", 18]]


def test_a_trend_far_above_zero_is_drawn_from_near_its_lowest_value():
    # A population of 95 000 against a goal of 100 000: from zero the line would be flat.
    with translation.override("sv"):
        chart = charts.line_chart(
            title="Invånare",
            points=[(2019, 94859), (2022, 97048), (2024, 97941)],
            target=100000,
            target_year=2025,
        )
    values = [
        int(label.replace(NBSP, ""))
        for label in texts(chart.svg, "axis-label")
        if label.replace(NBSP, "").isdigit() and len(label) > 4
    ]
    assert values and min(values) >= 90000, values
    assert max(values) >= 100000
    assert all(b - a == values[1] - values[0] for a, b in itertools.pairwise(values)), values
    # A count that starts near zero keeps its zero.
    small = charts.line_chart(title="Exchange students", points=[(2021, 1), (2023, 18)])
    assert "0" in texts(small.svg, "axis-label")


def test_a_chart_never_fetches_anything():
    with pytest.raises(ValueError):
        charts._render(
            {"data": {"url": "https://example.org/data.json"}, "mark": "bar", "encoding": {}}
        )


def test_a_sparkline_is_word_sized():
    line = charts.sparkline([1, 3, 2, 5], title="Trend")
    assert line.width <= 110 and line.height <= 30
    assert "role-axis" not in line.svg
