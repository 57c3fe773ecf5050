"""Who may open and post to the residents' own pages, the werkplek and the account pages of
django-allauth (which the accounts app configures)."""

from __future__ import annotations

from typing import Any

from wijkbasis.core.permissions import (
    ANY,
    FORBIDDEN,
    LOGGED_IN,
    NOT_FOUND,
    OK,
    REDIRECT,
    STAFF,
    Rule,
    logged_in,
    post_only,
    public,
)
from wijkbasis.core.roles import Role

#: allauth's pages check the login before the method: anonymous visitors go to the login page.
ANONYMOUS_TO_LOGIN = {Role.ANONYMOUS: REDIRECT}

ROWS: dict[str, Rule] = {
    # --- Resident's own pages ---------------------------------------------------------------
    "accounts:start": logged_in(ok=REDIRECT, why="sends each role to its own start page"),
    "accounts:profile": logged_in(post=REDIRECT),
    "accounts:my_data": logged_in(),
    "accounts:my_data_json": logged_in(),
    "accounts:my_data_pdf": logged_in(),
    "accounts:who_looked": logged_in(),
    "accounts:erase": logged_in(post=REDIRECT),
    "accounts:withdraw_consent": post_only(LOGGED_IN),
    # --- Staff workplace --------------------------------------------------------------------
    "accounts:werkplek": Rule(allowed=STAFF),
    "accounts:resident_list": Rule(allowed=STAFF, why="each sees only the residents of their own teams"),
    "accounts:my_accesses": Rule(allowed=STAFF),
    "accounts:resident_new": Rule(
        allowed=STAFF, post=REDIRECT, why="intake is done by a team (administrators may too)"
    ),
    "accounts:resident_detail": Rule(allowed=STAFF, team_scoped=True),
    "accounts:resident_edit": Rule(allowed=STAFF, post=REDIRECT, team_scoped=True),
    "accounts:resident_consent": post_only(STAFF, team_scoped=True),
    "accounts:resident_link": post_only(STAFF, team_scoped=True),
    "accounts:resident_share": post_only(STAFF, team_scoped=True),
    "accounts:resident_merge": post_only(STAFF, team_scoped=True, why="both records must be the team's to see"),
    "accounts:resident_not_duplicate": post_only(STAFF, team_scoped=True),
    "accounts:confirm_link": public(
        post=OK,
        post_exceptions={Role.ANONYMOUS: REDIRECT},
        why="the token is the key; the person with the address confirms (anonymous: their account is made)",
    ),
    "accounts:organisation": Rule(allowed=frozenset({Role.ORGANISATION_MEMBER, Role.ADMINISTRATOR})),
    # --- django-allauth: open to all; a logged-in user is sent on where a page only makes sense
    # before logging in. Its answers to a POST are allauth's flows (ANY); the matrix checks that
    # a refused one changes nothing. ---------------------------------------------------------
    "account_login": logged_in(ok=REDIRECT, post=ANY, anonymous=OK),
    "account_signup": logged_in(ok=REDIRECT, post=ANY, anonymous=OK),
    "account_request_login_code": logged_in(ok=REDIRECT, post=ANY, anonymous=OK),
    "account_confirm_login_code": public(
        ok=REDIRECT, post=REDIRECT, why="only during a login; otherwise back to the start"
    ),
    "account_logout": logged_in(post=REDIRECT),
    "account_inactive": public(),
    "account_reauthenticate": logged_in(
        ok=FORBIDDEN, post=FORBIDDEN, why="allauth: confirming with a password needs a password"
    ),
    "account_email": logged_in(post=ANY),
    "account_email_verification_sent": public(ok=REDIRECT, post=REDIRECT, why="only during a sign-up"),
    "account_change_password": logged_in(ok=REDIRECT, post=REDIRECT, why="no password yet: to 'set password'"),
    "account_set_password": logged_in(post=ANY),
    "account_reset_password": public(post=ANY),
    "account_reset_password_done": public(),
    "account_reset_password_from_key": public(post=ANY, why="a wrong key shows 'link not valid'"),
    "account_reset_password_from_key_done": public(),
    "mfa_index": logged_in(post_exceptions=ANONYMOUS_TO_LOGIN),
    "mfa_authenticate": public(ok=REDIRECT, post=REDIRECT, why="only during a login"),
    "mfa_reauthenticate": logged_in(
        ok=FORBIDDEN,
        post=FORBIDDEN,
        why="allauth: needs an authenticator; our middleware sends there only users who have one",
    ),
    "mfa_activate_totp": logged_in(post=ANY),
    "mfa_deactivate_totp": logged_in(ok=NOT_FOUND, post=NOT_FOUND, why="nothing to deactivate for the sample users"),
    "mfa_view_recovery_codes": logged_in(
        ok=NOT_FOUND, post_exceptions=ANONYMOUS_TO_LOGIN, why="no recovery codes for the sample users"
    ),
    "mfa_generate_recovery_codes": logged_in(post=ANY),
    "mfa_download_recovery_codes": logged_in(
        ok=NOT_FOUND, post=NOT_FOUND, why="no recovery codes for the sample users"
    ),
    "mfa_list_webauthn": logged_in(post=ANY),
    "mfa_add_webauthn": logged_in(post=ANY),
    "mfa_reauthenticate_webauthn": logged_in(ok=FORBIDDEN, post=FORBIDDEN, why="allauth: needs a passkey"),
    "mfa_remove_webauthn": logged_in(ok=NOT_FOUND, post=NOT_FOUND, why="the sample passkey is not theirs"),
    "mfa_edit_webauthn": logged_in(ok=NOT_FOUND, post=NOT_FOUND, why="the sample passkey is not theirs"),
}


def samples(world: Any) -> None:
    """A resident taken in by the own team, and plausible bodies for every form."""
    resident = world.resident
    pk = {"pk": resident.pk}
    world.add(
        "accounts:profile",
        post={"name": "Bewoner Proef", "phone": "", "postcode": "", "languages": "", "preferred_contact": "email"},
    )
    world.add("accounts:erase", post={"confirm": "on"})
    world.add("accounts:withdraw_consent", purpose="contact", post={})
    world.add(
        "accounts:resident_new",
        post={
            "name": "Nieuwe Inwoner",
            "phone": "0575 000 777",
            "preferred_contact": "phone",
            "consents": ["keep_details"],
            "consent_method": "phone",
        },
    )
    world.add("accounts:resident_detail", **pk)
    world.add(
        "accounts:resident_edit",
        post={"name": "Aad Inwoner", "phone": "0575 000 998", "preferred_contact": "phone"},
        **pk,
    )
    world.add("accounts:resident_consent", post={"purpose": "contact", "method": "phone"}, **pk)
    world.add("accounts:resident_link", post={"email": "aad.inwoner@example.org"}, **pk)
    world.add("accounts:resident_share", post={"team": world.other_team.pk, "reason": "verhuisd"}, **pk)
    from wijkbasis.accounts import services
    from wijkbasis.accounts.models import PossibleDuplicate, Resident

    look_alike = Resident.objects.create(
        name="Adriaan Lijktop",
        phone="0575 000 999",
        district=resident.district,
        intake_team=world.own_team,
        source="form",
    )
    duplicate = PossibleDuplicate.objects.create(resident=look_alike, other=resident, reason="same_phone")
    world.add("accounts:resident_merge", post={"duplicate": duplicate.pk}, **pk)
    world.add("accounts:resident_not_duplicate", post={"duplicate": duplicate.pk}, **pk)
    link = services.request_account_link(
        resident=look_alike, email="nog.geen.account@example.org", by=world.administrator, team=world.own_team
    )
    token = "matrix-token"  # noqa: S105 - the sample link's made-up key, for the matrix only
    link.token_hash = services._token_hash(token)
    link.save(update_fields=["token_hash"])
    world.add("accounts:confirm_link", post={}, token=token)
    # One row of every other kind of a resident's data, for the access-log completeness test.
    from wijkbasis.accounts.models import ResidentMerge, ResidentShare

    extra = Resident.objects.create(name="Xander Deelproef", intake_team=world.own_team, source="assisted")
    ResidentShare.objects.create(resident=extra, team=world.own_team, reason="proef", shared_by=world.administrator)
    ResidentMerge.objects.create(kept=extra, merged_record_id=999999, merged_name="Oud dossier", reason="same_phone")
    world.add("account_reset_password_from_key", uidb36="1", key="ongeldig")
    world.add("mfa_remove_webauthn", pk=999999)
    world.add("mfa_edit_webauthn", pk=999999)
