"""A real clamd for tests, on a unix socket of its own, with only the test's own signatures (ClamAV cannot download
definitions here) and the configuration lines a test asks for."""

import socket
import subprocess
import time

from tests.tools import CLAMAV, require_tool


def start_clamd(folder, signatures, *lines):
    """Start clamd in `folder` with `signatures` ({file name: its lines}, e.g. a .hdb or .ndb file) and `lines` of
    clamd.conf; return (process, socket path, config path) once it answers PING. Fails under CI=true, and skips
    elsewhere, when clamd is not installed."""
    clamd = require_tool("clamd", CLAMAV, also=["/usr/sbin/clamd"])
    database = folder / "db"
    database.mkdir()
    for name, text in signatures.items():
        (database / name).write_text(text)
    socket_path, config = folder / "clamd.sock", folder / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                "Foreground yes",
                f"LocalSocket {socket_path}",
                f"DatabaseDirectory {database}",
                f"TemporaryDirectory {folder}",
                f"LogFile {folder / 'clamd.log'}",
                f"PidFile {folder / 'clamd.pid'}",
                "StreamMaxLength 25M",
                "MaxThreads 2",
                "Bytecode no",
                *lines,
                "",
            ]
        )
    )
    process = subprocess.Popen([clamd, "--config-file", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"clamd stopped: {process.stdout.read().decode()}")
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.settimeout(2)
                probe.connect(str(socket_path))
                probe.sendall(b"zPING\0")
                if probe.recv(16).startswith(b"PONG"):
                    return process, socket_path, config
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("clamd did not answer PING within 60 s")
