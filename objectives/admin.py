from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from objectives.forms.fields import XmlSafeForm
from objectives.imports.exports import EscapedCSV, EscapedXLSX
from objectives.imports.resources import LevelDescriptionResource, ObjectiveResource
from objectives.models import (
    Action,
    Agreement,
    Assessment,
    Framework,
    KeyArea,
    LevelDescription,
    Mapping,
    MaturityLevel,
    Objective,
    OwnScore,
    Profile,
    Review,
    SignedOff,
    Theme,
)
from objectives.services.actions import change_action
from objectives.services.assessments import add_assessment, remove_assessment, save_assessment

User = get_user_model()


class AdminForm(XmlSafeForm, forms.ModelForm):
    """Every admin form's base: no text that XML cannot hold is saved from here either (`XmlSafeForm`)."""


class VersionedAdminForm(AdminForm):
    """An admin change form of a row with a version (assessments, actions): it keeps the version it was opened on,
    and refuses a save if someone changed the row since, as the pages do."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.version

    def check_not_stale(self, cleaned):
        if not self.instance.pk or self.errors:
            return
        current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        if cleaned.get("opened_version") != current:
            name = self.instance._meta.verbose_name
            raise forms.ValidationError(
                f"Someone changed this {name} since you opened it: open it again to see their change.", code="stale"
            )


class CatalogueImportExportAdmin(ImportExportModelAdmin):
    """The catalogue's import and export in the admin, from CSV, XLSX or JSON, formula-escaped."""

    form = AdminForm
    formats = [EscapedCSV, EscapedXLSX, base_formats.JSON]

    def has_import_permission(self, request):
        # An import both adds rows and changes them.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class MaturityLevelInline(admin.TabularInline):
    form = AdminForm
    model = MaturityLevel
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    form = AdminForm
    list_display = ["name", "title", "publisher"]
    inlines = [MaturityLevelInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    form = AdminForm
    list_display = ["name", "framework", "position"]
    list_filter = ["framework"]
    prepopulated_fields = {"slug": ["name"]}


class LevelDescriptionInline(admin.TabularInline):
    form = AdminForm
    model = LevelDescription
    extra = 0
    fields = ["level", "objective", "description", "source"]


@admin.register(LevelDescription)
class LevelDescriptionAdmin(CatalogueImportExportAdmin):
    """What each level means, by key area: entered here or imported, from the framework's own publication only."""

    list_display = ["level", "key_area", "objective", "source"]
    resource_classes = [LevelDescriptionResource]
    list_filter = ["level__framework", "key_area"]
    list_select_related = ["level", "key_area", "objective"]


@admin.register(KeyArea)
class KeyAreaAdmin(admin.ModelAdmin):
    form = AdminForm
    inlines = [LevelDescriptionInline]
    list_display = ["name", "theme", "position"]
    list_filter = ["theme__framework", "theme"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Objective)
class ObjectiveAdmin(CatalogueImportExportAdmin):
    list_display = ["number", "reference", "title", "key_area", "framework"]
    list_display_links = ["number", "title"]
    list_filter = ["framework", "key_area__theme", "key_area"]
    search_fields = ["title", "description", "=number", "=reference"]
    list_select_related = ["key_area", "framework"]
    resource_classes = [ObjectiveResource]


@admin.register(Mapping)
class MappingAdmin(admin.ModelAdmin):
    """Mappings, read here: a mapping file holds them (`manage.py load_framework`, /frameworks/), and its next load
    would undo a change made here."""

    list_display = ["__str__", "relation"]
    list_filter = ["relation"]
    list_select_related = ["from_objective", "from_key_area", "to_objective", "to_key_area"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def signed_off(obj):
    """Return whether the object (a review or an assessment) belongs to a published review."""
    review = obj.review if isinstance(obj, Assessment) else obj
    return review is not None and review.is_published


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    """Reviews, read here: a review is started by the new-review page and signed off and reopened by its pages,
    which take the review's lock; a save here would write back a status read before a sign-off."""

    form = AdminForm
    list_display = ["year", "framework", "status", "published_at", "published_by"]
    list_filter = ["status", "framework"]
    readonly_fields = ["status", "published_at", "published_by"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and obj is None

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_published)


class AssessmentAdminForm(VersionedAdminForm):
    class Meta:
        model = Assessment
        fields = ["review", "objective", *Assessment.RECORDED_FIELDS]

    def clean(self):
        cleaned = super().clean()
        review = cleaned.get("review") or (self.instance.review if self.instance.pk else None)
        if review is not None:
            self._check_framework(review, cleaned)
        if review is not None and review.is_published:
            raise forms.ValidationError(str(SignedOff(review)), code="signed_off")
        self.check_not_stale(cleaned)
        return cleaned

    def _check_framework(self, review, cleaned):
        """Refuse, as the database would, a level or an objective that is not of the review's framework."""
        levels = review.framework.levels_by_number()
        for name in ("score", "target"):
            if cleaned.get(name) is not None and cleaned[name] not in levels:
                self.add_error(name, f"Choose a level of {review.framework}: {levels.listing()}.")
        objective = cleaned.get("objective")
        if objective is not None and objective.framework_id != review.framework_id:
            self.add_error("objective", f"This objective is not in {review.framework}, the review's framework.")


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    form = AssessmentAdminForm
    list_display = ["review", "objective", "score", "target", "origin"]
    list_filter = ["review", "origin", "objective__key_area__theme"]
    list_select_related = ["review", "objective"]
    search_fields = ["comments", "objective__title"]

    # The same rules as the pages: read-only once published, targets for managers, additions as on the add page.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and signed_off(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and signed_off(obj))

    def has_add_permission(self, request):
        return super().has_add_permission(request) and request.user.has_perm("objectives.publish_review")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["review", "objective"]  # an assessment does not move: take it out and add another
        if not request.user.has_perm("objectives.set_target"):
            fields.append("target")
        return fields

    def delete_queryset(self, request, queryset):
        for assessment in queryset.select_related("review"):
            self.delete_model(request, assessment)

    def delete_model(self, request, obj):
        remove_assessment(assessment=obj, by=request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            add_assessment(assessment=obj, by=request.user)
            return
        saved, _current = save_assessment(
            assessment=obj, opened_version=form.cleaned_data["opened_version"], by=request.user
        )
        if not saved:  # changed between the form's check and this save: nothing is written
            messages.error(request, "Someone changed this assessment as you saved it: nothing was saved.")


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """For the record only: own scores and agreements are written from the pages (`services.moderation`), under the
    review's lock, never from the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OwnScore)
class OwnScoreAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "scorer", "score", "recorded_at"]
    list_filter = ["assessment__review"]
    list_select_related = ["assessment__review", "assessment__objective", "scorer"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "agreed_by", "agreed_at"]
    list_filter = ["assessment__review"]
    list_select_related = ["assessment__review", "assessment__objective", "agreed_by"]


class ActionAdminForm(VersionedAdminForm):
    def clean(self):
        cleaned = super().clean()
        self.check_not_stale(cleaned)
        return cleaned


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    """Actions under the pages' rules: an agreed action keeps its words and is never deleted; the pages raise them."""

    form = ActionAdminForm

    list_display = ["objective", "raised_in", "status", "due_date", "lead"]
    list_filter = ["raised_in", "status"]
    list_select_related = ["objective", "raised_in"]
    search_fields = ["text", "lead", "objective__title"]
    readonly_fields = ["raised_in", "objective", "reviews"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_agreed())

    def save_model(self, request, obj, form, change):
        # In the turn of the action's reviews, as the pages save it (`change_action`); the admin adds no action.
        saved, _current = change_action(action=obj, opened_version=form.cleaned_data["opened_version"], by=request.user)
        if not saved:
            messages.error(request, "Someone changed this action since you opened it: nothing was saved.")

    def get_readonly_fields(self, request, obj=None):
        agreed = obj is not None and obj.is_agreed()
        return [*super().get_readonly_fields(request, obj), *(["text"] if agreed else [])]


class ProfileInline(admin.StackedInline):
    form = AdminForm
    model = Profile
    can_delete = False
    verbose_name_plural = "reminders"


# The users, with each person's reminder choice beside the name and email address that the pages and mails use.
admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    form = type("PersonChangeForm", (XmlSafeForm, UserChangeForm), {})
    add_form = type("PersonCreationForm", (XmlSafeForm, UserCreationForm), {})
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
