from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from objectives.models import Framework, Review


class Command(BaseCommand):
    help = (
        "Load a backup written by backup_scorecard into a migrated, empty database, all of it or nothing. "
        "Run `migrate` first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file")

    def handle(self, *args, path, **options):
        if Framework.objects.exists() or Review.objects.exists():
            raise CommandError("the database already holds a scorecard: restore into a new, migrated database")
        with transaction.atomic():
            call_command("loaddata", path, verbosity=0)
        self.stdout.write(f"Restored {path}: {Review.objects.count()} reviews.")
