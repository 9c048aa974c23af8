"""The catalogue, the seed and its 2022 draft, made once per test process and shared by the tests that ask for them.

Each kind of data is a layer, made in a transaction of its own (a savepoint inside the one below it) that stays open
while the tests that need it run, each in its own savepoint inside, rolled back after it as usual: what a test
writes is gone after it, and the layer is as it was made. `tests/conftest.py` sorts the tests so that those needing
the same layers run one after another (`sort_key`), and before each test moves to what it needs (`move_to`):
layers it does not need are rolled back first, so a test that asks for no seed sees none, as before. Tests that
commit (`transactional_db`, `live_server`, `django_db(transaction=True)`) get no layer, the database as migrations
leave it, and make their own data as before.

A layer is made at the time the first test needing it starts. A test that travels in time before it asks for the
data (a fixture with `time_machine.travel` ahead of the seed) would have had the seed made at that time: mark it
`pytest.mark.data_per_test` to have its data made in the test, as every test used to.
"""

import time

import pytest
from django.db import transaction
from django.test import override_settings

from tests.seed import NPS_FILE

# A layer's name and the layers it stands on; `fetches` marks the fixture whose tests need it.
LAYERS = {"nps": (), "draft_seed": ("nps",), "seed": ("nps",), "draft": ("nps", "seed")}
# As tests/conftest.py's fast_password_hashing and private_cache: the shared manager signs in as any other.
SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared-data"}},
}
CLOCK_SLACK = 60  # seconds between the wall clock and the one the layer was made by before a test counts as travelled


def commits(item):
    """Whether a test commits, as pytest-django decides it (its transactional tests run after the others)."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames))


def uses_db(item):
    return bool(item.get_closest_marker("django_db")) or "db" in item.fixturenames or commits(item)


def fetches(layer):
    """Mark a fixture as the one that fetches `layer`'s data in the tests that share it."""

    def mark(function):
        function.shared_layer = layer
        return function

    return mark


def layers_for(item):
    """Return the layers a test needs, bottom first: () for one that commits, makes its own data, or asks for none.

    A fixture counts by its definition, not its name: a module's own `draft` is not the shared one.
    """
    if not uses_db(item) or commits(item) or item.get_closest_marker("data_per_test"):
        return ()
    asked = set()
    for name in item.fixturenames:
        definitions = item._fixtureinfo.name2fixturedefs.get(name)
        if definitions:
            asked.add(getattr(definitions[-1].func, "shared_layer", None))
    for layer in ("draft", "seed", "draft_seed", "nps"):
        if layer in asked:
            return (*LAYERS[layer], layer)
    return ()


def sort_key(item):
    """Keep pytest-django's order (tests on the database, then those that commit, then the rest) and within the
    first, group the tests by the layers they need."""
    if not uses_db(item):
        return (2, ())
    if commits(item):
        return (1, ())
    return (0, layers_for(item))


class SharedData:
    def __init__(self):
        self.blocker = None  # pytest-django's django_db_blocker, once the test database exists
        self.stack = []  # (layer, its open atomic block, what it made)
        self.made_at = (0.0, 0.0)  # time.time() and time.monotonic() when the top layer was made

    def start(self, blocker):
        self.blocker = blocker

    def stop(self):
        self.move_to(())
        self.blocker = None

    @property
    def layers(self):
        return tuple(layer for layer, _, _ in self.stack)

    def move_to(self, layers):
        """Roll back the layers `layers` does not start with, then make those it lacks."""
        if self.blocker is None:
            return  # no test database yet: this test makes its own data
        with self.blocker.unblock():
            while self.layers != layers[: len(self.stack)]:
                _, block, _ = self.stack.pop()
                transaction.set_rollback(True)
                block.__exit__(None, None, None)
            for layer in layers[len(self.stack) :]:
                block = transaction.atomic()
                block.__enter__()
                try:
                    with override_settings(**SETTINGS):
                        made = getattr(self, f"make_{layer}")()
                except BaseException:
                    transaction.set_rollback(True)
                    block.__exit__(None, None, None)
                    raise
                self.stack.append((layer, block, made))
                self.made_at = (time.time(), time.monotonic())

    def get(self, layer):
        """Return what `layer` made (a dict of primary keys) if the current test stands on it, else None."""
        for name, _, made in self.stack:
            if name == layer:
                wall, monotonic = self.made_at
                if abs(time.time() - (wall + time.monotonic() - monotonic)) > CLOCK_SLACK:
                    pytest.fail(
                        "the clock was moved before the shared data was asked for: mark the test "
                        "pytest.mark.data_per_test (tests/shared_data.py)",
                        pytrace=False,
                    )
                return made
        return None

    def manager_pk(self):
        made = self.get("seed") or self.get("draft_seed")
        return made and made["manager"]

    # Each maker does what the fixture of the same data does in a test of its own (tests/conftest.py).

    def make_nps(self):
        from objectives.models import Framework
        from objectives.services.frameworks import load_file

        load_file(NPS_FILE.read_bytes())
        return {"framework": Framework.objects.get(name="NPS 2018").pk}

    def _make_seed(self, *, published):
        from objectives.models import Framework
        from tests.factories import PERSONAS, make_seed_review, make_user

        manager = make_user(**PERSONAS["manager"])
        framework = Framework.objects.get(pk=self.get("nps")["framework"])
        review = make_seed_review(framework=framework, user=manager, published_by=manager if published else None)
        return {"manager": manager.pk, "review": review.pk}

    def make_seed(self):
        return self._make_seed(published=True)

    def make_draft_seed(self):
        return self._make_seed(published=False)

    def make_draft(self):
        from django.contrib.auth.models import User

        from objectives.models import Review
        from objectives.services.reviews import start_review

        made = self.get("seed")
        draft = start_review(
            previous=Review.objects.get(pk=made["review"]), year=2022, by=User.objects.get(pk=made["manager"])
        )
        return {"review": draft.pk}


SHARED = SharedData()
