"""PATCH /turnover/{id}: a curator confirms a figure, or corrects it with a quote's support."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.http.problems import InvalidParameter
from app.models import TurnoverPeriod
from app.review.service import (
    Citation,
    apply_correction,
    fact_to_correct,
    named_country,
    require_amount,
    require_year,
)
from app.turnover.schemas import TurnoverCorrection

PERIOD_FIELDS = ("period_start", "period_end", "period_label")


async def correct_figure(
    session: AsyncSession, figure_id: int, body: TurnoverCorrection, key_name: str
) -> None:
    """Apply the correction, or raise a 422 problem and change nothing."""
    figure, cited = await fact_to_correct(
        session, TurnoverPeriod, figure_id, "turnover figure", body
    )
    changes = {
        **_value(cited, figure, body),
        **_period(cited, body),
        **await _pair(session, cited, figure, body),
    }
    if body.value_qualifier is not None:
        changes["value_qualifier"] = body.value_qualifier
    await _require_no_twin(session, figure, changes)
    await apply_correction(session, figure, cited, body, changes, key_name)


def _value(cited: Citation, figure: TurnoverPeriod, body: TurnoverCorrection) -> dict[str, Any]:
    """A corrected value, or a new quote, must state the figure's value."""
    if body.value_usd is not None:
        require_amount(cited, "value_usd", body.value_usd)
        return {"value_usd": body.value_usd, "amount": body.value_usd, "currency": "USD"}
    if body.quote is not None:
        require_amount(cited, "quote", figure.amount)
    return {}


def _period(cited: Citation, body: TurnoverCorrection) -> dict[str, Any]:
    given = body.model_fields_set & set(PERIOD_FIELDS)
    if not given:
        return {}
    if body.period_start is None or body.period_end is None or body.period_label is None:
        raise InvalidParameter("body", "give period_start, period_end and period_label together")
    if body.period_end < body.period_start:
        raise InvalidParameter("body.period_end", "before period_start")
    require_year(cited, "period_start", body.period_start.year)
    require_year(cited, "period_end", body.period_end.year)
    return {
        "period_start": body.period_start,
        "period_end": body.period_end,
        "period_label": body.period_label,
        "period_inferred": False,
    }


async def _pair(
    session: AsyncSession, cited: Citation, figure: TurnoverPeriod, body: TurnoverCorrection
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if body.reporter is not None:
        changes["reporter_code"] = await named_country(session, cited, "reporter", body.reporter)
    if body.partner is not None:
        changes["partner_code"] = await named_country(session, cited, "partner", body.partner)
    reporter = changes.get("reporter_code", figure.reporter_code)
    if reporter == changes.get("partner_code", figure.partner_code):
        raise InvalidParameter("body.partner", "the same country as the reporter")
    return changes


async def _require_no_twin(
    session: AsyncSession, figure: TurnoverPeriod, changes: dict[str, Any]
) -> None:
    """One document states one figure per reporter, partner, flow and period."""
    key = ("reporter_code", "partner_code", "period_start", "period_end")
    wanted = {name: changes.get(name, getattr(figure, name)) for name in key}
    twin = await session.scalar(
        select(TurnoverPeriod.id).where(
            TurnoverPeriod.document_id == figure.document_id,
            TurnoverPeriod.flow == figure.flow,
            TurnoverPeriod.id != figure.id,
            *(getattr(TurnoverPeriod, name) == value for name, value in wanted.items()),
        )
    )
    if twin is not None:
        raise InvalidParameter("body", f"figure {twin} of the same document already states this")
