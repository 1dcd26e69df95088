"""Names what is wrong with request bytes the protobuf parser refused.

The parser only says that parsing failed; walking the wire format finds which string
field is not UTF-8, or that the bytes are not protobuf at all.
"""
from __future__ import annotations

from google.protobuf.descriptor import Descriptor, FieldDescriptor

UNKNOWN = "its bytes do not parse (corrupt, or a string field that is not UTF-8)"
CORRUPT = "its bytes are not protobuf wire format (corrupt or truncated)"


class _Corrupt(Exception):
    pass


def problem(descriptor: Descriptor, data: bytes) -> str:
    try:
        return _find(descriptor, data, "") or UNKNOWN
    except _Corrupt:
        return CORRUPT


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value, shift = 0, 0
    while pos < len(data) and shift < 64:
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos, shift = pos + 1, shift + 7
        if not byte & 0x80:
            return value, pos
    raise _Corrupt()


def _find(descriptor: Descriptor, data: bytes, path: str) -> str | None:
    """The first string field (at any depth) that is not UTF-8, described; None if there is none."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if number == 0:
            raise _Corrupt()
        if wire_type == 0:
            _, pos = _varint(data, pos)
        elif wire_type in (1, 5):
            pos += 8 if wire_type == 1 else 4
        elif wire_type == 2:
            length, pos = _varint(data, pos)
            chunk, pos = data[pos:pos + length], pos + length
            found = _check(descriptor.fields_by_number.get(number), chunk, path) if pos <= len(data) else None
            if found:
                return found
        else:  # groups (3, 4) do not exist in proto3; 6 and 7 are not wire types
            raise _Corrupt()
        if pos > len(data):
            raise _Corrupt()
    return None


def _check(field: FieldDescriptor | None, chunk: bytes, path: str) -> str | None:
    if field is None:
        return None
    name = path + field.name
    if field.type == FieldDescriptor.TYPE_STRING:
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            return f"field {name} is not UTF-8 text (string fields must be valid UTF-8)"
    elif field.type == FieldDescriptor.TYPE_MESSAGE:
        return _find(field.message_type, chunk, name + ".")
    return None
