"""The two councils every benchmark measures, in a throwaway SQLite database (never db.sqlite3).

with bench_councils() as (demo, large):   # Medway's 2021 seed, and a large council's latest review
    ...
"""

import os
import sys
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def bench_councils():
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise: no collectstatic here
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["SCORECARD_CACHE_DIR"] = f"{folder}/cache"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        from bench.large_council import build_large_council
        from objectives.imports.apply import import_document
        from objectives.models import Framework
        from objectives.services.frameworks import load_file

        call_command("migrate", verbosity=0)
        load_file((ROOT / "fixtures" / "nps-2018.framework.json").read_bytes())
        seed = ROOT / "fixtures" / "medway-2021.txt"
        demo = import_document(seed.read_bytes(), seed.name, framework=Framework.objects.get(name="NPS 2018")).reviews[
            0
        ]
        yield demo, build_large_council()
