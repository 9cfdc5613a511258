"""Personal data in imports: which columns hold it, how it is normalised, and its keyed hash.

With `IngestOptions.hash_pii` (`mpm ingest --hash-pii`) e-mail addresses, person names, phone
numbers and street addresses are replaced at import by `pii:` + HMAC-SHA256 (RFC 2104) of the
normalised value, under a secret of the installation (`MPM_HOME/pii.key`, 32 random bytes as
hex, created on first use with mode 0600). Normalising first makes one person hash the same
in every file and workspace of the installation, so hashed values still join (an order's
customer to a customer's e-mail); the key keeps anyone without it from confirming a guessed
address by hashing it. Which columns are personal data is decided here (see
docs/data-protection.md); the hashing itself runs inside DuckDB as macros (`install_macros`),
so millions of rows never pass through Python, and `hash_value` is the same computation in
Python, for lookups and tests.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from enum import StrEnum
from pathlib import Path

import duckdb

from mpm.errors import UserError
from mpm.ingest.sql import literal

PREFIX = "pii:"
KEY_FILE = "pii.key"
KEY_BYTES = 32
BLOCK = 64  # SHA-256 block size in bytes (RFC 2104: keys are padded to it)
WHITESPACE = " \t\n\r\f\v\u00a0"  # trimmed and collapsed; the same set in Python and in SQL
HASHED = re.compile(r"pii:[0-9a-f]{64}")


class PiiKind(StrEnum):
    """How a personal value is normalised before it is hashed."""

    EMAIL = "email"  # trimmed, lower case
    PHONE = "phone"  # digits only
    NAME = "name"  # trimmed, runs of white space as one space, lower case
    ADDRESS = "address"  # as a name
    IDENTIFIER = "identifier"  # an id: hashed as an e-mail when it is one (contains @), else kept


# canonical columns that hold personal data, per table (attributes are classified by key)
COLUMNS: dict[str, dict[str, PiiKind]] = {
    "leads": {
        "email": PiiKind.EMAIL,
        "lead_id": PiiKind.IDENTIFIER,
        "customer_id": PiiKind.IDENTIFIER,
    },
    "customers": {"email": PiiKind.EMAIL, "customer_id": PiiKind.IDENTIFIER},
    "orders": {"customer_id": PiiKind.IDENTIFIER},
    "touchpoints": {"user_id": PiiKind.IDENTIFIER},
    "conversions": {"user_id": PiiKind.IDENTIFIER},
    "experiment_exposures": {"unit_id": PiiKind.IDENTIFIER},
}

_EMAIL_WORDS = frozenset({"email", "mail", "emailaddress"})
_PHONE_WORDS = frozenset(
    {
        "phone",
        "phonenumber",
        "telephone",
        "tel",
        "mobile",
        "mobilephone",
        "cell",
        "cellphone",
        "fax",
        "whatsapp",
        "msisdn",
    }
)
_NAME_WORDS = frozenset({"firstname", "lastname", "fullname", "surname", "forename", "givenname"})
# a "name" is a person's when the other words only say whose: "Billing Name", "First Name",
# "Name"; not "Campaign Name", "Deal Name", "Billing Province Name"
_PERSON_WORDS = frozenset(
    {
        "first",
        "last",
        "full",
        "given",
        "family",
        "middle",
        "sur",
        "nick",
        "billing",
        "shipping",
        "customer",
        "contact",
        "person",
        "recipient",
        "buyer",
        "client",
        "member",
        "display",
        "legal",
    }
)
_ADDRESS_WORDS = frozenset(
    {
        "street",
        "address",
        "address1",
        "address2",
        "address3",
        "zip",
        "zipcode",
        "postcode",
        "postal",
        "postalcode",
        "streetaddress",
        "homeaddress",
        "ip",
        "ipaddress",
    }
)
# words saying the column is about the field, not the value: "Email Opt-out", "Phone Type"
_ABOUT_WORDS = frozenset(
    {
        "status",
        "consent",
        "opt",
        "optin",
        "optout",
        "accepts",
        "accepted",
        "subscribed",
        "subscription",
        "verified",
        "valid",
        "type",
        "bounced",
        "bounce",
        "count",
        "opens",
        "clicks",
        "domain",
        "owner",
    }
)


def _words(key: str) -> list[str]:
    """`Billing Address1` → [billing, address1]; `firstName` → [first, name]."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", key)
    return [w for w in re.split(r"[^0-9a-z]+", spaced.lower()) if w]


def attribute_kind(key: str) -> PiiKind | None:
    """The kind of personal data a kept extra column holds, judged by its name; None if none.

    E-mail, phone, a person's name, street address, zip/postal code and IP address count;
    company, city, province, country, owner (staff), flags about a field ("Email Opt-out",
    "Phone Type") and free-text notes do not."""
    found = set(_words(key))
    if found & _ABOUT_WORDS:
        return None
    if found & _EMAIL_WORDS:
        return PiiKind.EMAIL
    if found & _PHONE_WORDS:
        return PiiKind.PHONE
    if found & _NAME_WORDS or ("name" in found and found - {"name"} <= _PERSON_WORDS):
        return PiiKind.NAME
    if found & _ADDRESS_WORDS:
        return PiiKind.ADDRESS
    return None


def column_kind(table: str, column: str) -> PiiKind | None:
    return COLUMNS.get(table, {}).get(column)


def normalise(kind: PiiKind, value: str) -> str:
    """The form of a value that is hashed ('' when nothing is left)."""
    if kind is PiiKind.EMAIL or kind is PiiKind.IDENTIFIER:
        return value.strip(WHITESPACE).lower()
    if kind is PiiKind.PHONE:
        return re.sub(r"[^0-9]", "", value)
    return re.sub(f"[{WHITESPACE}]+", " ", value.strip(WHITESPACE)).lower()


def is_hashed(value: str) -> bool:
    return HASHED.fullmatch(value) is not None


def digest(key: bytes, text: str) -> str:
    """`pii:` + HMAC-SHA256 of `text` (UTF-8) under `key`, in hex."""
    return PREFIX + hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def hash_value(key: bytes, kind: PiiKind, value: str | None) -> str | None:
    """What an import with `hash_pii` stores for `value`: its keyed hash after normalising,
    None when nothing is left, a hashed value unchanged, and an identifier that is not an
    e-mail address as it is."""
    if value is None or is_hashed(value):
        return value
    if kind is PiiKind.IDENTIFIER and "@" not in value:
        return value
    text = normalise(kind, value)
    return digest(key, text) if text else None


# --- the same in DuckDB ----------------------------------------------------------------------


def _pads(key: bytes) -> tuple[bytes, bytes]:
    """(K ⊕ ipad, K ⊕ opad) of RFC 2104 for SHA-256."""
    if len(key) > BLOCK:
        key = hashlib.sha256(key).digest()
    padded = key.ljust(BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in padded), bytes(b ^ 0x5C for b in padded)


MACRO = {kind: f"mpm_pii_{kind.value}" for kind in PiiKind}


def install_macros(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Temp macros `mpm_pii_<kind>(x)` on this connection that compute `hash_value`. The key
    is in the macros only (temporary: never written to the warehouse, never in query text)."""
    inner, outer = (literal(p.hex()) for p in _pads(key))
    space = literal(WHITESPACE)
    runs = literal(f"[{WHITESPACE}]+")
    done = f"regexp_full_match(x, {literal(HASHED.pattern)})"

    def hashed(normalised: str) -> str:
        return f"CASE WHEN {done} THEN x ELSE mpm_pii_hmac(nullif({normalised}, '')) END"

    statements = [
        f"CREATE OR REPLACE TEMP MACRO mpm_pii_hmac(t) AS {literal(PREFIX)} || sha256("
        f"from_hex({outer}) || from_hex(sha256(from_hex({inner}) || encode(t))))",
        f"CREATE OR REPLACE TEMP MACRO {MACRO[PiiKind.EMAIL]}(x) AS "
        + hashed(f"lower(trim(x, {space}))"),
        f"CREATE OR REPLACE TEMP MACRO {MACRO[PiiKind.PHONE]}(x) AS "
        + hashed("regexp_replace(x, '[^0-9]', '', 'g')"),
        f"CREATE OR REPLACE TEMP MACRO {MACRO[PiiKind.NAME]}(x) AS "
        + hashed(f"lower(regexp_replace(trim(x, {space}), {runs}, ' ', 'g'))"),
        f"CREATE OR REPLACE TEMP MACRO {MACRO[PiiKind.ADDRESS]}(x) AS {MACRO[PiiKind.NAME]}(x)",
        f"CREATE OR REPLACE TEMP MACRO {MACRO[PiiKind.IDENTIFIER]}(x) AS "
        f"CASE WHEN contains(x, '@') THEN {MACRO[PiiKind.EMAIL]}(x) ELSE x END",
    ]
    for statement in statements:
        con.execute(statement)


def sql(kind: PiiKind, expr: str) -> str:
    """SQL hashing `expr` (a text expression) as `kind`; needs `install_macros`."""
    return f"{MACRO[kind]}({expr})"


# --- the installation's key ------------------------------------------------------------------


def key_path(home: Path) -> Path:
    return home / KEY_FILE


def _read_key(path: Path) -> bytes | None:
    text = path.read_text(encoding="ascii", errors="replace").strip()
    if not text:
        return None  # another process is writing it (only without hard links)
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 16:
        raise UserError(
            f"{path}: not a valid personal-data key (expected {KEY_BYTES * 2} hex digits); "
            "restore it from a backup, or move it away to start a new key (earlier hashes "
            "will then no longer match)"
        )
    return key


def existing_key(home: Path) -> bytes | None:
    """The installation's key, or None when no import has hashed anything yet."""
    path = key_path(home)
    return _read_key(path) if path.exists() else None


def installation_key(home: Path) -> bytes:
    """The installation's key, created on first use (mode 0600; safe when two processes
    create it at once: the file appears complete or not at all)."""
    path = key_path(home)
    for _ in range(50):
        if path.exists():
            key = _read_key(path)
            if key is not None:
                return key
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _create_key(path)
    raise UserError(f"{path}: the personal-data key is empty; remove the file and try again")


def _create_key(path: Path) -> None:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, (secrets.token_bytes(KEY_BYTES).hex() + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)  # fails if another process created the key first
    except FileExistsError:
        pass
    except OSError:  # no hard links on this file system: an exclusive rename instead
        if not path.exists():
            os.replace(temp, path)
            return
    temp.unlink(missing_ok=True)
