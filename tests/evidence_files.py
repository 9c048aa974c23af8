"""Files of every accepted type, and hostile ones, made here for the evidence tests.

Word and Excel files come from python-docx and openpyxl, the PDF from WeasyPrint, images from Pillow, and a
Word 97 file and an OpenDocument text from LibreOffice, when the test runs (without LibreOffice that test fails
under CI=true and skips elsewhere, tests/tools.py). PowerPoint, the other OpenDocument
packages and old-style Excel and PowerPoint are built by hand with the parts that name their type (the parts a
reader looks at first), since no library here writes them.
"""

import atexit
import io
import shutil
import subprocess
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from docx import Document
from openpyxl import Workbook
from PIL import Image

from tests.tools import LIBREOFFICE, require_tool

PPTX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/ppt/presentation.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>'
)


@cache
def pdf_bytes():
    from weasyprint import HTML

    return HTML(string="<h1>Contract management training record 2021</h1>").write_pdf()


def docx_bytes(text="Procurement strategy 2021"):
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes():
    workbook = Workbook()
    workbook.active.append(["Contract", "Value"])
    workbook.active.append(["Highways maintenance", 1200000])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bytes(parts, *, first=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        if first:
            package.writestr(zipfile.ZipInfo(first[0]), first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def pptx_bytes():
    return zip_bytes({"[Content_Types].xml": PPTX_TYPES, "ppt/presentation.xml": "<p:presentation/>"})


def odf_bytes(kind):
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    return zip_bytes({"content.xml": "<office:document-content/>"}, first=("mimetype", mimetype))


def ole2_bytes(stream):
    """An old-style Office file's header and a directory entry naming its main stream, as such files begin."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    entry = (stream + "\0").encode("utf-16-le").ljust(64, b"\0")
    return header + b"\0" * 512 + entry + b"\0" * 448


def image_bytes(format_name):
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 94, 165)).save(out, format=format_name)
    return out.getvalue()


@cache
def libreoffice_bytes(extension):
    """Convert a small Word file with LibreOffice (`doc`, `odt`), in a folder and profile of this process's own."""
    soffice = require_tool("soffice", LIBREOFFICE, also=["libreoffice"])
    folder = Path(tempfile.mkdtemp(prefix=f"scorecard-evidence-lo-{extension}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    (folder / "source.docx").write_bytes(docx_bytes())
    subprocess.run(
        [soffice, "--headless", "--convert-to", extension, "--outdir", str(folder), str(folder / "source.docx")],
        env={"HOME": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=120,
        check=True,
    )
    return (folder / f"source.{extension}").read_bytes()


class LibreOfficeFile:
    """A file LibreOffice makes when a test calls it: at collection, where no test can skip, it is not needed."""

    def __init__(self, extension):
        self.extension = extension

    def __call__(self):
        return libreoffice_bytes(self.extension)

    def __str__(self):
        return f"LibreOffice .{self.extension}"


def contents(data):
    """Return the bytes of an `accepted_files()` entry's data, converting a LibreOffice one now."""
    return data() if callable(data) else data


def accepted_files():
    """Return (file name, bytes, content type the upload must find), one of every accepted type.

    The LibreOffice files are `LibreOfficeFile`s: `contents(data)` makes them."""
    files = [
        ("training-record.pdf", pdf_bytes(), "application/pdf"),
        ("strategy.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("register.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("briefing.pptx", pptx_bytes(), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("minutes.odt", odf_bytes("text"), "application/vnd.oasis.opendocument.text"),
        ("register.ods", odf_bytes("spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet"),
        ("briefing.odp", odf_bytes("presentation"), "application/vnd.oasis.opendocument.presentation"),
        ("old-policy.doc", ole2_bytes("WordDocument"), "application/msword"),
        ("old-register.xls", ole2_bytes("Workbook"), "application/vnd.ms-excel"),
        ("old-briefing.ppt", ole2_bytes("PowerPoint Document"), "application/vnd.ms-powerpoint"),
        (
            "contracts.csv",
            b"Contract,Supplier,Value\nHighways,Acme Ltd,1200000\nCleaning,Bright Co,80000\n",
            "text/csv",
        ),
        ("note.txt", "The committee noted the training plan on 3 March 2021 – caf\u00e9.\n".encode(), "text/plain"),
        ("chart.png", image_bytes("PNG"), "image/png"),
        ("photo.jpg", image_bytes("JPEG"), "image/jpeg"),
    ]
    for extension, content_type in [("doc", "application/msword"), ("odt", "application/vnd.oasis.opendocument.text")]:
        files.append((f"from-libreoffice.{extension}", LibreOfficeFile(extension), content_type))
    return files


HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.domain)</script></svg>"
)


def zip_bomb_as_docx(megabytes=250):
    """A zip named .docx whose one part unpacks to `megabytes` of zeros (about a thousandth of that, packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr(
            "[Content_Types].xml", PPTX_TYPES.replace("presentationml.presentation", "wordprocessingml.document")
        )
        with package.open("word/document.xml", "w") as part:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(zeros)
    return out.getvalue()
