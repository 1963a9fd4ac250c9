"""Shared by export_person and anonymise_person: finding the person by user name."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def find_user(username: str):
    User = get_user_model()
    try:
        return User._base_manager.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"No user with the user name {username!r}.") from None
