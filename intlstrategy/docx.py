"""Word (DOCX) documents for the case system, beside each PDF and from the same data.

Council papers in Swedish and Norwegian municipalities travel as Word files through the
case system (Public 360, Ephorte, Platina …), where they are edited, stamped and
archived. A Word file is only useful there if its structure is real: this module gives
every document built with it

- the document's language on every run (``w:lang`` in the default run properties), its
  title and language in the core properties;
- headings in Word's own heading styles (so the navigation pane, the case system and
  screen readers see the outline) and a table-of-contents field that Word fills in
  when the reader updates fields (Word does not lay out pages when the file is made);
- tables with a header row repeated on each page;
- charts as PNG images with their alternative text (``descr``) and the data table
  beside them, as in the PDF.

User text goes in as text runs, never as markup: python-docx escapes it.
"""

from __future__ import annotations

import io

import vl_convert as vlc
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from intlstrategy.charts import _FORMAT_LOCALES, Chart

# The media type of a Word file, for the download views.
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# BCP 47 tags Word knows (it wants a region).
WORD_LANGUAGE = {"nb": "nb-NO", "sv": "sv-SE", "en": "en-GB"}


class WordDocument:
    """A thin builder over python-docx with the structure rules above."""

    def __init__(self, *, title: str, language: str, author: str = ""):
        self.language = language
        self.doc = Document()
        properties = self.doc.core_properties
        properties.title = title
        properties.language = WORD_LANGUAGE.get(language, language)
        properties.author = author
        self._set_language(WORD_LANGUAGE.get(language, language))
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.2))
        self.doc.styles["Normal"].font.name = "Calibri"
        self.doc.styles["Normal"].font.size = Pt(11)

    def _set_language(self, tag: str) -> None:
        # The default run properties of the style sheet: every run inherits the language,
        # so spelling, hyphenation and screen readers use it.
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault"))
        rpr = rpr_default.find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), tag)

    @staticmethod
    def mark_language(run, lang: str | None) -> None:
        """A text in another language than the document's (a missing translation shown
        instead) carries its own language, as `lang` does on the web page."""
        if lang:
            element = OxmlElement("w:lang")
            element.set(qn("w:val"), WORD_LANGUAGE.get(lang, lang))
            run._r.get_or_add_rPr().append(element)

    def heading(
        self, text: str, level: int, *, lang: str | None = None, new_page: bool = False
    ) -> None:
        paragraph = self.doc.add_heading(level=level)
        # A chapter on a new page, as in the PDF: a council member finds a department
        # where the contents says, and the case system prints each on its own sheet.
        paragraph.paragraph_format.page_break_before = new_page
        self.mark_language(paragraph.add_run(str(text)), lang)

    def paragraph(
        self,
        text: str = "",
        *,
        bold_lead: str = "",
        style: str | None = None,
        lang: str | None = None,
    ):
        paragraph = self.doc.add_paragraph(style=style)
        if bold_lead:
            paragraph.add_run(str(bold_lead)).bold = True
            if text:
                paragraph.add_run(" ")
        if text:
            self.mark_language(paragraph.add_run(str(text)), lang)
        return paragraph

    def paragraphs(self, text: str, *, lang: str | None = None) -> None:
        """Plain text with blank lines between paragraphs, as typed in the portal."""
        for block in str(text or "").replace("\r\n", "\n").split("\n\n"):
            if block.strip():
                self.paragraph(block.strip(), lang=lang)

    def lettered(self, letter: str, text: str, *, lang: str | None = None) -> None:
        """A lettered item (“a) …”) set as one paragraph with a hanging indent: the
        letter beside its text, as the document numbers it (not Word's own numbering,
        which would renumber when edited in the case system)."""
        blocks = [b.strip() for b in str(text or "").split("\n\n") if b.strip()] or [""]
        for index, block in enumerate(blocks):
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.8)
            if index == 0:
                paragraph.paragraph_format.first_line_indent = Cm(-0.8)
                paragraph.add_run(f"{letter})\t")
            self.mark_language(paragraph.add_run(block), lang)

    def bullets(self, items) -> None:
        for item in items:
            self.doc.add_paragraph(str(item), style="List Bullet")

    def title_page(self, *, title: str, subtitle: str = "", lines=()) -> None:
        self.doc.add_heading(str(title), level=0)
        if subtitle:
            self.paragraph(subtitle, style="Subtitle")
        for line in lines:
            self.paragraph(line)

    def contents(self, heading: str, hint: str) -> None:
        """A table-of-contents field over heading levels 1–2; Word fills it in when the
        reader updates fields (and asks to on opening: ``w:updateFields``). It begins a
        new page: the title page stands alone, as in the PDF."""
        self.heading(heading, 1, new_page=True)
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run()
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        placeholder = OxmlElement("w:t")
        placeholder.text = str(hint)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, instruction, separate, placeholder, end):
            run._r.append(element)
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def table(self, *, columns, rows, caption: str = "", numeric=(), row_headers=False):
        """A table with a header row that repeats on each page; `numeric` column indexes
        are right-aligned."""
        if caption:
            self.paragraph(caption, style="Caption")
        table = self.doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
        for index, name in enumerate(columns):
            cell = header.cells[index]
            cell.text = ""
            cell.paragraphs[0].add_run(str(name)).bold = True
            # A shaded header row, as the PDF's: the row is told apart by more than bold.
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), "EEF1F5")
            cell._tc.get_or_add_tcPr().append(shading)
            if index in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for values in rows:
            cells = table.add_row().cells
            for index, value in enumerate(values):
                paragraph = cells[index].paragraphs[0]
                run = paragraph.add_run(self.format(value))
                if row_headers and index == 0:
                    run.bold = True
                if index in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.doc.add_paragraph()
        return table

    def format(self, value) -> str:
        """Numbers in the document's locale (``1 234,5``), the rest as text."""
        from decimal import Decimal

        if isinstance(value, bool) or value is None:
            return "" if value is None else str(value)
        if isinstance(value, (int, float, Decimal)):
            locale = _FORMAT_LOCALES.get(self.language, _FORMAT_LOCALES["en"])
            number = Decimal(str(value))
            whole = number == number.to_integral_value()
            text = f"{number:,.0f}" if whole else f"{number:,.2f}".rstrip("0").rstrip(".")
            return text.translate(str.maketrans({",": locale["thousands"], ".": locale["decimal"]}))
        return str(value)

    def chart(self, chart: Chart, *, alt: str) -> None:
        """The chart as a PNG (Word shows no SVG everywhere) with its alternative text,
        then its data table."""
        png = vlc.vegalite_to_png(
            chart.spec,
            scale=2,
            format_locale=_FORMAT_LOCALES.get(self.language, _FORMAT_LOCALES["en"]),
            allowed_base_urls=[],
        )
        width = Cm(min(16.0, (chart.width or 560) / 37.8))
        self.doc.add_picture(io.BytesIO(png), width=width)
        # The picture's non-visual properties carry the alternative text.
        inline = self.doc.paragraphs[-1].runs[-1]._r.find(".//" + qn("wp:docPr"))
        inline.set("descr", str(alt))
        inline.set("title", str(chart.title))
        if chart.rows:
            self.table(
                columns=chart.columns,
                rows=chart.rows,
                caption=chart.title,
                numeric=range(1, len(chart.columns)),
                row_headers=True,
            )

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
