"""One field type, three spellings: proto3, Go and JSON Schema.

Python hints (``int``, ``Optional[date]``, ``list[Order]``), defaults (``0``, ``"draft"``)
and SQL column types (``NUMERIC(10,2)``) all map onto the small table below; whatever is
not recognised becomes a string, which always compiles and is easy to tighten by hand.

=============  ===============================  ================  =================
kind           proto3                           Go                JSON Schema
=============  ===============================  ================  =================
int            int64                            int64             integer
float          double                           float64           number
decimal        string (exact, as text)          string            string/decimal
bool           bool                             bool              boolean
string         string                           string            string
bytes          bytes                            []byte            string/byte
timestamp      .google.protobuf.Timestamp       time.Time         string/date-time
struct         .google.protobuf.Struct          map[string]any    object
=============  ===============================  ================  =================
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import sqlglot
from sqlglot import exp

TIMESTAMP = ".google.protobuf.Timestamp"
STRUCT = ".google.protobuf.Struct"


@dataclass(frozen=True)
class FieldType:
    kind: str  # a row of the table above, or "message"
    message: str = ""  # proto message name when kind == "message"
    repeated: bool = False

    @property
    def proto(self) -> str:
        return self.message if self.kind == "message" else _PROTO[self.kind]

    @property
    def go(self) -> str:
        return _GO[self.kind]

    def json_schema(self) -> dict:
        item = dict(_JSON[self.kind])
        return {"type": "array", "items": item} if self.repeated else item

    def as_list(self) -> FieldType:
        return FieldType(self.kind, self.message, repeated=True)


_PROTO = {"int": "int64", "float": "double", "decimal": "string", "bool": "bool",
          "string": "string", "bytes": "bytes", "timestamp": TIMESTAMP, "struct": STRUCT}
_GO = {"int": "int64", "float": "float64", "decimal": "string", "bool": "bool",
       "string": "string", "bytes": "[]byte", "timestamp": "time.Time",
       "struct": "map[string]interface{}", "message": "string"}
_JSON = {"int": {"type": "integer"}, "float": {"type": "number"},
         "decimal": {"type": "string", "format": "decimal"}, "bool": {"type": "boolean"},
         "string": {"type": "string"}, "bytes": {"type": "string", "format": "byte"},
         "timestamp": {"type": "string", "format": "date-time"}, "struct": {"type": "object"},
         "message": {"type": "object"}}

_PY_NAMES = {
    "int": "int", "float": "float", "decimal": "decimal", "bool": "bool", "str": "string",
    "bytes": "bytes", "bytearray": "bytes", "datetime": "timestamp", "date": "timestamp",
    "uuid": "string", "time": "string", "dict": "struct", "mapping": "struct", "any": "struct",
    "object": "struct", "json": "struct",
}
_PY_LISTS = {"list", "sequence", "iterable", "iterator", "tuple", "set", "frozenset",
             "collection", "generator", "mutablesequence", "abstractset"}
_WRAPPERS = {"optional", "annotated", "final", "classvar", "required", "notrequired"}


def from_python(annotation: str | None, default: str | None = None, name: str = "",
                entities: dict[str, str] | None = None) -> FieldType:
    """The type of a parameter or return value from its hint, else its default, else its name.

    ``entities`` maps Python class names (``Order``) to generated message names.
    """
    if annotation:
        found = _from_hint(annotation.strip().strip("'\""), entities or {})
        if found is not None:
            return found
    return _from_default(default) or from_name(name)


def from_name(name: str) -> FieldType:
    """A guess from the name alone: ``*_id`` is an int, ``*_at``/``*date`` a timestamp."""
    n = name.lower()
    if n == "id" or n.endswith("_id") or n in ("count", "limit", "offset", "page", "qty"):
        return FieldType("int")
    if n.endswith(("_at", "_date", "_on")) or n in ("date", "when", "since", "until"):
        return FieldType("timestamp")
    if n.startswith(("is_", "has_")):
        return FieldType("bool")
    if n.endswith("_ids"):
        return FieldType("int", repeated=True)
    return FieldType("string")


def from_sql(type_text: str) -> FieldType:
    """The type of a column from its SQL type text; unknown types are strings."""
    data_type = sql_data_type(type_text)
    if data_type is None:
        return FieldType("string")
    t = data_type.this
    if t in _INTEGERS:
        return FieldType("int")
    if t == exp.DataType.Type.BOOLEAN:
        return FieldType("bool")
    if t in (exp.DataType.Type.DECIMAL, exp.DataType.Type.MONEY, exp.DataType.Type.SMALLMONEY):
        return FieldType("decimal")
    if t in exp.DataType.REAL_TYPES:
        return FieldType("float")
    if t in exp.DataType.TEMPORAL_TYPES and t not in _CLOCK_TYPES:
        return FieldType("timestamp")
    if t in (exp.DataType.Type.BINARY, exp.DataType.Type.VARBINARY, exp.DataType.Type.BLOB,
             exp.DataType.Type.LONGBLOB, exp.DataType.Type.MEDIUMBLOB,
             exp.DataType.Type.TINYBLOB, exp.DataType.Type.IMAGE):
        return FieldType("bytes")
    return FieldType("string")


_CLOCK_TYPES = {exp.DataType.Type.TIME, exp.DataType.Type.TIMETZ}
_INTEGERS = (exp.DataType.INTEGER_TYPES - {exp.DataType.Type.BIT}) | {
    exp.DataType.Type.SERIAL, exp.DataType.Type.BIGSERIAL, exp.DataType.Type.SMALLSERIAL}


# Column types as models write them, in SQL: Django's and peewee's field classes, pyDAL's
# type names and the SQLAlchemy types sqlglot does not know. Without them a Django
# project's schemas and messages were all TEXT and strings. A key's type is its target's
# default key (an integer).
ORM_SQL_TYPES = {
    "autofield": "SERIAL", "bigautofield": "BIGSERIAL", "smallautofield": "SERIAL",
    "primarykeyfield": "SERIAL", "id": "SERIAL", "big-id": "BIGSERIAL",
    "integerfield": "INTEGER", "bigintegerfield": "BIGINT", "smallintegerfield": "SMALLINT",
    "positiveintegerfield": "INTEGER", "positivesmallintegerfield": "SMALLINT",
    "positivebigintegerfield": "BIGINT", "floatfield": "DOUBLE PRECISION",
    "doublefield": "DOUBLE PRECISION", "decimalfield": "DECIMAL", "booleanfield": "BOOLEAN",
    "nullbooleanfield": "BOOLEAN", "charfield": "TEXT", "textfield": "TEXT",
    "slugfield": "TEXT", "emailfield": "TEXT", "urlfield": "TEXT", "filefield": "TEXT",
    "imagefield": "TEXT", "filepathfield": "TEXT", "genericipaddressfield": "TEXT",
    "ipaddressfield": "TEXT", "fixedcharfield": "TEXT", "datefield": "DATE",
    "datetimefield": "TIMESTAMP", "timestampfield": "TIMESTAMP", "timefield": "TIME",
    "durationfield": "INTERVAL", "uuidfield": "UUID", "jsonfield": "JSON",
    "binaryfield": "BLOB", "blobfield": "BLOB", "foreignkey": "INTEGER",
    "onetoonefield": "INTEGER", "foreignkeyfield": "INTEGER", "deferredforeignkey": "INTEGER",
    "upload": "TEXT", "password": "TEXT", "largebinary": "BLOB", "pickletype": "BLOB",
    "unicode": "TEXT", "unicodetext": "TEXT",
    # SQLObject's columns
    "stringcol": "TEXT", "unicodecol": "TEXT", "intcol": "INTEGER", "bigintcol": "BIGINT",
    "smallintcol": "SMALLINT", "tinyintcol": "SMALLINT", "floatcol": "DOUBLE PRECISION",
    "boolcol": "BOOLEAN", "datetimecol": "TIMESTAMP", "datecol": "DATE", "timecol": "TIME",
    "timestampcol": "TIMESTAMP", "decimalcol": "DECIMAL", "currencycol": "DECIMAL",
    "enumcol": "TEXT", "setcol": "TEXT", "blobcol": "BLOB", "picklecol": "BLOB",
    "jsoncol": "JSON", "uuidcol": "UUID", "keycol": "INTEGER",
    # Storm's properties that are not SQL type names already (Int, Bool, DateTime...)
    "rawstr": "BLOB", "pickle": "BLOB", "list": "TEXT", "enum": "TEXT", "timedelta": "INTERVAL",
    "reference": "INTEGER",
}


SIZED_SQL_TYPES = {"charfield": "VARCHAR", "slugfield": "VARCHAR", "emailfield": "VARCHAR",
                   "urlfield": "VARCHAR", "fixedcharfield": "CHAR", "decimalfield": "DECIMAL",
                   "string": "VARCHAR", "unicode": "VARCHAR",  # SQLAlchemy's String(50)
                   "stringcol": "VARCHAR", "unicodecol": "VARCHAR", "decimalcol": "DECIMAL"}


def sql_data_type(type_text: str) -> exp.DataType | None:
    """``type_text`` parsed by sqlglot, or None when it is empty or not a type sqlglot knows."""
    text = (type_text or "").strip()
    if not text:
        return None
    key = text.lower()
    if key.startswith(("reference ", "big-reference ")):  # pyDAL's keys
        key = "foreignkey" if key.startswith("reference") else "bigintegerfield"
    sized = re.fullmatch(r"(\w+)\(([\d, ]+)\)", key)  # CharField(120), DecimalField(10, 2)
    if sized and sized.group(1) in SIZED_SQL_TYPES:
        text = f"{SIZED_SQL_TYPES[sized.group(1)]}({sized.group(2)})"
    else:
        text = ORM_SQL_TYPES.get(key, text)
    # MySQL spellings ("INT(11) UNSIGNED", "TINYINT(1)") and PostgreSQL's ("BIGSERIAL")
    # parse with their dialect.
    for dialect in (None, "mysql", "postgres"):
        try:
            built = exp.DataType.build(text, dialect=dialect)
        except (sqlglot.errors.ParseError, sqlglot.errors.TokenError, ValueError):
            continue
        return None if built.this == exp.DataType.Type.USERDEFINED else built
    return None


def _from_hint(hint: str, entities: dict[str, str]) -> FieldType | None:
    hint = re.sub(r"\s+", "", hint)
    parts = [p for p in _split_union(hint) if p not in ("None", "NoneType")]
    if len(parts) != 1:
        return FieldType("string") if len(parts) > 1 else None
    head, args = _head_args(parts[0])
    base = head.rpartition(".")[2]
    key = base.lower()
    if key in _WRAPPERS and args:
        return _from_hint(args[0], entities)
    if key in _PY_LISTS:
        inner = _from_hint(args[0], entities) if args else None
        if inner is None or inner.repeated:
            return FieldType("struct") if inner is not None else FieldType("string", repeated=True)
        return inner.as_list()
    if key in ("dict", "mapping", "mutablemapping", "defaultdict", "ordereddict", "typeddict"):
        return FieldType("struct")
    if base in entities:
        return FieldType("message", entities[base])
    if key in _PY_NAMES:
        return FieldType(_PY_NAMES[key])
    return None


def _split_union(hint: str) -> list[str]:
    head, args = _head_args(hint)
    if head.rpartition(".")[2] == "Union":
        return args
    depth, start, out = 0, 0, []
    for i, c in enumerate(hint):
        depth += c == "["
        depth -= c == "]"
        if c == "|" and depth == 0:
            out.append(hint[start:i])
            start = i + 1
    return out + [hint[start:]]


def _head_args(hint: str) -> tuple[str, list[str]]:
    if not hint.endswith("]") or "[" not in hint:
        return hint, []
    head, _, rest = hint.partition("[")
    depth, start, args = 0, 0, []
    body = rest[:-1]
    for i, c in enumerate(body):
        depth += c == "["
        depth -= c == "]"
        if c == "," and depth == 0:
            args.append(body[start:i])
            start = i + 1
    args.append(body[start:])
    return head, [a for a in args if a and a != "..."]


def _from_default(default: str | None) -> FieldType | None:
    if not default:
        return None
    try:
        value = ast.literal_eval(default)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, bool):
        return FieldType("bool")
    if isinstance(value, int):
        return FieldType("int")
    if isinstance(value, float):
        return FieldType("float")
    if isinstance(value, str):
        return FieldType("string")
    if isinstance(value, bytes):
        return FieldType("bytes")
    if isinstance(value, dict):
        return FieldType("struct")
    return None
