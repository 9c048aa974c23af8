import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from objectives.benchmarks.aggregate import aggregate, consistency_problems
from objectives.benchmarks.reading import read_files


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Turn councils' benchmark returns (JSON or CSV) into one aggregate file (objectives/benchmarks/README.md): "
        "per objective and key area the count, minimum, quartiles, median and maximum, no council's own scores. "
        "Refuses with every problem and its place, writing nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE", help="the returns, one a council")
        parser.add_argument("--output", required=True, metavar="F", help="the aggregate file to write (JSON)")
        parser.add_argument("--source", required=True, help='who gathered them, e.g. "North West procurement group"')
        parser.add_argument("--as-at", type=iso_date, default=None, help="the date of the figures (default: today)")

    def handle(self, *args, paths, output, source, as_at=None, **options):
        files, problems = [], []
        for path in paths:
            try:
                files.append((path, Path(path).read_bytes()))
            except OSError as error:
                problems.append(f"{path}: cannot be read: {error.strerror}")
        read = read_files(files)
        problems += read.problems
        if read.aggregates:
            problems.append(f"{', '.join(a.name for a in read.aggregates)}: an aggregate file, not a return.")
        if not problems:
            problems += consistency_problems(read.returns)
        if problems:
            raise CommandError("\n".join(["nothing was written:", *problems]))
        content = aggregate(read.returns, source=source.strip(), as_at=as_at or datetime.date.today())
        Path(output).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        shown = sum(item["median"] is not None for item in content["items"])
        items = len(content["items"])
        self.stdout.write(
            f"{output}: {len(read.returns)} returns, {items} items, {shown} with enough councils to show."
        )
