"""Users, roles per workspace, passwords, sessions and API tokens, and the one authorization
check (`authorize`) the service layer makes for every action."""

from mpm.auth.principal import Principal, authorize, local_principal, role_in
from mpm.auth.roles import Permission, Role
from mpm.auth.sessions import LIMITER, SignedIn, change_password, login, logout, session_principal
from mpm.auth.tokens import ApiToken, create_token, list_tokens, revoke_token, token_principal
from mpm.auth.users import (
    Membership,
    User,
    add_user,
    check_email,
    disable_user,
    enable_user,
    get_user,
    list_users,
    remove_membership,
    reset_password,
    reset_token,
    set_membership,
    set_password,
    user_row,
)

__all__ = [
    "LIMITER",
    "ApiToken",
    "Membership",
    "Permission",
    "Principal",
    "Role",
    "SignedIn",
    "User",
    "add_user",
    "authorize",
    "change_password",
    "check_email",
    "create_token",
    "disable_user",
    "enable_user",
    "get_user",
    "list_tokens",
    "list_users",
    "local_principal",
    "login",
    "logout",
    "remove_membership",
    "reset_password",
    "reset_token",
    "revoke_token",
    "role_in",
    "session_principal",
    "set_membership",
    "set_password",
    "token_principal",
    "user_row",
]
