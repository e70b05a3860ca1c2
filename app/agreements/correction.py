"""PATCH /agreements/{id}: a curator confirms an agreement, or corrects it with a quote's
support."""

from decimal import Decimal
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from app.agreements.schemas import AgreementCorrection
from app.http.problems import InvalidParameter
from app.models import Agreement, AgreementParty
from app.review.service import apply_correction, fact_to_correct, named_country, require_amount


async def correct_agreement(
    session: AsyncSession, agreement_id: int, body: AgreementCorrection, key_name: str
) -> None:
    """Apply the correction, or raise a 422 problem and change nothing."""
    agreement, cited = await fact_to_correct(session, Agreement, agreement_id, "agreement", body)
    changes: dict[str, Any] = {}
    if body.value_usd is not None:
        require_amount(cited, "value_usd", body.value_usd)
        changes["value_usd"] = body.value_usd
    elif body.quote is not None and agreement.value_usd is not None:
        require_amount(cited, "quote", agreement.value_usd)
    if body.value_qualifier is not None:
        changes["value_qualifier"] = body.value_qualifier
    has_value = changes.get("value_usd", agreement.value_usd) is not None
    if has_value != (changes.get("value_qualifier", agreement.value_qualifier) is not None):
        raise InvalidParameter("body", "give value_usd and value_qualifier together")
    if body.document_count is not None:
        require_amount(cited, "document_count", Decimal(body.document_count))
        changes["document_count"] = body.document_count
    parties = None
    if body.parties is not None:
        parties = {await named_country(session, cited, "parties", ref) for ref in body.parties}
    await apply_correction(session, agreement, cited, body, changes, key_name)
    if parties is not None:
        await session.execute(
            delete(AgreementParty).where(AgreementParty.agreement_id == agreement_id)
        )
        session.add_all(
            AgreementParty(agreement_id=agreement_id, country_code=code) for code in sorted(parties)
        )
    await session.flush()
