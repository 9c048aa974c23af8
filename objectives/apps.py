from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    name = "objectives"
    verbose_name = "Scorecard"
