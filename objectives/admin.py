from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from objectives.imports.exports import EscapedCSV, EscapedXLSX
from objectives.imports.resources import ObjectiveResource
from objectives.models import Assessment, Framework, KeyArea, MaturityLevel, Objective, Review, Theme


class MaturityLevelInline(admin.TabularInline):
    model = MaturityLevel
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "publisher"]
    inlines = [MaturityLevelInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "framework", "position"]
    list_filter = ["framework"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(KeyArea)
class KeyAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "theme", "position"]
    list_filter = ["theme__framework", "theme"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Objective)
class ObjectiveAdmin(ImportExportModelAdmin):
    list_display = ["number", "title", "key_area", "framework"]
    list_display_links = ["number", "title"]
    list_filter = ["framework", "key_area__theme", "key_area"]
    search_fields = ["title", "description", "=number"]
    list_select_related = ["key_area", "framework"]
    resource_classes = [ObjectiveResource]
    formats = [EscapedCSV, EscapedXLSX, base_formats.JSON]

    def has_import_permission(self, request):
        # An import both adds objectives and changes them.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["year", "framework", "status", "published_at", "published_by"]
    list_filter = ["status", "framework"]
    readonly_fields = ["published_at", "published_by"]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["review", "objective", "score", "target", "origin"]
    list_filter = ["review", "origin", "objective__key_area__theme"]
    list_select_related = ["review", "objective"]
    search_fields = ["comments", "actions", "objective__title"]
