"""How a review is named in URLs: `/reviews/2021/` for the council's main framework (SCORECARD_MAIN_FRAMEWORK), as
every URL read before there were several frameworks, and `/reviews/<framework slug>/2021/` for any framework, the
main one included (`/reviews/pa2023-readiness/2022/`). One scheme, one converter: `<review:key>` in a pattern gives
the view a `ReviewKey`, and `{% url ... review %}` or `reverse(..., args=[review])` writes a review's own path.
"""

import re
from dataclasses import dataclass

from django.conf import settings

# Words of the URL scheme that a framework's slug may not be (`/reviews/new/` is the new-review page).
RESERVED_SLUGS = frozenset({"new"})
SLUG = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"


@dataclass(frozen=True)
class ReviewKey:
    """A review as a URL names it: its framework's slug (None for the main framework) and its year."""

    framework: str | None
    year: int

    @property
    def framework_slug(self):
        return self.framework or settings.SCORECARD_MAIN_FRAMEWORK


def review_path(framework_slug, year):
    """The review's part of its URLs: "2021" for the main framework, "pa2023-readiness/2022" for another."""
    if framework_slug == settings.SCORECARD_MAIN_FRAMEWORK:
        return str(year)
    return f"{framework_slug}/{year}"


class ReviewConverter:
    regex = rf"(?:{SLUG}/)?[0-9]{{4}}"

    def to_python(self, value):
        slug, _, year = value.rpartition("/")
        return ReviewKey(slug or None, int(year))

    def to_url(self, value):
        """Write a review (or its key) as its path; a year alone names the main framework's review."""
        if isinstance(value, ReviewKey):
            return review_path(value.framework_slug, value.year)
        if hasattr(value, "framework") and hasattr(value, "year"):
            return review_path(value.framework.slug, value.year)
        if isinstance(value, int) or (isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value)):
            return str(value)
        raise ValueError(f"{value!r} is not a review")
