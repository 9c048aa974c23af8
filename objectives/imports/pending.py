"""Keep an uploaded file between its preview and its confirmation: on disk, under a random name, for its uploader.

The page's address carries a signed, expiring key; the file itself never leaves the server, so what is
confirmed is what was previewed, read again against the database as it is then. The folder is this instance's
own (SCORECARD_IMPORT_DIR, mode 0700, each file 0600); a person keeps at most SCORECARD_IMPORT_PENDING_PER_USER
uploads waiting, the oldest going first; `manage.py purge_uploads` removes those past SCORECARD_IMPORT_MAX_AGE.
"""

import contextlib
import datetime
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.http import Http404

from objectives.imports.reading import read_upload
from objectives.imports.table import Row, Table


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
    """Return the upload's files: its bytes, who and what it is, and the table read from it (once read)."""
    directory = _directory()
    return directory / f"{token}.upload", directory / f"{token}.json", directory / f"{token}.table"


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
    data_path, meta_path, _table = _paths(token)
    try:
        meta = json.loads(meta_path.read_text())
        data = data_path.read_bytes()
    except (OSError, ValueError):
        raise Http404("This upload has already been imported or has expired: upload the file again.") from None
    if meta.get("user") != user.pk:
        raise Http404("This upload is not yours.")
    return Upload(token=token, name=meta["name"], data=data)


def read(upload):
    """Return the table of the upload: read from its bytes the first time (`read_upload`, which may raise
    FileRefused), and kept beside it, so that each preview and the confirmation do not parse the file again."""
    kept = _paths(upload.token)[2]
    try:
        return _table_from(json.loads(kept.read_text()))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    table = read_upload(upload.data, upload.name)
    encoded = _table_to(table)
    if encoded is not None:
        with contextlib.suppress(OSError):  # not kept: read again next time, slower, no different
            _write_private(kept, json.dumps(encoded).encode())
    return table


# The cells a table holds that JSON has no type for, kept as (tag, ISO text).
TEMPORAL = {"datetime": datetime.datetime, "date": datetime.date, "time": datetime.time}


def _cell_to(cell):
    if cell is None or isinstance(cell, (str, bool, int, float)):
        return cell
    for tag, kind in TEMPORAL.items():
        if type(cell) is kind:
            return {"t": tag, "v": cell.isoformat()}
    raise TypeError(f"no JSON for {type(cell).__name__}")


def _cell_from(cell):
    return TEMPORAL[cell["t"]].fromisoformat(cell["v"]) if isinstance(cell, dict) else cell


def _table_to(table):
    """Return the table as JSON values, or None if a cell is of a type that JSON does not keep."""
    try:
        rows = [[row.number, [_cell_to(cell) for cell in row.cells]] for row in table.rows]
        headers = [_cell_to(cell) for cell in table.headers]
    except TypeError:
        return None
    fields = ("name", "kind", "description", "row_label", "escaped")
    return {**{name: getattr(table, name) for name in fields}, "headers": headers, "rows": rows}


def _table_from(kept):
    rows = [Row(number, [_cell_from(cell) for cell in cells]) for number, cells in kept.pop("rows")]
    headers = [_cell_from(cell) for cell in kept.pop("headers")]
    return Table(**kept, headers=headers, rows=rows)


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
