"""Postcodes, postcode districts and distances, from data shipped in the repository.

Districts (outward codes such as "LS6") and their centroids and local authorities come
from `data/postcode_districts.csv`, built from the ONS Postcode Directory (Open Government
Licence v3.0) by `data/build_postcode_districts.py`. Nothing here calls the network.
A full postcode is placed at its district's centroid: close enough to sort groups by
distance, and it never pins anyone's home.
"""

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "postcode_districts.csv"
ATTRIBUTION = (
    "Contains National Statistics data © Crown copyright and database right. "
    "Source: Office for National Statistics, licensed under the Open Government Licence v3.0."
)
EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344

_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL_POSTCODE = re.compile(rf"^({_OUTWARD})([0-9][A-Z]{{2}})$")
_OUTWARD_ONLY = re.compile(rf"^({_OUTWARD})$")


@dataclass(frozen=True)
class District:
    outward_code: str
    latitude: float
    longitude: float
    local_authority_code: str
    local_authority: str


@lru_cache(maxsize=1)
def _districts() -> dict[str, District]:
    with DATA_FILE.open(newline="") as data:
        return {
            row["outward_code"]: District(
                outward_code=row["outward_code"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                local_authority_code=row["la_code"],
                local_authority=row["la_name"],
            )
            for row in csv.DictReader(data)
        }


def all_districts() -> list[District]:
    return list(_districts().values())


def normalise_postcode(text: str) -> str:
    """ "ls63ab" → "LS6 3AB"; an outward code alone ("ls6") → "LS6"; anything else unchanged."""
    squashed = re.sub(r"\s+", "", text or "").upper()
    if match := _FULL_POSTCODE.match(squashed):
        return f"{match.group(1)} {match.group(2)}"
    return squashed


def outward_code_of(text: str) -> str | None:
    """The district part of a full postcode or of an outward code alone; None if neither."""
    squashed = re.sub(r"\s+", "", text or "").upper()
    match = _FULL_POSTCODE.match(squashed) or _OUTWARD_ONLY.match(squashed)
    return match.group(1) if match else None


def district_for(text: str) -> District | None:
    """The postcode district a postcode is in, if it is one we know."""
    outward = outward_code_of(text)
    return _districts().get(outward) if outward else None


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lng2 - lng1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(lat: float, lng: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) around a point: a cheap, indexable pre-filter."""
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    dlng = math.degrees(km / (EARTH_RADIUS_KM * max(math.cos(math.radians(lat)), 0.01)))
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


# Words people add to a council area's name that the ONS name does not have.
_COUNCIL_WORDS = re.compile(
    r"\b(london borough|royal borough|city|metropolitan|borough|district|county|council|of|the)\b",
    re.IGNORECASE,
)


def _name_key(name: str) -> str:
    words = _COUNCIL_WORDS.sub(" ", name.replace("&", " and "))
    return " ".join(re.sub(r"[^\w]+", " ", words).casefold().split())


@lru_cache(maxsize=1)
def _local_authorities() -> dict[str, tuple[str, str]]:
    named = (d for d in _districts().values() if d.local_authority)
    return {
        _name_key(d.local_authority): (d.local_authority_code, d.local_authority) for d in named
    }


def local_authority_named(name: str) -> tuple[str, str] | None:
    """The ONS code and name of a council area as people write it ("Leeds", "Leeds City
    Council"), if it is one we know; None otherwise."""
    return _local_authorities().get(_name_key(name or "")) or None
