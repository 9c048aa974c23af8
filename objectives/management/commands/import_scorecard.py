from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from objectives.imports import committee_document as seedformat
from objectives.imports.seedimport import default_framework, import_scorecard
from objectives.models import Framework


class Command(BaseCommand):
    help = (
        "Create or update a year's review from a committee document (the scorecard table pasted as text). "
        "Writes nothing if any line is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The document, e.g. fixtures/medway-2021.txt")
        parser.add_argument("--framework", help='The framework\'s name, e.g. "NPS 2018" (needed if there are several)')
        parser.add_argument("--year", type=int, help="The review's year, if the header rows do not name it")

    def handle(self, *args, path, framework=None, year=None, **options):
        source = Path(path).name
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        if framework:
            chosen = Framework.objects.filter(name=framework).first()
            if chosen is None:
                raise CommandError(f"no framework is named {framework!r}")
        else:
            chosen = default_framework()
            if chosen is None:
                raise CommandError("name the framework with --framework (there are none, or several)")
        try:
            parsed = seedformat.parse(seedformat.decode(data, source=source), source=source, year=year)
            result = import_scorecard(parsed, framework=chosen, source=source)
        except seedformat.SeedFormatError as error:
            raise CommandError(f"nothing was imported:\n{error.message}") from None
        self.stdout.write(result.summary())
