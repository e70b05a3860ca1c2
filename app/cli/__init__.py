"""The `tradestat` command line."""
