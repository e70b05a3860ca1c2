"""HTTP for clients: formats, conditional requests, compression, CORS, links, the contract."""
