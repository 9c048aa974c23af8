from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    name = "objectives"
    verbose_name = "Scorecard"

    def ready(self):
        from objectives import checks  # noqa: F401  (registers the system checks)
