"""Regenerate ``schemas/report.schema.json`` from the pydantic models."""

from schemas import SCHEMA_PATH, json_schema_text

if __name__ == "__main__":
    SCHEMA_PATH.write_text(json_schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
