"""System checks (`manage.py check`, and every runserver or migrate) for what the scorecard's pages need."""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register()
def upload_folder_writable(app_configs=None, **kwargs):
    """Warn when the folder where uploads wait cannot be made or written: every import would be refused."""
    folder = Path(settings.SCORECARD_IMPORT_DIR)
    existing = next((path for path in (folder, *folder.parents) if path.exists()), None)
    if existing is not None and existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        return []
    return [
        checks.Warning(
            f"The upload folder {folder} cannot be written, so every import will say the upload could not be stored.",
            hint="Set SCORECARD_IMPORT_DIR to a folder of this instance's own that its user may write.",
            id="objectives.W001",
        )
    ]
