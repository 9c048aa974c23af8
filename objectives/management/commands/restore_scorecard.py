from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction

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
        with transaction.atomic(), open(path, "rb") as backup:
            restore(backup)
        self.stdout.write(f"Restored {path}: {Review.objects.count()} reviews.")


def restore(backup):
    """Load every object of the backup, signing reviews off only once their assessments are in.

    The database refuses an assessment in a published review, so each review is loaded as a draft and its
    sign-off (status, when and by whom) written back at the end, as it was: the history keeps its own rows.
    """
    sign_offs, models = {}, set()
    for item in serializers.deserialize("xml", backup, handle_forward_references=True):
        review = item.object
        if isinstance(review, Review) and review.is_published:
            sign_offs[review.pk] = {"status": review.status, "published_at": review.published_at}
            sign_offs[review.pk]["published_by_id"] = review.published_by_id
            review.status, review.published_at, review.published_by_id = Review.Status.DRAFT, None, None
        item.save()
        models.add(type(item.object))
    for pk, sign_off in sign_offs.items():
        Review.objects.filter(pk=pk).update(**sign_off)
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:  # new rows after a restore must not reuse the restored ids
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
