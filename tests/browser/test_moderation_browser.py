"""Several voices, one agreed score, in a real browser: two officers score one objective three levels apart, the
manager sees it flagged, agrees a score with its reason and signs off; a committee member reads the agreed score and
the spread in the pack. axe-core finds nothing at a desktop's width and a phone's."""

import io

from pypdf import PdfReader

from objectives.models import Assessment, OwnScore
from objectives.services.reviews import start_review
from tests.browser.pages import download, problems_at_each_width, sign_in
from tests.factories import make_seed_review, make_user


def sign_in_as(page, user):
    """Sign out whoever is signed in (the sign-in page sends a signed-in person on), then sign in as `user`."""
    page.context.clear_cookies()
    sign_in(page, user)


def score(page, level, rationale):
    page.goto("/reviews/2022/objectives/3/edit/")
    page.get_by_label(level, exact=True).check()
    page.get_by_label("Why this score").fill(rationale)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()


def test_two_officers_disagree_the_manager_agrees_and_the_committee_reads_it(
    page, nps, manager, officer, committee_member
):
    seed = make_seed_review(framework=nps, user=manager, published_by=manager)
    start_review(previous=seed, year=2022, by=manager)
    other = make_user(username="priya", group="Procurement officer", first_name="Priya", last_name="Patel")
    problems = {}

    sign_in(page, officer)
    score(page, "1 Minimum", "No councillor training ran this year.")
    sign_in_as(page, other)
    page.goto("/reviews/2022/objectives/3/")
    assert page.locator("#own-scores-blind").is_visible()  # blind: Priya has not scored yet
    score(page, "4 Leader", "Councillors lead the category boards.")
    problems["objective, both scored"] = problems_at_each_width(page, "moderation/objective-officer")
    assert "No councillor training ran this year." in page.locator("#own-scores-section").inner_text()

    sign_in_as(page, manager)
    page.goto("/reviews/2022/?flagged=on")
    row = page.locator("#objective-3")
    assert "Flagged: own scores 1 to 4, 3 levels apart" in row.inner_text()
    problems["scorecard, flagged"] = problems_at_each_width(page, "moderation/scorecard-flagged")
    page.goto("/my-work/")
    assert "#3" in page.locator("#to-agree").inner_text()
    problems["my work"] = problems_at_each_width(page, "moderation/my-work")
    page.goto("/reviews/2022/publish/")
    assert page.locator("#publish-blocked").is_visible()
    problems["publish, blocked"] = problems_at_each_width(page, "moderation/publish-blocked")
    page.goto("/reviews/2022/objectives/3/")
    page.get_by_role("link", name="Agree the score").click()
    page.get_by_label("3 Mature").check()
    page.get_by_role("button", name="Agree this score").click()
    page.wait_for_load_state()
    assert "say why it was agreed" in page.content()
    problems["agree, reason missing"] = problems_at_each_width(page, "moderation/agree-error")
    page.get_by_label("Why this score was agreed").fill("Two sessions ran; the boards are new.")
    page.get_by_role("button", name="Agree this score").click()
    page.wait_for_load_state()
    assert page.url.endswith("/reviews/2022/objectives/3/")
    page.goto("/reviews/2022/publish/")
    page.get_by_role("button", name="Publish and sign off anyway").click()
    page.wait_for_load_state()
    assessment = Assessment.objects.get(review__year=2022, objective__number=3)
    assert assessment.score == 3 and assessment.review.is_published
    assert sorted(OwnScore.objects.filter(assessment=assessment).values_list("score", flat=True)) == [1, 4]

    sign_in_as(page, committee_member)
    page.goto("/reviews/2022/")
    _name, content = download(page, "PDF of the committee pack")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "How the scores were agreed" in text and "Flagged objectives" in text
    assert "Two sessions ran; the boards are new." in text
    assert "Priya" not in text and "Olivia" not in text
    page.goto("/reviews/2022/objectives/3/")
    problems["objective, committee"] = problems_at_each_width(page, "moderation/objective-committee")
    assert {name: found for name, found in problems.items() if found} == {}
