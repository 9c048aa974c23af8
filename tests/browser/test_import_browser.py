"""An officer uploads a spreadsheet, reads the preview and confirms it, in a real browser."""

from objectives.models import Assessment
from tests.browser.pages import axe_violations, screenshot, sign_in
from tests.factories import actions_text, make_seed_review
from tests.objectives.imports.files import csv_bytes


def upload(page, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    page.goto("/imports/")
    page.get_by_label("Spreadsheet or committee document").set_input_files(str(path))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_load_state()


def test_an_officer_uploads_reads_the_preview_and_confirms(page, nps, manager, officer, tmp_path, settings):
    settings.SCORECARD_IMPORT_DIR = tmp_path / "imports"
    make_seed_review(framework=nps, user=manager)
    seven = Assessment.objects.get(objective__number=7)
    path = tmp_path / "scores-2021.csv"
    path.write_bytes(
        csv_bytes(
            [
                [2021, 3, "Mature", "", "continued", "Training delivered to all members.\n\nMore planned.", ""],
                [2021, 7, "2", "", "continued", seven.comments, actions_text(seven)],
                [2021, 57, "Leader", "", "", '=HYPERLINK("http://example.com")', "- Renew both systems"],
            ],
            encoding="cp1252",
        )
    )
    sign_in(page, officer)
    page.goto("/imports/")
    assert page.get_by_role("heading", level=1).inner_text() == "Import a spreadsheet"
    assert axe_violations(page) == []

    upload(page, tmp_path, "notes.pdf", b"%PDF-1.7")
    assert "notes.pdf is a PDF document, not a spreadsheet" in page.locator("#div_id_file").inner_text()
    assert axe_violations(page) == []

    upload(page, tmp_path, "typo.csv", csv_bytes([[2021, 3, "Excelent", "", "", "", ""]]))
    alert = page.get_by_role("alert")
    assert "Row 2, column score: 'Excelent' is not a level of NPS 2018 (1 Minimum" in alert.inner_text()
    assert page.get_by_role("button", name="Import these changes").count() == 0
    screenshot(page, "import-preview-errors")
    assert axe_violations(page) == []

    page.goto("/imports/")
    page.get_by_label("Spreadsheet or committee document").set_input_files(str(path))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Preview of scores-2021.csv"
    assert page.get_by_text("Nothing has changed yet.").is_visible()
    changed = page.get_by_role("region", name="Changed (2)")
    assert changed.get_by_role("row").nth(1).inner_text().startswith("2\t2021 #3 Councillor Development")
    assert "2 Developing" in changed.inner_text() and "3 Mature" in changed.inner_text()
    assert '=HYPERLINK("http://example.com")' in changed.inner_text()
    assert page.get_by_role("region", name="Unchanged (1)").get_by_text("Senior managers development").is_visible()
    screenshot(page, "import-preview")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Import these changes").click()
    page.wait_for_load_state()
    assert page.url.endswith("/reviews/2021/")
    assert (
        page.get_by_role("status").inner_text().startswith("Imported scores-2021.csv: 0 assessments added, 2 changed")
    )
    assert Assessment.objects.get(objective__number=57).comments == '=HYPERLINK("http://example.com")'
