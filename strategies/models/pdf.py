"""The document's PDF, rendered in the background."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from intlstrategy.models import Municipality
from intlstrategy.rendering import BackgroundRenderMixin, render_deadline_passed

from .document import StrategyDocument


class PdfStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RENDERING = "rendering", _("being made")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


def _document_pdf_path(instance, filename):
    return f"strategy-pdfs/{instance.municipality.slug}/{filename}"


class DocumentPdf(BackgroundRenderMixin, models.Model):
    """The PDF of one document in one language, as read in one municipality.

    A joint document shows each owner only the common part and its own part, so the
    PDF is kept per municipality too. `version` and `digest` say which content the file
    was rendered from; when the document changes, the next request renders it again.
    """

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="pdfs",
        verbose_name=_("strategy document"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.QUEUED
    )
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    file = models.FileField(_("file"), upload_to=_document_pdf_path, blank=True)
    version = models.PositiveIntegerField(
        _("document version"),
        null=True,
        blank=True,
        help_text=_("The version of the document the file was made from."),
    )
    digest = models.CharField(_("content digest"), max_length=64, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("render started"), null=True, blank=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    class Meta:
        verbose_name = _("strategy document PDF")
        verbose_name_plural = _("strategy document PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "municipality", "language"],
                name="document_pdf_unique_language",
                violation_error_message=_("The document already has a PDF in this language."),
            )
        ]

    def __str__(self):
        return f"{self.document} ({self.language})"

    @property
    def is_lost(self) -> bool:
        """Queued for far longer than a render may take: the message was lost; queue again."""
        return self.status == PdfStatus.QUEUED and render_deadline_passed(self.requested_at)

    def is_current(self, *, version: int, digest: str) -> bool:
        return (
            self.status == PdfStatus.READY
            and bool(self.file)
            and self.version == version
            and self.digest == digest
        )
