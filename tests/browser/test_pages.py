"""The browser tests' own helpers find what they look for: a check that finds nothing must be able to find something."""

from tests.browser.pages import axe_violations, scrolls_sideways

BROKEN = """<!doctype html><html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1>
<img src="/static/nothing.png"><p style="color:#bbb;background:#fff">Grey on white</p>
<div style="width:2000px">Wide</div></main></body></html>"""


def test_axe_reports_what_a_broken_page_gets_wrong_and_the_page_scrolls_sideways_on_a_phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.set_content(BROKEN)
    found = {violation["id"]: violation for violation in axe_violations(page)}
    assert {"image-alt", "color-contrast"} <= set(found)
    assert found["image-alt"]["nodes"] == [["img"]]
    assert scrolls_sideways(page)
    context.close()
