"""No template carries an inline style or script, which the pages' Content-Security-Policy would block.

The PDF's and the email's templates are never served to a browser under that policy: they may have a <style>
element of their own (WeasyPrint and mail readers take it), but no inline style attributes either.
"""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
OWN_STYLESHEET = ("reports/pdf/", "objectives/email/")


def templates():
    return sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("name", templates())
def test_no_inline_style_or_script(name):
    text = (TEMPLATES / name).read_text()
    assert not re.search(r"\sstyle\s*=", text), "a style attribute"
    assert not re.search(r"\son[a-z]+\s*=", text), "an event handler attribute"
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text), "a script without src"
    if not name.startswith(OWN_STYLESHEET):
        assert "<style" not in text, "a <style> element"
