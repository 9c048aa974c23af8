"""Framework and mapping files for tests: the shipped ones, and a small framework to change one field at a time."""

import copy
import json

from tests.seed import FIXTURES

PA_FILE = FIXTURES / "pa2023-readiness.framework.json"
MAPPING_FILE = FIXTURES / "pa2023-to-nps-2018.mapping.json"

SMALL = {
    "kind": "framework",
    "format_version": 1,
    "name": "Small framework",
    "slug": "small",
    "version": "1",
    "title": "A small framework for tests",
    "allows_not_applicable": True,
    "levels": [{"number": 1, "name": "Low"}, {"number": 2, "name": "Middle"}, {"number": 3, "name": "High"}],
    "themes": [
        {"name": "First theme", "key_areas": [{"name": "Alpha area"}, {"name": "Beta area"}]},
        {"name": "Second theme", "key_areas": [{"name": "Gamma area"}]},
    ],
    "objectives": [
        {"number": 1, "key_area": "alpha-area", "title": "One", "description": "The first."},
        {"number": 2, "key_area": "beta-area", "title": "Two", "description": "The second."},
        {"number": 3, "key_area": "gamma-area", "title": "Three", "description": "The third."},
    ],
}


def small(**changes):
    """Return a copy of SMALL with the top-level fields changed."""
    return {**copy.deepcopy(SMALL), **changes}


def as_bytes(content):
    return json.dumps(content, indent=2).encode()


def shipped(path):
    return json.loads(path.read_text(encoding="utf-8"))
