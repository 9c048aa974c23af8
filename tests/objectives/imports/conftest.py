"""The imports' fixtures: a directory of its own for each test's uploads, and a draft review to import into."""

import pytest

from objectives.models import Review
from tests.factories import make_seed_review
from tests.shared_data import SHARED, fetches


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    """Keep each test's uploads in its own directory."""
    settings.SCORECARD_IMPORT_DIR = tmp_path / "imports"
    return settings.SCORECARD_IMPORT_DIR


@pytest.fixture
@fetches("draft_seed")
def draft_review(nps, manager):
    """The Medway 2021 scorecard, still a draft."""
    if shared := SHARED.get("draft_seed"):
        return Review.objects.get(pk=shared["review"])
    return make_seed_review(framework=nps, user=manager)
