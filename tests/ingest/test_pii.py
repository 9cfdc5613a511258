"""Personal data hashed at import: HMAC-SHA256 against RFC 4231 and Python's hmac, the SQL
macros against the Python functions, normalisation, which columns count as personal data,
the installation key, and imports with `hash_pii` on both load paths, the CLI and the key."""

from __future__ import annotations

import hashlib
import hmac
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from mpm.config import Settings
from mpm.errors import UserError
from mpm.ingest import IngestOptions, ingest_file, pii
from mpm.ingest.pii import PiiKind
from tests.helpers import TEST_DATA, query

EXPORTS = TEST_DATA / "exports"
KEY = bytes(range(32))

# RFC 4231, HMAC-SHA256 test vectors
RFC4231 = [
    # test case 2: a key shorter than the block
    (b"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f08"
     "9d2739839dec58b964ec3843"),
    # test case 6: a key longer than the block (hashed first)
    (b"\xaa" * 131, "Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "data", "expected"), RFC4231)
def test_digest_is_hmac_sha256_of_rfc_4231(key: bytes, data: str, expected: str) -> None:
    assert pii.digest(key, data) == "pii:" + expected


@pytest.mark.parametrize(("key", "data", "expected"), RFC4231)
def test_sql_hmac_macro_gives_the_rfc_4231_values(key: bytes, data: str, expected: str) -> None:
    con = duckdb.connect()
    pii.install_macros(con, key)
    assert con.execute("SELECT mpm_pii_hmac(?)", [data]).fetchone() == ("pii:" + expected,)


VALUES = [
    (PiiKind.EMAIL, "  Ana.Lopez@Example.COM "),
    (PiiKind.EMAIL, "ünïcode.Ñame@exämple.de"),
    (PiiKind.EMAIL, "\u00a0tab\t@example.org\u00a0"),
    (PiiKind.PHONE, "+1 (415) 555-0101"),
    (PiiKind.PHONE, "n/a"),
    (PiiKind.NAME, "  Ana   María\tLópez "),
    (PiiKind.ADDRESS, "12 Example Rd,\u00a0 Apt 4"),
    (PiiKind.IDENTIFIER, "ALEX.DOE@example.com"),
    (PiiKind.IDENTIFIER, "C0001299"),
    (PiiKind.EMAIL, "pii:" + "ab" * 32),
    (PiiKind.EMAIL, "   "),
]


@pytest.mark.parametrize(("kind", "value"), VALUES)
def test_sql_macros_compute_what_the_python_function_does(kind: PiiKind, value: str) -> None:
    con = duckdb.connect()
    pii.install_macros(con, KEY)
    got = con.execute(f"SELECT {pii.sql(kind, '?')}", [value]).fetchone()
    assert got == (pii.hash_value(KEY, kind, value),)


def test_values_are_normalised_before_hashing_so_one_person_hashes_alike() -> None:
    def h(kind: PiiKind, value: str) -> str | None:
        return pii.hash_value(KEY, kind, value)

    expected = hmac.new(KEY, b"ana.lopez@example.com", hashlib.sha256).hexdigest()
    assert h(PiiKind.EMAIL, " Ana.Lopez@Example.com\t") == "pii:" + expected
    assert h(PiiKind.PHONE, "+1 (415) 555-0101") == h(PiiKind.PHONE, "1-415-555-0101")
    assert h(PiiKind.PHONE, "+1 (415) 555-0101") == pii.digest(KEY, "14155550101")
    assert h(PiiKind.NAME, " Ana  LÓPEZ ") == pii.digest(KEY, "ana lópez")
    assert h(PiiKind.IDENTIFIER, "Ana.Lopez@Example.com") == h(
        PiiKind.EMAIL, "ana.lopez@example.com"
    )


def test_empty_values_stay_empty_and_hashes_and_plain_ids_are_kept() -> None:
    hashed = pii.digest(KEY, "someone@example.com")
    assert pii.hash_value(KEY, PiiKind.EMAIL, None) is None
    assert pii.hash_value(KEY, PiiKind.PHONE, "--") is None  # no digits
    assert pii.hash_value(KEY, PiiKind.EMAIL, hashed) == hashed  # re-importing hashed data
    assert pii.hash_value(KEY, PiiKind.IDENTIFIER, "C0001299") == "C0001299"


def test_a_different_key_gives_different_hashes() -> None:
    other = bytes(32)
    assert pii.hash_value(KEY, PiiKind.EMAIL, "a@b.c") != pii.hash_value(
        other, PiiKind.EMAIL, "a@b.c"
    )


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("Email", PiiKind.EMAIL),
        ("E-mail Address", PiiKind.EMAIL),
        ("contactEmail", PiiKind.EMAIL),
        ("Phone Number", PiiKind.PHONE),
        ("Billing Phone", PiiKind.PHONE),
        ("mobile", PiiKind.PHONE),
        ("First Name", PiiKind.NAME),
        ("lastName", PiiKind.NAME),
        ("Billing Name", PiiKind.NAME),
        ("Name", PiiKind.NAME),
        ("Surname", PiiKind.NAME),
        ("Billing Address1", PiiKind.ADDRESS),
        ("Shipping Street", PiiKind.ADDRESS),
        ("Billing Zip", PiiKind.ADDRESS),
        ("Postal Code", PiiKind.ADDRESS),
        ("IP Address", PiiKind.ADDRESS),
        ("Campaign Name", None),
        ("Deal Name", None),
        ("Lineitem name", None),
        ("Billing Province Name", None),
        ("Tax 1 Name", None),
        ("Billing City", None),
        ("Billing Country", None),
        ("Associated Company", None),
        ("Contact owner", None),
        ("Lifecycle Stage", None),
        ("Marketing contact status", None),
        ("Accepts Marketing", None),
        ("Email Opt-out", None),
        ("Phone Type", None),
    ],
)
def test_kept_columns_are_personal_data_by_their_name(key: str, kind: PiiKind | None) -> None:
    assert pii.attribute_kind(key) is kind


def test_the_key_is_created_on_first_use_readable_by_its_owner_only(tmp_path: Path) -> None:
    assert pii.existing_key(tmp_path) is None
    key = pii.installation_key(tmp_path)
    assert len(key) == pii.KEY_BYTES
    assert stat.S_IMODE((tmp_path / "pii.key").stat().st_mode) == 0o600
    assert pii.installation_key(tmp_path) == key == pii.existing_key(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["pii.key"]  # no temp file left


def test_processes_creating_the_key_at_once_get_the_same_key(tmp_path: Path) -> None:
    keys: list[bytes] = []
    start = threading.Barrier(8)

    def create() -> None:
        start.wait()
        keys.append(pii.installation_key(tmp_path))

    threads = [threading.Thread(target=create) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(keys)) == 1 and len(keys) == 8


def test_a_damaged_key_file_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "pii.key").write_text("not hex\n")
    with pytest.raises(UserError, match=r"pii\.key: not a valid personal-data key"):
        pii.installation_key(tmp_path)


# --- imports ---------------------------------------------------------------------------------


def _contacts(settings: Settings, **options: object) -> None:
    ingest_file(
        EXPORTS / "hubspot_contacts_internal_values.csv",
        options=IngestOptions(keep_extra=True, **options),  # type: ignore[arg-type]
        settings=settings,
    )


def test_hash_pii_replaces_emails_names_and_phones_of_leads(
    settings: Settings, both_load_paths: str
) -> None:
    _contacts(settings, hash_pii=True)
    key = pii.existing_key(settings.home_path)
    assert key is not None
    rows = query(
        settings,
        "SELECT lead_id, email, attributes['First Name'], attributes['Last Name'], "
        "attributes['Lifecycle Stage'], channel FROM leads ORDER BY lead_id",
    )
    first = rows[0]
    assert first[0] == "61230000201"  # a CRM record id is not personal data
    assert first[1] == pii.hash_value(key, PiiKind.EMAIL, "eva.marsh@example.com")
    assert first[2] == pii.digest(key, "eva") and first[3] == pii.digest(key, "marsh")
    assert first[4] == "customer" and first[5] == "Paid Search"  # the rest as without hashing
    assert rows[2][2] is None  # an empty name stays empty
    assert not query(settings, "SELECT * FROM leads WHERE email LIKE '%@%'")
    assert len(rows) == 6


def test_without_hash_pii_personal_data_is_kept_as_given(settings: Settings) -> None:
    _contacts(settings)
    assert query(settings, "SELECT email, attributes['First Name'] FROM leads ORDER BY 1")[0] == (
        "eva.marsh@example.com",
        "Eva",
    )
    assert pii.existing_key(settings.home_path) is None  # no key made without need


def test_the_load_report_says_what_was_hashed(settings: Settings) -> None:
    report = ingest_file(
        EXPORTS / "hubspot_contacts_internal_values.csv",
        options=IngestOptions(keep_extra=True, hash_pii=True),
        settings=settings,
    )
    note = next(w for w in report.warnings if w.startswith("personal data hashed"))
    assert "email (Email)" in note and "'First Name'" in note and "'Last Name'" in note
    assert "Lifecycle" not in note and "@" not in note


def test_one_person_hashes_the_same_in_orders_and_customers(
    settings: Settings, tmp_path: Path, both_load_paths: str
) -> None:
    """A Shopify order's customer is its e-mail; a customers file keyed otherwise names the
    same address in another spelling: hashed, they still join."""
    ingest_file(
        EXPORTS / "shopify_orders_export_1.csv",
        options=IngestOptions(hash_pii=True),
        settings=settings,
    )
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "customer_id,email,first_order_at,country\nC1, EVA.Marsh@Example.com ,2025-10-02,US\n"
    )
    ingest_file(
        customers, options=IngestOptions(table="customers", hash_pii=True), settings=settings
    )
    joined = query(
        settings,
        "SELECT o.order_id, c.customer_id FROM orders o "
        "JOIN customers c ON o.customer_id = c.email",
    )
    assert joined == [("#1304", "C1")]
    assert query(settings, "SELECT count(*) FROM orders WHERE customer_id LIKE '%@%'") == [(0,)]


def test_re_importing_with_hash_pii_replaces_the_same_rows(settings: Settings) -> None:
    """Hashed keys are stable, so a re-import upserts instead of duplicating."""
    for _ in range(2):
        ingest_file(
            EXPORTS / "shopify_orders_export_1.csv",
            options=IngestOptions(hash_pii=True),
            settings=settings,
        )
    assert query(settings, "SELECT count(*) FROM orders") == [(5,)]


def test_cli_hash_pii(mpm: Callable[..., object], home: Path) -> None:
    done = mpm(
        "ingest", str(EXPORTS / "hubspot_contacts_internal_values.csv"), "--hash-pii", check=True
    )
    assert "personal data hashed" in done.stdout  # type: ignore[attr-defined]
    settings = Settings(home=home)
    assert query(settings, "SELECT count(*) FROM leads WHERE email LIKE 'pii:%'") == [(6,)]
    assert stat.S_IMODE((home / "pii.key").stat().st_mode) == 0o600
