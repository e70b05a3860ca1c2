"""Reading a file before its rows: its text, its hash, and what makes it unreadable; read
while the database connection is being made."""

import codecs
import hashlib
import socket
from pathlib import Path

import pytest

from app.config import Settings
from app.db.engine import create_engine, create_sessionmaker
from app.db.errors import DatabaseUnavailable
from app.ingest.comtrade.loader import ImportOptions, import_csv
from app.ingest.comtrade.rows import FileProblem, read_file
from tests.ingest.comtrade.files import KAZ_KGZ_2022, write_csv


def test_a_byte_order_mark_is_neither_text_nor_hashed(tmp_path: Path) -> None:
    plain = write_csv(tmp_path, KAZ_KGZ_2022, name="plain.csv")
    marked = tmp_path / "marked.csv"
    marked.write_bytes(codecs.BOM_UTF8 + plain.read_bytes())

    with_mark, without = read_file(marked), read_file(plain)

    assert with_mark.text == without.text == plain.read_text(encoding="utf-8")
    assert with_mark.sha256 == without.sha256  # the same text: imported once
    assert with_mark.sha256 == hashlib.sha256(with_mark.text.encode()).hexdigest()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"refYear,primaryValue\n\xff\xfe,1\n", "not UTF-8 text"),
        (b"refYear,primaryValue\n2022,\x001\n", "holds NUL bytes"),
    ],
)
def test_a_file_that_is_no_text_is_refused(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(content)

    with pytest.raises(FileProblem, match=problem):
        read_file(path)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_bad_file_is_named_even_when_the_database_cannot_be_reached(
    settings: Settings, tmp_path: Path
) -> None:
    nowhere = create_engine(f"postgresql://postgres@127.0.0.1:{closed_port()}/none", settings)
    good = write_csv(tmp_path, KAZ_KGZ_2022)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"refYear,primaryValue\n\xff\n")
    try:
        with pytest.raises(DatabaseUnavailable):
            await import_csv(create_sessionmaker(nowhere), good, ImportOptions())
        with pytest.raises(FileProblem, match="not UTF-8 text"):
            await import_csv(create_sessionmaker(nowhere), bad, ImportOptions())
    finally:
        await nowhere.dispose()
