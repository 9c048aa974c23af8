"""Keep an uploaded file between its preview and its confirmation: on disk, under a random name, for its uploader.

The page's address carries a signed, expiring key; the file itself never leaves the server, so what is
confirmed is what was previewed, read again against the database as it is then.
"""

import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.http import Http404


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


def store(data, *, name, user):
    """Keep the file for this user and return the signed key that finds it again."""
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    purge()
    token = secrets.token_urlsafe(24)
    data_path, meta_path = _paths(token)
    data_path.write_bytes(data)
    meta_path.write_text(json.dumps({"name": name, "user": user.pk}))
    return _signer(user).sign(token)


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
    """Delete kept files older than SCORECARD_IMPORT_MAX_AGE: previews that were never confirmed."""
    cutoff = time.time() - settings.SCORECARD_IMPORT_MAX_AGE
    for path in _directory().glob("*.*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue
