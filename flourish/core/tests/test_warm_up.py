from django.template import engines

from flourish.core.warm_up import _flourish_templates, warm_up


def _cached_loader():
    """Django's cached loader, wherever it sits (django-template-partials wraps it)."""
    loaders = list(engines["django"].engine.template_loaders)
    while loaders:
        loader = loaders.pop()
        if hasattr(loader, "get_template_cache"):
            return loader
        loaders += getattr(loader, "loaders", [])
    raise AssertionError("Templates are not cached: the warm-up would be lost")


def _compiled_names() -> set[str]:
    cache = _cached_loader().get_template_cache
    return {template.origin.template_name for template in cache.values()}


# No database here: pytest-django fails any test without the db mark that opens a
# connection, and a connection opened by the warm-up would be shared by every worker
# gunicorn forks.
def test_the_warm_up_compiles_every_page_template_without_touching_the_database():
    _cached_loader().reset()

    warm_up()

    assert {"directory/search.html", "base.html"} <= set(_flourish_templates())
    assert set(_flourish_templates()) <= _compiled_names()
