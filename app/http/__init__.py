"""HTTP concerns around every route: request ids, size and rate limits, the response cache."""
