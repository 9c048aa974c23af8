"""Where evidence files are kept: `STORAGES["evidence"]`, each under a random name, never copied or changed.

A file is stored only for a row that commits: `files_kept_only_if_committed` removes what a failed write stored.
"""

import hashlib
import secrets
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction

from objectives.files.uploads import Refused, check_upload, clean_name, with_extension
from objectives.models import StoredFile

NOT_STORED = "The server could not store the file (its disk may be full), so nothing was added. Try again later."


def evidence_storage():
    return storages["evidence"]


def checked_upload(upload):
    """Check an upload, (bytes, name), before any lock is taken: its type, a zip bomb, a virus (a scan may take
    seconds). Return (bytes, its cleaned name, its FileType), or None for no upload; raise Refused if not accepted."""
    if not upload:
        return None
    data, name = upload
    name = clean_name(name)
    return data, name, check_upload(data, name)


def store_file(checked, *, by):
    """Keep a checked upload (`checked_upload`) under a random name; return its StoredFile.

    Raise Refused, storing nothing, if it cannot be stored.
    """
    data, name, file_type = checked
    try:
        stored_as = evidence_storage().save(secrets.token_hex(16), ContentFile(data))
    except OSError:
        raise Refused(NOT_STORED) from None
    try:
        return StoredFile.objects.create(
            stored_as=stored_as,
            name=with_extension(name, file_type),
            content_type=file_type.content_type,
            kind=file_type.kind,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=by,
        )
    except BaseException:
        evidence_storage().delete(stored_as)
        raise


@contextmanager
def files_kept_only_if_committed():
    """Run a write in a transaction; if it fails, remove the files it stored, which no row will name."""
    stored = []
    try:
        with transaction.atomic():
            yield stored
    except BaseException:
        for name in stored:
            evidence_storage().delete(name)
        raise
