"""The pages keep to their Content-Security-Policy in a real browser: nothing is blocked, nothing inline."""

from objectives.services.reviews import start_review
from tests.browser.pages import sign_in


def test_no_page_breaks_the_content_security_policy(browser, live_server, seed_review, manager):
    start_review(previous=seed_review, year=2022, by=manager)
    context = browser.new_context(base_url=live_server.url)  # no bypass_csp here, unlike the other tests
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    sign_in(page, manager)
    for url in [
        "/reviews/",
        "/reviews/2021/",
        "/reviews/2021/dashboard/",
        "/reviews/2022/objectives/3/edit/",
        "/reviews/2021/objectives/3/",
        "/my-work/",
        "/account/",
        "/reviews/2022/assign/",
        "/reviews/2021/actions/",
        "/reviews/2021/evidence/",
        "/reviews/2022/objectives/3/evidence/new/",
        "/reviews/2022/publish/",  # last: its button shows that the styles loaded
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        assert "default-src 'self'" in response.headers["content-security-policy"]
    # Styles did load: Bootstrap's button shape applies (a draft not ready to sign off has an outlined button).
    assert page.locator("main button.btn").evaluate("b => getComputedStyle(b).borderTopLeftRadius") != "0px"
    context.close()
    assert violations == []
