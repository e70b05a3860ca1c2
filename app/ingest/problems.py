"""The error a bad fact file raises: it names the file, the line, the fact and the problem."""

from pathlib import Path


class FixtureError(Exception):
    def __init__(
        self, path: Path | str, problem: str, *, line: int | None = None, fact: str | None = None
    ) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.fact = fact
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        what = f" {self.fact}:" if self.fact else ""
        return f"{where}:{what} {self.problem}"
