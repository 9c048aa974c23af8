"""The aggregate of councils' returns: quartiles by statistics.quantiles(method="inclusive"), checked by hand, and
no figure of a cell with fewer councils than the setting (never below five)."""

import json

import pytest
from django.core.management import CommandError, call_command

from objectives.benchmarks.aggregate import figures_of, min_councils
from objectives.benchmarks.reading import read_files
from tests.objectives.benchmarks.files import a_return, six_returns


def test_quartiles_are_interpolated_inclusively_as_worked_by_hand():
    # Six scores 1 2 2 3 5 5: positions (6 - 1) x 1/4, 2/4, 3/4 = 1.25, 2.5, 3.75 from the first (0):
    # 2 + 0.25 x (2 - 2) = 2; 2 + 0.5 x (3 - 2) = 2.5; 3 + 0.75 x (5 - 3) = 4.5.
    assert figures_of([5, 2, 1, 5, 3, 2]) == {
        "minimum": 1,
        "lower_quartile": 2,
        "median": 2.5,
        "upper_quartile": 4.5,
        "maximum": 5,
    }
    # Seven key-area means 1 1.5 2 2.5 4 4.5 5: positions 1.5, 3, 4.5: 1.75, 2.5, 4.25.
    assert figures_of([1, 1.5, 2, 2.5, 4, 4.5, 5]) == {
        "minimum": 1,
        "lower_quartile": 1.75,
        "median": 2.5,
        "upper_quartile": 4.25,
        "maximum": 5,
    }
    # Five scores 1 to 5: positions 1, 2, 3 exactly.
    assert list(figures_of([1, 2, 3, 4, 5]).values()) == [1, 2, 3, 4, 5]


def test_five_councils_are_shown_and_four_are_not():
    assert figures_of([1, 2, 3, 4, 5])["median"] == 3
    assert figures_of([1, 2, 3, 4]) == dict.fromkeys(
        ["minimum", "lower_quartile", "median", "upper_quartile", "maximum"]
    )


def test_the_fewest_councils_follows_the_setting_but_never_below_five(settings):
    settings.SCORECARD_BENCHMARK_MIN_COUNCILS = 6
    assert figures_of([1, 2, 3, 4, 5])["median"] is None
    assert figures_of([1, 2, 3, 4, 5, 5])["median"] == 3.5
    settings.SCORECARD_BENCHMARK_MIN_COUNCILS = 3
    assert min_councils() == 5
    assert figures_of([1, 2, 3, 4])["median"] is None


def test_the_command_writes_an_aggregate_with_no_councils_return(tmp_path):
    paths = []
    for name, data in six_returns():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    output = tmp_path / "aggregate.json"
    call_command("aggregate_returns", *paths, f"--output={output}", "--source=South East group", "--as-at=2026-11-30")
    content = json.loads(output.read_text())
    assert (content["kind"], content["councils"], content["as_at"], content["year"]) == (
        "benchmark-aggregate",
        6,
        "2026-11-30",
        2022,
    )
    items = {(i["item_kind"], i["item"]): i for i in content["items"]}
    assert items["objective", "1"] == {
        "item_kind": "objective",
        "item": "1",
        "name": "Objective 1",
        "count": 6,
        "minimum": 1,
        "lower_quartile": 2,
        "median": 2.5,
        "upper_quartile": 4.5,
        "maximum": 5,
    }
    assert items["objective", "2"]["count"] == 5 and items["objective", "2"]["median"] == 3
    assert items["objective", "3"]["count"] == 4 and items["objective", "3"]["median"] is None  # too few
    assert "c-" not in output.read_text()  # no council's pseudonym, let alone its scores
    assert read_files([("aggregate.json", output.read_bytes())]).aggregates[0].councils == 6


def test_the_command_refuses_the_same_council_twice_and_writes_nothing(tmp_path):
    (tmp_path / "a.json").write_bytes(a_return("Adur", (1, 2, 3)))
    (tmp_path / "b.json").write_bytes(a_return("Adur", (2, 2, 3)))
    output = tmp_path / "out.json"
    with pytest.raises(CommandError, match=r"b\.json, council: the same council as .*a\.json"):
        call_command(
            "aggregate_returns", str(tmp_path / "a.json"), str(tmp_path / "b.json"), output=str(output), source="S"
        )
    assert not output.exists()
