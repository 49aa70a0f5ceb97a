"""What every page's layout needs: the language switcher, text direction and the menu."""

from typing import Any

import rules
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_bidi, get_language_info


class Allowed:
    """`allowed.grants.use_funder_area` in a template: what Flourish's own rules let the
    person do, asked of the rules alone.

    Django's `perms` asks every authentication backend, and for anything the rules
    refuse, the model backend reads the person's permissions and their groups'
    permissions from the database: two queries on every signed-in page, to decide
    which links the menu shows. The rules read the person's roles once a request."""

    def __init__(self, user: Any, app: str = "") -> None:
        self.user, self.app = user, app

    def __getitem__(self, name: str) -> "Allowed | bool":
        if not self.app:
            return Allowed(self.user, name)
        return bool(rules.has_perm(f"{self.app}.{name}", self.user))


def layout(request: HttpRequest) -> dict[str, Any]:
    return {
        "allowed": Allowed(getattr(request, "user", None)),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
    }


def language_choices() -> list[dict[str, Any]]:
    """The languages of the switcher, each in its own words, the active one marked."""
    current = get_language() or settings.LANGUAGE_CODE
    return [
        {
            "code": code,
            # "British English" reads oddly in a switcher next to Cymraeg.
            "name_local": "English"
            if code.startswith("en")
            else get_language_info(code)["name_local"],
            "current": code == current,
            "bidi": get_language_info(code)["bidi"],
        }
        for code, _name in settings.LANGUAGES
    ]
