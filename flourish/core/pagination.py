"""How every list page reads `?page=`: one rule, so no page number can break a page.

Whatever arrives is turned into a page that exists, as a person following an old or
mistyped link would expect: not a whole number of 1 or more (a word, zero, "-3",
"1e9") means the first page; past the end (an old link, or a number too big to be
real) means the last. Numbers are capped before they reach the database, where an
offset of 10^20 rows overflows and would be a server error."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

# Far beyond any real list, yet small enough that page x size fits a 64-bit offset.
MAX_PAGE_NUMBER = 1_000_000


def page_number(value: Any) -> int:
    """The page asked for, as a whole number from 1 to MAX_PAGE_NUMBER."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    # Compared as text first, so a thousand-digit number is never turned into an int.
    if len(text) > len(str(MAX_PAGE_NUMBER)):
        return MAX_PAGE_NUMBER
    return min(max(int(text), 1), MAX_PAGE_NUMBER)


def last_page_number(*, total: int, size: int) -> int:
    return max(1, -(-total // size))


def page_of(*, items: QuerySet[Any], number: Any, size: int) -> Page:
    """One page of a list and the total, usually in a single query: the count rides along as
    a window function instead of a second COUNT(*) over the whole list. Past the end, the
    last page (two more queries, only then)."""
    wanted = page_number(number)
    counted = items.annotate(total_rows=Window(Count("pk")))
    rows = list(counted[(wanted - 1) * size : wanted * size])
    if rows:
        total = rows[0].total_rows
    else:
        total = items.count() if wanted > 1 else 0
        if wanted > 1:
            wanted = last_page_number(total=total, size=size)
            rows = list(counted[(wanted - 1) * size : wanted * size])
    paginator = Paginator(items, size)
    paginator.count = total
    return Page(rows, wanted, paginator)
