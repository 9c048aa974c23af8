"""Scan a file with a ClamAV daemon (`clamd`) over its INSTREAM protocol, on a unix socket or TCP.

The daemon is named by SCORECARD_CLAMD_SOCKET, or SCORECARD_CLAMD_HOST and SCORECARD_CLAMD_PORT; with none set,
nothing is scanned. With one set, scanning fails closed: a file that is infected, or that cannot be scanned
(the daemon down, too slow, or answering an error), is refused.
"""

import re
import socket
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

CHUNK = 64 * 1024


class ScanFailed(Exception):
    """The daemon could not scan the file (down, too slow, an error): the file must not be stored."""


class NotScanned(ScanFailed):
    """The daemon scanned the file only in part: it passes its limits (AlertExceedsMax's Heuristics.Limits.Exceeded)."""


class Infected(Exception):
    def __init__(self, signature):
        self.signature = signature
        super().__init__(signature)


@dataclass(frozen=True)
class Limits:
    """What clamd scans (clamd.conf(5)): a part larger than `max_file_size`, anything beyond `max_scan_size` of a
    file and what unpacks from it, or nested deeper than `max_recursion`, it passes unscanned."""

    max_file_size: int = 100 * 1024 * 1024
    max_scan_size: int = 400 * 1024 * 1024
    max_recursion: int = 17
    max_files: int = 10000
    stream_max_length: int = 100 * 1024 * 1024
    alert_exceeds_max: bool = False
    source: str = "ClamAV's defaults"


UNITS = {"": 1, "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024}
SIZES = {"MaxFileSize": "max_file_size", "MaxScanSize": "max_scan_size", "StreamMaxLength": "stream_max_length"}
NUMBERS = {"MaxRecursion": "max_recursion", "MaxFiles": "max_files"}
UNLIMITED = 2**62  # clamd's 0: no limit (then ours alone apply)


def limits():
    """Return clamd's limits as its configuration file (SCORECARD_CLAMD_CONFIG) sets them, ClamAV's defaults for
    what it does not set, or all of them if it cannot be read (`checks` warns then)."""
    return _read_limits(str(settings.SCORECARD_CLAMD_CONFIG or ""))


@cache
def _read_limits(path):
    try:
        lines = Path(path).read_text().splitlines() if path else None
    except OSError:
        lines = None
    if lines is None:
        return Limits()
    found = {"source": path}
    for line in lines:
        match = re.match(r"\s*(\w+)\s+(\S+)", line)
        if not match or line.lstrip().startswith("#"):
            continue
        key, value = match.groups()
        if key in SIZES:
            number = re.fullmatch(r"(\d+)([KMG]?)", value.upper())
            if number:
                found[SIZES[key]] = int(number[1]) * UNITS[number[2]] or UNLIMITED
        elif key in NUMBERS and value.isdigit():
            found[NUMBERS[key]] = int(value) or UNLIMITED
        elif key == "AlertExceedsMax":
            found["alert_exceeds_max"] = value.lower() in ("yes", "true", "1")
    return Limits(**found)


def configured():
    return bool(settings.SCORECARD_CLAMD_SOCKET or settings.SCORECARD_CLAMD_HOST)


def _connect():
    timeout = settings.SCORECARD_CLAMD_TIMEOUT
    if settings.SCORECARD_CLAMD_SOCKET:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        connection.connect(str(settings.SCORECARD_CLAMD_SOCKET))
        return connection
    return socket.create_connection((settings.SCORECARD_CLAMD_HOST, settings.SCORECARD_CLAMD_PORT), timeout=timeout)


def _ask(command, payload=None):
    """Send one command (with a stream, for INSTREAM) and return the daemon's answer, NUL-terminated."""
    try:
        with _connect() as connection:
            connection.sendall(b"z" + command + b"\0")
            if payload is not None:
                for start in range(0, len(payload), CHUNK):
                    chunk = payload[start : start + CHUNK]
                    connection.sendall(struct.pack("!L", len(chunk)) + chunk)
                connection.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                received = connection.recv(4096)
                if not received:
                    break
                answer += received
    except OSError as error:
        raise ScanFailed(f"the virus scanner could not be reached ({error.strerror or error})") from error
    return answer.rstrip(b"\0").decode("utf-8", "replace").strip()


def ping():
    return _ask(b"PING") == "PONG"


def scan(data):
    """Scan these bytes; return None if clean, raise Infected with the signature's name, or ScanFailed."""
    answer = _ask(b"INSTREAM", data)
    if answer.endswith("FOUND"):
        signature = answer.removeprefix("stream:").removesuffix("FOUND").strip()
        if signature.startswith("Heuristics.Limits.Exceeded"):  # e.g. ...MaxFileSize: a part was not scanned
            raise NotScanned(f"it passes the virus scanner's limit {signature.rsplit('.', 1)[-1]}")
        raise Infected(signature)
    if answer != "stream: OK":
        raise ScanFailed(f"the virus scanner answered {answer or 'nothing'!r}")
