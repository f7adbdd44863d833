"""The one bar-chart layout (charts.py) that the statistics page and every portfolio use:
labels wrapped so they stay inside the chart, bars as long as their share, zero rows kept."""

from __future__ import annotations

from hypothesis import given, strategies as st

from innocities import charts


def test_tally_keeps_every_key_of_the_order_in_order_with_zeros():
    items = [("a", "b"), ("b",), ()]
    assert charts.tally(items, lambda keys: keys, ["c", "b", "a"]) == [("c", 0), ("b", 2), ("a", 1)]


@given(st.text(st.characters(codec="utf-8", categories=("L", "Zs", "P")), max_size=200))
def test_a_label_never_runs_past_a_line(text):
    lines = charts.label_lines(text)
    assert 1 <= len(lines) <= 3
    assert all(len(line) <= charts.LINE_CHARS for line in lines)


def test_a_long_goal_name_wraps_onto_a_second_line_and_the_rows_do_not_overlap():
    chart = charts.bar_chart("x", [(9, "9. Hållbar industri, innovationer och infrastruktur", 3), (1, "1. Ingen fattigdom", 0)])
    long, short = chart.bars
    assert long.lines == ("9. Hållbar industri, innovationer", "och infrastruktur")
    assert long.line_ys[-1] < long.bar_y < long.bar_y + long.bar_height <= short.row_y < short.line_ys[0]
    assert short.bar_width == 0 and long.bar_width == charts.WIDTH - charts.VALUE_ROOM
    assert chart.height == short.row_y + short.row_height


def test_a_centred_chart_centres_its_bars():
    chart = charts.bar_chart("f", [("a", "A", 2), ("b", "B", 1)], centred=True)
    assert [(b.bar_x, b.bar_width) for b in chart.bars] == [(0.0, charts.WIDTH), (charts.WIDTH / 4, charts.WIDTH / 2)]
