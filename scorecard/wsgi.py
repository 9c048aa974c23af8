import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.settings")

application = get_wsgi_application()

if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENVIRONMENT:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to serve with DJANGO_DEBUG off (see the README).")

# Import every view now (WeasyPrint among them), not on a worker's first request: with gunicorn's preload_app
# the workers are forked from a process that has done it once.
get_resolver().url_patterns  # noqa: B018
