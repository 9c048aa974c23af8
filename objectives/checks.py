"""System checks (`manage.py check`, and every runserver or migrate) for what the scorecard's pages need."""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, storages

from objectives.files import clamd


def may_be_written(folder):
    """Return whether the folder, or the nearest of its parents that exists (it is made on first use), is writable."""
    existing = next((path for path in (folder, *folder.parents) if path.exists()), None)
    return existing is not None and existing.is_dir() and os.access(existing, os.W_OK | os.X_OK)


@checks.register()
def upload_folder_writable(app_configs=None, **kwargs):
    """Warn when the folder where uploads wait cannot be made or written: every import would be refused."""
    folder = Path(settings.SCORECARD_IMPORT_DIR)
    if may_be_written(folder):
        return []
    return [
        checks.Warning(
            f"The upload folder {folder} cannot be written, so every import will say the upload could not be stored.",
            hint="Set SCORECARD_IMPORT_DIR to a folder of this instance's own that its user may write.",
            id="objectives.W001",
        )
    ]


@checks.register()
def evidence_folder_writable(app_configs=None, **kwargs):
    """Warn when the evidence folder (of the default file storage) cannot be made or written: every upload fails."""
    storage = storages["evidence"]
    if not isinstance(storage, FileSystemStorage):
        return []  # another backend (django-storages) checks its own access
    folder = Path(storage.location)
    if may_be_written(folder):
        return []
    return [
        checks.Warning(
            f"The evidence folder {folder} cannot be written, so every evidence upload will be refused.",
            hint="Set SCORECARD_EVIDENCE_DIR to a folder of this instance's own that its user may write.",
            id="objectives.W002",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def evidence_is_scanned(app_configs=None, **kwargs):
    """Warn, for a deployment, when no virus scanner is set: evidence files are then stored unscanned."""
    if settings.DEBUG or settings.SCORECARD_CLAMD_SOCKET or settings.SCORECARD_CLAMD_HOST:
        return []
    return [
        checks.Warning(
            "No virus scanner is configured: evidence files are stored without being scanned.",
            hint="Run ClamAV's daemon (Debian: clamav-daemon) and set SCORECARD_CLAMD_SOCKET, or SCORECARD_CLAMD_HOST "
            "and SCORECARD_CLAMD_PORT.",
            id="objectives.W003",
        )
    ]


@checks.register()
def scanner_limits_fit(app_configs=None, **kwargs):
    """Check, when a virus scanner is configured, that clamd's limits (read from SCORECARD_CLAMD_CONFIG) fit the
    uploads: it must take a whole file as a stream, and it should say when a file passes its limits unscanned."""
    if not clamd.configured():
        return []
    limits = clamd.limits()
    found = []
    if limits.source != settings.SCORECARD_CLAMD_CONFIG:
        found.append(
            checks.Warning(
                f"clamd's configuration {settings.SCORECARD_CLAMD_CONFIG} cannot be read: the evidence zip guard "
                "assumes ClamAV's default limits (MaxFileSize 100M, MaxScanSize 400M, MaxRecursion 17).",
                hint="Set SCORECARD_CLAMD_CONFIG to the clamd.conf the daemon runs with, readable by this user.",
                id="objectives.W004",
            )
        )
    if limits.stream_max_length < settings.SCORECARD_EVIDENCE_MAX_BYTES:
        found.append(
            checks.Error(
                f"clamd's StreamMaxLength ({limits.stream_max_length:,} bytes, in {limits.source}) is below "
                f"SCORECARD_EVIDENCE_MAX_BYTES ({settings.SCORECARD_EVIDENCE_MAX_BYTES:,}): large files cannot be "
                "scanned, so they would all be refused.",
                hint="Raise StreamMaxLength in clamd.conf, or lower SCORECARD_EVIDENCE_MAX_BYTES.",
                id="objectives.E001",
            )
        )
    if not limits.alert_exceeds_max:
        found.append(
            checks.Warning(
                f"clamd does not report what passes its limits unscanned (AlertExceedsMax is off in {limits.source}).",
                hint="Set `AlertExceedsMax yes` in clamd.conf: a file clamd could not scan whole is then refused.",
                id="objectives.W005",
            )
        )
    return found
