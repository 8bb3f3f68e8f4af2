"""Records: the articles of CSV, JSONL and JSON tables, and the YAML front matter of a text file.

A table holds many articles, and one broken row must not cost the others: each record comes
back either as a dict with lower-cased keys and a `text` field, or as the reason it cannot be
one. Problems with the whole file (no text column, no records) raise SkipError.

Exports name the fields differently (news-please's `maintext`, `date_publish` and a list of
`authors`): `standard_fields` renames them after analysis/data/corpus/field_names.tsv, so one
set of rules reads a crawler's JSON, a spreadsheet and front matter alike.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import yaml

from analysis import reasons, wordlists
from analysis.corpus.files import SkipError
from analysis.paths import PACKAGE_DIR

# Other exports' names of the documents' fields (maintext → text), in precedence order.
FIELD_NAMES = {name: field for name, field in
               wordlists.rows(PACKAGE_DIR / "data" / "corpus" / "field_names.tsv")}
TEXT_NAMES = ", ".join(name for name, field in FIELD_NAMES.items() if field == "text")
Label = int | None  # a record's number in its file; None when the file is the one record


def as_text(value: Any) -> str:
    """Table cells may be None, NaN or numbers; documents hold plain strings."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def lower_keys(record: dict[Any, Any]) -> dict[str, Any]:
    """Column and key names are matched case-insensitively ("Text", "TITLE")."""
    return {str(key).strip().lower(): value for key, value in record.items()}


def standard_fields(record: dict[Any, Any]) -> dict[str, Any]:
    """Lower-cased keys, with other exports' names of a field renamed to ours (maintext → text,
    authors → author); the first name in field_names.tsv that holds a value wins."""
    fields = lower_keys(record)
    for name, field in FIELD_NAMES.items():
        if name in fields:
            value = _joined(fields.pop(name), field)
            if not as_text(fields.get(field)):
                fields[field] = value
    return fields


def _joined(value: Any, field: str) -> Any:
    """A list value as one string: text as paragraphs, anything else with ", " (authors)."""
    if not isinstance(value, list):
        return value
    return ("\n\n" if field == "text" else ", ").join(filter(None, map(as_text, value)))


def csv_records(text: str) -> Iterator[tuple[Label, dict[str, Any] | str]]:
    """Rows of a CSV (delimiter , ; or tab, guessed from the header); bad rows become reasons."""
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as exc:
        raise SkipError(reasons.text("csv_header", error=exc)) from exc
    if not any(FIELD_NAMES.get(name) == "text" for name in header):
        raise SkipError(reasons.text("csv_no_text_column", names=TEXT_NAMES,
                                     columns=", ".join(header)))
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield number, reasons.text("csv_row", number=number, line=line, error=exc)
            continue
        if not any(field.strip() for field in fields):
            continue
        number += 1
        if len(fields) == len(header):
            yield number, standard_fields(dict(zip(header, fields, strict=True)))
        else:
            yield number, reasons.text("csv_fields", number=number, line=line,
                                       fields=len(fields), header=len(header))


def jsonl_records(text: str) -> Iterator[tuple[Label, dict[str, Any] | str]]:
    """One JSON object per line; N is the line number so reasons point at the broken line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, reasons.text("jsonl_invalid", number=number, error=exc.msg,
                                       column=exc.colno)
            continue
        yield number, _check_record(record, "line", number)


def json_records(text: str) -> Iterator[tuple[Label, dict[str, Any] | str]]:
    """A JSON list of objects, an object holding that list under "articles"/"records", a single
    article object (news-please writes one per file), or JSON lines saved as .json."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text[: exc.pos].endswith("\n"):
            yield from jsonl_records(text)  # a second value starts on a new line: JSON lines
            return
        raise SkipError(reasons.text("json_invalid", error=exc.msg, line=exc.lineno)) from exc
    if isinstance(data, dict):
        lists = [data[key] for key in ("articles", "records") if isinstance(data.get(key), list)]
        if not lists:
            record = standard_fields(data)
            if "text" not in record:
                keys = ", ".join(map(str, data)) or "none"
                raise SkipError(reasons.text("json_object_no_text", names=TEXT_NAMES, keys=keys))
            yield None, record
            return
        data = lists[0]
    if not isinstance(data, list):
        raise SkipError(reasons.text("json_not_list", kind=type(data).__name__))
    for number, record in enumerate(data, start=1):
        yield number, _check_record(record, "record", number)


def _check_record(record: Any, unit: str, number: int) -> dict[str, Any] | str:
    """A JSON record with lower-cased keys, or the reason it cannot be one; `unit` ("line",
    "record") and `number` say where it is."""
    if not isinstance(record, dict):
        return reasons.text("json_not_object", unit=unit, number=number)
    record = standard_fields(record)
    if "text" not in record:
        return reasons.text("json_no_text_field", unit=unit, number=number, names=TEXT_NAMES)
    return record


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split '---' YAML front matter from the body; broken YAML is a skip, not a crash."""
    lines = text.split("\n")
    closing = [i for i, line in enumerate(lines) if i and line.strip() in {"---", "..."}]
    if not closing:
        raise SkipError(reasons.text("front_matter_unclosed"))
    end = closing[0]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        raise SkipError(reasons.text("front_matter_invalid", error=exc.__class__.__name__)) from exc
    if not isinstance(meta, dict):
        raise SkipError(reasons.text("front_matter_not_mapping"))
    return standard_fields(meta), "\n".join(lines[end + 1 :])
