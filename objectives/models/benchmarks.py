"""Benchmark sets: the distribution of other councils' scores, per objective and key area of a framework, that a
manager imports (objectives/benchmarks/README.md) and the dashboard compares the review with. A set holds figures,
never a council's return: imported returns are aggregated on the way in."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format

from objectives.models.catalogue import Framework


class BenchmarkSet(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="benchmark_sets")
    year = models.PositiveSmallIntegerField(help_text="The year of the reviews the councils returned.")
    source = models.CharField(max_length=200, help_text='Who gathered it, e.g. "North West procurement group".')
    as_at = models.DateField("as at", help_text="The date the source gives its figures.")
    councils = models.PositiveIntegerField(help_text="How many councils' returns it is made of.")
    fingerprint = models.CharField(max_length=64, editable=False, help_text="SHA-256 of the figures, as imported.")
    imported_at = models.DateTimeField(auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-as_at", "source"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "year", "source", "as_at"], name="one_benchmark_set_a_date")
        ]
        permissions = [
            ("download_benchmark_return", "Can download a published review's benchmark return"),
            ("load_benchmark_set", "Can import a benchmark set"),
        ]

    def __str__(self):
        return f"{self.source}, as at {date_format(self.as_at)} ({self.councils} councils)"


class BenchmarkItem(models.Model):
    """One objective's or key area's figures in a set; a cell of fewer councils than SCORECARD_BENCHMARK_MIN_COUNCILS
    is kept with its count alone (its figures None), and is never shown."""

    class Kind(models.TextChoices):
        OBJECTIVE = "objective", "Objective"
        KEY_AREA = "key_area", "Key area"

    set = models.ForeignKey(BenchmarkSet, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item = models.CharField(max_length=210, help_text="An objective's number, or a key area's \"theme/key-area\".")
    name = models.CharField(max_length=200)
    count = models.PositiveIntegerField(help_text="How many councils scored it.")
    minimum = models.FloatField(null=True)
    lower_quartile = models.FloatField(null=True)
    median = models.FloatField(null=True)
    upper_quartile = models.FloatField(null=True)
    maximum = models.FloatField(null=True)

    FIGURES = ("minimum", "lower_quartile", "median", "upper_quartile", "maximum")

    class Meta:
        ordering = ["set", "kind", "pk"]
        constraints = [models.UniqueConstraint(fields=["set", "kind", "item"], name="one_benchmark_item_a_set")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.item} in {self.set}"
