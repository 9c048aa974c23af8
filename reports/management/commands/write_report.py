from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from objectives.models import Review, Theme
from reports.report import filename, report_pdf


class Command(BaseCommand):
    help = "Write a review's committee report (PDF) to a file, for committee packs."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="The review's year, e.g. 2021")
        parser.add_argument("--theme", help="Only this theme, by its slug, e.g. achieving-community-benefits")
        parser.add_argument("--output", help="The file to write (default: procurement-scorecard-<year>.pdf here)")

    def handle(self, *args, year, theme=None, output=None, **options):
        review = Review.objects.select_related("framework", "published_by").filter(year=year).first()
        if review is None:
            raise CommandError(f"there is no {year} review")
        chosen = None
        if theme:
            chosen = Theme.objects.filter(framework=review.framework, slug=theme).first()
            if chosen is None:
                slugs = ", ".join(review.framework.themes.values_list("slug", flat=True))
                raise CommandError(f"{review.framework} has no theme {theme!r} (its themes: {slugs})")
        path = Path(output or filename(review, chosen))
        path.write_bytes(report_pdf(review, theme=chosen))
        status = "" if review.is_published else " (DRAFT)"
        self.stdout.write(f"Wrote the {year} report{status} to {path} ({path.stat().st_size:,} bytes).")
