"""Problems found in content or configuration, each pointing at a file, line and field."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    level: str = "error"  # "error" fails the build; "warning" is reported only

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}: {self.level}:{field} {self.message}"


class ContentError(Exception):
    """Raised when a build finds errors; carries every problem of the build at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):
        """Raised in a worker process, it arrives in the parent with its problems, not their text."""
        return ContentError, (self.problems,)
