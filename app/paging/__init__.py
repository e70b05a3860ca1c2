"""Keyset pagination: signed cursors, the Page envelope, and keyset listings."""
