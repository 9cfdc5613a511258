"""Roles in a workspace and what each may do. Each role can do everything the one below can.

viewer   read everything in the workspace and download it
analyst  + imports, KPI definitions, experiments and analyses, saved views
editor   + objectives, plans, budgets, campaigns, activities, alerts, reports
owner    + members, roles, API tokens, workspace settings, export and deletion
"""

from __future__ import annotations

from enum import Enum, StrEnum

from mpm.errors import UserError


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    EDITOR = "editor"
    OWNER = "owner"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise UserError(
                f"unknown role {text!r}: use {', '.join(r.value for r in cls)}"
            ) from None


def lesser(a: Role, b: Role) -> Role:
    return a if a.rank <= b.rank else b


class Permission(Enum):
    """What an action needs; the value is the least role that has it."""

    READ = Role.VIEWER
    ANALYZE = Role.ANALYST
    PLAN = Role.EDITOR
    ADMIN = Role.OWNER

    @property
    def role(self) -> Role:
        return self.value

    def allows(self, role: Role) -> bool:
        return role.rank >= self.role.rank
