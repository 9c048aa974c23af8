"""Production settings (DEBUG off, HTTPS on), read from a fresh process exactly as a deployment would."""

import json

import pytest
from django.test import Client, override_settings

from tests.security.processes import run_django

# The settings that make a response HTTPS-only and safe to frame, sniff and refer from.
HTTPS_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
]


@pytest.fixture(scope="module")
def production():
    names = [
        "DEBUG",
        *HTTPS_SETTINGS,
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_AGE",
        "PASSWORD_HASHERS",
        "AUTH_PASSWORD_VALIDATORS",
        "AXES_LOCKOUT_PARAMETERS",
        "AXES_FAILURE_LIMIT",
        "MIDDLEWARE",
        "CONTENT_SECURITY_POLICY",
    ]
    result = run_django(
        "import json; from django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


DEPLOY_CHECK = (
    "from django.core.management import call_command\ncall_command('check', deploy=True, fail_level='WARNING')"
)


def test_check_deploy_gives_no_warning(tmp_path):
    # A deployment names its virus scanner (the README's "Deploying"), and its clamd.conf says what passes its limits;
    # the check reads that file and does not connect to the daemon.
    (tmp_path / "clamd.conf").write_text("StreamMaxLength 25M\nAlertExceedsMax yes\n")
    result = run_django(
        DEPLOY_CHECK,
        SCORECARD_CLAMD_SOCKET="/run/clamav/clamd.ctl",
        SCORECARD_CLAMD_CONFIG=str(tmp_path / "clamd.conf"),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_check_deploy_warns_when_no_virus_scanner_is_set():
    result = run_django(DEPLOY_CHECK)
    assert result.returncode != 0
    assert "objectives.W003" in result.stderr and "stored without being scanned" in result.stderr


def test_the_check_warns_when_the_evidence_folder_cannot_be_written(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = run_django(
        "from django.core.management import call_command\ncall_command('check')",
        SCORECARD_EVIDENCE_DIR=str(blocked / "evidence"),
    )
    assert "objectives.W002" in result.stdout + result.stderr


def test_serving_needs_the_secret_key_when_debug_is_off():
    result = run_django("import scorecard.wsgi", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set to serve" in result.stderr
    assert run_django("import scorecard.wsgi").returncode == 0


def test_commands_that_sign_nothing_run_without_a_key():
    result = run_django("from django.core.management import call_command; call_command('check')", DJANGO_SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_cookies_are_secure_and_http_only_and_https_is_enforced(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] and production["SESSION_COOKIE_HTTPONLY"]
    assert production["CSRF_COOKIE_SECURE"] and production["SECURE_SSL_REDIRECT"]
    assert production["SECURE_HSTS_SECONDS"] >= 31536000 and production["SECURE_HSTS_INCLUDE_SUBDOMAINS"]


def test_passwords_are_hashed_with_argon2_and_validated(production):
    assert production["PASSWORD_HASHERS"][0] == "scorecard.hashers.CouncilArgon2PasswordHasher"
    validators = {v["NAME"].rsplit(".", 1)[1] for v in production["AUTH_PASSWORD_VALIDATORS"]}
    assert validators == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


def test_sessions_expire(production):
    assert 0 < production["SESSION_COOKIE_AGE"] <= 12 * 60 * 60


def test_sign_in_lock_out_is_per_username_and_address(production):
    assert production["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]
    assert production["AXES_FAILURE_LIMIT"] == 5


@pytest.fixture
def https_client(production, db):
    with override_settings(**{key: production[key] for key in HTTPS_SETTINGS}):
        yield Client()


def test_every_response_carries_the_security_headers(https_client):
    response = https_client.get("/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] and cookie["httponly"]


def test_plain_http_is_redirected_to_https(https_client):
    response = https_client.get("/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_pages_have_no_inline_script(client, seed_review, manager):
    client.force_login(manager)
    for url in ["/login/", "/reviews/", "/reviews/2021/", "/reviews/2021/objectives/3/", "/reviews/2021/reopen/"]:
        content = client.get(url).content.decode()
        assert "<script>" not in content and " on" + "click=" not in content, url


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("DJANGO_DEBUG", "ture", "is not a boolean"),
        ("DJANGO_HTTPS", "maybe", "is not a boolean"),
        ("DJANGO_SESSION_AGE", "8h", "is not a whole number"),
        ("SCORECARD_IMPORT_MAX_BYTES", "5MB", "is not a whole number"),
        ("DJANGO_SIGNIN_LOCKOUT_HOURS", "a quarter", "is not a number"),
    ],
)
def test_a_misspelt_setting_stops_start_up_naming_the_variable(variable, value, says):
    result = run_django("", **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{variable}={value!r} {says}" in result.stderr


def test_settings_read_every_spelling_of_on_and_off():
    result = run_django("from django.conf import settings; print(settings.DEBUG)", DJANGO_DEBUG="Off")
    assert result.stdout.strip() == "False", result.stderr
    result = run_django("from django.conf import settings; print(settings.HTTPS)", DJANGO_HTTPS=" YES ")
    assert result.stdout.strip() == "True", result.stderr


@pytest.mark.parametrize("variable", ["SCORECARD_RAG_DUE_SOON_DAYS", "SCORECARD_REMINDER_DAYS"])
def test_a_renamed_due_soon_setting_stops_start_up_naming_the_one_that_replaces_it(variable):
    result = run_django("", **{variable: "14"})
    assert result.returncode != 0
    assert f"{variable} is now SCORECARD_DUE_SOON_DAYS" in result.stderr
