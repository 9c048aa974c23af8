"""A manager's journey with the keyboard alone, the focus ring measured on every control it reaches: its colour
against the control's own background and against what is behind it (the page, or the navy bar) at least 3:1, as
are the borders of radio buttons and checkboxes (WCAG 2.2 2.4.7 and 1.4.11)."""

import datetime
import re

from objectives.services.reviews import start_review
from tests.browser.pages import PASSWORD, screenshot
from tests.factories import make_action

# What a focused element's ring is drawn in, and what lies under and around it: the nearest ancestor's opaque
# background (the element's own first, then its parent's), white at the top.
RING = """() => {
  const e = document.activeElement, cs = getComputedStyle(e);
  const under = (el) => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
  const field = ['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName);
  return { name: (field ? e.name || e.id : e.innerText || e.tagName).trim().slice(0, 40), tag: e.tagName,
           style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), color: cs.outlineColor,
           own: under(e), behind: under(e.parentElement), inNav: !!e.closest('.navbar') };
}"""
BORDERS = """() => [...document.querySelectorAll('.form-check-input')].map(e => getComputedStyle(e).borderTopColor)"""
NAVY = "rgb(29, 63, 110)"


def luminance(rgb):
    channels = [int(c) / 255 for c in re.findall(r"[\d.]+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class Keyboard:
    """Tab through a page as a keyboard user does, measuring the focus ring of each control reached."""

    def __init__(self, page):
        self.page, self.rings = page, []

    def tab_to(self, name, limit=40):
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            ring = self.page.evaluate(RING)
            if ring["tag"] != "BODY":  # past the last control, focus leaves the page for the browser's own
                self.rings.append(ring)
            if ring["name"].startswith(name):
                return ring
        raise AssertionError(f"{name!r} is not reached with the Tab key; reached {[r['name'] for r in self.rings]}")

    def faint(self):
        """Return the rings that are missing, thin, or under 3:1 against the control or what is behind it."""
        return [
            ring
            for ring in self.rings
            if ring["style"] == "none"
            or ring["width"] < 2
            or min(contrast(ring["color"], ring["own"]), contrast(ring["color"], ring["behind"])) < 3
        ]


def test_a_manager_filters_the_action_plan_and_reaches_an_objective_by_keyboard(page, seed_review, manager):
    draft = start_review(previous=seed_review, year=2022, by=manager)
    objective = draft.assessments.get(objective__number=3).objective
    late = make_action(
        review=draft,
        objective=objective,
        text="Brief the new members.",
        owner=manager,
        due_date=datetime.date(2020, 1, 1),
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    page.emulate_media(reduced_motion="reduce")  # no transitions: each ring is measured as it ends, not midway
    keys = Keyboard(page)
    page.goto("/login/")
    keys.tab_to("username")
    page.keyboard.type(manager.username)
    keys.tab_to("password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/my-work/")
    # The navigation: every link on the navy bar, then the action plan.
    nav = keys.tab_to("Action plan")
    assert nav["inNav"] and contrast(nav["color"], NAVY) >= 3
    screenshot(page, "keyboard/navigation-focus")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reviews/2022/actions/")
    keys.tab_to("Filters")
    page.keyboard.press("Enter")  # the disclosure opens
    keys.tab_to("overdue", limit=15)
    page.keyboard.press("Space")
    keys.tab_to("Apply filters", limit=3)
    screenshot(page, "keyboard/apply-filters-focus")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reviews/2022/actions/?*overdue=on*")
    assert page.get_by_role("status").filter(has_text="actions shown").inner_text().startswith("1 of ")
    assert page.evaluate(BORDERS) and all(contrast(c, "rgb(255, 255, 255)") >= 3 for c in page.evaluate(BORDERS))
    keys.tab_to("Brief the new members.")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/actions/{late.pk}/")
    keys.tab_to("Back to #3")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reviews/2022/objectives/3/")
    keys.tab_to("Edit this assessment")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reviews/2022/objectives/3/edit/")
    radios = page.evaluate(BORDERS)
    assert len(radios) >= 6 and all(contrast(c, "rgb(255, 255, 255)") >= 3 for c in radios)  # score, continued
    keys.tab_to("score")
    page.keyboard.press("ArrowDown")  # a radio group moves by arrows
    screenshot(page, "keyboard/radio-focus")
    assert page.locator("input[name=score]:checked").get_attribute("value") == "1"
    assert len(keys.rings) > 20 and any(r["inNav"] for r in keys.rings)
    assert keys.faint() == []
