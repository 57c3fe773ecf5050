"""The permission matrix: for every URL, who may open it (role × page × object).

One table for the whole platform. `core/tests/test_permission_matrix.py` requests every URL
in the URL configuration as every role — anonymous, resident, organisation member, each
staff role in the object's own team and in another team, municipality viewer, administrator —
and compares the answer with this table. A URL that is not in the table fails that test, so
a new module cannot add a page without deciding who may see it.

Conventions:
- A page someone may not use answers 404 (it does not exist for them), not 403.
- Anonymous visitors of a page that needs an account are sent to the login page (302).
- Objects that belong to a team (a resident in a team's wijk) are 404 for other teams' staff.
- Statuses are for GET; POST-only endpoints answer 405 to GET for everyone.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

from wijkbasis.core.roles import STAFF_ROLES, Role

OK = 200
REDIRECT = 302  # to the login page for anonymous visitors, elsewhere for a redirecting view
NOT_FOUND = 404
NOT_ALLOWED = 405

PRIVILEGED = frozenset({*STAFF_ROLES, Role.MUNICIPALITY_VIEWER, Role.ADMINISTRATOR})
LOGGED_IN = frozenset(set(Role) - {Role.ANONYMOUS})


@dataclass(frozen=True)
class Rule:
    """Who gets which answer. `allowed` roles get `ok`; other logged-in roles get `denied`."""

    allowed: frozenset[Role]
    ok: int = OK
    denied: int = NOT_FOUND
    anonymous: int = REDIRECT
    #: Staff of a team other than the object's team get `denied` (the object is not theirs).
    team_scoped: bool = False
    #: Explicit answers for some roles, overriding the above.
    exceptions: dict[Role, int] = field(default_factory=dict)
    why: str = ""

    def expected(self, role: Role, *, own_team: bool = True) -> int:
        if role in self.exceptions:
            return self.exceptions[role]
        if role == Role.ANONYMOUS:
            return self.anonymous
        if role in self.allowed:
            if self.team_scoped and role in STAFF_ROLES and not own_team:
                return self.denied
            return self.ok
        return self.denied


def public(ok: int = OK, why: str = "") -> Rule:
    return Rule(allowed=frozenset(Role), ok=ok, anonymous=ok, why=why)


def logged_in(ok: int = OK, anonymous: int = REDIRECT, why: str = "") -> Rule:
    return Rule(allowed=LOGGED_IN, ok=ok, anonymous=anonymous, why=why)


def post_only(why: str = "") -> Rule:
    return Rule(allowed=frozenset(Role), ok=NOT_ALLOWED, anonymous=NOT_ALLOWED, why=why or "form target, POST only")


STAFF = frozenset({*STAFF_ROLES, Role.ADMINISTRATOR})
ORGANISATION = frozenset({Role.ORGANISATION_MEMBER, Role.ADMINISTRATOR})

PERMISSIONS: dict[str, Rule] = {
    # --- Public pages (areas) ---------------------------------------------------------------
    "areas:home": public(),
    "areas:postcode": public(),
    "areas:municipality": public(),
    "areas:district": public(),
    "areas:district_qr_svg": public(),
    "areas:district_qr_png": public(),
    "areas:district_poster": public(),
    "areas:team": public(),
    "areas:team_member": public(),
    "areas:place": public(),
    "set_language": public(ok=REDIRECT, why="sets a cookie and goes back"),
    "media": public(ok=NOT_FOUND, why="public uploads only; the sample file does not exist"),
    # --- Resident's own pages ---------------------------------------------------------------
    "accounts:start": logged_in(ok=REDIRECT, why="sends each role to its own start page"),
    "accounts:profile": logged_in(),
    "accounts:my_data": logged_in(),
    "accounts:my_data_json": logged_in(),
    "accounts:my_data_pdf": logged_in(),
    "accounts:who_looked": logged_in(),
    "accounts:erase": logged_in(),
    "accounts:withdraw_consent": post_only(),
    # --- Staff workplace --------------------------------------------------------------------
    "accounts:werkplek": Rule(allowed=STAFF),
    "accounts:resident_list": Rule(allowed=STAFF, why="each sees only the residents of their own teams"),
    "accounts:my_accesses": Rule(allowed=STAFF),
    "accounts:resident_new": Rule(allowed=STAFF, why="intake is done by a team (administrators may too)"),
    "accounts:resident_detail": Rule(allowed=STAFF, team_scoped=True),
    "accounts:resident_edit": Rule(allowed=STAFF, team_scoped=True),
    "accounts:resident_consent": post_only(),
    "accounts:resident_link": post_only(),
    "accounts:resident_share": post_only(),
    "accounts:figures": Rule(
        allowed=frozenset({Role.MUNICIPALITY_VIEWER, Role.TEAM_LEAD, Role.ADMINISTRATOR}),
        why="aggregates with small counts suppressed",
    ),
    "accounts:organisation": Rule(allowed=frozenset({Role.ORGANISATION_MEMBER, Role.ADMINISTRATOR})),
    # --- Volunteering: residents, organisation members, brokers ------------------------------
    "volunteering:talents": logged_in(),
    "volunteering:org_vacancies": Rule(allowed=ORGANISATION),
    "volunteering:org_vacancy_new": Rule(
        allowed=ORGANISATION, exceptions={Role.ADMINISTRATOR: NOT_FOUND}, why="a vacancy belongs to an organisation"
    ),
    "volunteering:org_vacancy_edit": Rule(
        allowed=ORGANISATION, exceptions={Role.ADMINISTRATOR: NOT_FOUND}, why="only the organisation's own vacancies"
    ),
    "volunteering:org_vacancy_close": post_only(),
    "volunteering:org_responses": Rule(allowed=ORGANISATION),
    "volunteering:org_response": Rule(
        allowed=ORGANISATION, exceptions={Role.ADMINISTRATOR: NOT_FOUND}, why="only responses to its own vacancies"
    ),
    "volunteering:org_response_move": post_only(),
    "volunteering:pipeline": Rule(allowed=STAFF, why="each sees the responses of their own teams' wijken"),
    "volunteering:broker_response": Rule(allowed=STAFF, team_scoped=True),
    "volunteering:broker_response_move": post_only(),
    "volunteering:broker_response_note": post_only(),
    "volunteering:candidates": Rule(allowed=STAFF, why="only profiles shared with brokers of that wijk are listed"),
    "volunteering:resident_suggestions": Rule(allowed=STAFF, team_scoped=True),
    "volunteering:review_queue": Rule(allowed=STAFF),
    "volunteering:review_organisation": post_only(),
    "volunteering:review_vacancy": post_only(),
    "volunteering:follow_ups": Rule(allowed=STAFF),
    "volunteering:follow_up_done": post_only(),
    # --- Volunteering: the public vacancy bank (no account needed to look or respond) ------
    "volunteering:vacancies": public(),
    "volunteering:vacancy": public(why="unpublished ones: 404, except a preview for their organisation and staff"),
    "volunteering:respond": public(why="a form without an account; with an account only a message"),
    "volunteering:respond_thanks": public(),
    "volunteering:save_search": post_only(),
    "volunteering:search_saved": public(),
    "volunteering:confirm_search": public(why="the token is the key; GET only shows a button"),
    "volunteering:unsubscribe": public(why="the token is the key; GET shows a button, POST (also one-click) stops"),
    "volunteering:organisation": public(why="approved organisations only"),
    "volunteering:register_organisation": logged_in(),
    "volunteering:organisation_registered": logged_in(),
    # --- Accounts (django-allauth): open to all; a logged-in user is sent on where a page
    # only makes sense before logging in. -------------------------------------------------
    "account_login": logged_in(ok=REDIRECT, anonymous=OK),
    "account_signup": logged_in(ok=REDIRECT, anonymous=OK),
    "account_request_login_code": logged_in(ok=REDIRECT, anonymous=OK),
    "account_confirm_login_code": public(ok=REDIRECT, why="only during a login; otherwise back to the start"),
    "account_logout": logged_in(anonymous=REDIRECT),
    "account_inactive": public(),
    "account_reauthenticate": logged_in(ok=403, why="allauth: confirming with a password needs a password"),
    "account_email": logged_in(),
    "account_email_verification_sent": public(ok=REDIRECT, why="only during a sign-up"),
    "account_change_password": logged_in(ok=REDIRECT, why="no password yet: to 'set password'"),
    "account_set_password": logged_in(),
    "account_reset_password": public(),
    "account_reset_password_done": public(),
    "account_reset_password_from_key": public(why="a wrong key shows 'link not valid'"),
    "account_reset_password_from_key_done": public(),
    "mfa_index": logged_in(),
    "mfa_authenticate": public(ok=REDIRECT, why="only during a login"),
    "mfa_reauthenticate": logged_in(
        ok=403, why="allauth: needs an authenticator; our middleware sends there only users who have one"
    ),
    "mfa_activate_totp": logged_in(),
    "mfa_deactivate_totp": logged_in(ok=NOT_FOUND, why="nothing to deactivate for the sample users"),
    "mfa_view_recovery_codes": logged_in(ok=NOT_FOUND, why="no recovery codes for the sample users"),
    "mfa_generate_recovery_codes": logged_in(),
    "mfa_download_recovery_codes": logged_in(ok=NOT_FOUND, why="no recovery codes for the sample users"),
    "mfa_list_webauthn": logged_in(),
    "mfa_add_webauthn": logged_in(),
    "mfa_reauthenticate_webauthn": logged_in(ok=403, why="allauth: needs a passkey"),
    "mfa_remove_webauthn": logged_in(ok=NOT_FOUND, why="the sample passkey is not theirs"),
    "mfa_edit_webauthn": logged_in(ok=NOT_FOUND, why="the sample passkey is not theirs"),
    # --- Management site: administrators only (and only after 2FA) -------------------------
    "admin:*": Rule(allowed=frozenset({Role.ADMINISTRATOR}), why="Django admin, for administrators"),
}


def rule_for(url_name: str) -> Rule | None:
    if url_name in PERMISSIONS:
        return PERMISSIONS[url_name]
    for pattern, rule in PERMISSIONS.items():
        if "*" in pattern and fnmatch.fnmatchcase(url_name, pattern):
            return rule
    return None
