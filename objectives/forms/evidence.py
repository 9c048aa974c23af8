"""Add or change an evidence item (a file or an https:// link), and withdraw one with a reason."""

from django import forms
from django.conf import settings

from objectives.files.uploads import ACCEPTED
from objectives.forms.fields import DATE, OwnerChoiceField, XmlSafeForm
from objectives.models import REASON_LIMIT, Evidence, people_who_may
from objectives.models.evidence import SHOWS_LIMIT


class EvidenceForm(XmlSafeForm, forms.ModelForm):
    """A file or a link, with what it shows. Changing an item may replace its file, or its link, or neither.

    The file's bytes are read here (the size limit was enforced before the body was read, by
    `scorecard.middleware`); what it is, and whether it is clean, is checked when it is stored.
    """

    owner = OwnerChoiceField(
        queryset=None, required=False, empty_label="Nobody yet", help_text="Who keeps it up to date (optional)."
    )
    upload = forms.FileField(
        label="File",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.csv,.txt,.png,.jpg,.jpeg"}
        ),
    )
    link = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="Or an https:// address instead of a file, e.g. a page of the council's website.",
    )

    class Meta:
        model = Evidence
        fields = ["title", "shows", "dated", "owner", "review_by", "upload", "link"]
        widgets = {
            "shows": forms.Textarea(attrs={"rows": 3, "maxlength": SHOWS_LIMIT}),
            "dated": DATE,
            "review_by": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_who_may("change_evidence", keeping=self.instance.owner_id)
        megabytes = settings.SCORECARD_EVIDENCE_MAX_BYTES / (1024 * 1024)  # a setting: read when the form is made
        self.fields["upload"].help_text = f"{ACCEPTED}; up to {megabytes:g} MB."
        if self.instance.pk and self.instance.file_id:
            self.fields["upload"].label = "Replace the file"
            self.fields["upload"].help_text = f"Now {self.instance.file.name}. " + self.fields["upload"].help_text
        self.upload_data = None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            if upload.size > settings.SCORECARD_EVIDENCE_MAX_BYTES:  # a limit lowered by a test, or a lying header
                raise forms.ValidationError("The file is larger than the limit.", code="too_large")
            self.upload_data = (upload.read(), upload.name)
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, link = cleaned.get("upload"), cleaned.get("link")
        if upload and link:
            raise forms.ValidationError("Give a file or a link, not both.", code="both")
        has_file = bool(self.instance.pk and self.instance.file_id)
        if not upload and not link and not has_file and "link" not in self.errors and "upload" not in self.errors:
            raise forms.ValidationError("Give a file or a link.", code="neither")
        return cleaned


class WithdrawForm(XmlSafeForm, forms.Form):
    reason = forms.CharField(
        label="Why it is withdrawn",
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_LIMIT}),
        help_text="It stays in the record, with its file, out of the lists.",
    )
