"""Every URL the project answers, found by walking the URLconf, so a new page is swept
as soon as it is added."""

from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    key: str  # the URL's name ("grants:review"), or its pattern when it has none
    name: str | None
    pattern: str
    view: Any

    @property
    def model_admin(self) -> Any:
        """The admin page's ModelAdmin, when the route is one of the admin's model pages."""
        return getattr(self.view, "model_admin", None)


def _walk(resolver: URLResolver, prefix: str, namespace: str | None) -> list[Route]:
    routes = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            routes += _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            pattern = prefix + str(entry.pattern)
            routes.append(Route(name or pattern, name, pattern, entry.callback))
    return routes


def all_routes() -> list[Route]:
    """Each URL once; where two patterns share a name, the first (the one reverse() finds)."""
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver(), "", None):
        seen.setdefault(route.key, route)
    return list(seen.values())
