"""The front sheet of a review's committee paper, and its key messages, as a manager edits them."""

from django import forms

from objectives.forms.fields import DATE, XmlSafeForm
from objectives.models import FrontSheet

FEWEST, MOST = 3, 5


class FrontSheetForm(XmlSafeForm, forms.ModelForm):
    class Meta:
        model = FrontSheet
        fields = FrontSheet.FIELDS
        widgets = {
            "meeting_date": DATE,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "recommendations": forms.Textarea(attrs={"rows": 3}),
            "financial_implications": forms.Textarea(attrs={"rows": 2}),
            "legal_implications": forms.Textarea(attrs={"rows": 2}),
            "risk_implications": forms.Textarea(attrs={"rows": 2}),
            "background_papers": forms.Textarea(attrs={"rows": 2}),
            "key_messages": forms.Textarea(attrs={"rows": 6}),
            "classification": forms.RadioSelect,
        }
        labels = {"report_to": "Report to (committee)", "agenda_item": "Agenda item"}

    def __init__(self, *args, proposed, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.key_messages.strip():
            self.initial["key_messages"] = "\n".join(proposed)

    def clean_key_messages(self):
        lines = [line for line in self.cleaned_data["key_messages"].splitlines() if line.strip(" •-\t")]
        if not FEWEST <= len(lines) <= MOST:
            raise forms.ValidationError(
                "Give %(fewest)s to %(most)s key messages, one a line (there are %(count)s).",
                code="key_messages",
                params={"fewest": FEWEST, "most": MOST, "count": len(lines)},
            )
        return "\n".join(line.strip() for line in lines)

    def fields_to_save(self):
        return {name: self.cleaned_data[name] for name in FrontSheet.FIELDS}
