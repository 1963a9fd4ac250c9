"""Spreadsheet imports of projects."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from intlstrategy.models import Municipality


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("importing")
    DONE = "done", _("imported")
    FAILED = "failed", _("not imported")


class ProjectImportQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class ProjectImport(models.Model):
    """A CSV import too large to run within a request, run by a Celery task (all rows or
    none). The file is kept here until the task has read it; the outcome (how many rows,
    or each row's problems) is what the status page shows. State fields as the
    background PDFs (status, failure reason, started/finished), so a worker that died
    is shown as failed by the same rule (intlstrategy.rendering.render_deadline_passed)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="project_imports",
        verbose_name=_("municipality"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    data = models.BinaryField(_("file"), editable=False)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    created_count = models.PositiveIntegerField(_("projects imported"), default=0)
    # [{"row": 2, "column": "grant", "message": "…"}], in the importer's language.
    errors = models.JSONField(_("problems found"), default=list, blank=True)
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("import started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("import finished"), null=True, blank=True)

    objects = ProjectImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("project import")
        verbose_name_plural = _("project imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name or self.pk} ({self.get_status_display()})"

    @property
    def is_stale(self) -> bool:
        from intlstrategy.rendering import render_deadline_passed

        return self.status == ImportStatus.RUNNING and render_deadline_passed(self.started_at)

    @property
    def effective_status(self) -> str:
        return ImportStatus.FAILED if self.is_stale else self.status

    @property
    def is_pending(self) -> bool:
        return self.effective_status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def shown_failure_reason(self) -> str:
        if self.is_stale:
            return _(
                "The import stopped without finishing (the worker was interrupted). Nothing "
                "was imported; import the file again."
            )
        return self.failure_reason
