"""The benchmark pages' forms: the return's download options, a set's files to import, and the confirmation."""

from django import forms

from objectives.imports.table import max_upload_bytes

FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


class ReturnForm(forms.Form):
    """The dashboard's download: the council is a pseudonym unless the manager ticks "name us"."""

    name_us = forms.BooleanField(
        label="Name us",
        required=False,
        help_text="Give the council's name in the return. Unticked, it is named only by a pseudonym.",
    )
    format = forms.ChoiceField(choices=[("json", "JSON"), ("csv", "CSV")], required=False)

    def clean_format(self):
        return self.cleaned_data["format"] or "json"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows ("Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".json,.csv,application/json,text/csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        return [single(item, initial) for item in data] if isinstance(data, (list, tuple)) else [single(data, initial)]


class SetUploadForm(forms.Form):
    files = MultipleFileField(
        label="Returns or an aggregate file",
        help_text="Several councils' benchmark returns (JSON or CSV), or one aggregate file (JSON), as "
        "objectives/benchmarks/README.md describes them.",
    )
    source = forms.CharField(
        max_length=200,
        required=False,
        help_text='For returns: who gathered them, e.g. "North West procurement group". An aggregate names its own.',
    )
    as_at = forms.DateField(
        label="As at",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For returns: the date of the figures. An aggregate file gives its own.",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(upload.size for upload in files) > max_upload_bytes():
            raise forms.ValidationError("These files are larger than the import limit together.", code="too_large")
        return [(upload.name, b"".join(upload.chunks())) for upload in files]


class ConfirmForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
