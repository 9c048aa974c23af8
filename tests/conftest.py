import pytest
from django.contrib.auth.models import User
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from objectives.models import Framework, Review
from objectives.services.frameworks import load_file
from objectives.services.reviews import start_review
from tests.factories import PERSONAS, make_seed_review, make_user
from tests.seed import NPS_FILE
from tests.shared_data import SHARED, fetches, layers_for, sort_key, uses_db

# The test OpenID provider's fixtures (`oidc_provider`, `sso`), for tests/signin/ and the browser tests alike.
pytest_plugins = ["tests.signin.oidc"]

# Property-based tests stay bounded on a two-core machine; no deadline, as a shared machine's timing varies.
hypothesis_settings.register_profile(
    "scorecard", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
hypothesis_settings.load_profile("scorecard")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the data tests share made in it as they ask (tests/shared_data.py)."""
    SHARED.start(django_db_blocker)
    yield
    SHARED.stop()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # Tests that share data run one after another, so that each kind is made once per process; stable, so the
    # order within a module stays.
    items.sort(key=sort_key)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture, so that the shared data's transactions are outside the test's own.
    if uses_db(item):
        SHARED.move_to(layers_for(item))


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
@fetches("nps")
def nps(db):
    """The NPS 2018 catalogue, as shipped in fixtures/."""
    if shared := SHARED.get("nps"):
        return Framework.objects.get(pk=shared["framework"])
    load_file(NPS_FILE.read_bytes())
    return Framework.objects.get(name="NPS 2018")


@pytest.fixture
def officer(db):
    return make_user(**PERSONAS["officer"])


@pytest.fixture
def manager(db):
    if shared := SHARED.manager_pk():  # the seed's author, made with it
        return User.objects.get(pk=shared)
    return make_user(**PERSONAS["manager"])


@pytest.fixture
def committee_member(db):
    return make_user(**PERSONAS["committee_member"])


@pytest.fixture
def outsider(db):
    """Signed in, but in no role."""
    return make_user(**PERSONAS["outsider"])


@pytest.fixture
def staff(db):
    return make_user(**PERSONAS["staff"])


@pytest.fixture
@fetches("seed")
def seed_review(nps, manager):
    """The Medway 2021 scorecard, published."""
    if shared := SHARED.get("seed"):
        return Review.objects.get(pk=shared["review"])
    return make_seed_review(framework=nps, user=manager, published_by=manager)


@pytest.fixture
@fetches("draft")
def draft(seed_review, manager):
    """The 2022 review, started from the published seed: a draft, nothing scored yet."""
    if shared := SHARED.get("draft"):
        return Review.objects.get(pk=shared["review"])
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
