"""Reading Open Referral query parameters, with a clear message for each bad one."""

import datetime
import math
import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from flourish.core.formatting import is_whole_number
from flourish.directory.geography import district_for
from flourish.directory.selectors import SearchQuery

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# A postcode on its own (no proximity) means "near here": ten miles, in metres.
DEFAULT_PROXIMITY_METRES = 16_093
MAX_PROXIMITY_METRES = 50_000  # the neighbouring districts stored (NEIGHBOUR_RADIUS_KM)
# Far beyond any real page, and small enough that an offset fits every database.
MAX_PAGE = 1_000_000
MAX_SEARCH_LENGTH = 200
DAYS = {"MO": "0", "TU": "1", "WE": "2", "TH": "3", "FR": "4", "SA": "5", "SU": "6"}
DAY_NAMES = {
    "MONDAY": "MO",
    "TUESDAY": "TU",
    "WEDNESDAY": "WE",
    "THURSDAY": "TH",
    "FRIDAY": "FR",
    "SATURDAY": "SA",
    "SUNDAY": "SU",
}


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _shown(raw: str) -> str:
    """A parameter's value, quoted back safely in a message: printable, and not too long."""
    printable = "".join(char if char.isprintable() else "?" for char in raw)
    return printable if len(printable) <= 40 else printable[:40] + "…"


def _text(params: Mapping[str, str], name: str, *, may_be_empty: bool = False) -> str:
    raw = params.get(name, "")
    if name in params and not raw.strip() and not may_be_empty:
        raise ApiError(400, f"'{name}' is empty: give it a value, or leave it out.")
    # Control characters (NUL above all, which PostgreSQL refuses) are never part of
    # a search; the OpenAPI document says so with PLAIN_TEXT_PATTERN.
    if any(unicodedata.category(char) == "Cc" for char in raw):
        raise ApiError(400, f"'{name}' must be plain text, without control characters.")
    return raw.strip()


def _whole_number(params: Mapping[str, str], name: str, default: int, most: int) -> int:
    raw = _text(params, name)
    if not raw:
        return default
    if not is_whole_number(raw) or not 1 <= int(raw) <= most:
        raise ApiError(
            400, f"'{name}' must be a whole number from 1 to {most:,}, not '{_shown(raw)}'."
        )
    return int(raw)


def paging(params: Mapping[str, str]) -> Paging:
    return Paging(
        page=_whole_number(params, "page", 1, MAX_PAGE),
        per_page=_whole_number(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def check_page_exists(paging: Paging, total: int) -> None:
    pages = max(1, math.ceil(total / paging.per_page))
    if paging.page > pages:
        raise ApiError(
            404, f"Page {paging.page} does not exist: there are {pages} pages of {paging.per_page}."
        )


CANONICAL_UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")


def parse_id(raw: str, what: str) -> uuid.UUID:
    # Only the written form ids are published in, as the document's "format": "uuid" says.
    if not CANONICAL_UUID.match(raw):
        raise ApiError(400, f"'{_shown(raw)}' is not a valid {what} id: ids are UUIDs.")
    return uuid.UUID(raw)


def _time(params: Mapping[str, str], name: str) -> datetime.time | None:
    raw = _text(params, name)
    if not raw:
        return None
    try:
        return datetime.time.fromisoformat(raw)
    except ValueError as error:
        raise ApiError(
            400, f"'{name}' must be a time such as 18:00, not '{_shown(raw)}'."
        ) from error


def _day(params: Mapping[str, str]) -> str:
    raw = _text(params, "day").upper()
    if not raw:
        return ""
    code = DAY_NAMES.get(raw, raw)
    if code not in DAYS:
        raise ApiError(
            400, f"'day' must be a day such as MO or monday, not '{_shown(raw.lower())}'."
        )
    return DAYS[code]


def _age(params: Mapping[str, str], name: str) -> None:
    # We hold no age limits, so the filters match everything; they must still be numbers.
    raw = _text(params, name)
    if raw:
        try:
            number = float(raw)
        except ValueError as error:
            raise ApiError(400, f"'{name}' must be a number, not '{_shown(raw)}'.") from error
        if not math.isfinite(number):
            raise ApiError(400, f"'{name}' must be a number, not '{_shown(raw)}'.")


def _optional_id(params: Mapping[str, str], name: str, what: str) -> uuid.UUID | None:
    raw = _text(params, name)
    return parse_id(raw, what) if raw else None


def _place(params: Mapping[str, str], query: SearchQuery) -> None:
    postcode = _text(params, "postcode")
    raw = _text(params, "proximity")
    if raw and not postcode:
        raise ApiError(400, "'proximity' needs a 'postcode' to measure from.")
    if not postcode:
        return
    centre = district_for(postcode)
    if centre is None:
        raise ApiError(
            400,
            f"We do not know the postcode '{_shown(postcode)}'. "
            "Give a UK postcode such as LS6 3AB.",
        )
    metres = float(DEFAULT_PROXIMITY_METRES)
    if raw:
        try:
            metres = float(raw)
        except ValueError as error:
            raise ApiError(
                400, f"'proximity' must be a number of metres, not '{_shown(raw)}'."
            ) from error
        if not 0 < metres <= MAX_PROXIMITY_METRES:
            raise ApiError(
                400, f"'proximity' must be more than 0 and at most {MAX_PROXIMITY_METRES} metres."
            )
    query.centre, query.radius_km = centre, metres / 1000


def search_query(params: Mapping[str, str], *, with_place: bool = False) -> SearchQuery:
    """A SearchQuery from Open Referral parameters; raises ApiError naming the bad one."""
    _age(params, "minimum_age")
    _age(params, "maximum_age")
    query = SearchQuery(
        words=_text(params, "search", may_be_empty=True)[:MAX_SEARCH_LENGTH],
        day=_day(params),
        starts_from=_time(params, "start_time"),
        ends_by=_time(params, "end_time"),
        term_uuid=_optional_id(params, "taxonomy_term_id", "taxonomy term"),
        taxonomy_uuid=_optional_id(params, "taxonomy_id", "taxonomy"),
    )
    if with_place:
        _place(params, query)
    elif params.get("postcode") or params.get("proximity"):
        raise ApiError(400, "'postcode' and 'proximity' work on /service_at_locations.")
    return query
