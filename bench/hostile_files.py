"""Files of hostile shape for the import's bench, each built to about a given size in bytes.

Each is what a careless export or a deliberate attack could upload: the import must refuse it (or read it) at
a cost in proportion to its size.
"""

CSV_HEADER = "year,objective,score,target,continued or new,comments,actions\r\n"


def copies_of_one_row(size):
    """The same row again and again: each is an error that names the first."""
    row = "2025,3,2,,continued,Members trained at the annual session.,\r\n"
    return (CSV_HEADER + row * ((size - len(CSV_HEADER)) // len(row))).encode(), "copies.csv"


def a_new_key_in_every_object(size):
    """JSON whose every entry brings a column of its own."""
    entry = '{"year": 2025, "objective": 3, "key %07d": 1}'
    count = size // (len(entry % 0) + 2)
    return ("[" + ", ".join(entry % n for n in range(count)) + "]").encode(), "new-keys.json"


def nested_brackets(size):
    """JSON nested as deep as the file is long: Python's own parser would end in RecursionError."""
    return ("[" * (size // 2) + "]" * (size // 2)).encode(), "nested.json"


def one_enormous_cell(size):
    """A single comment the size of the file."""
    start = CSV_HEADER + '2025,3,2,,continued,"'
    return (start + "x" * (size - len(start) - 4) + '",\r\n').encode(), "enormous-cell.csv"


def very_many_columns(size):
    """A header row of tens of thousands of columns, and one row under it."""
    count = size // 20
    header = ",".join(f"column {n}" for n in range(count))
    return (header + "\r\n" + ",".join("2025" for _ in range(count)) + "\r\n").encode(), "columns.csv"


SHAPES = {
    "copies of one row (CSV)": copies_of_one_row,
    "a new key in every object (JSON)": a_new_key_in_every_object,
    "nested brackets (JSON)": nested_brackets,
    "one enormous cell (CSV)": one_enormous_cell,
    "very many columns (CSV)": very_many_columns,
}
