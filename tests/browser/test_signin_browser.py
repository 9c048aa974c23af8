"""Single sign-on in a real browser: through the test provider's own login page (tests/signin/oidc.py), under the
app's Content-Security-Policy as in production; and the sign-in page under axe-core at both widths."""

import pytest
from django.contrib.auth.models import User

from signin.config import form_action
from tests.browser.pages import axe_violations, screenshot
from tests.signin.oidc import PROVIDER_NAME

WIDTHS = (1366, 390)


@pytest.fixture(autouse=True)
def policy_for_the_provider(settings, sso):
    """The Content-Security-Policy that settings.py makes from OIDC_ISSUER, for the test provider's issuer."""
    directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "form-action": form_action(sso.issuer)}
    settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "DIRECTIVES": directives}


@pytest.fixture
def person(browser, live_server):
    """A browser tab with no bypass of the Content-Security-Policy."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def our_errors(page, live_server):
    """Return a list that fills with the console errors of this app's pages (not the provider's, which load fonts
    from the internet that this machine cannot reach)."""
    errors = []
    ours = live_server.url

    def seen(message):
        if message.type == "error" and message.location.get("url", "").startswith(ours):
            errors.append(message.text)

    page.on("console", seen)
    return errors


def test_an_officer_signs_in_at_the_provider_and_lands_on_my_work(person, sso, live_server):
    sso.set_account("ofelia", name="Ofelia Oyelaran", email="ofelia@council.example", groups=["grp-officers"])
    errors = our_errors(person, live_server)
    person.goto("/login/")
    person.get_by_role("link", name=f"Sign in with {PROVIDER_NAME}").click()
    # The provider's own login page
    person.locator('input[name="login"]').fill("ofelia")
    person.locator('input[name="password"]').fill("any password")
    screenshot(person, "signin/provider-login")
    person.get_by_role("button", name="Sign-in").click()
    person.wait_for_url("**/my-work/")
    assert person.get_by_role("heading", level=1).inner_text().startswith("My work")
    assert "Ofelia Oyelaran" in person.locator("nav").inner_text()
    assert User.objects.get(username="ofelia").groups.get().name == "Procurement officer"
    screenshot(person, "signin/my-work-after-single-sign-on")

    person.get_by_role("button", name="Sign out").click()
    person.get_by_role("button", name="Yes, sign me out").click()  # the provider's "sign out?" page
    person.wait_for_url("**/login/")
    assert person.get_by_role("link", name=f"Sign in with {PROVIDER_NAME}").is_visible()
    assert errors == []


@pytest.mark.parametrize("local_passwords", [True, False], ids=["passwords-on", "break-glass-only"])
def test_the_sign_in_page_passes_axe_at_both_widths(person, sso, settings, local_passwords):
    settings.OIDC_LOCAL_PASSWORDS = local_passwords
    person.goto("/login/")
    if not local_passwords:
        person.get_by_text("Break-glass administrators").click()  # open the disclosure: its form is checked too
    problems = {}
    for width in WIDTHS:
        person.set_viewport_size({"width": width, "height": 900})
        found = axe_violations(person)
        if found:
            problems[width] = found
        screenshot(person, f"signin/login-{'passwords' if local_passwords else 'break-glass'}-{width}")
    assert problems == {}


def test_a_refused_sign_in_page_passes_axe(person, sso):
    person.goto("/oidc/callback/?code=stolen&state=forged")
    assert person.get_by_role("heading", level=1).inner_text() == f"Signing in with {PROVIDER_NAME} did not work"
    for width in WIDTHS:
        person.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(person) == [], width
