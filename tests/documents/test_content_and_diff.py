"""Structured text of acts, its hash, and differences between versions."""
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.act_templates import TEMPLATES
from documents.content import Block, content_hash, numbered, parse_markup, to_markup, validate
from documents.diff import diff_blocks, has_changes, word_diff


def test_markup_reads_sections_paragraphs_and_items():
    blocks = parse_markup("# Общие положения\nПервый абзац\nпродолжение.\n\nВторой.\n- пункт один;\n- пункт два")
    assert blocks == [Block("section", "Общие положения"), Block("para", "Первый абзац продолжение."),
                      Block("para", "Второй."), Block("item", "пункт один;"), Block("item", "пункт два")]
    assert [n for n, _ in numbered(blocks)] == ["1.", "1.1.", "1.2.", "", ""]


def test_every_template_round_trips_and_has_the_usual_sections():
    for template in TEMPLATES.values():
        blocks = parse_markup(template.text)
        assert parse_markup(to_markup(blocks)) == blocks
        titles = [b.text for b in blocks if b.kind == "section"]
        assert titles[0] == "Общие положения" and titles[-1] == "Заключительные положения"
        assert "Ответственность" in titles and validate(blocks) == []


def test_hash_is_stable_and_changes_with_any_change():
    blocks = parse_markup(TEMPLATES["ejournal"].text)
    assert content_hash("A", blocks) == content_hash("A", parse_markup(TEMPLATES["ejournal"].text))
    changed = blocks[:3] + [Block(blocks[3].kind, blocks[3].text + ".")] + blocks[4:]
    assert content_hash("A", changed) != content_hash("A", blocks)
    assert content_hash("B", blocks) != content_hash("A", blocks)


def test_diff_marks_added_removed_and_changed_words():
    old = parse_markup("# Раздел\nОтметки выставляются в течение 7 дней.\n\nУдаляемый абзац.")
    new = parse_markup("# Раздел\nОтметки выставляются в течение 5 рабочих дней.\n\nНовый абзац о сроках хранения.")
    rows = diff_blocks(old, new)
    assert [r.op for r in rows] == ["equal", "changed", "removed", "added"]
    assert rows[1].words == (("=", "Отметки выставляются в течение "), ("-", "7"), ("+", "5 рабочих"),
                             ("=", " дней."))
    assert has_changes(rows) and not has_changes(diff_blocks(old, old))


def test_word_diff_keeps_the_text_reconstructible():
    ops = word_diff("один два три", "один четыре три")
    assert "".join(t for o, t in ops if o != "+") == "один два три"
    assert "".join(t for o, t in ops if o != "-") == "один четыре три"


def test_empty_text_is_refused():
    assert validate(parse_markup("# Только заголовок")) == ["Текст акта пуст."]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_parses_without_error_and_round_trips(text):
    blocks = parse_markup(text)
    assert parse_markup(to_markup(blocks)) == blocks
