"""Large Word tables written as one piece of XML (pure helper).

python-docx spends ~0.1 ms per `cell.text = …` and re-reads the row's grid on every `row.cells`;
a quarter printout or a summary sheet has tens of thousands of cells. Here the rows are built as
one XML string and parsed once by lxml, the cells looking exactly as python-docx would make them
(a paragraph with one run, a line break for each newline), with explicit grid and cell widths so
LibreOffice does not wrap the names.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

from core.text import clean_text


def _paragraph(text: str) -> str:
    # the input's own cleaning, once more: one character XML cannot hold makes the whole file unreadable
    lines = [escape(line) for line in clean_text(text).split("\n")]
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:p><w:r>{runs}</w:r></w:p>"


def _row(values: list[str], widths_twips: list[int]) -> str:
    cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{_paragraph(v)}</w:tc>'
                    for v, w in zip(values, widths_twips, strict=True))
    return f"<w:tr>{cells}</w:tr>"


def add_grid_table(doc, header: list[str], rows: list[list[str]], widths_cm: list[float], style: str = "Table Grid"):
    """Append a table of plain-text cells with a header row and column widths in centimetres;
    returns the python-docx table for any further touches."""
    widths = [Cm(w) for w in widths_cm]
    twips = [w.twips for w in widths]
    table = doc.add_table(rows=0, cols=len(header))
    table.style = style
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = w
    body = "".join(_row(values, twips) for values in [header, *rows])
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>"):
        table._tbl.append(tr)
    return table
