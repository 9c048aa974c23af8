from django.conf import settings
from django.db import models


class Identity(models.Model):
    """An account's identity at the council's provider: the provider's issuer and its stable subject for the person.

    Accounts are matched by this pair, never by email address alone, which a directory may reuse or change.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identities")
    issuer = models.CharField(
        max_length=255, help_text="The provider's issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0"
    )
    subject = models.CharField(
        max_length=255, help_text="The provider's stable id for the person (the ID token's sub)."
    )
    created = models.DateTimeField(auto_now_add=True)
    last_signed_in = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "identities"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="one_account_per_identity")]

    def __str__(self):
        return f"{self.subject} at {self.issuer}"
