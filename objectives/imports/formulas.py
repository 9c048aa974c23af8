"""Formula escaping: no cell of an export runs as a formula in a spreadsheet, and each reads back as it was.

A cell is escaped as it will be written: the control characters that XLSX cannot hold are taken out first (in
CSV too, by the same rule) and line ends made line feeds, and then text beginning with a formula character is
given a leading apostrophe.
Apostrophes already there are kept, so that reading back takes exactly one off.
"""

import tablib

from objectives.rules.text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text):
    """Return text without the characters that a workbook cannot hold (tab and line ends stay): `xml_safe`."""
    return xml_safe(text)


def escape_formula(value):
    """Return a cell's value as it is written, so that no spreadsheet runs it: "=1+1" becomes "'=1+1"."""
    if not isinstance(value, str):
        return value
    # Line ends as the import stores them: a workbook reads a carriage return back as a line feed.
    value = strip_controls(value).replace("\r\n", "\n").replace("\r", "\n")
    if value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo `escape_formula`: "'=1+1" reads as "=1+1", and any other text as it is."""
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def escaped(dataset):
    """Return a copy of the dataset whose cells are escaped as they will be written."""
    rows = ([escape_formula(value) for value in row] for row in dataset)
    return tablib.Dataset(*rows, headers=dataset.headers, title=dataset.title)
