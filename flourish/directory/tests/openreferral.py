"""The Open Referral UK 3.0 profile schemas, made strict, for checking API responses.

The profile's compiled schemas allow any extra property; here every object also
forbids properties the schema does not name, so a typo in a field name fails too.
"""

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker

from flourish.core.tests.standards import standards_dir


def standard_dir() -> Path:
    return standards_dir("openreferral-uk")


def _strict(schema: Any) -> Any:
    if isinstance(schema, dict):
        schema = {key: _strict(value) for key, value in schema.items()}
        if schema.get("type") == "object" and "properties" in schema:
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [_strict(item) for item in schema]
    return schema


def _load(path: str) -> dict:
    return json.loads((standard_dir() / path).read_text())


@cache
def _schema(name: str) -> dict:
    if name in {"taxonomy", "taxonomy_term"}:
        definitions = _load("compiled/service_with_definitions.json")["definitions"]
        return _strict({"$ref": f"#/definitions/{name}", "definitions": definitions})
    if name == "page":
        return copy.deepcopy(_load("hsds-openapi.json")["components"]["schemas"]["Page"])
    return _strict(_load(f"compiled/{name}.json"))


def validate(data: dict, name: str) -> None:
    Draft7Validator(_schema(name), format_checker=FormatChecker()).validate(data)


def validate_page(data: dict, item_schema: str) -> None:
    contents = data.pop("contents")
    validate(data, "page")
    assert set(data) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
    }
    for item in contents:
        validate(item, item_schema)
    data["contents"] = contents
