"""Measure the extractor against hand-labelled gold facts, kind by kind."""

from app.ingest.evaluation.gold import GoldArticle, GoldError, load_gold
from app.ingest.evaluation.report import format_report
from app.ingest.evaluation.scoring import KINDS, EvaluationReport, Score, compare, evaluate

__all__ = [
    "KINDS",
    "EvaluationReport",
    "GoldArticle",
    "GoldError",
    "Score",
    "compare",
    "evaluate",
    "format_report",
    "load_gold",
]
