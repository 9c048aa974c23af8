"""Scan a file with a ClamAV daemon (`clamd`) over its INSTREAM protocol, on a unix socket or TCP.

The daemon is named by SCORECARD_CLAMD_SOCKET, or SCORECARD_CLAMD_HOST and SCORECARD_CLAMD_PORT; with none set,
nothing is scanned. With one set, scanning fails closed: a file that is infected, or that cannot be scanned
(the daemon down, too slow, or answering an error), is refused.
"""

import socket
import struct

from django.conf import settings

CHUNK = 64 * 1024


class ScanFailed(Exception):
    """The daemon could not scan the file (down, too slow, an error): the file must not be stored."""


class Infected(Exception):
    def __init__(self, signature):
        self.signature = signature
        super().__init__(signature)


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
        raise Infected(answer.removeprefix("stream:").removesuffix("FOUND").strip())
    if answer != "stream: OK":
        raise ScanFailed(f"the virus scanner answered {answer or 'nothing'!r}")
