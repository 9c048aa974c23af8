import hashlib
from pathlib import Path
from xml.sax import SAXParseException

from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections

from objectives.files.storage import evidence_storage, files_kept_only_if_committed
from objectives.models import Framework, Review, StoredFile
from objectives.rules.text import xml_safe


class Command(BaseCommand):
    help = (
        "Load a backup written by backup_scorecard into a migrated, empty database, all of it or nothing. "
        "Run `migrate` first. The evidence files come from the folder beside the backup (backup.evidence/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file")

    def handle(self, *args, path, **options):
        if Framework.objects.exists() or Review.objects.exists():
            raise CommandError("the database already holds a scorecard: restore into a new, migrated database")
        # A backup holds no character XML cannot hold; one edited by hand might: it is left out, as every path does.
        backup = xml_safe(Path(path).read_text(encoding="utf-8"))
        with files_kept_only_if_committed() as written:  # all or nothing, files too
            try:
                restore(backup)
            except SAXParseException as error:
                raise CommandError(f"{path} is not a readable backup: {error}") from None
            restore_evidence(Path(path).with_suffix(".evidence"), written)
        self.stdout.write(f"Restored {path}: {Review.objects.count()} reviews, {len(written)} evidence files.")


def restore_evidence(folder, written):
    """Put each stored file's bytes back in the evidence storage under its own name, checking its SHA-256."""
    storage = evidence_storage()
    for stored in StoredFile.objects.order_by("pk"):
        source = folder / stored.stored_as
        if not source.is_file():
            raise CommandError(f"the backup's evidence folder {folder} lacks {stored.stored_as} ({stored.name})")
        data = source.read_bytes()
        if hashlib.sha256(data).hexdigest() != stored.sha256:
            raise CommandError(f"{source} ({stored.name}) does not match its SHA-256: the backup is damaged")
        if storage.exists(stored.stored_as):
            raise CommandError(f"the evidence storage already holds {stored.stored_as}: restore into a new instance")
        saved = storage.save(stored.stored_as, ContentFile(data))
        written.append(saved)
        if saved != stored.stored_as:
            raise CommandError(f"the evidence storage renamed {stored.stored_as} to {saved}")


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
