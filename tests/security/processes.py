"""Run Django in a fresh process, with production settings, as a deployment starts it; and empty the database as a
fresh deployment has it (`wipe`), for the restore tests."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k8$2vQ!x7Lp@9zR#4mW&6tY^1nB*3hJ(5dF)0sG_-eU+aC=iO[lP]oK{qM}",
    "DJANGO_ALLOWED_HOSTS": "scorecard.example.gov.uk",
}


def run_django(code, **env):
    """Run Python in a new process with production settings and the given environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="scorecard.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def wipe():
    """Empty the database as a new one would be, keeping what migrations create."""
    from django.core.management import call_command

    from objectives.roles import ensure_roles

    call_command("flush", interactive=False, verbosity=0)
    ensure_roles()
