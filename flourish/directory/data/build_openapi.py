"""Build `openapi.json`, the OpenAPI document the API serves, from the Open Referral UK
profile's own files, so that nothing in it is typed by hand twice.

    .venv/bin/python flourish/directory/data/build_openapi.py ../shared/standards/openreferral-uk

Starts from the profile's `hsds-openapi.json` (CC BY-SA 4.0, see OPENREFERRAL-LICENSE.txt)
and makes it a valid, self-contained OpenAPI 3.1 document:
- response schemas are the profile's compiled schemas (`compiled/*.json`; taxonomy and
  taxonomy term from `service_with_definitions.json`), included under
  `components/schemas` instead of linked to another site;
- `/service_at_locations/{id}` returns a service_at_location (the profile links service);
- query parameters say what this API accepts: times as HH:MM (the profile's `"type":
  "time"` is not a JSON Schema type), page and per_page as whole numbers with their
  limits, proximity as metres up to 50,000;
- every operation documents its 400 (bad parameter), 404 and 429 answers, as JSON.
`test_openapi.py` checks the committed file is what this script makes today.
"""

import copy
import json
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent / "openapi.json"
PROFILE_RAW = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
# Keys of the profile's schemas that describe its CSV data packages, not JSON.
NOT_JSON_SCHEMA = {"datapackage_metadata", "tabular_required", "path", "constraints"}
# Where the profile links a schema on GitHub, the component that replaces the link.
LINKED = {
    "compiled/service.json": "service",
    "compiled/service_list.json": "service_list",
    "compiled/service_at_location.json": "service_at_location",
    "compiled/service_at_location_list.json": "service_at_location_list",
    "taxonomy.json": "taxonomy",
    "taxonomy_term.json": "taxonomy_term",
}
PLAIN_TEXT = {"type": "string", "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"}
TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "18:00"}
PARAMETER_SCHEMAS = {
    "search": PLAIN_TEXT,
    "postcode": {
        "type": "string",
        "pattern": "^ *[A-Za-z]{1,2}[0-9][A-Za-z0-9]? *([0-9][A-Za-z]{2})? *$",
        "example": "LS6 3AB",
    },
    "page": {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
    "start_time": TIME,
    "end_time": TIME,
    "proximity": {"type": "number", "exclusiveMinimum": 0, "maximum": 50_000},
    "day": {
        "type": "string",
        "enum": [
            *("MO", "TU", "WE", "TH", "FR", "SA", "SU"),
            *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ],
    },
    "taxonomy_term_id": {"type": "string", "format": "uuid"},
    "taxonomy_id": {"type": "string", "format": "uuid"},
}
ERROR = {
    "type": "object",
    "required": ["status", "message"],
    "properties": {
        "status": {"type": "integer", "description": "The HTTP status code."},
        "message": {"type": "string", "description": "What was wrong, and what to do."},
    },
}
ANSWERS = {
    "400": "A parameter or id is not valid; the message names it and says what to send.",
    "404": "Nothing has that id, or the page asked for is past the last page.",
    "429": "Too many requests from this client; try again after Retry-After seconds.",
}


def _json_schema(schema: Any) -> Any:
    """A profile schema without its data-package keys, with refs pointing into components."""
    if isinstance(schema, list):
        return [_json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    cleaned = {}
    for key, value in schema.items():
        if key in NOT_JSON_SCHEMA:
            continue
        if key in {"properties", "definitions"}:
            cleaned[key] = {name: _json_schema(sub) for name, sub in value.items()}
        elif key == "$ref" and value.startswith("#/definitions/"):
            cleaned[key] = "#/components/schemas/" + value.removeprefix("#/definitions/")
        else:
            cleaned[key] = _json_schema(value)
    return cleaned


def _schemas(standards: Path) -> dict[str, Any]:
    def load(name: str) -> Any:
        return json.loads((standards / name).read_text())

    definitions = load("compiled/service_with_definitions.json")["definitions"]
    # The nested definitions (taxonomy, attribute, ...) refer to each other by name; the
    # compiled schemas are self-contained and keep their own names, so none collide.
    schemas = {name: _json_schema(schema) for name, schema in definitions.items()}
    for name in ("service", "service_list", "service_at_location", "service_at_location_list"):
        schemas[name] = _json_schema(load(f"compiled/{name}.json"))
    return schemas


def _relink(node: Any) -> Any:
    if isinstance(node, list):
        return [_relink(item) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    if ref.startswith(PROFILE_RAW):
        return {"$ref": "#/components/schemas/" + LINKED[ref.removeprefix(PROFILE_RAW)]}
    return {key: _relink(value) for key, value in node.items()}


def _document_answers(operation: dict[str, Any]) -> None:
    for status, description in ANSWERS.items():
        operation["responses"][status] = {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }


def build(standards: Path) -> dict[str, Any]:
    document = json.loads((standards / "hsds-openapi.json").read_text())
    document["openapi"] = "3.1.0"
    document["paths"] = _relink(document["paths"])
    by_id = document["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    by_id["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/service_at_location"
    }
    for item in document["paths"].values():
        for method, operation in item.items():
            if method != "parameters":
                _document_answers(operation)
        for parameter in item.get("parameters", []):
            if parameter.get("in") == "path":
                parameter["schema"] = {"type": "string", "format": "uuid"}
    parameters = document["components"]["parameters"]
    for name, schema in PARAMETER_SCHEMAS.items():
        parameters[name]["schema"] = copy.deepcopy(schema)
    parameters["modified_after"]["schema"]["format"] = "date-time"
    document["components"]["schemas"] |= _schemas(standards) | {"Error": ERROR}
    return document


def render(standards: Path) -> str:
    return json.dumps(build(standards), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    OUTPUT.write_text(render(Path(sys.argv[1])))
    print(f"Wrote {OUTPUT}")
