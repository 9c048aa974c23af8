"""Read benchmark files: councils' returns (JSON or CSV, `returns.py`) and aggregate files (JSON), each problem with
its place ("north.json, rows[3].score: ..."), so that a refused upload says everything wrong with it at once."""

import csv
import datetime
import io
import json
from dataclasses import dataclass, field

from objectives.benchmarks.returns import COLUMNS, FORMAT_VERSION, PEER_KEYS, RETURN_KIND

AGGREGATE_KIND = "benchmark-aggregate"
KINDS = ("objective", "key_area")
FIGURES = ("minimum", "lower_quartile", "median", "upper_quartile", "maximum")


@dataclass
class Return:
    name: str  # the file's
    council: str
    framework: dict
    year: int
    peer_group: dict
    rows: list[dict]  # item_kind, item, name, score


@dataclass
class Aggregate:
    name: str
    source: str
    as_at: datetime.date
    framework: dict
    year: int
    councils: int
    items: list[dict]  # item_kind, item, name, count and FIGURES


@dataclass
class Read:
    returns: list[Return] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _text(data, name, problems):
    if b"\x00" in data:
        problems.append(f"{name}: holds NUL bytes; a return is a text file (JSON or CSV).")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(f"{name}, byte {error.start + 1}: not UTF-8 text; save it again as UTF-8.")
        return None


def _number(value, place, problems, *, whole=False, blank_ok=True):
    if value is None or value == "":
        if not blank_ok:
            problems.append(f"{place}: missing.")
        return None
    if isinstance(value, bool):
        problems.append(f"{place}: {value!r} is not a number.")
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        problems.append(f"{place}: {value!r} is not a number.")
        return None
    if whole:
        if number != int(number) or number < 0:
            problems.append(f"{place}: {value!r} is not a whole number.")
            return None
        return int(number)
    return number


def _framework(obj, place, problems):
    framework = obj if isinstance(obj, dict) else {}
    if not isinstance(framework.get("slug"), str) or not framework.get("slug"):
        problems.append(f"{place}.slug: missing; the framework's slug names it, e.g. nps-2018.")
    return {key: str(framework.get(key) or "") for key in ("slug", "name", "version")}


def _rows(rows, name, problems, *, aggregate):
    items, seen = [], set()
    if not isinstance(rows, list):
        problems.append(f"{name}, {'items' if aggregate else 'rows'}: missing, or not a list.")
        return items
    for index, row in enumerate(rows):
        place = f"{name}, {'items' if aggregate else 'rows'}[{index}]"
        if not isinstance(row, dict):
            problems.append(f"{place}: not an object.")
            continue
        kind, item = row.get("item_kind"), str(row.get("item") or "")
        if kind not in KINDS:
            problems.append(f"{place}.item_kind: {kind!r} is neither objective nor key_area.")
        if not item:
            problems.append(f"{place}.item: missing.")
        if (kind, item) in seen:
            problems.append(f"{place}: {kind} {item} is listed twice.")
        seen.add((kind, item))
        read = {"item_kind": kind, "item": item, "name": str(row.get("name") or "")[:200]}
        if aggregate:
            read["count"] = _number(row.get("count"), f"{place}.count", problems, whole=True, blank_ok=False)
            for figure in FIGURES:
                read[figure] = _number(row.get(figure), f"{place}.{figure}", problems)
        else:
            read["score"] = _number(row.get("score"), f"{place}.score", problems)
        items.append(read)
    return items


def _head(obj, name, kind, problems):
    if not isinstance(obj, dict) or obj.get("kind") != kind:
        found = obj.get("kind") if isinstance(obj, dict) else None
        problems.append(f"{name}, kind: {found!r}; a {kind.replace('-', ' ')} says kind {kind!r}.")
        return False
    if obj.get("format_version") not in (FORMAT_VERSION, str(FORMAT_VERSION)):
        problems.append(f"{name}, format_version: {obj.get('format_version')!r} is not a version this reads (1).")
        return False
    return True


def _return(obj, name, problems):
    if not _head(obj, name, RETURN_KIND, problems):
        return None
    council = obj.get("council")
    if not isinstance(council, str) or not council.startswith("c-"):
        problems.append(f"{name}, council: missing; a return names its council by its pseudonym, c-….")
    year = _number(obj.get("year"), f"{name}, year", problems, whole=True, blank_ok=False)
    peers = obj.get("peer_group") if isinstance(obj.get("peer_group"), dict) else {}
    return Return(
        name=name,
        council=council,
        framework=_framework(obj.get("framework"), f"{name}, framework", problems),
        year=year,
        peer_group={key: peers.get(key) for key in PEER_KEYS},
        rows=_rows(obj.get("rows"), name, problems, aggregate=False),
    )


def _csv_return(text, name, problems):
    """Read the CSV of a return back into the JSON's shape: one return, whose fields every row repeats."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or set(COLUMNS) - set(rows[0]):
        missing = ", ".join(c for c in COLUMNS if not rows or c not in rows[0]) or "every row"
        problems.append(f"{name}, line 1: not a benchmark return's CSV (missing: {missing}).")
        return None
    first = rows[0]
    for line, row in enumerate(rows[1:], start=3):
        for column in ("council", "framework", "framework_version", "year"):
            if row[column] != first[column]:
                problems.append(f"{name}, line {line}, column {column}: {row[column]!r}, not {first[column]!r}.")
    obj = {
        "kind": first["kind"],
        "format_version": first["format_version"],
        "council": first["council"],
        "peer_group": {key: first[key] or None for key in PEER_KEYS},
        "framework": {
            "slug": first["framework"],
            "name": first["framework_name"],
            "version": first["framework_version"],
        },
        "year": first["year"],
        "rows": [{key: row[key] for key in ("item_kind", "item", "name", "score")} for row in rows],
    }
    before = len(problems)
    read = _return(obj, name, problems)
    for index in range(before, len(problems)):  # the CSV's places are its lines: rows[0] is line 2
        problems[index] = _csv_place(problems[index], name)
    return read


def _csv_place(problem, name):
    prefix = f"{name}, rows["
    if not problem.startswith(prefix):
        return problem
    index, _, rest = problem[len(prefix) :].partition("]")
    column, _, message = rest.lstrip(".").partition(":")
    line = int(index) + 2
    return f"{name}, line {line}, column {column}:{message}" if column else f"{name}, line {line}{rest}"


def _aggregate(obj, name, problems):
    if not _head(obj, name, AGGREGATE_KIND, problems):
        return None
    source = obj.get("source")
    if not isinstance(source, str) or not source.strip():
        problems.append(f"{name}, source: missing; an aggregate says who gathered it.")
    try:
        as_at = datetime.date.fromisoformat(str(obj.get("as_at")))
    except ValueError:
        problems.append(f"{name}, as_at: {obj.get('as_at')!r} is not a date (YYYY-MM-DD).")
        as_at = None
    return Aggregate(
        name=name,
        source=str(source or "").strip()[:200],
        as_at=as_at,
        framework=_framework(obj.get("framework"), f"{name}, framework", problems),
        year=_number(obj.get("year"), f"{name}, year", problems, whole=True, blank_ok=False),
        councils=_number(obj.get("councils"), f"{name}, councils", problems, whole=True, blank_ok=False),
        items=_rows(obj.get("items"), name, problems, aggregate=True),
    )


def read_files(files):
    """Read [(name, bytes)] as returns or aggregate files; return a Read with every problem found."""
    result = Read()
    for name, data in files:
        text = _text(data, name, result.problems)
        if text is None:
            continue
        if text.lstrip().startswith("{"):
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as error:
                result.problems.append(f"{name}, line {error.lineno}, column {error.colno}: not JSON ({error.msg}).")
                continue
            if isinstance(obj, dict) and obj.get("kind") == AGGREGATE_KIND:
                read = _aggregate(obj, name, result.problems)
                result.aggregates += [read] if read else []
            else:
                read = _return(obj, name, result.problems)
                result.returns += [read] if read else []
        else:
            read = _csv_return(text, name, result.problems)
            result.returns += [read] if read else []
    return result
