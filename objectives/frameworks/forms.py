"""The frameworks page's forms: a framework or mapping file to upload, and the confirmation of its preview."""

from django import forms
from django.template.defaultfilters import filesizeformat

from objectives.frameworks.reading import read
from objectives.imports.table import max_upload_bytes


class FrameworkFileForm(forms.Form):
    file = forms.FileField(
        label="Framework or mapping file",
        help_text="A JSON file in the format of fixtures/README.md, such as the shipped nps-2018.framework.json.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text += f" At most {filesizeformat(max_upload_bytes())}."
        self.data_bytes, self.problems = None, ()

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
        self.problems = read(data).problems
        if self.problems:
            raise forms.ValidationError(
                "%(name)s cannot be loaded: %(count)s found, listed above. Nothing was loaded.",
                code="refused",
                params={
                    "name": upload.name,
                    "count": f"{len(self.problems)} problem{'s' if len(self.problems) > 1 else ''}",
                },
            )
        self.data_bytes = data
        return upload


class ConfirmForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
