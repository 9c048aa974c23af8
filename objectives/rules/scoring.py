"""The ideas every page, paper and chart shares about scores: how a score moved since the review compared with,
whether it is below its target, which reviews a review is compared with, and the groups a scorecard is read in.
"""

from enum import StrEnum
from itertools import groupby

from objectives.models import Review


class Change(StrEnum):
    """How an objective's score moved since the review compared with."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"  # scored now, with no score in the review compared with

    @property
    def symbol(self):
        """Return a sign that shows the change beside its word, never instead of it."""
        return {"up": "▲", "down": "▼", "same": "=", "new": "★"}[self.value]

    @property
    def word(self):
        return self.value.capitalize()


def change_since(score, previous, *, compared=True):
    """Return the Change of a score since the review compared with, or None: not scored now, or nothing compared.

    `previous` is its score in the review compared with (None if unscored or absent there).
    """
    if score is None or not compared:
        return None
    if previous is None:
        return Change.NEW
    if score == previous:
        return Change.SAME
    return Change.UP if score > previous else Change.DOWN


def gap(score, target):
    """Return how many levels a score is below its target (negative above it), or None without both."""
    if score is None or target is None:
        return None
    return target - score


def is_below_target(score, target):
    found = gap(score, target)
    return found is not None and found > 0


def change_words(change, previous):
    """Return how a score moved in words, as the page, the dashboard and the pack say it: "Up from 2", "Same"."""
    change = Change(change)
    return f"{change.word} from {previous}" if change in (Change.UP, Change.DOWN) else change.word


def target_mark(score, target):
    """Return (sign, words) of a score against its target, "✗", "1 level below" or "✓", "met"; None without both."""
    found = gap(score, target)
    if found is None:
        return None
    if found > 0:
        return "✗", f"{found} level{'s' if found != 1 else ''} below"
    return "✓", "met"


def reviews_to_compare(review, *, user=None, published_only=False):
    """Return the earlier reviews of the review's framework, newest first: the first is the one compared with.

    `user`: only those this user may see (committee members: published ones). `published_only`: only the published
    ones, as the committee sees them, for a paper made without a reader.
    """
    reviews = Review.objects.all() if user is None else Review.objects.visible_to(user)
    if published_only:
        reviews = reviews.filter(status=Review.Status.PUBLISHED)
    return list(reviews.earlier_than(review))


def earlier_versions(review, *, user=None, published_only=False):
    """Return the reviews of the frameworks the review's framework supersedes (its earlier versions, and theirs),
    before its year, newest first: a trend runs back through them, derived through the mappings, and says so.

    `user` and `published_only` as for `reviews_to_compare`. No query when the framework supersedes none.
    """
    framework, older = review.framework, []
    seen = {framework.pk}
    while framework.supersedes_id and framework.supersedes_id not in seen:
        framework = framework.supersedes
        seen.add(framework.pk)
        older.append(framework.pk)
    if not older:
        return []
    reviews = Review.objects.all() if user is None else Review.objects.visible_to(user)
    if published_only:
        reviews = reviews.filter(status=Review.Status.PUBLISHED)
    return list(reviews.filter(framework__in=older, year__lt=review.year).select_related("framework").order_by("-year"))


def runs(items, key):
    """Return [(key, [items])] for each run of consecutive items with the same key, in their order.

    Items come in scorecard or catalogue order, so each theme, key area or objective is one run: group by one of
    the keys below (for anything with an `objective`: an assessment, a scorecard row, an action).
    """
    return [(value, list(group)) for value, group in groupby(items, key=key)]


def by_objective(item):
    return item.objective


def by_key_area(item):
    return item.objective.key_area


def by_theme(item):
    return item.objective.key_area.theme
