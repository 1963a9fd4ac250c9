"""The register of international projects and applications, and the funding catalogue.

The package re-exports every name so that `from projects.models import X` keeps working.
"""

from .attachments import (
    AttachmentKind,
    ProjectAttachment,
    attachment_path,
)
from .catalogue import (
    Call,
    CatalogueEntry,
    CatalogueQuerySet,
    Currency,
    Funder,
    FundingProgramme,
)
from .imports import (
    ImportStatus,
    ProjectImport,
    ProjectImportQuerySet,
)
from .money import (
    ExchangeRate,
    ExchangeRateQuerySet,
    base_currency,
)
from .project import (
    PUBLIC_STATUSES,
    RUNNING_STATUSES,
    KindInYear,
    MunicipalityRole,
    Project,
    ProjectPartner,
    ProjectQuerySet,
    ProjectStatus,
    ProjectStatusChange,
)
