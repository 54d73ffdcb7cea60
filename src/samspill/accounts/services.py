import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import actor_organisation_ids
from samspill.accounts.models import Membership, Organisation, PersonalAccessToken, Team, User
from samspill.audit.services import change_record, snapshot
from samspill.core import clock
from samspill.core.errors import ApplicationError, NotFound, validate_model
from samspill.core.roles import Role

ORGANISATION_FIELDS = ["name", "kind", "municipality_number", "organisation_number"]
TOKEN_PREFIX = "ssp_"


def _validate(instance) -> None:
    validate_model(instance)


def organisation_create(*, actor, name: str, kind: str, municipality_number: str, organisation_number: str = ""):
    organisation = Organisation(
        name=name, kind=kind, municipality_number=municipality_number, organisation_number=organisation_number
    )
    _validate(organisation)
    with transaction.atomic():
        organisation.save(force_insert=True)
        change_record(
            actor=actor,
            instance=organisation,
            action="create",
            after=snapshot(organisation, ORGANISATION_FIELDS),
        )
    return organisation


def user_create(
    *,
    actor,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    must_change_password: bool = False,
    password_hash: str | None = None,
) -> User:
    """``password_hash`` lets the demo store a deterministic hash; everyone else passes ``password``."""
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        date_joined=clock.now(),
        must_change_password=must_change_password,
    )
    if password_hash is not None:
        user.password = password_hash
    elif password is not None:
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise ApplicationError.for_fields({"password": list(error.messages)}) from error
        user.set_password(password)
    else:
        user.set_unusable_password()
    validate_model(user, exclude=["password"])
    with transaction.atomic():
        user.save(force_insert=True)
        change_record(
            actor=actor,
            instance=user,
            action="create",
            after=snapshot(user, ["username", "first_name", "last_name"]),
        )
    return user


def membership_add(*, actor, user: User, organisation: Organisation, role: Role) -> Membership:
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        if created:
            change_record(
                actor=actor,
                instance=membership,
                action="create",
                after={"user": str(user.pk), "organisation": str(organisation.pk), "role": str(role)},
            )
    return membership


def team_create(*, actor, organisation: Organisation, name: str, members=()) -> Team:
    with transaction.atomic():
        team = Team.objects.create(organisation=organisation, name=name)
        team.members.set(members)
        change_record(
            actor=actor,
            instance=team,
            action="create",
            after={"name": name, "members": sorted(str(m.pk) for m in members)},
        )
    return team


def _coordinated_user(actor, user_id) -> User:
    organisations = actor_organisation_ids(actor, Role.COORDINATOR)
    user = User.objects.filter(pk=user_id, memberships__organisation_id__in=organisations).distinct().first()
    if user is None or user.pk == actor.pk:
        raise NotFound()
    return user


def user_password_reset(*, actor, user_id) -> str:
    """A coordinator resets the password of someone in their organisation. Returns a one-time password, which
    the person must replace when they next log in."""
    user = _coordinated_user(actor, user_id)
    temporary = "-".join(secrets.token_urlsafe(4) for _part in range(3))
    with transaction.atomic():
        user.set_password(temporary)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        change_record(
            actor=actor,
            instance=user,
            action="update",
            before={"password": "«old»"},
            after={"password": "«reset by coordinator»"},
        )
    return temporary


def user_password_change(*, actor, old_password: str, new_password: str) -> None:
    errors = {}
    if not actor.check_password(old_password):
        errors["old_password"] = [_("Your current password is not correct.")]
    try:
        validate_password(new_password, user=actor)
    except ValidationError as error:
        errors["new_password"] = list(error.messages)
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        actor.set_password(new_password)
        actor.must_change_password = False
        actor.save(update_fields=["password", "must_change_password"])
        change_record(
            actor=actor,
            instance=actor,
            action="update",
            before={"password": "«old»"},
            after={"password": "«changed by the user»"},
        )


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_create(*, actor, name: str, days_valid: int | None = 90) -> tuple[PersonalAccessToken, str]:
    """Returns the token row and the raw token, which is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError.for_fields({"name": [_("Give the token a name, for example the integration's.")]})
    if days_valid is not None and not 1 <= days_valid <= 366:
        raise ApplicationError.for_fields({"days_valid": [_("A token is valid for 1 to 366 days.")]})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = clock.now() + timedelta(days=days_valid) if days_valid else None
    with transaction.atomic():
        token = PersonalAccessToken.objects.create(
            user=actor, name=name[:100], prefix=raw[:10], digest=_digest(raw), expires_at=expires_at
        )
        change_record(actor=actor, instance=token, action="create", after={"name": token.name})
    return token, raw


def token_revoke(*, actor, token_id) -> None:
    with transaction.atomic():
        token = PersonalAccessToken.objects.filter(user=actor, pk=token_id, revoked_at__isnull=True).first()
        if token is None:
            raise NotFound()
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        change_record(actor=actor, instance=token, action="update", before={"revoked": False}, after={"revoked": True})


def token_authenticate(raw: str) -> User | None:
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    now = clock.now()
    token = (
        PersonalAccessToken.objects.select_related("user").filter(digest=_digest(raw), revoked_at__isnull=True).first()
    )
    if token is None or (token.expires_at and token.expires_at <= now) or not token.user.is_active:
        return None
    # Updated at most once a minute so that busy integrations do not write on every call.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
