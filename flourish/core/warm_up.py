"""Work every web process would otherwise do on its first requests, done once at start.

A new process imports every view the first time it resolves an address (the URLconf
pulls in PDF and spreadsheet libraries, among others), compiles each template the
first time a page uses it, and reads each language's catalogue the first time someone
reads in it. That is about a second spent inside someone's first request, in every
worker, after every deploy or restart. gunicorn's `--preload` runs `warm_up()` once
in the parent process, before the workers are forked, so they all start warm and
share the memory it used.

Nothing here touches the database: a connection opened before the fork would be
shared by every worker.
"""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[1]


def _flourish_templates() -> list[str]:
    """Every HTML template Flourish ships, by the name pages load it by."""
    names = []
    for folder in PACKAGE.glob("**/templates"):
        names += [str(path.relative_to(folder)) for path in folder.glob("**/*.html")]
    return sorted(set(names))


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and every view)
    if any(cache["BACKEND"].endswith("RedisCache") for cache in settings.CACHES.values()):
        import_module("redis")  # the client library only: each worker connects for itself
    for name in _flourish_templates():
        get_template(name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Search")  # reads the language's catalogue
