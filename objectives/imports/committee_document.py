"""Read the committee document format: a scorecard table pasted as text, as councils keep it today.

    Procurement Strategy Objectives          (an optional title)
    Continued Objectives                     (a section: "Continued Objectives" or "New Objectives")
    Engaging Councillors<TAB><TAB>...        (a key-area heading)
    #<TAB>Objective<TAB>Description<TAB>2021 Score<TAB>2021 Comments and Action   (a header row naming the year)
    3<TAB>Councillor Development<TAB>The extent to which ...<TAB>2<TAB><p>Comments: ...</p> <p>Action(s): ...</p>

This module only reads: it turns the text into rows, or into errors that name the line. Placing the rows in the
catalogue and writing them is `objectives.seedimport`.
"""

import re
from dataclasses import dataclass, field

from objectives.text import html_blocks, join_blocks

COLUMNS = ("#", "Objective", "Description", "Score", "Comments and Action(s)")
SECTION = re.compile(r"^(?P<origin>continued|new)\s+objectives$", re.IGNORECASE)
HEADER_YEAR = re.compile(r"\b(?P<year>(19|20)\d\d)\s+(score|comments?)", re.IGNORECASE)
LABEL = re.compile(
    r"^(?P<label>comments?(\s*(and|&|/)\s*actions?(\(s\))?)?|actions?(\(s\))?|progress)\s*:\s*",
    re.IGNORECASE,
)


class SeedFormatError(Exception):
    """The file cannot be read as a scorecard; each problem names its line."""

    def __init__(self, problems, *, source="the file"):
        self.problems = list(problems)
        self.source = source
        super().__init__(self.message)

    @property
    def message(self):
        lines = [f"{self.source}: {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass
class SeedRow:
    line: int
    origin: str  # "continued" or "new", as Assessment.Origin
    key_area: str
    key_area_line: int
    number: int
    title: str
    description: str
    score: str  # as written; resolved against the framework's levels on import
    comments: str
    actions: str


@dataclass
class ParsedScorecard:
    year: int | None
    rows: list[SeedRow] = field(default_factory=list)


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


def decode(data, *, source="the file"):
    """Return the text of an uploaded or opened file, refusing what is not text."""
    if not data or not data.strip():
        raise SeedFormatError(["the file is empty"], source=source)
    if b"\x00" in data:
        raise SeedFormatError(["the file is binary, not text (it contains NUL bytes)"], source=source)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SeedFormatError(["the file is not text in UTF-8 or Windows-1252"], source=source)


def parse(text, *, source="the file", year=None):
    """Parse the document's text into rows; raise SeedFormatError listing every problem found.

    A year given here stands for documents whose header rows do not name one.
    """
    problems = []
    parsed = ParsedScorecard(year=None)
    origin = None
    key_area = None
    key_area_line = None
    seen_content = False
    first_seen = {}  # objective number -> (line, key area)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > 1 and cells[-1] == "":
            cells.pop()
        first = cells[0]

        section = SECTION.match(line.strip())
        if section:
            origin = section["origin"].lower()
            key_area = None
        elif first == "#":
            for cell in cells:
                found = HEADER_YEAR.search(cell)
                if found:
                    named = int(found["year"])
                    if parsed.year is not None and parsed.year != named:
                        problems.append(f"line {number}: header names the year {named}, but earlier {parsed.year}")
                    parsed.year = named
        elif first.isdigit():
            row = _parse_row(number, cells, origin, key_area, key_area_line, problems)
            if row:
                earlier = first_seen.get(row.number)
                if earlier and earlier[1].lower() != row.key_area.lower():
                    problems.append(
                        f"line {number}: objective #{row.number} is under the key area {row.key_area!r}, "
                        f"but line {earlier[0]} put it under {earlier[1]!r}"
                    )
                elif earlier:
                    problems.append(
                        f"line {number}: objective #{row.number} appears again (first on line {earlier[0]})"
                    )
                else:
                    first_seen[row.number] = (number, row.key_area)
                    parsed.rows.append(row)
        elif len(cells) == 1 and origin is not None:
            key_area, key_area_line = first, number
        elif len(cells) == 1 and not seen_content:
            pass  # the document's title
        else:
            problems.append(
                f"line {number}: cannot place {_preview(line)}: it is not a section, key-area heading, "
                "header row or objective row"
            )
        seen_content = True

    if not parsed.rows and not problems:
        problems.append("no objective rows found (a row starts with the objective's number)")
    if parsed.year is None and year is None:
        problems.append('no header row names the year (e.g. "#<TAB>Objective<TAB>Description<TAB>2021 Score")')
    if problems:
        raise SeedFormatError(problems, source=source)
    parsed.year = year or parsed.year
    return parsed


def _parse_row(number, cells, origin, key_area, key_area_line, problems):
    if origin is None:
        problems.append(f"line {number}: objective row before any section (Continued or New Objectives)")
        return None
    if key_area is None:
        problems.append(f"line {number}: objective row before any key-area heading in its section")
        return None
    if len(cells) != len(COLUMNS):
        missing = ", ".join(COLUMNS[len(cells) :]) if len(cells) < len(COLUMNS) else ""
        detail = f" (missing: {missing})" if missing else ""
        problems.append(f"line {number}: expected {len(COLUMNS)} cells separated by tabs, found {len(cells)}{detail}")
        return None
    objective, title, description, score, comments = cells
    for name, value in (("Objective", title), ("Description", description)):
        if not value:
            problems.append(f"line {number}: the {name} cell is empty")
            return None
    comments_text, actions_text = split_comments(comments)
    return SeedRow(
        line=number,
        origin=origin,
        key_area=key_area,
        key_area_line=key_area_line,
        number=int(objective),
        title=title,
        description=description,
        score=score,
        comments=comments_text,
        actions=actions_text,
    )


def _preview(line):
    text = " ".join(line.split())
    return repr(text if len(text) <= 60 else text[:57] + "...")
