"""Small Comtrade-shaped files for the import tests."""

from pathlib import Path

from app.ingest.comtrade.sample import HEADER, line

# Kazakhstan's exports to and imports from Kyrgyzstan in 2022, as Comtrade would give them.
KAZ_KGZ_2022 = [
    line("KAZ", "KGZ", "X", 2022, None, "850000000"),
    line("KAZ", "KGZ", "M", 2022, None, "450000000.25"),
]


def write_csv(folder: Path, lines: list[str], header: str = HEADER, name: str = "kaz.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path
