from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from objectives.imports.apply import NotApplied, import_document
from objectives.imports.table import FileRefused
from objectives.models import Framework


class Command(BaseCommand):
    help = (
        "Create or update a year's review from a committee document (the scorecard table pasted as text), "
        "adding objectives the catalogue does not know yet. Writes nothing if any line is wrong."
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
        chosen = self.framework(framework)
        try:
            planned = import_document(data, source, framework=chosen, year=year)
        except FileRefused as refusal:
            raise CommandError("nothing was imported:\n" + "\n".join(refusal.reasons)) from None
        except NotApplied as refusal:
            errors = (f"{source}: {error}" for error in refusal.preview.errors)
            raise CommandError("nothing was imported:\n" + "\n".join(errors)) from None
        self.stdout.write(planned.summary())

    def framework(self, name):
        if name:
            chosen = Framework.objects.filter(name=name).first()
            if chosen is None:
                raise CommandError(f"no framework is named {name!r}")
            return chosen
        frameworks = list(Framework.objects.all()[:2])
        if len(frameworks) != 1:
            raise CommandError("name the framework with --framework (there are none, or several)")
        return frameworks[0]
