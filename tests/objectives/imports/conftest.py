"""The imports' fixtures: a directory of its own for each test's uploads, and a draft review to import into."""

import pytest

from tests.factories import make_seed_review


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    """Keep each test's uploads in its own directory."""
    settings.SCORECARD_IMPORT_DIR = tmp_path / "imports"
    return settings.SCORECARD_IMPORT_DIR


@pytest.fixture
def draft_review(nps, manager):
    """The Medway 2021 scorecard, still a draft."""
    return make_seed_review(framework=nps, user=manager)
