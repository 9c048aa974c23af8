"""/healthz, for load balancers: 200 with the database up, 503 with it down, and nothing else said."""

from tests.security.processes import run_django

CALL_HEALTHZ = (
    "from django.test import Client\n"
    "response = Client().get('/healthz', HTTP_HOST='scorecard.example.gov.uk', secure=True)\n"
    "print(response.status_code, response.content.decode().strip())"
)


def test_healthz_is_200_without_signing_in_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"] == "text/plain"
    assert "Set-Cookie" not in response  # no session, no sign-in


def test_healthz_is_503_when_the_database_is_down():
    # A real connection attempt to a port where no database listens.
    result = run_django(CALL_HEALTHZ, DATABASE_URL="postgres://postgres@127.0.0.1:1/scorecard")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "503 unavailable"
    assert "127.0.0.1" not in result.stdout  # reveals nothing about the database
