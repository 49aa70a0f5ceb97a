"""How every list page reads `?page=`: one rule, so no page number can break a page.

Whatever arrives is turned into a page that exists, as a person following an old or
mistyped link would expect: not a whole number of 1 or more (a word, zero, "-3",
"1e9") means the first page; past the end (an old link, or a number too big to be
real) means the last. Numbers are capped before they reach the database, where an
offset of 10^20 rows overflows and would be a server error."""

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString

from flourish.core.formatting import is_whole_number
from flourish.core.public_cache import remembered
from flourish.core.written import read_written_once

# A remembered total is a backstop for changes made around the ORM; its key changes
# with every change made through it.
COUNT_SECONDS = 600
# Far beyond any real list, yet small enough that page x size fits a 64-bit offset.
MAX_PAGE_NUMBER = 1_000_000


def page_number(value: Any) -> int:
    """The page asked for, as a whole number from 1 to MAX_PAGE_NUMBER."""
    text = str(value or "").strip()
    if not is_whole_number(text):
        return 1
    # Compared as text first, so a thousand-digit number is never turned into an int.
    if len(text) > len(str(MAX_PAGE_NUMBER)):
        return MAX_PAGE_NUMBER
    return min(max(int(text), 1), MAX_PAGE_NUMBER)


def page_of(
    *,
    items: QuerySet[Any],
    number: Any,
    size: int,
    count_key: str | None = None,
    rows: QuerySet[Any] | None = None,
    total: int | None = None,
) -> Page:
    """One page of a list and its total, each costing the same whatever the list's size.

    The total is a bare COUNT over the filtered rows (no joins, no ordering, so an
    index answers it), and the page is found by key first: the ids of one page are
    read from the ordering index, and only those rows are fetched with their joins.
    A window COUNT(*) OVER () would join and count every row before taking one page.

    Given `count_key`, the total is kept in the cache under it: the caller makes the key
    change whenever the rows counted may have (`grants.selectors.application_count_key`).

    Given `total`, nothing is counted: the caller keeps the list's length in step itself
    (a circle's `thread_count`).

    Given `rows` (the same list, in the same order, without its filters), the page's rows
    are read from it: the ids already satisfy the filters, and a filter such as "has a
    spend line in this category" costs the database more to plan twice than to run."""
    paginator = Paginator(items, size)
    paginator.count = _count(items, count_key) if total is None else total
    wanted = min(page_number(number), paginator.num_pages)
    window = _window(items, offset=(wanted - 1) * size, size=size, count=paginator.count)
    ids = _ids_on_page(items, window)
    # One statement: the page's ids are a subquery, and the rows come back in the list's
    # own order (the ids may have been read backwards).
    return Page(list((items if rows is None else rows).filter(pk__in=ids)), wanted, paginator)


def page_written_once(
    rows: Callable[..., QuerySet[Any]],
    values: Sequence[Any],
    *,
    name: str,
    number: Any,
    size: int,
    shown: Callable[..., QuerySet[Any]] | None = None,
    count_key: str | None = None,
    total: int | None = None,
    prepare: bool = False,
) -> Page:
    """`page_of` for the lists a page shows on every visit (a programme's applications,
    who it funded), its page read in a statement Django writes once for each place in
    the list and runs for every list (`core/written.py`): writing the page's statement
    cost more than the database took to run it.

    `rows(*values)` is the list, filtered and in order; `values` are what it is filtered
    by (its programme, a status), whole numbers, text or dates given as they are. Its ids
    are read from the ordering index alone, and `shown(ids, *values)` reads the page's
    rows with what the page shows of them (joins, `values()`), in the list's order: by
    default, the list's own rows with those ids. The total is counted as `page_of`
    counts it (kept under `count_key`, or given as `total`). With `prepare`, PostgreSQL
    also plans the statement once, for every list: only where one plan suits them all."""
    items = rows(*values)
    paginator = Paginator(items, size)
    paginator.count = _count(items, count_key) if total is None else total
    wanted = min(page_number(number), paginator.num_pages)
    window = _window(items, offset=(wanted - 1) * size, size=size, count=paginator.count)

    def one_page(*given: Any) -> QuerySet[Any]:
        listed = rows(*given)
        ids = _ids_on_page(listed, window)
        return listed.filter(pk__in=ids) if shown is None else shown(ids, *given)

    backwards, start, length = window
    where = f"{length} before the last {start}" if backwards else f"{length} after {start}"
    found = read_written_once(
        one_page, values, name=f"{name}: {where}", model=items.model, prepare=prepare
    )
    return Page(found, wanted, paginator)


def page_address(query: QueryDict, number: int, parameter: str = "page") -> str:
    """The address of page `number` of a list, keeping the rest of the `query` (a search,
    a filter, another list's page): what `{% page_link %}` gives."""
    asked = query.copy()
    asked[parameter] = str(number)
    return f"?{asked.urlencode()}"


def page_links(query: QueryDict, page: Page) -> tuple[dict[str, Hashable], dict[str, SafeString]]:
    """What `core/layout/page_links.html` shows of `page`, for a part drawn from a frame
    (`core/frames.framed_part`): the page numbers as plain values, and the addresses of
    the pages either side, keeping the rest of `query`, as holes."""

    def address(number: int) -> SafeString:
        return escape(page_address(query, number))

    shown: dict[str, Hashable] = {
        "number": page.number,
        "pages": page.paginator.num_pages,
        "has_previous": page.has_previous(),
        "has_next": page.has_next(),
    }
    holes = {
        "previous_href": address(page.number - 1) if page.has_previous() else SafeString(""),
        "next_href": address(page.number + 1) if page.has_next() else SafeString(""),
    }
    return shown, holes


def page_asked(
    request: HttpRequest, items: QuerySet[Any], *, size: int = 25, parameter: str = "page"
) -> Page:
    """The page of `items` the address asks for in `?<parameter>=`: a page with several
    lists names each one's page (`?received=2`), and keeps the others'."""
    return page_of(items=items, number=request.GET.get(parameter), size=size)


def _count(items: QuerySet[Any], key: str | None) -> int:
    def count() -> int:
        return items.order_by().values("pk").count()

    return count() if key is None else remembered(key, count, seconds=COUNT_SECONDS)


def _ids_on_page(items: QuerySet[Any], window: tuple[bool, int, int]) -> QuerySet[Any]:
    backwards, start, length = window
    ids = items.values_list("pk", flat=True)
    return (ids.reverse() if backwards else ids)[start : start + length]


def _window(items: QuerySet[Any], *, offset: int, size: int, count: int) -> tuple[bool, int, int]:
    """Where the ids of one page are read from: (backwards, start, length), from
    whichever end of the list is nearer.

    An offset is paid for row by row, so the last page of 10,000 read from the front
    skips 9,975 entries; read backwards from the end it skips none. The list's order
    must end in a unique field (its id), so that backwards is exactly the reverse."""
    if offset <= count // 2 or not _ends_in_id(items):
        return False, offset, size
    on_page = max(min(size, count - offset), 0)
    return True, count - offset - on_page, on_page


def _ends_in_id(items: QuerySet[Any]) -> bool:
    """Whether the list's order ends in its id, so no two rows tie and backwards is
    exactly the reverse (an order by expressions is not looked into: read from the front)."""
    query = items.query
    order = list(query.order_by) or (
        list(items.model._meta.ordering) if query.default_ordering else []
    )
    return bool(order) and isinstance(order[-1], str) and order[-1].lstrip("-") in {"id", "pk"}
