"""The one rule for a program a test needs that may be missing: under CI (CI=true) the test fails, anywhere else
it skips, saying how to install it. `.ci/run` installs every one of them."""

import os
import re
import shutil
import subprocess

import pytest

CHROMIUM = "apt-get install chromium, or set CHROMIUM=/path"
LIBREOFFICE = "apt-get install --no-install-recommends libreoffice-writer-nogui"
CLAMAV = "apt-get install --no-install-recommends clamav-daemon"
POPPLER = "apt-get install poppler-utils"


def require_tool(name, hint, *, also=()):
    """Return the path of `name` (or of the first of `also`, names or absolute paths, found); fail or skip without."""
    for candidate in (name, *also):
        found = candidate if os.path.isabs(candidate) and os.access(candidate, os.X_OK) else shutil.which(candidate)
        if found:
            return found
    missing = f"{name} is not installed ({hint})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {missing}: .ci/run installs it", pytrace=False)
    pytest.skip(missing)


def pdf_pages(path):
    """Return the text of each page of a PDF, as pdftotext reads it in the order drawn ("-raw")."""
    pdftotext = require_tool("pdftotext", POPPLER)
    text = subprocess.run([pdftotext, "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def pdf_text(content, folder):
    """Return the whole text of a PDF's bytes as pdftotext reads it, with no white space: for "is it in the file"."""
    path = folder / "read.pdf"
    path.write_bytes(content)
    pdftotext = require_tool("pdftotext", POPPLER)
    found = subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", found.stdout)


def libreoffice_pages(paths, folder):
    """Convert .docx files to PDF with LibreOffice in one run, with a profile of its own in `folder`; return
    {file stem: the text of each page}, LibreOffice's reading of each Word file."""
    soffice = require_tool("soffice", LIBREOFFICE, also=["libreoffice"])
    out = folder / "pdf"
    command = [soffice, f"-env:UserInstallation=file://{folder}/lo", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(out), *map(str, paths)], check=True, capture_output=True, timeout=180)
    return {path.stem: pdf_pages(out / f"{path.stem}.pdf") for path in paths}
