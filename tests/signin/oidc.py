"""A real OpenID Connect provider for the tests (tests/signin/provider/, panva's oidc-provider under Node), and what
a person does at it: sign in on its own login page, sign out there.

Outside CI the tests that need it skip with a reason when Node or the provider's packages are missing (`npm ci` in
tests/signin/provider/); under CI=true they fail instead.
"""

import json
import logging
import os
import re
import selectors
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

PROVIDER_DIR = Path(__file__).parent / "provider"
CLIENT_ID, CLIENT_SECRET = "scorecard", "scorecard-secret"  # provider.mjs registers these, and "another-app"
GROUPS = {"grp-officers": "Procurement officer", "grp-managers": "Manager", "grp-committee": "Committee member"}
PROVIDER_NAME = "Test Council ID"


@dataclass
class Provider:
    issuer: str
    accounts_file: Path

    def set_account(self, login, **claims):
        """Give the person who signs in as `login` these claims from the next sign-in on (groups, name, email)."""
        accounts = json.loads(self.accounts_file.read_text())
        accounts[login] = claims
        self.accounts_file.write_text(json.dumps(accounts))


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    node = shutil.which("node")
    if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        why = (
            "Node is not installed" if node is None else f"`make oidc-provider` (npm ci in {PROVIDER_DIR}) has not run"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the test OpenID provider cannot start: {why} (.ci/run does both)")
        pytest.skip(f"no test OpenID provider: {why}")
    folder = tmp_path_factory.mktemp("oidc-provider")
    accounts = folder / "accounts.json"
    accounts.write_text("{}")
    with open(folder / "provider.log", "w") as log:
        process = subprocess.Popen(
            [node, "provider.mjs", str(accounts)], cwd=PROVIDER_DIR, stdout=subprocess.PIPE, stderr=log, text=True
        )
        try:
            yield Provider(issuer=_issuer(process, folder / "provider.log"), accounts_file=accounts)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _issuer(process, log, timeout=30):
    """Return the issuer the provider prints once it listens."""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if selector.select(timeout=1):
            line = process.stdout.readline()
            if line.startswith("issuer "):
                return line.split()[1]
            if not line and process.poll() is not None:
                break
    process.kill()
    raise RuntimeError(f"the test OpenID provider did not start: {log.read_text()}")


@pytest.fixture
def sso(settings, oidc_provider):
    """Single sign-on set up with the test provider, as the OIDC_ variables of a deployment would."""
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = PROVIDER_NAME
    settings.OIDC_GROUP_ROLES = GROUPS
    return oidc_provider


@pytest.fixture
def audit_log(caplog):
    """The `signin` logger's records (it does not propagate to the root logger, where caplog listens: see LOGGING)."""
    logger = logging.getLogger("signin")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


def sign_in_at_provider(authorize_url, login, browser=None):
    """Follow the app's redirect to the provider, sign in on its login page, and return where it sends us back.

    `browser` is the person's session at the provider (a requests.Session): signed in already, it asks nothing.
    The address returned is the app's callback, relative to the Django test client's http://testserver.
    """
    browser = browser or requests.Session()
    url = authorize_url
    for _ in range(12):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "/interaction/" in url:
            assert 'name="login"' in response.text, response.text
            response = browser.post(
                url, data={"prompt": "login", "login": login, "password": "any"}, allow_redirects=False, timeout=10
            )
        assert response.status_code in (302, 303), (response.status_code, response.text[:500])
        url = urljoin(url, response.headers["Location"])
        if url.startswith("http://testserver/"):
            return url.removeprefix("http://testserver")
    raise AssertionError(f"the provider never sent us back: {url}")


def sign_out_at_provider(end_session_url, browser):
    """Confirm the provider's "sign out?" page; return where the provider sends us afterwards."""
    page = browser.get(end_session_url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    action = re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', page.text).group(1)
    response = browser.post(
        urljoin(end_session_url, action), data={"xsrf": xsrf, "logout": "yes"}, allow_redirects=False, timeout=10
    )
    assert response.status_code in (302, 303), response.text[:500]
    return response.headers["Location"]
