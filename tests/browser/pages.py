"""What a browser test does as a person would: sign in, take a screenshot, ask axe-core about the page."""

import os
from functools import cache
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "correct-horse-battery"  # tests.factories.make_user's
# Screenshots are for a person to look at, not for a test to pass: CI takes them (CI=true), and so does
# `make screenshots`; a plain `make test` does not, a third of the browser tests' time.
TAKE_SCREENSHOTS = os.environ.get("SCORECARD_SCREENSHOTS", os.environ.get("CI", "")) in ("1", "true")


def sign_in(page, user, password=PASSWORD):
    page.goto("/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def download(page, link_name, *, exact=True):
    """Click the link and return the download's (suggested file name, bytes)."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name, exact=exact).click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def screenshot(page, name, *, width=None):
    """Save a full-page screenshot under artifacts/screenshots/ for a person to look at (see TAKE_SCREENSHOTS); the
    window takes the width asked for in any case, as the test goes on at it."""
    if width:
        page.set_viewport_size({"width": width, "height": 900})
    if not TAKE_SCREENSHOTS:
        return
    (SCREENSHOTS / name).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


IMPACTS = ("minor", "moderate", "serious", "critical")


def axe_violations(page, impacts=IMPACTS):
    """Run axe-core on the page, every rule (WCAG 2.x A and AA, and its best practices), and return its violations."""
    # Evaluated from outside the page, so that the page's Content-Security-Policy (no inline script) lets it run.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    # Only the violations come back: axe's passes list every node it checked, which is slow to hand over.
    violations = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then((results) => results.violations)"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
        if v["impact"] in impacts
    ]


@cache
def _axe_source():
    return AXE.read_text(encoding="utf-8")


def console_errors(page):
    """Return a list that fills with the page's console errors and uncaught exceptions from now on."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def scrolls_sideways(page):
    """Return whether the page is wider than the window, so that a reader must scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


# What is wider than the window, named for the failure message: the first five elements past its right edge.
WIDEST = """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
    .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 5).join(' ')"""


def problems_at_each_width(page, name=None, *, widths=(1366, 390)):
    """Look at the page at a desktop's width and a phone's: return {width: problems} of axe's violations and anything
    wider than the window (with what is), {} if none; a screenshot of each under `name` (see TAKE_SCREENSHOTS). The
    window is left at the first width."""
    found = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        problems = axe_violations(page)
        if scrolls_sideways(page):
            problems.append("scrolls sideways: " + page.evaluate(WIDEST))
        if problems:
            found[width] = problems
        if name:
            screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": widths[0], "height": 900})
    return found
