"""`manage.py write_report YEAR`: the committee's view of a review, or with --draft the procurement team's."""

import re
import subprocess

import pytest
from django.core.management import CommandError, call_command

from objectives.models import Review
from tests.reports.council import make_council
from tests.tools import POPPLER, require_tool


@pytest.fixture
def council(manager):
    """The test council, its 2020 review back in draft: the committee compares 2021 with 2019."""
    council = make_council(published_by=manager)
    Review.objects.filter(year=2020).update(status=Review.Status.DRAFT)
    return council


def pdf_text(path):
    text = subprocess.run(
        [require_tool("pdftotext", POPPLER), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return re.sub(r"\s+", " ", text.stdout)


def test_a_published_review_is_compared_with_earlier_published_reviews_only(council, tmp_path, capsys):
    out = tmp_path / "pack.pdf"
    call_command("write_report", "2021", output=str(out))
    text = pdf_text(out)
    assert "Changes are since the 2019 review." in text
    assert "2020" not in text  # neither compared with nor in a trend's years
    assert capsys.readouterr().out.startswith(f"Wrote the 2021 report to {out} (")


def test_a_draft_is_refused_without_draft(council, tmp_path):
    Review.objects.filter(year=2021).update(status=Review.Status.DRAFT)
    out = tmp_path / "pack.pdf"
    with pytest.raises(CommandError, match="the 2021 review is a draft, which the committee does not see; --draft"):
        call_command("write_report", "2021", output=str(out))
    assert not out.exists()


def test_a_draft_with_draft_is_compared_with_every_earlier_review(council, tmp_path, capsys):
    Review.objects.filter(year=2021).update(status=Review.Status.DRAFT)
    out = tmp_path / "pack.pdf"
    call_command("write_report", "2021", "--draft", output=str(out))
    text = pdf_text(out)
    assert "Changes are since the 2020 review." in text and "DRAFT" in text
    assert capsys.readouterr().out.startswith(f"Wrote the 2021 report (DRAFT) to {out} (")


def test_an_unknown_theme_is_refused_with_the_themes_there_are(council, tmp_path):
    with pytest.raises(CommandError, match="has no theme 'nothing' \\(its themes: showing-leadership, "):
        call_command("write_report", "2021", theme="nothing", output=str(tmp_path / "pack.pdf"))
