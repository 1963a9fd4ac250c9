from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language
from rest_framework import exceptions as drf_exceptions

from . import accessibility, people, people_forms
from .concurrency import EditConflict
from .dashboard import panels_for
from .lib.forms import apply_errors
from .member_cache import cache_member_page
from .models import Department, Membership, Municipality, Role, User
from .permissions import Access, coordinator_view, municipality_view
from .public_cache import cache_public_page


@cache_public_page
def home(request):
    municipalities = Municipality.objects.order_by("country", "slug")
    return render(request, "intlstrategy/home.html", {"municipalities": municipalities})


def accessibility_overview(request):
    """The portal's accessibility page outside any municipality (linked from the start
    page, login and password reset): the portal's known gaps and each municipality's own
    statement (each municipality is responsible for its pages)."""
    municipalities = Municipality.objects.order_by("country", "slug")
    return render(
        request,
        "intlstrategy/accessibility_overview.html",
        {"municipalities": municipalities, "gaps": accessibility.known_gaps()},
    )


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def municipality_home(request, access: Access):
    return render(
        request, "intlstrategy/municipality_home.html", {"municipality": access.municipality}
    )


@login_required
def dashboard(request):
    """Sends the user to their municipality's dashboard, or lets them choose one."""
    municipalities = list(Municipality.objects.for_user(request.user))
    if len(municipalities) == 1:
        return redirect("municipality_dashboard", municipality=municipalities[0].slug)
    return render(request, "intlstrategy/dashboard_choose.html", {"municipalities": municipalities})


@municipality_view()
@cache_member_page
def municipality_dashboard(request, access: Access):
    panels = panels_for(access)
    return render(
        request,
        "intlstrategy/dashboard.html",
        {
            "municipality": access.municipality,
            "panels": panels,
            "attention": sum(panel.attention for panel in panels),
        },
    )


@municipality_view()
def department_list(request, access: Access):
    departments = (
        Department.objects.for_municipality(access.municipality)
        .prefetch_related("memberships__user")
        .order_by("name")
    )
    return render(
        request,
        "intlstrategy/department_list.html",
        {"municipality": access.municipality, "departments": departments},
    )


@municipality_view()
def department_detail(request, access: Access, department: str):
    department = get_object_or_404(
        Department.objects.for_municipality(access.municipality), slug=department
    )
    contacts = Membership.objects.contacts_of(department).select_related("user")
    return render(
        request,
        "intlstrategy/department_detail.html",
        {"municipality": access.municipality, "department": department, "contacts": contacts},
    )


@coordinator_view
def member_list(request, access: Access):
    municipality = access.municipality
    everyone = people.people_of(municipality)
    return render(
        request,
        "intlstrategy/member_list.html",
        {
            "municipality": municipality,
            "people": everyone,
            "pending": people.pending_invitations(municipality, everyone),
            "without_contact": list(people.departments_without_contact(municipality)),
            "Role": Role,
        },
    )


def _person_or_404(access: Access, user_id: int) -> people.Person:
    person = people.person_in(access.municipality, user_id)
    if person is None:  # someone of another municipality, or nobody: not here
        raise Http404
    return person


@coordinator_view
def member_invite(request, access: Access):
    municipality = access.municipality
    initial = {}
    if request.GET.get("role") in Role.values:
        initial["role"] = request.GET["role"]
    department = request.GET.get("department", "")
    if department.isdigit():
        initial["departments"] = Department.objects.for_municipality(municipality).filter(
            pk=department
        )
    form = people_forms.InviteForm(request.POST or None, initial=initial, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = people.person_invite(
                municipality=municipality,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=data["language"],
                role=data["role"],
                departments=data["departments"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if people.awaits_first_password(result.user):
                text = _("An invitation was sent to %(email)s.")
            else:
                text = _(
                    "%(email)s already had an account: it got the role, and an e-mail says so."
                )
            messages.success(request, text % {"email": result.user.email})
            return redirect("member_list", municipality=municipality.slug)
    return render(
        request,
        "intlstrategy/member_invite.html",
        {"municipality": municipality, "form": form, "valid_days": people.invitation_valid_days()},
    )


@coordinator_view
def member_edit(request, access: Access, user: int):
    municipality = access.municipality
    person = _person_or_404(access, user)
    form = people_forms.RolesForm(
        request.POST or None,
        initial={"roles": person.roles, "departments": person.departments},
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            people.person_roles_set(
                municipality=municipality,
                user=person.user,
                roles=form.cleaned_data["roles"],
                departments=form.cleaned_data["departments"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The roles of %(person)s were saved.") % {"person": person.user}
            )
            if not request.user.is_superuser and person.user.pk == request.user.pk:
                if Role.COORDINATOR not in form.cleaned_data["roles"]:
                    # They gave up coordinating: the people page is no longer theirs.
                    return redirect("municipality_dashboard", municipality=municipality.slug)
            return redirect("member_list", municipality=municipality.slug)
    return render(
        request,
        "intlstrategy/member_edit.html",
        {
            "municipality": municipality,
            "person": person,
            "form": form,
            "history_note": accessibility.HISTORY_NOTE,
        },
    )


@require_POST
@coordinator_view
def member_reinvite(request, access: Access, user: int):
    person = _person_or_404(access, user)
    try:
        people.invitation_resend(
            municipality=access.municipality, user=person.user, by=request.user
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request, _("A new invitation was sent to %(email)s.") % {"email": person.user.email}
        )
    if request.POST.get("back") == "list":  # sent from the list of pending invitations
        return redirect("member_list", municipality=access.municipality.slug)
    return redirect("member_edit", municipality=access.municipality.slug, user=person.user.pk)


@coordinator_view
def member_remove(request, access: Access, user: int):
    municipality = access.municipality
    person = _person_or_404(access, user)
    errors = []
    if request.method == "POST":
        try:
            deactivated = people.person_remove(
                municipality=municipality, user=person.user, by=request.user
            )
        except ValidationError as error:
            errors = error.messages
        else:
            values = {"person": person.user, "municipality": municipality}
            if deactivated:
                text = _(
                    "%(person)s no longer has a role in %(municipality)s and can no longer log in."
                )
            else:
                text = _(
                    "%(person)s no longer has a role in %(municipality)s. They keep their "
                    "roles in other municipalities."
                )
            messages.success(request, text % values)
            if person.user.pk == request.user.pk:
                return redirect("dashboard")  # no longer theirs to see
            return redirect("member_list", municipality=municipality.slug)
    return render(
        request,
        "intlstrategy/member_remove.html",
        {"municipality": municipality, "person": person, "errors": errors},
        status=400 if errors else 200,
    )


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
def invitation_accept(request, token: str):
    """The invitation link: choose a password, and be logged in."""
    try:
        user = people.invited_user(token)
    except people.InvitationInvalid as invalid:
        return render(
            request,
            "registration/invitation_invalid.html",
            {"reason": invalid.reason, "valid_days": people.invitation_valid_days()},
            status=410 if invalid.reason in {"expired", "used"} else 400,
        )
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        people.invitation_accept(user=user, password=form.cleaned_data["new_password1"])
        auth_login(request, user, backend="intlstrategy.auth.EmailOrUsernameBackend")
        messages.success(request, _("Your password is set, and you are logged in."))
        return redirect("dashboard")
    return render(request, "registration/invitation_accept.html", {"form": form, "invited": user})


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def accessibility_statement(request, access: Access):
    """The statement the law of the municipality's country asks for (see accessibility.py)."""
    statement = accessibility.statement_for(access.municipality)
    return render(
        request,
        "intlstrategy/accessibility_statement.html",
        accessibility.statement_context(access, statement),
    )


@coordinator_view
def accessibility_statement_edit(request, access: Access):
    statement = accessibility.statement_for(access.municipality)
    form = accessibility.AccessibilityStatementForm(
        request.POST or None, instance=statement, municipality=access.municipality
    )
    if request.method == "POST" and form.is_valid():
        try:
            accessibility.accessibility_statement_update(
                municipality=access.municipality,
                by=request.user,
                expected_version=form.cleaned_data.get("expected_version"),
                **form.service_fields(),
            )
        except EditConflict as conflict:
            form.add_conflict(conflict)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The accessibility statement was saved."))
            return redirect("accessibility_statement", municipality=access.municipality.slug)
    return render(
        request,
        "intlstrategy/accessibility_statement_edit.html",
        {
            "municipality": access.municipality,
            "access": access,
            "form": form,
            "statement": statement,
            "history_note": accessibility.HISTORY_NOTE,
        },
    )


def preferred_language(user, request) -> str:
    """The user's own choice, else a language they chose with the switcher, else their
    (first) municipality's default language, else the language of the login page."""
    if user.preferred_language:
        return user.preferred_language
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(settings.LANGUAGES):
        return chosen
    first = Municipality.objects.for_user(user).first()
    return first.default_language if first else translation.get_language()


@require_POST
def switch_language(request):
    """Django's set_language, and for a logged-in user the choice is kept on their account."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=request.user.pk).update(preferred_language=language)
    return response


class LoginView(auth_views.LoginView):
    """After login, the interface speaks the user's language: their own choice, else
    their (first) municipality's default language."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = preferred_language(form.get_user(), self.request)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
        )
        response["Location"] = translate_url(response["Location"], language)
        messages.success(self.request, _("You are logged in."))
        return response


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers; 503 naming the failing part otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def error_404(request, exception=None):
    if _is_api(request):  # API clients parse JSON, also when the address is wrong
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def error_500(request):
    if _is_api(request):
        return drf_exceptions.server_error(request)  # {"error": "Server Error (500)"}
    return render(request, "500.html", status=500)
