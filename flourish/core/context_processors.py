"""What every page's layout needs: the language switcher and text direction."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_bidi, get_language_info


def layout(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    return {
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "language_choices": [
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
        ],
    }
