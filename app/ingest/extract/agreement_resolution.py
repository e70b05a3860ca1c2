"""Agreements across the document: a package restated is one agreement, and documents that are
neither counted nor named give way to those that are."""

from dataclasses import dataclass

from app.ingest.facts import AgreementFact, PersonFact


@dataclass(frozen=True)
class AgreementDraft:
    fact: AgreementFact
    people: list[PersonFact]
    sentence: int
    # Neither counted, valued nor named: "several agreements", "the documents".
    vague: bool = False
    # Names some of the documents another sentence reports: "Among them is ...".
    elaborates: bool = False


def resolve_agreements(drafts: list[AgreementDraft]) -> list[AgreementDraft]:
    """Each signing once, as precisely as the document reports it."""
    drafts = merge_restated(drafts)
    if any(_counted(d) for d in drafts if not d.elaborates):
        # "Fifteen documents were signed. Among them are memorandums on ...": examples.
        drafts = [d for d in drafts if not d.elaborates]
    if any(not d.vague for d in drafts):
        # "They signed several agreements. ... 12 contracts worth $50 million": the same ones.
        drafts = [d for d in drafts if not d.vague]
    return drafts


def merge_restated(drafts: list[AgreementDraft]) -> list[AgreementDraft]:
    """A package told twice (lead and quoted statement) is one: the same value, or with no
    value the same count. The first mention is kept, completed by the count of a later one."""
    result: list[AgreementDraft] = []
    for draft in drafts:
        same = next((i for i, known in enumerate(result) if _restates(known, draft)), None)
        if same is None:
            result.append(draft)
            continue
        known = result[same]
        count = known.fact.document_count or draft.fact.document_count
        fact = known.fact.model_copy(update={"document_count": count})
        result[same] = AgreementDraft(
            fact, known.people, known.sentence, known.vague, known.elaborates
        )
    return result


def _restates(known: AgreementDraft, draft: AgreementDraft) -> bool:
    if known.fact.value_usd is not None or draft.fact.value_usd is not None:
        return known.fact.value_usd == draft.fact.value_usd
    count = known.fact.document_count
    return count is not None and count == draft.fact.document_count


def _counted(draft: AgreementDraft) -> bool:
    return draft.fact.value_usd is not None or draft.fact.document_count is not None
