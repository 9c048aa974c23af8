from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from objectives.models import Review, Theme
from objectives.rules.scoring import reviews_to_compare
from reports.report import filename, report_docx, report_pdf


class Command(BaseCommand):
    help = (
        "Write a review's committee pack (PDF, or Word with --format docx) to a file: as the committee sees it, a "
        "published review compared with earlier published reviews only."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="The review's year, e.g. 2021")
        parser.add_argument(
            "--framework", help="The framework's slug, e.g. pa2023-readiness (default: the main framework's review)"
        )
        parser.add_argument("--theme", help="Only this theme, by its slug, e.g. achieving-community-benefits")
        parser.add_argument(
            "--format", choices=["pdf", "docx"], default="pdf", help="pdf (the default), or docx for Word"
        )
        parser.add_argument("--output", help="The file to write (default: procurement-scorecard-<year>.<format> here)")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="As the procurement team sees it: a draft review too, compared with every earlier review",
        )

    def handle(self, *args, year, framework=None, theme=None, output=None, draft=False, format="pdf", **options):
        slug = framework or settings.SCORECARD_MAIN_FRAMEWORK
        reviews = Review.objects.select_related("framework", "published_by").filter(year=year)
        review = reviews.filter(framework__slug=slug).first()
        if review is None:
            others = ", ".join(reviews.values_list("framework__slug", flat=True))
            raise CommandError(
                f"there is no {year} review of {slug}"
                + (f" (that year's: {others}; give --framework)" if others else "")
            )
        if not review.is_published and not draft:
            raise CommandError(f"the {year} review is a draft, which the committee does not see; --draft writes it")
        chosen = None
        if theme:
            chosen = Theme.objects.filter(framework=review.framework, slug=theme).first()
            if chosen is None:
                slugs = ", ".join(review.framework.themes.values_list("slug", flat=True))
                raise CommandError(f"{review.framework} has no theme {theme!r} (its themes: {slugs})")
        path = Path(output or filename(review, chosen, extension=format))
        earlier = reviews_to_compare(review, published_only=not draft)
        render = report_docx if format == "docx" else report_pdf
        path.write_bytes(render(review, earlier=earlier, theme=chosen))
        status = "" if review.is_published else " (DRAFT)"
        self.stdout.write(f"Wrote the {year} report{status} to {path} ({path.stat().st_size:,} bytes).")
