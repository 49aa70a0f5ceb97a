"""Reading a page in a test while counting how often one of its kept pieces was drawn:
a piece kept for what it shows is drawn once, then never again until that changes."""

from typing import Any

from django.test.signals import template_rendered


def read_counting(client: Any, address: str, piece: str, **headers: Any) -> tuple[str, int]:
    """The page's text, and how many times the template `piece` was drawn to make it."""
    drawn = []

    def count(sender: Any, template: Any, **kwargs: Any) -> None:
        if template.name == piece:
            drawn.append(template)

    template_rendered.connect(count)
    try:
        response = client.get(address, **headers)
    finally:
        template_rendered.disconnect(count)
    assert response.status_code == 200
    return response.content.decode(), len(drawn)
