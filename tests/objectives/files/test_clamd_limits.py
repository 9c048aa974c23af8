"""The zip guard and ClamAV's limits, against a real clamd: a signature past clamd's MaxFileSize inside a small Word
file is refused before it is stored, a file clamd reports it could not scan whole is refused, and the start-up check
reads clamd's configuration."""

import io
import zipfile

import pytest

from objectives import checks
from objectives.files import clamd
from objectives.files.uploads import Refused, check_upload
from tests import evidence_files as files
from tests.objectives.files.clamav import start_clamd

MARKER = b"scorecard-probe-test-body-signature"

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def word_file_with_a_part_of(megabytes, tail):
    """A Word file (its content types, a document part) whose document part is `megabytes` of spaces, then `tail`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr(
            "[Content_Types].xml", files.PPTX_TYPES.replace("presentationml.presentation", "wordprocessingml.document")
        )
        with package.open("word/document.xml", "w") as part:
            for _ in range(megabytes):
                part.write(b" " * (1024 * 1024))
            part.write(tail)
    return out.getvalue()


def daemon(tmp_path_factory, *lines):
    signatures = {"scorecard-probe.ndb": f"Scorecard.Probe:0:*:{MARKER.hex()}\n"}
    return start_clamd(tmp_path_factory.mktemp("clamd"), signatures, *lines)


@pytest.fixture(scope="module")
def default_limits(tmp_path_factory):
    """clamd with its own default limits (MaxFileSize 100M, MaxScanSize 400M)."""
    process, socket_path, config = daemon(tmp_path_factory)
    yield socket_path, config
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def small_limits(tmp_path_factory):
    """clamd that scans parts of 1 MB at most, and says so of a larger one (AlertExceedsMax)."""
    process, socket_path, config = daemon(tmp_path_factory, "MaxFileSize 1M", "MaxScanSize 4M", "AlertExceedsMax yes")
    yield socket_path, config
    process.terminate()
    process.wait(timeout=30)


def test_a_signature_past_clamds_max_file_size_in_a_small_word_file_is_refused(default_limits, settings):
    settings.SCORECARD_CLAMD_SOCKET, settings.SCORECARD_CLAMD_CONFIG = map(str, default_limits)
    infected = word_file_with_a_part_of(110, MARKER)
    assert len(infected) < 200 * 1024
    with pytest.raises(Refused, match="its part word/document.xml unpacks to more than 99 MB, more than the virus"):
        check_upload(infected, "strategy.docx")
    with pytest.raises(Refused, match="Scorecard.Probe"):  # the same signature within the limits is found
        check_upload(word_file_with_a_part_of(2, MARKER), "strategy.docx")


def test_the_guard_follows_the_limits_clamd_is_configured_with(small_limits, settings):
    settings.SCORECARD_CLAMD_SOCKET, settings.SCORECARD_CLAMD_CONFIG = map(str, small_limits)
    assert clamd.limits().max_file_size == 1024 * 1024 and clamd.limits().alert_exceeds_max
    with pytest.raises(Refused, match="unpacks to more than 0 MB|unpacks to more than 1 MB"):
        check_upload(word_file_with_a_part_of(2, b""), "strategy.docx")


def test_a_file_clamd_reports_it_could_not_scan_whole_is_refused(small_limits, settings, tmp_path):
    # The guard reads another configuration (ClamAV's defaults): only the scanner's own report can tell. ClamAV 1.4
    # reports the file itself past MaxFileSize, not a part inside a zip (it answers OK): hence the guard.
    settings.SCORECARD_CLAMD_SOCKET, settings.SCORECARD_CLAMD_CONFIG = str(small_limits[0]), str(tmp_path / "none")
    with pytest.raises(
        Refused,
        match="could not be scanned whole for viruses, so it is not stored: it passes the virus scanner's limit Max",
    ):
        check_upload(files.pdf_bytes().ljust(2 * 1024 * 1024, b" ") + MARKER, "record.pdf")


def test_the_start_up_check_reads_clamds_configuration(settings, tmp_path):
    settings.SCORECARD_CLAMD_SOCKET = str(tmp_path / "clamd.sock")
    config = tmp_path / "clamd.conf"
    config.write_text("# Debian's\nStreamMaxLength 10M\nMaxFileSize 25M\n")
    settings.SCORECARD_CLAMD_CONFIG, settings.SCORECARD_EVIDENCE_MAX_BYTES = str(config), 20 * 1024 * 1024
    assert {found.id for found in checks.scanner_limits_fit()} == {"objectives.E001", "objectives.W005"}
    config2 = tmp_path / "clamd2.conf"
    config2.write_text("StreamMaxLength 25M\nAlertExceedsMax yes\n")
    settings.SCORECARD_CLAMD_CONFIG = str(config2)
    assert checks.scanner_limits_fit() == []
    settings.SCORECARD_CLAMD_CONFIG = str(tmp_path / "missing.conf")
    assert "objectives.W004" in {found.id for found in checks.scanner_limits_fit()}
    settings.SCORECARD_CLAMD_SOCKET = None
    assert checks.scanner_limits_fit() == []
