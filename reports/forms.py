from django import forms

from objectives.forms.fields import style


class ThemeForm(forms.Form):
    """The report's choice, sent by GET: a theme, or all. A value not offered is invalid, whatever its bytes."""

    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, data, *, themes):
        self.themes = {t.slug: t for t in themes}
        super().__init__(data)
        self.fields["theme"].choices = [("", "All themes"), *((t.slug, self.theme_label(t)) for t in themes)]
        style(self)

    def theme_label(self, theme):
        return theme.name

    def clean_theme(self):
        """Return the Theme chosen, or None for all themes."""
        return self.themes.get(self.cleaned_data["theme"])


class DashboardForm(ThemeForm):
    """The dashboard's choices, sent by GET: a theme (or all), and an earlier review to compare with.

    `themes` are the framework's, each with `in_review`: only those the review assesses are offered, an empty one
    would show nothing. One asked for by its address (a bookmark from another year) is offered too, named as empty,
    so that the page says so and its choice shows what the page shows; a slug the framework lacks is invalid.
    """

    compare = forms.TypedChoiceField(label="Compare with", coerce=int, required=False, empty_value=None)

    def __init__(self, data, *, themes, earlier):
        self.earlier = {r.year: r for r in earlier}
        asked = data.get("theme")
        themes = [t for t in themes if t.in_review or t.slug == asked]
        super().__init__(data, themes=themes)
        self.fields["compare"].choices = [(r.year, f"The {r.year} review") for r in earlier]

    def theme_label(self, theme):
        return theme.name if theme.in_review else f"{theme.name} (none in this review)"

    def clean_compare(self):
        """Return the review chosen to compare with; by default the latest earlier one, if any."""
        year = self.cleaned_data["compare"]
        if year is None:
            return next(iter(self.earlier.values()), None)
        return self.earlier[year]
