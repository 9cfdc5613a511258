"""The command line reports usage errors and user errors plainly, tracebacks only on --debug."""

from __future__ import annotations


def test_unknown_command_is_a_usage_error(mpm) -> None:  # type: ignore[no-untyped-def]
    result = mpm("nosuch")
    assert result.returncode == 2
    assert "No such command 'nosuch'" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_bad_option_value_names_the_allowed_values(mpm) -> None:  # type: ignore[no-untyped-def]
    result = mpm("tables", "--format", "xml")
    assert result.returncode == 2
    assert "'table', 'json', 'csv'" in result.stderr


def test_user_error_is_one_line_and_debug_shows_the_traceback(mpm) -> None:  # type: ignore[no-untyped-def]
    plain = mpm("loads", "revert", "99")
    assert plain.returncode == 1
    assert plain.stderr.strip() == "error: no load 99 in workspace 'default'"
    debug = mpm("--debug", "loads", "revert", "99")
    assert debug.returncode != 0 and "Traceback" in debug.stderr
