"""Strategy documents and their structure.

One structure fits all five seed documents: a document has goal areas (numbered) with
goals (lettered), and strategies (numbered) with measures (lettered). Örebro's eleven
"orientations" are goal areas without goals; Gävle's priority areas are goal areas;
Linköping–Norrköping's joint document is one document owned by two municipalities,
whose municipality-specific parts are goal areas with `municipality` set.

The package re-exports every name so that `from strategies.models import X` keeps working.
"""

from .action_plan import (
    ActionPlan,
    ActionPlanActivity,
    ActionPlanQuerySet,
    Milestone,
)
from .amendments import (
    AmendmentKind,
    CouncilAmendment,
    CouncilAmendmentQuerySet,
    DocumentPart,
)
from .document import (
    AdoptingBody,
    DocumentAdoption,
    DocumentKind,
    DocumentStatus,
    Goal,
    GoalArea,
    GoalAreaQuerySet,
    Measure,
    ProgressStatus,
    Responsibility,
    Strategy,
    StrategyDocument,
    StrategyDocumentQuerySet,
    progress_badge,
)
from .follow_ups import (
    FollowUp,
    FollowUpQuerySet,
)
from .indicators import (
    SOURCES_BY_COUNTRY,
    Direction,
    Indicator,
    IndicatorQuerySet,
    IndicatorSource,
    IndicatorStatus,
    IndicatorValue,
    indicator_status,
)
from .pdf import (
    DocumentPdf,
    PdfStatus,
    _document_pdf_path,
)
from .progress import (
    ProgressRecord,
    ProgressRecordQuerySet,
)
