"""One error tree: `MpmError` → `UserError` (bad input, shown as one line) and internal errors."""

from __future__ import annotations

from dataclasses import dataclass, field


class MpmError(Exception):
    """Base of every error mpm raises on purpose."""


class UserError(MpmError):
    """Bad input or a request that cannot be satisfied; shown to the user as one clear line."""


class NotFound(UserError):
    """A named thing (workspace, load, table) does not exist, or is not the asker's to see."""


class Unauthorized(UserError):
    """No valid credentials: not signed in, a wrong password, an expired or revoked token."""


class Forbidden(UserError):
    """Signed in, but the role in the workspace does not allow the action."""


class Conflict(UserError):
    """The request clashes with what exists (a name taken, a server holding the warehouse)."""


class TooManyRequests(UserError):
    """Too many attempts in a short time, or an account locked after failed sign-ins."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds


@dataclass(frozen=True)
class Problem:
    """One validation problem, located by spreadsheet row (header row counted) and column."""

    row: int | None
    column: str | None
    message: str
    value: str | None = None

    def describe(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        shown = ""
        if self.value is not None:
            text = self.value if len(self.value) <= 40 else self.value[:37] + "..."
            shown = f" (value {text!r})"
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}{shown}" if prefix else f"{self.message}{shown}"


@dataclass
class IngestError(UserError):
    """An import was refused; nothing was written.

    `problems` holds at most the first 20 problems; `total` counts them all.
    """

    file: str
    problems: list[Problem] = field(default_factory=list)
    total: int = 0

    def __post_init__(self) -> None:
        if self.total < len(self.problems):
            self.total = len(self.problems)
        super().__init__(self.summary())

    @classmethod
    def single(
        cls, file: str, message: str, *, row: int | None = None, column: str | None = None
    ) -> IngestError:
        return cls(file, [Problem(row, column, message)], 1)

    def summary(self) -> str:
        if self.total == 1 and self.problems:
            return f"{self.file}: {self.problems[0].describe()}"
        return f"{self.file}: {self.total} problems, nothing was loaded"

    def details(self) -> list[str]:
        lines = [f"{self.file}: {p.describe()}" for p in self.problems]
        rest = self.total - len(self.problems)
        if rest > 0:
            lines.append(f"... and {rest} more problem{'s' if rest != 1 else ''}")
        return lines

    def __str__(self) -> str:
        if self.total == 1:
            return self.summary()
        return "\n".join([self.summary(), *self.details()])


class HeaderNotFound(IngestError):
    """No line of the file looks like the header that was asked for (a preset's, or one holding
    the mapped columns); callers may try another reading of the file."""
