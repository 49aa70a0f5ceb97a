"""The offer types every Flourish directory starts with.

Their names are kept in English in the database, as the Open Referral API publishes
them; people read them in their own language, because each name is also in the
translation catalogues (marked here, translated where a term is shown).
"""

from django.utils.translation import gettext_noop

OFFER_TYPES = [
    (
        "peer-support",
        gettext_noop("Peer support group"),
        "People with shared experience supporting each other.",
    ),
    (
        "activity",
        gettext_noop("Activity"),
        "Doing something together: walking, art, growing, cooking.",
    ),
    ("drop-in", gettext_noop("Drop-in space"), "A space to be, without booking."),
    (
        "helpline",
        gettext_noop("Helpline or listening line"),
        "Someone to talk to by phone or text.",
    ),
    ("online", gettext_noop("Online session"), "Meeting by video or chat."),
    ("practical-help", gettext_noop("Practical help"), "Food, shopping, forms, getting about."),
    (
        "for-sale",
        gettext_noop("Service for sale"),
        "A service people can buy, including with a personal budget.",
    ),
    (
        "mutual-aid",
        gettext_noop("Mutual aid"),
        "Neighbours helping neighbours, organised by themselves.",
    ),
]

# A coordinator may rename a type or add one: only these names have translations.
OFFER_TYPE_NAMES = frozenset(name for _code, name, _description in OFFER_TYPES)
