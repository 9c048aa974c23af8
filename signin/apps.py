from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "signin"
    verbose_name = "Single sign-on"

    def ready(self):
        from signin import checks  # noqa: F401 (registers the system checks)
