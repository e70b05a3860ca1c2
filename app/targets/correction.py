"""PATCH /targets/{id}: a curator confirms a target, or corrects it with a quote's support."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.http.problems import InvalidParameter
from app.models import Target
from app.review.service import (
    Citation,
    apply_correction,
    fact_to_correct,
    named_country,
    require_amount,
    require_year,
)
from app.targets.schemas import TargetCorrection


async def correct_target(
    session: AsyncSession, target_id: int, body: TargetCorrection, key_name: str
) -> None:
    """Apply the correction, or raise a 422 problem and change nothing."""
    target, cited = await fact_to_correct(session, Target, target_id, "target", body)
    changes: dict[str, Any] = {}
    if body.value_usd is not None:
        require_amount(cited, "value_usd", body.value_usd)
        changes["value_usd"] = body.value_usd
    elif body.quote is not None:
        require_amount(cited, "quote", target.value_usd)
    if body.value_qualifier is not None:
        changes["value_qualifier"] = body.value_qualifier
    if body.target_year is not None:
        require_year(cited, "target_year", body.target_year)
        changes["target_year"] = body.target_year
    if body.countries is not None:
        changes.update(await _countries(session, cited, body.countries))
    await apply_correction(session, target, cited, body, changes, key_name)


async def _countries(session: AsyncSession, cited: Citation, refs: list[str]) -> dict[str, str]:
    codes = sorted({await named_country(session, cited, "countries", ref) for ref in refs})
    if len(codes) != 2:
        raise InvalidParameter("body.countries", "give two different countries")
    return {"country_a_code": codes[0], "country_b_code": codes[1]}
