"""tradestat: trade statistics where every figure cites the sentence it came from."""
