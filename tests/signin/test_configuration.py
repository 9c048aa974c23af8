"""Single sign-on's OIDC_ variables, read by a fresh process as a deployment starts: refused when wrong, and
`check --deploy` warning when they are half set."""

import pytest

from tests.security.processes import run_django

DEPLOY_CHECK = (
    "from django.core.management import call_command\ncall_command('check', deploy=True, fail_level='WARNING')"
)
ENTRA = {
    "OIDC_ISSUER": "https://login.microsoftonline.com/7d2f1c4e-0000-4000-8000-000000000001/v2.0",
    "OIDC_CLIENT_ID": "a1b2c3d4-0000-4000-8000-000000000002",
    "OIDC_CLIENT_SECRET": "client-secret-value",
    "OIDC_PROVIDER_NAME": "Medway Council Microsoft 365",
    "OIDC_GROUP_ROLES": "0f5e-officers=Procurement officer, 9c1a-managers=Manager,77b2-members=Committee member",
    "SCORECARD_CLAMD_SOCKET": "/run/clamav/clamd.ctl",  # the README's deployment names its virus scanner
}


def test_a_deployment_with_single_sign_on_set_up_has_no_warning(tmp_path):
    # Its clamd.conf says what passes the scanner's limits, as the README's deployment has it (objectives.W005).
    (tmp_path / "clamd.conf").write_text("StreamMaxLength 25M\nAlertExceedsMax yes\n")
    result = run_django(DEPLOY_CHECK, **ENTRA, SCORECARD_CLAMD_CONFIG=str(tmp_path / "clamd.conf"))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_the_group_roles_are_read_as_a_mapping():
    result = run_django("from django.conf import settings; print(settings.OIDC_GROUP_ROLES)", **ENTRA)
    assert result.stdout.strip() == (
        "{'0f5e-officers': 'Procurement officer', '9c1a-managers': 'Manager', '77b2-members': 'Committee member'}"
    ), result.stderr


@pytest.mark.parametrize("unset", ["OIDC_ISSUER", "OIDC_CLIENT_SECRET", "OIDC_PROVIDER_NAME"])
def test_check_deploy_warns_when_single_sign_on_is_half_configured(unset):
    result = run_django(DEPLOY_CHECK, **{**ENTRA, unset: ""})
    assert result.returncode != 0
    assert "signin.W001" in result.stderr and f"half configured: {unset} not set" in result.stderr


def test_check_deploy_warns_when_no_group_has_a_role():
    result = run_django(DEPLOY_CHECK, **{**ENTRA, "OIDC_GROUP_ROLES": ""})
    assert "signin.W002" in result.stderr


def test_check_deploy_warns_of_an_issuer_without_https():
    result = run_django(DEPLOY_CHECK, **{**ENTRA, "OIDC_ISSUER": "http://idp.example.gov.uk"})
    assert "signin.W003" in result.stderr


def test_check_deploy_warns_when_passwords_are_off_without_single_sign_on():
    result = run_django(DEPLOY_CHECK, OIDC_LOCAL_PASSWORDS="off", SCORECARD_CLAMD_SOCKET="/run/clamav/clamd.ctl")
    assert "signin.W004" in result.stderr and "only superusers can sign in" in result.stderr


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("0f5e-officers", "'0f5e-officers' is not '<group id>=<role>'"),
        ("0f5e=Officer", "'0f5e=Officer' is not '<group id>=<role>'"),
        ("=Manager", "'=Manager' is not '<group id>=<role>'"),
        ("0f5e=Manager,0f5e=Committee member", "group '0f5e' is given two roles"),
    ],
)
def test_a_wrong_group_mapping_stops_start_up(value, says):
    result = run_django("", OIDC_GROUP_ROLES=value)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and f"OIDC_GROUP_ROLES: {says}" in result.stderr


def test_local_passwords_are_a_strict_boolean():
    result = run_django("", OIDC_LOCAL_PASSWORDS="sometimes")
    assert "OIDC_LOCAL_PASSWORDS='sometimes' is not a boolean" in result.stderr
