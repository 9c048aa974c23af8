import pytest
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from objectives.models import Framework
from objectives.services.reviews import start_review
from tests.factories import make_seed_review, make_user
from tests.seed import FIXTURES

# The test OpenID provider's fixtures (`oidc_provider`, `sso`), for tests/signin/ and the browser tests alike.
pytest_plugins = ["tests.signin.oidc"]

# Property-based tests stay bounded on a two-core machine; no deadline, as a shared machine's timing varies.
hypothesis_settings.register_profile(
    "scorecard", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
hypothesis_settings.load_profile("scorecard")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Production hashing is deliberately slow; tests sign in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_cache(settings, request):
    # Each test gets an empty cache of its own, never the file cache that the app uses by default.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }


@pytest.fixture
def nps(db):
    """The NPS 2018 catalogue, as shipped in fixtures/."""
    call_command("loaddata", FIXTURES / "nps2018.json", verbosity=0)
    return Framework.objects.get(name="NPS 2018")


@pytest.fixture
def officer(db):
    return make_user(username="olivia", group="Procurement officer", first_name="Olivia", last_name="Okafor")


@pytest.fixture
def manager(db):
    return make_user(username="morgan", group="Manager", first_name="Morgan", last_name="Mensah")


@pytest.fixture
def committee_member(db):
    return make_user(username="chris", group="Committee member", first_name="Chris", last_name="Carter")


@pytest.fixture
def outsider(db):
    """Signed in, but in no role."""
    return make_user(username="oscar")


@pytest.fixture
def staff(db):
    return make_user(username="sam", is_staff=True, is_superuser=True)


@pytest.fixture
def seed_review(nps, manager):
    """The Medway 2021 scorecard, published."""
    return make_seed_review(framework=nps, user=manager, published_by=manager)


@pytest.fixture
def draft(seed_review, manager):
    """The 2022 review, started from the published seed: a draft, nothing scored yet."""
    return start_review(previous=seed_review, year=2022, by=manager)


@pytest.fixture(autouse=True)
def private_evidence_storage(settings, tmp_path_factory):
    # Each test keeps its evidence files in a folder of its own, never the instance's var/evidence.
    location = tmp_path_factory.mktemp("evidence")
    settings.SCORECARD_EVIDENCE_DIR = location
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            **settings.STORAGES["evidence"],
            "OPTIONS": {**settings.STORAGES["evidence"]["OPTIONS"], "location": location},
        },
    }
