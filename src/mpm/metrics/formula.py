"""Formulas of the KPI catalog: arithmetic over names, parsed safely (no eval) into a tree.

`clicks / impressions`, `1000 * spend / impressions`, `(revenue - marketing_cost) /
marketing_cost`: names are KPIs (in derived KPIs) or columns (in measure expressions and
filters). Filters also take comparisons, `and`, `or`, `not`, `is None` tests and string or
number constants.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mpm.errors import UserError


class FormulaError(UserError):
    """A formula that is not simple arithmetic (or a simple condition)."""


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.expr

    @property
    def names(self) -> tuple[str, ...]:
        """Names in order of first appearance."""
        found = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name)]
        found.sort(key=lambda n: n.col_offset)
        return tuple(dict.fromkeys(n.id for n in found))


ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div)
COMPARISONS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Is, ast.IsNot)


def parse(text: str, *, condition: bool = False) -> Formula:
    """Parse `text`; raise FormulaError naming what is not allowed."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise FormulaError(f"cannot read formula {text!r}: {exc.msg}") from exc
    for node in ast.walk(tree):
        _check_node(node, text, condition)
    return Formula(text.strip(), tree)


def _check_node(node: ast.AST, text: str, condition: bool) -> None:
    allowed: tuple[type, ...] = (
        ast.BinOp,
        ast.UnaryOp,
        ast.Name,
        ast.Constant,
        ast.Load,
        ast.USub,
        ast.UAdd,
        *ARITHMETIC,
    )
    if condition:
        allowed += (ast.Compare, ast.BoolOp, ast.And, ast.Or, ast.Not, *COMPARISONS)
    if not isinstance(node, allowed):
        what = type(node).__name__
        raise FormulaError(
            f"formula {text!r}: {what} is not allowed (use names, numbers, + - * / and "
            f"parentheses{'; comparisons, and, or, not' if condition else ''})"
        )
    plain = (int, float, str, bool, type(None))
    if isinstance(node, ast.Constant) and not isinstance(node.value, plain):
        raise FormulaError(f"formula {text!r}: constant {node.value!r} is not allowed")
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and not condition:
        raise FormulaError(f"formula {text!r}: text constants only belong in filters")


def evaluate(
    formula: Formula, resolve: Callable[[str], Any], divide: Callable[[Any, Any], Any]
) -> Any:
    """Evaluate the tree with `resolve(name)` for names and `divide(a, b)` for a / b (so the
    caller decides what division by zero gives). Works on numbers and Ibis expressions."""

    def walk(node: ast.expr) -> Any:
        if isinstance(node, ast.Name):
            return resolve(node.id)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp):
            value = walk(node.operand)
            if isinstance(node.op, ast.USub):
                return -value
            if isinstance(node.op, ast.Not):
                return ~value
            return value
        if isinstance(node, ast.BinOp):
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            return divide(left, right)
        if isinstance(node, ast.BoolOp):
            values = [walk(v) for v in node.values]
            out = values[0]
            for value in values[1:]:
                out = (out & value) if isinstance(node.op, ast.And) else (out | value)
            return out
        if isinstance(node, ast.Compare):
            return _compare(walk(node.left), node.ops, [walk(c) for c in node.comparators])
        raise FormulaError(f"formula {formula.text!r}: cannot evaluate {type(node).__name__}")

    return walk(formula.tree)


def _compare(left: Any, ops: list[ast.cmpop], rights: list[Any]) -> Any:
    out = None
    for op, right in zip(ops, rights, strict=True):
        if isinstance(op, ast.Is):
            part = left.isnull() if right is None else left == right
        elif isinstance(op, ast.IsNot):
            part = left.notnull() if right is None else left != right
        elif isinstance(op, ast.Eq):
            part = left == right
        elif isinstance(op, ast.NotEq):
            part = left != right
        elif isinstance(op, ast.Lt):
            part = left < right
        elif isinstance(op, ast.LtE):
            part = left <= right
        elif isinstance(op, ast.Gt):
            part = left > right
        else:
            part = left >= right
        out = part if out is None else out & part
        left = right
    return out


def render(formula: Formula) -> str:
    """The formula as written, normalised (for docs)."""
    return ast.unparse(formula.tree)
