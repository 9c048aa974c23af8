"""Keep an uploaded file between its preview and its confirmation: on disk, under a random name, for its uploader.

The page's address carries a signed, expiring key; the file itself never leaves the server, so what is
confirmed is what was previewed, read again against the database as it is then. The folder is this instance's
own (SCORECARD_IMPORT_DIR, mode 0700, each file 0600); a person keeps at most SCORECARD_IMPORT_PENDING_PER_USER
uploads waiting, the oldest going first; `manage.py purge_uploads` removes those past SCORECARD_IMPORT_MAX_AGE.
"""

import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.http import Http404


class NotStored(Exception):
    """The server could not keep the upload (a full disk, a folder it may not write): nothing was kept."""


@dataclass
class Upload:
    token: str
    name: str
    data: bytes


def _signer(user):
    return signing.TimestampSigner(salt=f"objectives.uploads.{user.pk}")


def _directory():
    return Path(settings.SCORECARD_IMPORT_DIR)


def _paths(token):
    directory = _directory()
    return directory / f"{token}.upload", directory / f"{token}.json"


def _write_private(path, data):
    """Write a new file that only this instance's user may read."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def store(data, *, name, user):
    """Keep the file for this user and return the signed key that finds it again; raise NotStored if it cannot."""
    directory = _directory()
    token = f"{user.pk}-{secrets.token_urlsafe(24)}"  # the uploader first, to count their uploads cheaply
    paths = _paths(token)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        purge()
        _make_room(user)
        _write_private(paths[0], data)
        _write_private(paths[1], json.dumps({"name": name, "user": user.pk}).encode())
    except OSError as error:
        for path in paths:
            path.unlink(missing_ok=True)
        raise NotStored(error.strerror or str(error)) from None
    return _signer(user).sign(token)


def _make_room(user):
    """Remove this user's oldest waiting uploads, so that with the new one they keep no more than the cap."""
    waiting = sorted(_directory().glob(f"{user.pk}-*.json"), key=lambda path: path.stat().st_mtime)
    for meta in waiting[: max(0, len(waiting) - settings.SCORECARD_IMPORT_PENDING_PER_USER + 1)]:
        for path in _paths(meta.stem):
            path.unlink(missing_ok=True)


def load(key, *, user):
    """Return the upload that the key names, if it is this user's and not expired; else raise Http404."""
    try:
        token = _signer(user).unsign(key, max_age=settings.SCORECARD_IMPORT_MAX_AGE)
    except signing.BadSignature:
        raise Http404("This upload has expired or is not yours: upload the file again.") from None
    data_path, meta_path = _paths(token)
    try:
        meta = json.loads(meta_path.read_text())
        data = data_path.read_bytes()
    except (OSError, ValueError):
        raise Http404("This upload has already been imported or has expired: upload the file again.") from None
    if meta.get("user") != user.pk:
        raise Http404("This upload is not yours.")
    return Upload(token=token, name=meta["name"], data=data)


def discard(upload):
    """Delete the kept file, once imported."""
    for path in _paths(upload.token):
        path.unlink(missing_ok=True)


def purge():
    """Delete kept files older than SCORECARD_IMPORT_MAX_AGE (previews never confirmed); return how many."""
    cutoff, removed = time.time() - settings.SCORECARD_IMPORT_MAX_AGE, 0
    if not _directory().exists():
        return 0
    for path in _directory().glob("*.*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += path.suffix == ".upload"
        except OSError:
            continue
    return removed
