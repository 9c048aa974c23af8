"""What the probe got past the evidence checks: a zip bomb whose sizes were patched, a bomb inside a zip inside an
Office file, a macro-enabled Word file with a decoy content type, and markup after the first line, after 64 KB or
in UTF-7 in what is called text."""

import io
import struct
import zipfile

import pytest

from objectives.files.uploads import DOCX, TEXT, Refused, sniff
from tests import evidence_files as files

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def types(*overrides, extra=""):
    body = "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="xml" ContentType="application/xml"/>{extra}{body}</Types>'
    )


def zeros_zip(megabytes, *, name="word/document.xml", tail=b"", word=True):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        if word:
            package.writestr("[Content_Types].xml", types(("/word/document.xml", WORD_MAIN)))
        with package.open(name, "w") as part:
            for _ in range(megabytes):
                part.write(b"\0" * (1024 * 1024))
            part.write(tail)
    return out.getvalue()


def with_declared_size(data, name, size):
    """Patch the zip's local header and central directory to declare `size` bytes for `name`, as an attacker does."""
    data = bytearray(data)
    encoded = name.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(encoded)] == encoded:
                data[start + offset : start + offset + 4] = struct.pack("<I", size)
            start += 4
    return bytes(data)


def test_a_bomb_whose_zip_declares_small_sizes_is_refused():
    bomb = with_declared_size(zeros_zip(250), "word/document.xml", 1000)
    assert sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) < 2000
    with pytest.raises(Refused, match="damaged or unreadable zip file|would unpack to more than"):
        sniff(bomb, "strategy.docx")


def test_a_bomb_in_a_zip_inside_a_word_file_is_counted_and_refused():
    inner = zeros_zip(250, name="xl/worksheets/sheet1.xml", word=False)
    document = io.BytesIO(files.docx_bytes())
    with zipfile.ZipFile(document, "a") as package:
        package.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", inner, compress_type=zipfile.ZIP_STORED)
    with pytest.raises(Refused, match="would unpack to more than 200 MB"):
        sniff(document.getvalue(), "strategy.docx")


def test_zips_nested_deeper_than_three_are_refused_and_a_word_file_with_a_sheet_is_not():
    nested = files.xlsx_bytes()
    for depth in range(3):
        nested = files.zip_bytes(
            {"[Content_Types].xml": types(("/word/document.xml", WORD_MAIN)), f"in{depth}.zip": nested}
        )
    with pytest.raises(Refused, match="zip files inside zip files more than 3 deep"):
        sniff(nested, "deep.docx")
    document = io.BytesIO(files.docx_bytes())
    with zipfile.ZipFile(document, "a") as package:
        package.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", files.xlsx_bytes())
    assert sniff(document.getvalue(), "with-a-sheet.docx") == DOCX


@pytest.mark.parametrize(
    "content_types",
    [
        types(("/word/document.xml", MACRO_MAIN), extra=f"<!-- {WORD_MAIN} -->"),
        types(("/word/document.xml", MACRO_MAIN), ("/decoy.xml", WORD_MAIN)),
        types(("/word/document.xml", WORD_MAIN), ("/word/vbaProject.bin", "application/vnd.ms-office.vbaProject")),
    ],
    ids=["decoy in a comment", "decoy part", "a macro project"],
)
def test_a_macro_enabled_word_file_with_a_decoy_content_type_is_refused(content_types):
    docm = files.zip_bytes(
        {"[Content_Types].xml": content_types, "word/document.xml": "<w:document/>", "word/vbaProject.bin": "VBA"}
    )
    with pytest.raises(Refused, match="macro-enabled Office file"):
        sniff(docm, "strategy.docx")


def test_a_content_types_part_that_is_no_xml_or_has_a_dtd_is_refused():
    for broken in [f"<Types>{WORD_MAIN}", f'<!DOCTYPE Types [<!ENTITY x "{WORD_MAIN}">]>{types()}']:
        with pytest.raises(Refused):
            sniff(files.zip_bytes({"[Content_Types].xml": broken, "word/document.xml": "x"}), "strategy.docx")


@pytest.mark.parametrize(
    "text",
    [
        b"Training notes\n<img src=x onerror=alert(1)>\n",
        b"Notes\n\n<a href='javascript:alert(1)'>minutes</a>",
        b"a" * 70_000 + b"\n<script>alert(1)</script>\n",
        b"Minutes +ADw-script+AD4-alert(1)+ADw-/script+AD4-",
        b"Spend,Supplier\n100,<b>Acme</b>\n",
    ],
    ids=["tag on line 2", "link", "after 64 KB", "UTF-7", "in a CSV cell"],
)
def test_markup_anywhere_in_text_is_refused(text):
    with pytest.raises(Refused, match="web page or markup"):
        sniff(text, "notes.txt")


def test_text_that_merely_compares_is_plain_text():
    assert sniff(b"Savings were < 5% where spend > 3m.\nA <-> B\n", "notes.txt") == TEXT
