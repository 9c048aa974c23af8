from django.contrib import admin

from signin.models import Identity


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin):
    """An administrator may move a person's identity to their old local account (then turn the new one off)."""

    list_display = ["user", "subject", "issuer", "last_signed_in"]
    search_fields = ["user__username", "user__email", "subject"]
    raw_id_fields = ["user"]
    readonly_fields = ["created", "last_signed_in"]
