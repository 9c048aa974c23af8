"""The import page's forms: the upload, and the confirmation of a preview."""

from django import forms
from django.template.defaultfilters import filesizeformat

from objectives.imports.reading import read_upload
from objectives.imports.table import FileRefused, max_upload_bytes


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet or committee document",
        help_text="CSV, Excel workbook (.xlsx), JSON, or the committee document (.txt).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.json,.txt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text += f" At most {filesizeformat(max_upload_bytes())}."
        self.data_bytes = None
        self.table = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                "%(name)s is %(size)s: the limit is %(limit)s.",
                code="too_large",
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(max_upload_bytes()),
                },
            )
        data = b"".join(upload.chunks())
        try:
            self.table = read_upload(data, upload.name)
        except FileRefused as refusal:
            raise forms.ValidationError(refusal.reasons, code="refused") from None
        self.data_bytes = data
        return upload


class ConfirmForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
