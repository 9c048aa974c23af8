"""The markup helpers: a palette readable without colour, and names cut to fit."""

import itertools
import re

import pytest

from reports.charts import svg


@pytest.mark.parametrize("count", [4, 5, 7])
def test_level_colours_get_darker_at_every_level_and_carry_readable_numbers(count):
    colours = svg.level_colours(count)
    lightness = [svg.luminance(colour) for colour in colours]
    assert all(a > b * 1.3 for a, b in itertools.pairwise(lightness)), "levels must differ in greyscale"
    for colour in colours:
        assert svg.contrast(colour, svg.text_colour_on(colour)) >= 4.5


def test_series_colours_stand_out_on_white_and_differ_in_dash_and_marker():
    for colour, _dash, _marker in svg.SERIES:
        assert svg.contrast(colour, "#ffffff") >= 3  # WCAG 1.4.11, graphical objects
    assert len({dash for _c, dash, _m in svg.SERIES}) == len({m for _c, _d, m in svg.SERIES}) == len(svg.SERIES)


def test_long_names_are_cut_to_fit_with_an_ellipsis():
    assert svg.fit("Short", 14, 200) == "Short"
    cut = svg.fit("Managing contracts and relationships with strategic suppliers", 14, 200)
    assert cut.endswith("…") and svg.text_width(cut, 14) <= 200
    assert re.fullmatch(r"[^…]+…?", " ".join(svg.wrap("Engaging local SMEs and micro-businesses", 14, 150)))
