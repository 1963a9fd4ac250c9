"""Log-in by user name or e-mail address, whatever the letter case.

People type their address as it is printed on their business card (Anna.Berg@Vaxjo.se);
invitations store it in lower case and make it the user name. Django's ModelBackend
matches the user name exactly, so "Anna.Berg@…" would be refused.
"""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from .models import User


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        username = username.strip()
        candidates = list(
            User.objects.filter(Q(username__iexact=username) | Q(email__iexact=username)).order_by(
                "pk"
            )[:3]
        )
        # The exact user name first, then a single account with that address; two
        # accounts sharing an address are not guessed between.
        exact = [u for u in candidates if u.username.lower() == username.lower()]
        if exact:
            user = exact[0]
        elif len(candidates) == 1:
            user = candidates[0]
        else:
            User().set_password(password)  # same time as a real check (timing attacks)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_username(request, credentials) -> str | None:
    """The name django-axes counts failed log-ins under: in lower case, so that trying
    "ANNA@…", "Anna@…" and "anna@…" counts against one lockout, as they log in one person."""
    if credentials:
        value = credentials.get("username")
    else:
        value = getattr(request, "data", request.POST).get("username")
    return value.strip().lower() if isinstance(value, str) else value
