"""Fact files: their schema, the loader behind `tradestat seed`, and the text extractor."""
