"""The strategy document as Word, from the same context as its PDF.

`strategies/_document_body.html` sets the document out for the web page and the PDF; this
builder sets out the same tree (`document_tree` + `document_pdf_context`) in the same
order with the same headings: metadata, contents, introduction, purpose, vision, goal
areas with their lettered goals, strategies with their measures, guidelines,
responsibilities, council amendments, action plan and follow-ups. A text shown in
another language than the document's (a missing translation) carries its own language
on its runs, as the `lang` attribute does on the web page.
"""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _

from intlstrategy.docx import WordDocument
from intlstrategy.templatetags.portal import _translated


def _text(obj, field) -> tuple[str, str | None]:
    """(text, its language when it is not the reader's) of a translated field."""
    text, shown, reader = _translated(obj, field)
    return text, (shown if shown != reader else None)


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def document_docx(context: dict, *, language: str) -> bytes:
    with translation.override(language):
        return _build(context, language).save()


def _build(context: dict, language: str) -> WordDocument:
    document = context["document"]
    title, title_lang = _text(document, "title")
    doc = WordDocument(title=title, language=language, author=str(context["municipality"]))
    doc.heading(title, 0, lang=title_lang)
    _metadata(doc, document)
    note = document.translation_note_here
    if note:
        doc.paragraph(note, style="Intense Quote")
    doc.contents(_("Contents"), _("Update the field (F9) to show the contents with page numbers."))
    for field, heading in (
        ("introduction", _("Introduction")),
        ("purpose", _("Purpose")),
        ("vision", _("Vision")),
    ):
        _part(doc, document, field, heading)
    _goal_areas(doc, document)
    _strategies(doc, document)
    _part(doc, document, "guidelines", _("Guidelines for the international work"))
    _responsibilities(doc, document)
    _amendments(doc, document)
    _action_plans(doc, document)
    _follow_ups(doc, document)
    return doc


def _metadata(doc: WordDocument, document) -> None:
    rows = [
        (_("Kind"), str(document.kind_label).capitalize()),
        (_("Status"), str(document.get_status_display()).capitalize()),
    ]
    if document.adopted_on:
        adopted = f"{str(document.adopting_body_label).capitalize()}, {_date(document.adopted_on)}"
        if document.paragraph:
            adopted += f", {document.paragraph}"
        rows.append((_("Adopted"), adopted))
    for decision in document.adoptions.all():
        name, _lang = _text(decision.municipality, "name")
        line = (
            f"{name}: {str(decision.get_adopted_by_display()).capitalize()}, "
            f"{_date(decision.adopted_on)}"
        )
        rows.append((_("Decisions"), line))
    if document.case_number:
        rows.append((_("Case number"), document.case_number))
    if document.owner:
        rows.append((_("Document owner"), _text(document.owner, "name")[0]))
    rows.append(
        (
            _("Valid"),
            _("until %(date)s") % {"date": _date(document.valid_until)}
            if document.valid_until
            else _("until further notice"),
        )
    )
    if document.replaces or document.replaces_note:
        replaced = _text(document.replaces, "title")[0] if document.replaces else ""
        rows.append((_("Replaces"), "; ".join(t for t in (replaced, document.replaces_note) if t)))
    owners = list(document.municipalities.all())
    if len(owners) > 1:
        rows.append((_("Joint document of"), ", ".join(_text(m, "name")[0] for m in owners)))
    doc.table(columns=[_("Document"), ""], rows=rows, row_headers=True)


def _part(doc: WordDocument, document, field: str, heading: str) -> None:
    text, lang = _text(document, field)
    if text:
        doc.heading(heading, 1)
        doc.paragraphs(text, lang=lang)


def _goal_areas(doc: WordDocument, document) -> None:
    areas = list(document.goal_areas.all())
    if not areas:
        return
    doc.heading(_("Orientations") if document.kind == "platform" else _("Goal areas"), 1)
    for area in areas:
        title, lang = _text(area, "title")
        doc.heading(f"{area.number}. {title}", 2, lang=lang)
        description, lang = _text(area, "description")
        if description:
            doc.paragraphs(description, lang=lang)
        for goal in area.goals.all():
            text, lang = _text(goal, "text")
            doc.lettered(goal.letter, text, lang=lang)


def _strategies(doc: WordDocument, document) -> None:
    strategies = list(document.strategies.all())
    if not strategies:
        return
    doc.heading(_("Strategies"), 1)
    for strategy in strategies:
        doc.heading(_("Strategy %(number)s") % {"number": strategy.number}, 2)
        title, lang = _text(strategy, "title")
        doc.paragraphs(title, lang=lang)
        areas = [str(area.number) for area in strategy.goal_areas.all()]
        if areas:
            doc.paragraph(", ".join(areas), bold_lead=_("Serves goal areas:"))
        measures = list(strategy.measures.all())
        if measures:
            doc.heading(_("Measures"), 3)
            for measure in measures:
                text, lang = _text(measure, "text")
                doc.lettered(measure.letter, text, lang=lang)
                departments = [_text(d, "name")[0] for d in measure.responsible_departments.all()]
                if departments:
                    doc.paragraph(", ".join(departments), bold_lead=_("Responsible:"))


def _responsibilities(doc: WordDocument, document) -> None:
    rows = list(document.responsibility_rows.all())
    text, lang = _text(document, "responsibilities")
    if not rows and not text:
        return
    doc.heading(_("Responsibilities and follow-up"), 1)
    if rows:
        for row in rows:
            body, body_lang = _text(row, "body")
            doc.heading(body, 2, lang=body_lang)
            duties, duties_lang = _text(row, "duties")
            doc.paragraphs(duties, lang=duties_lang)
    else:
        doc.paragraphs(text, lang=lang)


def _concerns(amendment) -> str:
    if amendment.goal:
        return _("Goal %(number)s %(letter)s") % {
            "number": amendment.goal.goal_area.number,
            "letter": amendment.goal.letter,
        }
    if amendment.strategy:
        return _("Strategy %(number)s") % {"number": amendment.strategy.number}
    if amendment.measure:
        return _("Measure %(number)s %(letter)s") % {
            "number": amendment.measure.strategy.number,
            "letter": amendment.measure.letter,
        }
    if amendment.part:
        return str(amendment.get_part_display()).capitalize()
    return _("The document as a whole")


def _amendments(doc: WordDocument, document) -> None:
    amendments = list(document.amendments.all())
    if not amendments:
        return
    doc.heading(_("Council amendments"), 1)
    doc.paragraph(
        _("Changes the adopting body made to the proposal. They are worked into the text above.")
    )
    doc.table(
        columns=[_("Item"), _("Decision"), _("Concerns")],
        rows=[
            (
                f"{a.item}, {str(a.get_body_display()).capitalize()}, {_date(a.decided_on)}",
                _text(a, "text")[0],
                f"{_concerns(a)} – {a.get_kind_display()}",
            )
            for a in amendments
        ],
    )


def _action_plans(doc: WordDocument, document) -> None:
    plans = list(document.action_plans.all())
    if not plans:
        return
    doc.heading(_("Action plan"), 1)
    for plan in plans:
        doc.heading(f"{_text(plan, 'title')[0]} {plan.start_year}–{plan.end_year}", 2)
        activities = list(plan.activities.all())
        if activities:
            doc.table(
                caption=_("Activities"),
                columns=[
                    _("Activity"),
                    _("Responsible"),
                    _("Period"),
                    _("Result target"),
                    _("Resources"),
                ],
                rows=[
                    (
                        f"{a.number}. {_text(a, 'title')[0]}",
                        _text(a.responsible_department, "name")[0]
                        if a.responsible_department
                        else "",
                        " – ".join(
                            d.isoformat() for d in (a.starts_on, a.ends_on) if d is not None
                        ),
                        _text(a, "result_target")[0],
                        (
                            f"{doc.format(a.resources_amount)} {a.resources_currency}"
                            if a.resources_amount is not None
                            else ""
                        ),
                    )
                    for a in activities
                ],
                row_headers=True,
            )
        indicators = list(plan.indicators.all())
        if indicators:
            doc.table(
                caption=_("Indicators"),
                columns=[_("Indicator"), _("Baseline"), _("Target"), _("Yearly values")],
                rows=[
                    (
                        _text(i, "name")[0],
                        "" if i.baseline is None else f"{doc.format(i.baseline)} {i.unit}",
                        "" if i.target is None else f"{doc.format(i.target)} {i.unit}",
                        "; ".join(f"{v.year}: {doc.format(v.value)}" for v in i.values.all()),
                    )
                    for i in indicators
                ],
                row_headers=True,
            )


def _follow_ups(doc: WordDocument, document) -> None:
    follow_ups = list(document.follow_ups.all())
    if not follow_ups:
        return
    doc.heading(_("Follow-ups"), 1)
    for follow_up in follow_ups:
        heading = (
            f"{str(follow_up.get_body_display()).capitalize()}, {_date(follow_up.followed_up_on)}"
        )
        doc.heading(heading, 2)
        summary, lang = _text(follow_up, "summary")
        doc.paragraphs(summary, lang=lang)
        decision, lang = _text(follow_up, "decision")
        if decision:
            doc.paragraph(decision, bold_lead=_("Decision:"), lang=lang)
