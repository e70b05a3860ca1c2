"""Offline, rule-based extraction of a draft fact file from the text of a press release."""

from app.ingest.extract.document import SourceDocument, read_document
from app.ingest.extract.dump import dump_fact_file
from app.ingest.extract.facts import extract_facts

__all__ = ["SourceDocument", "dump_fact_file", "extract_facts", "read_document"]
