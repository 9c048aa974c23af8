"""Read the committee document format: a scorecard table pasted as text, as councils keep it today.

    Procurement Strategy Objectives          (an optional title)
    Continued Objectives                     (a section: "Continued Objectives" or "New Objectives")
    Engaging Councillors<TAB><TAB>...        (a key-area heading)
    #<TAB>Objective<TAB>Description<TAB>2021 Score<TAB>2021 Comments and Action   (a header row naming the year)
    3<TAB>Councillor Development<TAB>The extent to which ...<TAB>2<TAB><p>Comments: ...</p> <p>Action(s): ...</p>

The document becomes a table like any spreadsheet's, one row per objective with its year, number, title,
description, key area, score, section and the comments and actions split apart; the plan reads it from there.
Only the layout is checked here: what the cells mean is the plan's business.
"""

import re

from objectives.imports.table import FileRefused, Table, decode, fill
from objectives.rules.text import html_blocks, join_blocks

COLUMNS = ("#", "Objective", "Description", "Score", "Comments and Action(s)")
HEADERS = ["year", "objective", "title", "description", "key area", "score", "continued or new", "comments", "actions"]
SECTION = re.compile(r"^(?P<origin>continued|new)\s+objectives$", re.IGNORECASE)
SECTION_LINE = re.compile(r"^\s*(continued|new)\s+objectives\s*$", re.IGNORECASE | re.MULTILINE)
HEADER_YEAR = re.compile(r"\b(?P<year>(19|20)\d\d)\s+(score|comments?)", re.IGNORECASE)
NUMBER = re.compile(r"[0-9]{1,9}")
LABEL = re.compile(
    r"^(?P<label>comments?(\s*(and|&|/)\s*actions?(\(s\))?)?|actions?(\(s\))?|progress)\s*:\s*",
    re.IGNORECASE,
)


def split_comments(cell):
    """Split a comments cell into (comments, actions), dropping the "Comments:" and "Action(s):" labels.

    Paragraphs before any label, and a combined "Comment and action:" paragraph, are comments; a paragraph
    without a label belongs with the one before it. Every word is kept.
    """
    parts = {"comments": [], "actions": []}
    current = "comments"
    for prefix, text in html_blocks(cell):
        match = LABEL.match(text) if not prefix else None
        if match:
            label = match["label"].lower()
            current = "actions" if label.startswith("action") else "comments"
            text = text[match.end() :].strip()
            if not text:
                continue
        parts[current].append((prefix, text))
    return join_blocks(parts["comments"]), join_blocks(parts["actions"])


def looks_like_document(text):
    """Tell whether text has the document's section headings ("Continued Objectives", "New Objectives")."""
    return SECTION_LINE.search(text) is not None


def read(data, name, *, year=None):
    """Return the document's bytes as a table, or raise FileRefused naming every line that is wrong."""
    return read_text(decode(data, name)[0], name, year=year)


def read_text(text, name, *, year=None):
    """Return the document as a table; a year given here stands for documents whose header rows name none."""
    parser = _Parser()
    for number, line in enumerate(text.splitlines(), start=1):
        parser.read_line(number, line)
    problems = parser.problems
    if not parser.rows and not problems:
        problems.append((None, "no objective rows found (a row starts with the objective's number)"))
    if parser.year is None and year is None:
        problems.append((None, 'no header row names the year (e.g. "#<TAB>Objective<TAB>Description<TAB>2021 Score")'))
    if problems:
        raise FileRefused(*(f"{name}, line {line}: {text}." if line else f"{name}: {text}." for line, text in problems))
    year = year or parser.year
    table = Table(name=name, kind="document", description="committee document", headers=HEADERS, row_label="line")
    return fill(table, ((line, [year, *cells]) for line, cells in parser.rows))


class _Parser:
    """Read the document line by line, keeping the section and key-area heading each row is under."""

    def __init__(self):
        self.year = None
        self.rows = []  # (line, [number, title, description, key area, score, origin, comments, actions])
        self.problems = []  # (line or None, what is wrong)
        self.origin = self.key_area = None
        self.seen_content = False
        self.first_seen = {}  # objective number -> (line, key area)

    def read_line(self, number, line):
        if not line.strip():
            return
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > 1 and cells[-1] == "":
            cells.pop()
        first = cells[0]
        section = SECTION.match(line.strip())
        if section:
            self.origin, self.key_area = section["origin"].lower(), None
        elif first == "#":
            self._read_header(number, cells)
        elif NUMBER.fullmatch(first):
            self._read_row(number, cells)
        elif len(cells) == 1 and self.origin is not None:
            self.key_area = first
        elif len(cells) > 1 or self.seen_content:  # a single cell before any content is the document's title
            self.problems.append(
                (
                    number,
                    f"cannot place {_preview(line)}: it is not a section, key-area heading, header row or "
                    "objective row",
                )
            )
        self.seen_content = True

    def _read_header(self, number, cells):
        for cell in cells:
            found = HEADER_YEAR.search(cell)
            if found:
                named = int(found["year"])
                if self.year is not None and self.year != named:
                    self.problems.append((number, f"header names the year {named}, but earlier {self.year}"))
                self.year = named

    def _read_row(self, number, cells):
        problem = self._layout_problem(cells)
        if problem:
            self.problems.append((number, problem))
            return
        objective, title, description, score, comments = cells
        objective = int(objective)
        earlier = self.first_seen.setdefault(objective, (number, self.key_area))
        if earlier[0] != number and earlier[1].lower() != self.key_area.lower():
            self.problems.append(
                (
                    number,
                    f"objective #{objective} is under the key area {self.key_area!r}, but line {earlier[0]} put it "
                    f"under {earlier[1]!r}",
                )
            )
        elif earlier[0] != number:
            self.problems.append((number, f"objective #{objective} appears again (first on line {earlier[0]})"))
        else:
            comments_text, actions_text = split_comments(comments)
            cells = [objective, title, description, self.key_area, score, self.origin, comments_text, actions_text]
            self.rows.append((number, cells))

    def _layout_problem(self, cells):
        if self.origin is None:
            return "objective row before any section (Continued or New Objectives)"
        if self.key_area is None:
            return "objective row before any key-area heading in its section"
        if len(cells) != len(COLUMNS):
            missing = ", ".join(COLUMNS[len(cells) :]) if len(cells) < len(COLUMNS) else ""
            detail = f" (missing: {missing})" if missing else ""
            return f"expected {len(COLUMNS)} cells separated by tabs, found {len(cells)}{detail}"
        for name, value in (("Objective", cells[1]), ("Description", cells[2])):
            if not value:
                return f"the {name} cell is empty"
        return None


def _preview(line):
    text = " ".join(line.split())
    return repr(text if len(text) <= 60 else text[:57] + "...")
