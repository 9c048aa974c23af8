from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    name = "objectives"
    verbose_name = "Scorecard"

    def ready(self):
        from django.urls import register_converter

        from objectives import checks  # noqa: F401  (registers the system checks)
        from objectives.converters import ReviewConverter

        register_converter(ReviewConverter, "review")  # `<review:key>`: /reviews/2021/ or /reviews/<slug>/2021/
