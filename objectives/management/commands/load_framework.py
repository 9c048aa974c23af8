from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from objectives.frameworks.plans import Refused
from objectives.frameworks.reading import read
from objectives.services.frameworks import load


class Command(BaseCommand):
    help = (
        "Load framework and mapping files (fixtures/README.md), all or nothing: print what each adds, changes and "
        "removes, or every problem with its place in its file (and exit with status 1, having written nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE", help="e.g. fixtures/nps-2018.framework.json")
        parser.add_argument("--dry-run", action="store_true", help="Say what the files would do; write nothing.")

    def handle(self, *args, paths, dry_run=False, **options):
        problems, contents = [], []
        for path in paths:
            try:
                result = read(Path(path).read_bytes())
            except OSError as error:
                problems.append(f"{path}: cannot be read: {error.strerror}")
                continue
            problems += [f"{path}: {problem}" for problem in result.problems]
            if result.content:
                contents.append((path, result.content))
        contents.sort(key=lambda loaded: loaded[1].kind == "mapping")  # frameworks first: mappings name them
        told = []
        if contents:  # each planned as the ones before it left the catalogue, so that all problems are told at once
            with transaction.atomic():
                for path, content in contents:
                    try:
                        planned = load(content)
                    except Refused as refusal:
                        problems += [f"{path}: {problem}" for problem in refusal.problems]
                        continue
                    told += [f"{path}: {planned.summary()}", *(f"  {change}" for change in planned.changes)]
                if problems or dry_run:
                    transaction.set_rollback(True)
        if problems:
            raise CommandError("\n".join(["nothing was loaded:", *problems]))
        self.stdout.write("\n".join(told))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
