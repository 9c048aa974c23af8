"""The Medway 2021 seed, as tests read it: what the document says, independently of the app's own parser.

`EXPECTED` is read off the document by hand; `seed_paragraphs()` reads its cells with a regular expression; and
`tests/data/medway-2021.json` is the parsed document, which `tests.factories.make_seed_review` writes to the
database without going through the parser (the parser's own tests check that it reads the document as that file
says).
"""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "medway-2021.txt"
NPS_FILE = FIXTURES / "nps-2018.framework.json"  # the NPS 2018 catalogue, loaded as a framework file
SEED_DATA = Path(__file__).resolve().parent / "data" / "medway-2021.json"

# Read off the seed by hand: number -> (key area, continued/new, score).
EXPECTED = {
    3: ("Engaging councillors", "continued", 2),
    7: ("Engaging senior managers", "continued", 2),
    32: ("Obtaining social value", "continued", 2),
    39: ("Obtaining social value", "continued", 2),
    40: ("Obtaining social value", "continued", 2),
    57: ("Enablers", "continued", 2),
    31: ("Obtaining social value", "new", 3),
    33: ("Obtaining social value", "new", 3),
    34: ("Obtaining social value", "new", 3),
    35: ("Obtaining social value", "new", 3),
    36: ("Obtaining social value", "new", 3),
    37: ("Obtaining social value", "new", 3),
    38: ("Obtaining social value", "new", 3),
}


def seed_data():
    """Return the parsed seed: {"year": 2021, "objectives": [{number, key_area, origin, title, ...}, ...]}."""
    return json.loads(SEED_DATA.read_text(encoding="utf-8"))


def seed_paragraphs():
    """Return, per objective, the seed's paragraphs as (field, text without its label)."""
    result = {}
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0].strip().isdigit():
            field, paragraphs = "comments", []
            for text in re.findall(r"<p>(.*?)</p>", cells[4]):
                label = re.match(r"(Comments?|Action\(s\)|Action|Comment and action):\s*", text)
                if label:
                    field = "actions" if label.group(1).startswith("Action") else "comments"
                    text = text[label.end() :]
                paragraphs.append((field, text.strip()))
            result[int(cells[0])] = (cells[1].strip(), cells[2].strip(), paragraphs)
    return result


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
