"""Comtrade-shaped CSV files made up for benchmarks and tests: every column Comtrade exports."""

from collections.abc import Iterator
from itertools import islice, permutations

from app.ingest.comtrade.areas import comtrade_areas

HEADER = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,"
    "reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,"
    "partner2ISO,partner2Desc,classificationCode,cmdCode,cmdDesc,aggrLevel,isLeaf,"
    "customsCode,customsDesc,mosCode,motCode,motDesc,qty,netWgt,cifvalue,fobvalue,"
    "primaryValue,legacyEstimationFlag,isReported,isAggregate"
)
FLOW_NAMES = {"X": "Export", "M": "Import"}


def comtrade_code(alpha3: str) -> int:
    """The code Comtrade gives a country: its own where it differs, else ISO numeric."""
    areas = comtrade_areas()
    own = {a3: code for code, a3 in areas.special.items()}
    return own.get(alpha3) or next(
        code for code, a3 in areas.by_code.items() if a3 == alpha3 and code not in areas.special
    )


def line(reporter: str, partner: str, flow: str, year: int, month: int | None, value: str) -> str:
    """One monthly (month given) or annual row, with Comtrade's column values."""
    period = f"{year}{month:02d}" if month else str(year)
    r_code, p_code = comtrade_code(reporter), comtrade_code(partner)
    return (
        f"C,{'M' if month else 'A'},{period}01,{year},{month or 52},{period},"
        f"{r_code},{reporter},{reporter} desc,{flow},{FLOW_NAMES.get(flow, flow)},"
        f"{p_code},{partner},{partner} desc,0,W00,World,H6,TOTAL,All Commodities,0,False,"
        f"C00,All customs procedures,0,0,All modes of transport,0,0,{value},{value},"
        f"{value},0,True,False"
    )


def monthly_lines(rows: int, first_year: int = 2015) -> Iterator[str]:
    """`rows` distinct monthly export and import rows between the first 60 ISO countries."""
    countries = sorted(comtrade_areas().iso)[:60]

    def every() -> Iterator[str]:
        for index, (reporter, partner) in enumerate(permutations(countries, 2)):
            for year in range(first_year, first_year + 30):
                for month in range(1, 13):
                    for flow in ("X", "M"):
                        value = f"{(index * 7919 + year * 13 + month * 31) % 99991 * 1000 + 0.5}"
                        yield line(reporter, partner, flow, year, month, value)

    return islice(every(), rows)


def sample_csv(rows: int) -> str:
    return HEADER + "\n" + "\n".join(monthly_lines(rows)) + "\n"
