"""Comments and actions: stored as plain text, shown as paragraphs and lists.

The stored form is what an officer types in a textarea: paragraphs separated by blank lines, and lines
beginning "- ", "* " or "• " (bulleted) or "1. " (numbered) forming lists. Rendering escapes every character
first, so nothing typed or imported can run in a browser or break a PDF.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import mark_safe

BULLET = re.compile(r"^\s*[-*•]\s+")
NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
LISTS = (("bullets", BULLET), ("numbers", NUMBERED))


# The characters XML 1.0 cannot hold (outside its `Char` production), even as references: the C0 controls but tab
# and line ends, lone surrogates, U+FFFE and U+FFFF. The backup (XML), XLSX and Word files are XML inside.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text):
    """Return text without the characters XML cannot hold; nothing else changes.

    The one rule every path that stores text applies (forms by `XmlSafeForm`, the admin and restore by
    `xml_safe_fields`, imports by `normalise` and `formulas.strip_controls`), and the XLSX export too.
    """
    return NOT_XML.sub("", text)


def xml_safe_fields(instance):
    """Take the characters XML cannot hold out of every text field of a model instance, before it is saved."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(value, str) and NOT_XML.search(value):
            setattr(instance, field.attname, xml_safe(value))
    return instance


def normalise(text):
    """Return text as it is stored: Windows and old Mac line ends as newlines, no blank space around it, and
    nothing that XML cannot hold (`xml_safe`).

    Every writer goes through this (the edit form and the admin by `Assessment.clean`, imports by their text
    widget), so that a browser's CRLF never shows in the history as a change nobody made.
    """
    return xml_safe(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def one_line(text):
    """Return a short text (a reason) as it is stored: one line, single spaces, nothing XML cannot hold."""
    return " ".join(xml_safe(text or "").split())


def paragraphs(text):
    """Split stored text into its paragraphs (blocks separated by blank lines)."""
    text = normalise(text)
    return [block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]


@dataclass(frozen=True)
class Block:
    """A paragraph, or a list whose every line starts with its marker: the one reading of stored text."""

    kind: str  # "paragraph", "bullets" or "numbers"
    raw: tuple  # its lines as stored

    @property
    def lines(self):
        """Return its lines without the blank space around them; a list's keep their markers."""
        return [line.strip() for line in self.raw]

    @property
    def items(self):
        """Return a list's items without their markers ("- ", "1. "), which are not their words."""
        marker = {"bullets": BULLET, "numbers": NUMBERED}[self.kind]
        return [marker.sub("", line).strip() for line in self.raw]

    @property
    def text(self):
        return "\n".join(self.lines)


def blocks(text):
    """Return stored text's Blocks: a block that is not wholly a list stays one paragraph."""
    found = []
    for block in paragraphs(text):
        lines = tuple(block.split("\n"))
        kind = next((kind for kind, marker in LISTS if all(marker.match(line) for line in lines)), "paragraph")
        found.append(Block(kind, lines))
    return found


def items(text):
    """Split stored text into its paragraphs and list items, every word kept in order: one action each."""
    return [item for block in blocks(text) for item in (block.items if block.kind != "paragraph" else [block.text])]


def _html(block):
    if block.kind == "paragraph":
        return "<p>" + "<br>".join(escape(line) for line in block.lines) + "</p>"
    tag = "ul" if block.kind == "bullets" else "ol"
    return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + f"</{tag}>"


def render_text(text):
    """Return stored text as safe HTML paragraphs and lists."""
    return mark_safe("".join(_html(block) for block in blocks(text)))  # noqa: S308 (escaped above)


class _BlockCollector(HTMLParser):
    """Collect the text of an HTML fragment as paragraphs and list items."""

    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.current = []
        self.lists = []  # a stack of [tag, counter]
        self.prefix = ""

    def flush(self):
        text = re.sub(r"[ \t\f\v]+", " ", "".join(self.current)).strip()
        text = "\n".join(line.strip() for line in text.split("\n"))
        if text:
            self.blocks.append((self.prefix, text))
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self.flush()
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                self.prefix = f"{self.lists[-1][1]}. "
            else:
                self.prefix = "- "
        elif tag == "br":
            self.current.append("\n")
        elif tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data.replace("\n", " "))

    def close(self):
        super().close()
        self.flush()


def html_blocks(fragment):
    """Return an HTML fragment's paragraphs and list items as (prefix, text) pairs, every word kept.

    The prefix is "" for a paragraph, "- " for a bulleted item and "N. " for a numbered one.
    """
    collector = _BlockCollector()
    collector.feed(fragment)
    collector.close()
    return collector.blocks


def join_blocks(blocks):
    """Join (prefix, text) pairs back into stored text: list items on consecutive lines."""
    out = []
    for prefix, text in blocks:
        line = prefix + text
        if prefix and out and out[-1][0]:
            out[-1] = (prefix, out[-1][1] + "\n" + line)
        else:
            out.append((prefix, line))
    return "\n\n".join(text for _, text in out)
