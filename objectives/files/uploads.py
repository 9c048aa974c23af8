"""Check an evidence file before it is stored: what it is (by its content, never its name or the browser's word),
that it is no zip bomb, and, when a ClamAV daemon is configured, that it carries no known virus.

`check_upload(data, name)` returns the `FileType` found, or raises `Refused` with a message for the person
uploading. Stored files are only ever downloaded as attachments (`evidence_views.download`), so even a file
that passed as text cannot run in the browser; markup is refused all the same.
"""

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

from objectives.files import clamd


class Refused(Exception):
    """The file is not accepted: the message says why, in words for the person uploading it."""


@dataclass(frozen=True)
class FileType:
    kind: str  # as people read it
    content_type: str
    extension: str


PDF = FileType("PDF", "application/pdf", ".pdf")
PNG = FileType("PNG image", "image/png", ".png")
JPEG = FileType("JPEG image", "image/jpeg", ".jpg")
DOC = FileType("Word", "application/msword", ".doc")
XLS = FileType("Excel", "application/vnd.ms-excel", ".xls")
PPT = FileType("PowerPoint", "application/vnd.ms-powerpoint", ".ppt")
OOXML = "application/vnd.openxmlformats-officedocument."
DOCX = FileType("Word", OOXML + "wordprocessingml.document", ".docx")
XLSX = FileType("Excel", OOXML + "spreadsheetml.sheet", ".xlsx")
PPTX = FileType("PowerPoint", OOXML + "presentationml.presentation", ".pptx")
ODF = "application/vnd.oasis.opendocument."
ODT = FileType("OpenDocument text", ODF + "text", ".odt")
ODS = FileType("OpenDocument spreadsheet", ODF + "spreadsheet", ".ods")
ODP = FileType("OpenDocument presentation", ODF + "presentation", ".odp")
CSV = FileType("CSV", "text/csv", ".csv")
TEXT = FileType("Plain text", "text/plain", ".txt")

ACCEPTED = (
    "PDF, Word (.docx, .doc), Excel (.xlsx, .xls), PowerPoint (.pptx, .ppt), OpenDocument (.odt, .ods, .odp), "
    "CSV, plain text, PNG and JPEG"
)
# The main part of an Office Open XML package, as its [Content_Types].xml names it. Macro-enabled ones are refused.
OOXML_MAIN = {
    OOXML + "wordprocessingml.document.main+xml": DOCX,
    OOXML + "spreadsheetml.sheet.main+xml": XLSX,
    OOXML + "presentationml.presentation.main+xml": PPTX,
}
ODF_TYPES = {t.content_type.encode(): t for t in (ODT, ODS, ODP)}
# A legacy Office file (OLE2) names its main stream in its directory, in UTF-16.
OLE2_STREAMS = [("WordDocument", DOC), ("Workbook", XLS), ("Book", XLS), ("PowerPoint Document", PPT)]

# Zip bomb guard: an Office or OpenDocument file of 20 MB holds nowhere near this much, or this many parts, or zips
# inside zips (an Excel sheet in a Word file) this deep. What is counted is what really unpacks, never what the zip
# declares; and when a virus scanner is configured, the guard stays below what it scans (`clamd.limits`), since
# ClamAV passes a part larger than its MaxFileSize, or beyond its MaxScanSize, without looking at it.
ZIP_MAX_MEMBERS = 5000
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_DEPTH = 3
ZIP_PART_READ_LIMIT = 1024 * 1024  # [Content_Types].xml, mimetype: small parts, read no further than this
UNPACK_CHUNK = 1024 * 1024
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# A tag, a comment, a processing instruction or a doctype: "<b>", "</p", "<img src", "<!--", "<?xml". "x < 5" is none.
TAG = re.compile(r"<\s*/?\s*[a-z!?][a-z0-9:-]*(?:[\s/>]|$)", re.I | re.M)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def not_accepted(name, what):
    return Refused(f"{name} is not accepted: {what}. Accepted: {ACCEPTED}.")


def clean_name(name):
    """Return the file's own name, without any folder, control character or leading dot; "upload" if none is left."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/")
    name = PurePosixPath(name).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    return name[:200] or "upload"


def with_extension(name, file_type):
    """Return the name a file is downloaded under: its own, ending in its type's extension."""
    extensions = {file_type.extension, ".jpeg"} if file_type is JPEG else {file_type.extension}
    if PurePosixPath(name).suffix.lower() in extensions:
        return name
    return f"{name}{file_type.extension}"


def sniff(data, name):
    """Return the FileType of these bytes, judged by their content; raise Refused if it is none accepted."""
    if not data:
        raise Refused(f"{name} is empty.")
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole2(data, name)
    if data.startswith(b"PK\x03\x04"):
        return _package(data, name)
    return _text(data, name)


def _ole2(data, name):
    for stream, file_type in OLE2_STREAMS:
        if (stream + "\0").encode("utf-16-le") in data:
            return file_type
    raise not_accepted(name, "it is an old-style Office file, but not a Word, Excel or PowerPoint one")


def _package(data, name):
    """Return the Office or OpenDocument type of a zip file; refuse any other zip, macro-enabled Office files and
    zip bombs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_unpacked(package, name, _zip_limits(len(data)))
            names = {member.filename: member for member in package.infolist()}
            if "mimetype" in names:
                found = ODF_TYPES.get(_read_part(package, names["mimetype"]).strip())
                if found:
                    return found
            if "[Content_Types].xml" in names:
                found = _ooxml_type(_read_part(package, names["[Content_Types].xml"]), name)
                if found:
                    return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, OSError):
        raise not_accepted(name, "it is a damaged or unreadable zip file") from None
    raise not_accepted(name, "it is a zip file, but no Word, Excel, PowerPoint or OpenDocument file")


@dataclass
class _Budget:
    total: int  # bytes all parts may unpack to, nested ones too
    part: int  # bytes one part may unpack to
    depth: int
    members: int


def _zip_limits(size):
    """Return the guard's budget: ours, and below the virus scanner's limits when one is configured."""
    budget = _Budget(ZIP_MAX_UNCOMPRESSED, ZIP_MAX_UNCOMPRESSED, ZIP_MAX_DEPTH, ZIP_MAX_MEMBERS)
    if clamd.configured():
        scanner = clamd.limits()
        budget.part = min(budget.part, scanner.max_file_size - 1)
        # clamd counts the file itself and everything unpacked from it towards its MaxScanSize.
        budget.total = min(budget.total, scanner.max_scan_size - size - 1)
        budget.depth = min(budget.depth, scanner.max_recursion - 1)
        budget.members = min(budget.members, scanner.max_files)
    return budget


def _check_unpacked(package, name, budget, depth=1):
    """Unpack every part (reading, keeping nothing but nested zips), counting the bytes that really come out;
    raise Refused past a limit. A part that unpacks to more than the zip says fails its CRC: BadZipFile."""
    if depth > budget.depth:
        raise Refused(f"{name} is refused: it holds zip files inside zip files more than {budget.depth} deep.")
    members = package.infolist()
    budget.members -= len(members)
    if budget.members < 0:
        raise Refused(f"{name} is refused: it holds more than {ZIP_MAX_MEMBERS:,} parts.")
    for member in members:
        size, nested = 0, None
        with package.open(member) as part:
            while chunk := part.read(UNPACK_CHUNK):
                if size == 0 and chunk.startswith(b"PK\x03\x04"):
                    nested = []  # a zip inside: kept, to look inside it too
                size += len(chunk)
                budget.total -= len(chunk)
                if budget.total < 0:
                    raise Refused(f"{name} is refused: it would unpack to more than {_megabytes()} (a zip bomb?).")
                if size > budget.part:
                    raise Refused(
                        f"{name} is refused: its part {member.filename[:100]} unpacks to more than "
                        f"{budget.part // (1024 * 1024)} MB, more than the virus scanner reads."
                    )
                if nested is not None:
                    nested.append(chunk)
        if nested:
            with zipfile.ZipFile(io.BytesIO(b"".join(nested))) as inner:
                _check_unpacked(inner, name, budget, depth + 1)


def _read_part(package, member):
    if member.file_size > ZIP_PART_READ_LIMIT:
        raise zipfile.BadZipFile("part too large")
    with package.open(member) as part:
        return part.read(ZIP_PART_READ_LIMIT + 1)[:ZIP_PART_READ_LIMIT]


def _megabytes():
    limit = ZIP_MAX_UNCOMPRESSED
    if clamd.configured():
        limit = min(limit, clamd.limits().max_scan_size)
    return f"{limit // (1024 * 1024)} MB"


def _ooxml_type(types, name):
    """Return the Office Open XML type that [Content_Types].xml (parsed as XML) gives the package's main part, or
    None; refuse a macro-enabled one (.docm, .xlsm, .pptm), whatever else the file says."""
    if b"<!DOCTYPE" in types.upper() or b"<!ENTITY" in types.upper():
        raise zipfile.BadZipFile("a DTD in [Content_Types].xml")  # never in Office's own: no entity tricks
    try:
        root = ElementTree.fromstring(types)
    except ElementTree.ParseError:
        raise zipfile.BadZipFile("unreadable [Content_Types].xml") from None
    if root.tag != f"{CONTENT_TYPES}Types":
        return None
    declared = [
        element.get("ContentType", "").strip().lower()
        for element in root
        if element.tag in (f"{CONTENT_TYPES}Override", f"{CONTENT_TYPES}Default")
    ]
    if any("macroenabled" in kind or "vbaproject" in kind for kind in declared):
        raise not_accepted(name, "it is a macro-enabled Office file (.docm, .xlsm, .pptm), which could run code")
    mains = {OOXML_MAIN[kind] for kind in declared if kind in OOXML_MAIN}
    return mains.pop() if len(mains) == 1 else None


def _text(data, name):
    """Return CSV or plain text for text in UTF-8 or Windows-1252; refuse binary data, and markup (HTML, SVG, XML, a
    tag of any kind) anywhere in it, in UTF-7 too, which a browser may be tricked into reading it as."""
    if b"\x00" in data:
        raise not_accepted(name, "its content is of no type accepted")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise not_accepted(name, "its content is of no type accepted") from None
    if CONTROL.search(text):
        raise not_accepted(name, "its content is of no type accepted")
    if any(TAG.search(each) for each in (text, _as_utf7(text))):
        raise not_accepted(name, "it is a web page or markup (HTML, SVG or XML), which could carry script")
    return CSV if _is_csv(text) else TEXT


def _as_utf7(text):
    """Return the text as a UTF-7 reader would see it ("+ADw-script+AD4-" is "<script>"), or "" if it is not UTF-7."""
    if "+" not in text:
        return ""
    try:
        return text.encode("ascii").decode("utf-7")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return ""


def _is_csv(text):
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    if len(lines) < 2:
        return False
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t")
    except csv.Error:
        return False
    widths = {len(row) for row in csv.reader(lines, dialect)}
    return len(widths) == 1 and widths.pop() > 1


def check_upload(data, name):
    """Return the FileType of an upload that may be stored: sniffed, and scanned when a scanner is configured."""
    file_type = sniff(data, name)
    if clamd.configured():
        try:
            clamd.scan(data)
        except clamd.Infected as found:
            raise Refused(f"{name} is refused: the virus scanner found {found.signature} in it.") from None
        except clamd.NotScanned as partly:
            raise Refused(f"{name} could not be scanned whole for viruses, so it is not stored: {partly}.") from None
        except clamd.ScanFailed as failure:
            raise Refused(f"{name} could not be checked for viruses, so it is not stored: {failure}.") from None
    return file_type
