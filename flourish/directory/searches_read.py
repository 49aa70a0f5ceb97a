"""A search as its form reads it, kept in each process for the next person who asks alike.

Reading a search through `SearchForm` (copying the form's fields, cleaning each value,
reading each field's HTML as typed from the fragments cache, and working out whether
"More ways to narrow your search" opens) took 0.65 ms: half as long again as a bare
page. What it gives turns only on what was asked, the language, and the list of types,
which the directory's generation covers (`public_cache`): so each process reads a
search once for each, and keeps it. A search the form finds wrong is never kept.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from flourish.core.public_cache import area_generation
from flourish.directory.forms import SearchForm
from flourish.directory.selectors import SearchQuery


@dataclass(frozen=True)
class SearchRead:
    """What a page needs of a search the form found right, without the form."""

    # None when nothing was asked: the page says what the directory is for instead.
    query: SearchQuery | None
    # Whether any of the ways to narrow a search under "More" is used.
    narrowed: bool
    main_fields: SafeString
    more_fields: SafeString


# Searches kept per process: about 7 KB each, most of it the form's fields. When full,
# it starts again empty: the searches made most are read again at once.
KEPT_UP_TO = 1000
_kept: dict[tuple[str, str, int], SearchRead] = {}


def search_read(asked: QueryDict) -> SearchRead | SearchForm:
    """The search `asked` (its form's fields and page, as `views.search_parameters` puts
    them), or its form, with the errors to show, if the form finds something wrong."""
    key = (asked.urlencode(), get_language(), area_generation("directory"))
    read = _kept.get(key)
    if read is not None:
        return read
    form = SearchForm(asked or None)
    if form.errors:
        return form
    read = SearchRead(
        query=form.search_query() if form.is_bound else None,
        narrowed=form.narrowed(),
        main_fields=form.main_fields(),
        more_fields=form.more_fields(),
    )
    # While developing, templates change without a restart: read every search afresh.
    if not settings.DEBUG:
        if len(_kept) >= KEPT_UP_TO:
            _kept.clear()
        _kept[key] = read
    return read
