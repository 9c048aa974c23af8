"""A manager downloads the published review's benchmark return from its dashboard, imports a set of six councils'
returns, and reads where the council stands; the chart's text equivalent is read; axe-core finds nothing at a
desktop's width and a phone's."""

import json
from pathlib import Path

from objectives.benchmarks.returns import as_json, council_id
from objectives.models import BenchmarkSet
from tests.browser.pages import problems_at_each_width, screenshot, sign_in
from tests.factories import make_seed_review

PLACES = {"in the lowest quarter", "below the median", "at the median", "above the median", "in the highest quarter"}


def six_councils(mine, folder):
    """Write six councils' returns like ours, each objective scored 1 to 5 across them, each key area their mean."""
    paths = []
    for n, shift in enumerate((0, 1, 2, 3, 4, 2)):
        rows, area = [], None
        for row in mine["rows"]:
            row = dict(row)
            if row["item_kind"] == "key_area":
                area = row
                area["scored_list"] = []
            else:
                row["score"] = 1 + (int(row["item"]) + shift) % 5
                area["scored_list"].append(row["score"])
            rows.append(row)
        for row in rows:
            if row["item_kind"] == "key_area":
                scores = row.pop("scored_list")
                row["score"] = round(sum(scores) / len(scores), 2)
        data = dict(mine, council=council_id(f"Council {n}"), rows=rows)
        path = folder / f"council-{n}.json"
        path.write_bytes(as_json(data))
        paths.append(str(path))
    return paths


def test_a_manager_downloads_the_return_imports_six_and_reads_where_we_stand(page, nps, manager, tmp_path, settings):
    settings.SCORECARD_IMPORT_DIR = tmp_path / "uploads"
    make_seed_review(framework=nps, user=manager, published_by=manager)
    sign_in(page, manager)
    page.goto("/reviews/2021/dashboard/")
    assert "No benchmark set of NPS 2018 is imported yet" in page.locator("#where-we-stand + p").inner_text()
    page.get_by_text("Benchmark return: this review's scores").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the return").click()
    assert info.value.suggested_filename == "benchmark-return-nps-2018-2021.json"
    mine = json.loads(Path(info.value.path()).read_bytes())
    assert mine["council_name"] is None and mine["year"] == 2021
    assert problems_at_each_width(page) == {}

    page.get_by_role("link", name="import one").click()
    page.locator("#id_files").set_input_files(six_councils(mine, tmp_path))
    page.get_by_label("Source").fill("Kent procurement group")
    page.get_by_label("As at").fill("2026-11-30")
    page.get_by_role("button", name="Preview the set").click()
    page.wait_for_load_state()
    assert "Nothing has changed yet" in page.locator("main").inner_text()
    assert problems_at_each_width(page) == {}
    page.get_by_role("button", name="Import this set").click()
    page.wait_for_load_state()
    assert "Imported Kent procurement group" in page.locator(".alert").first.inner_text()
    assert BenchmarkSet.objects.get().councils == 6
    assert problems_at_each_width(page) == {}

    page.goto("/reviews/2021/dashboard/")
    section = page.locator("section[aria-labelledby='where-we-stand']")
    assert "Kent procurement group: 6 councils' NPS 2018 2021 scores, as at 30 November 2026" in section.inner_text()
    figure = section.locator("figure#benchmark")
    assert figure.locator("svg[role='img']").count() == 1
    text_table = figure.locator("table")  # the chart's text equivalent, for screen readers
    first_area = text_table.locator("tbody tr").first
    words = first_area.locator("td").last.text_content()
    assert words in PLACES
    assert words in figure.locator("svg desc").text_content()
    objectives = section.locator(".benchmark-objectives tbody tr")
    assert objectives.count() == 13
    for n in range(13):
        assert objectives.nth(n).locator("td").last.text_content() in PLACES
    assert problems_at_each_width(page) == {}
    screenshot(page, "benchmarks/where-we-stand-1366")
