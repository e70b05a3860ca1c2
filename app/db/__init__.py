"""The database: engines, sessions, read access, timeouts, failures, the embedded server,
migrations and the data version."""
