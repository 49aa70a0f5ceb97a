"""Reading Open Referral query parameters, with a clear message for each bad one."""

import datetime
import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from flourish.directory.geography import district_for
from flourish.directory.selectors import SearchQuery

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# A postcode on its own (no proximity) means "near here": ten miles, in metres.
DEFAULT_PROXIMITY_METRES = 16_093
MAX_PROXIMITY_METRES = 200_000
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


def _whole_number(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ApiError(400, f"'{name}' must be a whole number of 1 or more, not '{raw}'.")
    return int(raw)


def paging(params: Mapping[str, str]) -> Paging:
    per_page = _whole_number(params, "per_page", DEFAULT_PER_PAGE)
    if per_page > MAX_PER_PAGE:
        raise ApiError(400, f"'per_page' can be at most {MAX_PER_PAGE}, not {per_page}.")
    return Paging(page=_whole_number(params, "page", 1), per_page=per_page)


def check_page_exists(paging: Paging, total: int) -> None:
    pages = max(1, math.ceil(total / paging.per_page))
    if paging.page > pages:
        raise ApiError(
            404, f"Page {paging.page} does not exist: there are {pages} pages of {paging.per_page}."
        )


def parse_id(raw: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as error:
        raise ApiError(400, f"'{raw}' is not a valid {what} id: ids are UUIDs.") from error


def _time(params: Mapping[str, str], name: str) -> datetime.time | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.time.fromisoformat(raw)
    except ValueError as error:
        raise ApiError(400, f"'{name}' must be a time such as 18:00, not '{raw}'.") from error


def _day(params: Mapping[str, str]) -> str:
    raw = params.get("day", "").strip().upper()
    if not raw:
        return ""
    code = DAY_NAMES.get(raw, raw)
    if code not in DAYS:
        raise ApiError(400, f"'day' must be a day such as MO or monday, not '{raw.lower()}'.")
    return DAYS[code]


def _age(params: Mapping[str, str], name: str) -> None:
    # We hold no age limits, so the filters match everything; they must still be numbers.
    raw = params.get(name, "").strip()
    if raw:
        try:
            float(raw)
        except ValueError as error:
            raise ApiError(400, f"'{name}' must be a number, not '{raw}'.") from error


def _optional_id(params: Mapping[str, str], name: str, what: str) -> uuid.UUID | None:
    raw = params.get(name, "").strip()
    return parse_id(raw, what) if raw else None


def _place(params: Mapping[str, str], query: SearchQuery) -> None:
    postcode = params.get("postcode", "").strip()
    raw = params.get("proximity", "").strip()
    if raw and not postcode:
        raise ApiError(400, "'proximity' needs a 'postcode' to measure from.")
    if not postcode:
        return
    centre = district_for(postcode)
    if centre is None:
        raise ApiError(
            400, f"We do not know the postcode '{postcode}'. Give a UK postcode such as LS6 3AB."
        )
    metres = float(DEFAULT_PROXIMITY_METRES)
    if raw:
        try:
            metres = float(raw)
        except ValueError as error:
            raise ApiError(400, f"'proximity' must be a number of metres, not '{raw}'.") from error
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
        words=params.get("search", "")[:200],
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
