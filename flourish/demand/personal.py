"""Does a contact's wording look as if it holds personal data? A log of demand needs none.

A warning, not a refusal: "Mr Blobby" may be a cuddly toy. The team reads the words again
and either takes the name out or saves them as written.
"""

import re

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Ten or more digits, allowing the spaces, dashes and brackets people type in phone numbers.
PHONE = re.compile(r"(?:\+?\d[\s\-()]*){10,}")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
TITLE_AND_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'’-]+")
NAME_INTRODUCED = re.compile(
    r"\b(?:my name is|name's|this is|called|I'm|I am)\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?",
)


def personal_data_warnings(words: str) -> list[str]:
    """What in these words looks like personal data, each said as something to check."""
    found = []
    if EMAIL.search(words):
        found.append(_("an email address"))
    if PHONE.search(words):
        found.append(_("a phone number"))
    if POSTCODE.search(words):
        found.append(_("a postcode"))
    if TITLE_AND_NAME.search(words) or NAME_INTRODUCED.search(words):
        found.append(_("a name"))
    return found
