"""The one rule for a program a test needs that may be missing: under CI (CI=true) the test fails, anywhere else
it skips, saying how to install it. `.ci/run` installs every one of them."""

import os
import shutil

import pytest

CHROMIUM = "apt-get install chromium, or set CHROMIUM=/path"
LIBREOFFICE = "apt-get install --no-install-recommends libreoffice-writer-nogui"
CLAMAV = "apt-get install --no-install-recommends clamav-daemon"
POPPLER = "apt-get install poppler-utils"


def require_tool(name, hint, *, also=()):
    """Return the path of `name` (or of the first of `also`, names or absolute paths, found); fail or skip without."""
    for candidate in (name, *also):
        found = candidate if os.path.isabs(candidate) and os.access(candidate, os.X_OK) else shutil.which(candidate)
        if found:
            return found
    missing = f"{name} is not installed ({hint})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {missing}: .ci/run installs it", pytrace=False)
    pytest.skip(missing)
