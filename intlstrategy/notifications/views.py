"""My tasks and news: the logged-in person's own notifications, across municipalities."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import Notification


@login_required
def notification_list(request):
    items = [
        {"notification": n, "title": services.title(n), "url": n.get_absolute_url()}
        for n in selectors.notifications_of(request.user)
    ]
    return render(
        request,
        "notifications/notification_list.html",
        {
            "tasks": [i for i in items if i["notification"].is_task],
            "news": [i for i in items if not i["notification"].is_task],
            "has_unread": any(i["notification"].read_at is None for i in items),
        },
    )


@require_POST
@login_required
def notification_open(request, pk: int):
    """Mark one read and go to what it is about (someone else's is a 404)."""
    notification = get_object_or_404(Notification.objects.for_recipient(request.user), pk=pk)
    services.mark_read(user=request.user, notification_ids=[notification.pk])
    url = notification.get_absolute_url()
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notification_list")


@require_POST
@login_required
def notification_read_all(request):
    services.mark_read(user=request.user)
    return redirect("notification_list")
