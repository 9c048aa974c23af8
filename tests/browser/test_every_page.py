"""Every page, as the person who uses it, at a desktop's width and a phone's: axe-core finds nothing, nothing is
wider than a phone, the browser logs no error, and the Content-Security-Policy blocks nothing.

Screenshots of each land in artifacts/screenshots/every-page/ for a person to look at.
"""

import re
from datetime import date

import pytest

from objectives.imports import pending
from objectives.models import Action
from objectives.services.reviews import start_review
from tests.browser.pages import axe_violations, screenshot, scrolls_sideways, sign_in
from tests.factories import make_evidence
from tests.objectives.imports.files import csv_bytes

WIDTHS = (1366, 390)
MANAGER_PAGES = [
    "/reviews/",
    "/reviews/2021/",
    "/reviews/2022/",
    "/reviews/2022/?below_target=on&theme=achieving-community-benefits",
    "/reviews/2021/objectives/3/",
    "/reviews/2022/objectives/3/",
    "/reviews/2022/objectives/3/edit/",
    "/reviews/2022/objectives/3/agree/",
    "/reviews/2022/scoring/",
    "/reviews/2022/?flagged=on",
    "/reviews/2022/objectives/add/",
    "/reviews/2022/objectives/3/remove/",
    "/reviews/2022/targets/",
    "/reviews/new/",
    "/reviews/2022/publish/",
    "/reviews/2021/reopen/",
    "/reviews/2021/dashboard/",
    "/reviews/2022/dashboard/",
    "/reviews/2021/dashboard/?theme=achieving-community-benefits",
    "/imports/",
    "/my-work/",
    "/reviews/2022/assign/",
    "/reviews/2022/actions/planning/",  # the planning grid, of the draft's carried actions
    "/reviews/2021/actions/planning/?all=on",
    "/reviews/2022/paper/",
    "/account/",
    "PREVIEW",  # an import's preview, made below
    "/reviews/2022/evidence/",
    "/reviews/2022/objectives/3/evidence/new/",
    "/evidence/ITEM/",  # an evidence item, made below
    "/evidence/ITEM/edit/",
    "/evidence/ITEM/withdraw/",
    "/reviews/2022/actions/",
    "/actions/ACTION/",  # #3's first action, its lead a long address (below)
    "/actions/ACTION/edit/",
    "/actions/ACTION/progress/",
    "/reviews/1999/",  # the 404 page
]
COMMITTEE_PAGES = [
    "/reviews/",
    "/reviews/2021/",
    "/reviews/2021/objectives/3/",
    "/reviews/2021/dashboard/",
    "/reviews/2021/evidence/",
    "/reviews/2021/actions/",
    "/actions/ACTION/",
    "/account/",
]
OFFICER_PAGES = ["/reviews/new/", "/my-work/"]  # the 403 page, and the officer's own


@pytest.fixture
def reviews(seed_review, manager):
    return seed_review, start_review(previous=seed_review, year=2022, by=manager)


def preview_url(manager, settings, tmp_path):
    settings.SCORECARD_IMPORT_DIR = tmp_path / "imports"
    rows = [[2022, 3, 3, 4, "continued", "Training ran.", ""], [2022, 99, 2, "", "", "", ""]]
    return f"/imports/{pending.store(csv_bytes(rows), name='scores.csv', user=manager)}/"


def is_error(message, page):
    """Return whether a console message is an error of the page, not the browser noting the page's own status."""
    own_status = message.location.get("url") == page.url and message.text.startswith("Failed to load resource")
    return message.type == "error" and not own_status


def visit_all(browser, live_server, user, urls):
    """Visit each page at each width; return what was found wrong, by page."""
    context = browser.new_context(base_url=live_server.url)  # no bypass_csp: the policy applies as in production
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if is_error(message, page) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, user)
    problems = {}
    for url in urls:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            errors.clear()
            page.goto(url)
            found = axe_violations(page)
            if width < 768 and scrolls_sideways(page):
                found.append("scrolls sideways")
            if errors:
                found.append(errors[:])
            if found:
                problems[f"{url} at {width}px"] = found
            shown = "import preview" if url.startswith("/imports/") and url != "/imports/" else url[:60]
            name = re.sub(r"[^a-z0-9]+", "-", f"{user.username} {shown} {width}".lower()).strip("-")
            screenshot(page, f"every-page/{name}")
    context.close()
    return problems


# An address with no place to break but its slashes and hyphens, longer than a phone is wide: pages must wrap it.
LONG_URL = "https://www.local.gov.uk/our-support/procurement/" + "national-procurement-strategy-" * 6 + "?q=" + "x" * 90


def evidence_item(review, user):
    assessment = review.assessments.get(objective__number=3)
    make_evidence(assessment=assessment, by=user, title="Councillor training record", review_by=date(2022, 1, 1))
    return make_evidence(assessment=assessment, by=user, title="Member development page", link=LONG_URL)


def long_action(review, user):
    """Give #3's first action (carried from 2021 into the draft) a lead that is a long address, in its history too."""
    action = Action.objects.filter(reviews=review, objective__number=3).first()
    lead = f"Head of Procurement, {LONG_URL}"[: Action._meta.get_field("lead").max_length]  # as long as a lead may be
    action.lead, action.owner, action._history_user = lead, user, user
    action.save()
    return action


def with_ids(urls, **ids):
    for name, pk in ids.items():
        urls = [url.replace(name.upper(), str(pk)) for url in urls]
    return urls


# The manager's pages in four parts, so that the test workers share them (each part is a test of its own).
PARTS = 4


@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_a_manager_uses_passes(browser, live_server, reviews, manager, settings, tmp_path, part):
    item, action = evidence_item(reviews[1], manager), long_action(reviews[1], manager)
    pages = MANAGER_PAGES[part::PARTS]
    urls = [preview_url(manager, settings, tmp_path) if url == "PREVIEW" else url for url in pages]
    assert visit_all(browser, live_server, manager, with_ids(urls, item=item.pk, action=action.pk)) == {}


def test_every_page_a_committee_member_and_an_officer_use_passes(
    browser, live_server, reviews, committee_member, officer
):
    action = long_action(reviews[1], officer)
    problems = visit_all(browser, live_server, committee_member, with_ids(COMMITTEE_PAGES, action=action.pk))
    problems.update(visit_all(browser, live_server, officer, OFFICER_PAGES))
    assert problems == {}


def test_the_sign_in_page_passes(page):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/login/")
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)
