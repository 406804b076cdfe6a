"""Large tables written as one piece of XML read back in Word exactly as python-docx's own cells."""
import io

from docx import Document
from docx.shared import Cm

from core.docx_table import add_grid_table


def _reopened(doc):
    out = io.BytesIO()
    doc.save(out)
    return Document(io.BytesIO(out.getvalue()))


def test_cells_header_widths_and_style_read_back_as_written():
    doc = Document()
    add_grid_table(doc, ["Ученик", "Оценка"], [["Попов Артём", "5"], ["Иванова Мария", "н"]], [4.2, 0.9])
    table = _reopened(doc).tables[0]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Ученик", "Оценка"], ["Попов Артём", "5"], ["Иванова Мария", "н"]]
    assert table.style.name == "Table Grid"
    widths = [Cm(4.2).twips, Cm(0.9).twips]  # Word keeps widths in twentieths of a point
    assert [c.width.twips for c in table.rows[1].cells] == widths
    assert [col.width.twips for col in table.columns] == widths


def test_markup_stays_text_newlines_become_line_breaks_and_characters_xml_cannot_hold_are_dropped():
    doc = Document()
    add_grid_table(doc, ["Тема"], [["<b>Дроби</b> & «проценты»\nупр. 5"], ["\x00\x1bсуффиксы\x07"]], [12.0])
    cells = [r.cells[0] for r in _reopened(doc).tables[0].rows]
    assert cells[1].text == "<b>Дроби</b> & «проценты»\nупр. 5"
    assert len(cells[1].paragraphs) == 1  # one paragraph with a line break, as python-docx writes it
    assert cells[2].text == "суффиксы"
