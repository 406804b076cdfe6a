"""The importer on the seed files, on a plan of another layout, and on files that are not plans."""
from datetime import date

import pytest

from core.errors import ValidationFailed
from tests.workflow import plan_files as pf
from workflow.importing import read_plan_file

TODAY = date(2017, 6, 1)


@pytest.fixture(scope="module")
def seeds():
    return (read_plan_file(pf.SEED_DOCX.read_bytes(), "plan.docx", TODAY),
            read_plan_file(pf.SEED_TEXT.read_bytes(), "plan.txt", TODAY))


def _without_warnings(draft):
    data = draft.as_json()
    data.pop("warnings")
    return data


def test_word_and_text_export_give_the_same_plan(seeds):
    docx, text = seeds
    assert _without_warnings(docx) == _without_warnings(text)


def test_seed_has_four_stages_and_23_tasks(seeds):
    for draft in seeds:
        assert [len(s.tasks) for s in draft.stages] == [6, 5, 4, 8]
        assert draft.period.title == "2017/2018"
        assert draft.stages[0].title == "Подготовительный этап"
        assert {s.section for s in draft.stages[1:]} == {"Основная работа по переходу"}


def test_every_seed_term_has_the_right_kind_and_dates(seeds):
    terms = {t.term.raw: t.term for s in seeds[0].stages for t in s.tasks}
    assert not [t for t in terms.values() if t.kind == "unparsed"]
    assert (terms["август – сентябрь 2017"].start, terms["август – сентябрь 2017"].end) == \
        (date(2017, 8, 1), date(2017, 9, 30))
    assert terms["5.06.2017"].end == date(2017, 6, 5)
    assert terms["В конце каждой четверти"].recurrence == ("end_of_quarter",)
    assert terms["По окончании четверти и полугодий и года"].recurrence == \
        ("end_of_quarter", "end_of_half_year", "end_of_year")
    assert terms["еженедельно"].recurrence == ("weekly",)
    assert terms["По мере необходимости"].kind == "event"
    assert terms["По плану ВШК"].kind == "reference"
    assert terms["Сентябрь 2017 – июнь 2018"].end == date(2018, 6, 30)
    assert terms["Май 2018"].start == date(2018, 5, 1)


def test_founder_task_has_no_assignee_and_order_task_has_eight_items(seeds):
    for draft in seeds:
        approval = draft.stages[2].tasks
        assert "Учредителем" in approval[1].title and approval[1].assignees == []
        assert approval[2].title.startswith("Издание на основании согласованных документов приказа")
        assert len(approval[2].items) == 8
        assert approval[2].items[-1] == "утверждаются и вводятся в действие принятые локальные акты"


def test_merged_executor_cell_belongs_to_the_tasks_below(seeds):
    for draft in seeds:
        design = draft.stages[1].tasks
        assert {t.assignees_raw for t in design} == {"Администрация ОУ и рабочая группа"}


def test_plan_in_another_layout_is_read_and_unreadable_cells_are_reported():
    draft = read_plan_file(pf.other_layout_docx(), "other.docx", TODAY)
    assert draft.period.title == "2020/2021"
    assert [(s.number, s.title) for s in draft.stages] == [("I", "Организационный этап"), ("II", "Основной этап")]
    first = draft.stages[0].tasks
    assert [t.number for t in first] == ["1.1", "1.2", "1.3"]
    assert first[0].term.end == date(2020, 9, 15) and first[0].done_mark == "выполнено"
    assert first[1].items == ["работа с журналом", "выставление отметок"]
    assert first[1].term.start == date(2020, 10, 1)  # month without a year: the plan's year
    assert first[2].assignees_raw == "Иванова И.И."  # vertical merge in Word
    assert first[2].term.kind == "unparsed"
    assert any("как только, так сразу" in w for w in draft.warnings)
    assert draft.stages[1].tasks[1].term.recurrence == ("monthly",)


@pytest.mark.parametrize("make, name, message", [
    (pf.docx_without_table, "a.docx", "нет таблицы"),
    (pf.docx_with_wrong_table, "a.docx", "Мероприятия"),
    (lambda: b"not a zip at all", "a.docx", "повреждён"),
    (lambda: pf.SEED_DOCX.read_bytes()[:3000], "a.docx", "повреждён"),
    (lambda: pf.OLE_ENCRYPTED, "a.docx", "зашифрован"),
    (lambda: pf.OLE_ENCRYPTED, "plan.doc", ".doc"),
    (pf.macro_docm, "plan.docx", "макрос"),
    (lambda: pf.SEED_DOCX.read_bytes(), "plan.docm", "макрос"),
    (pf.archive_bomb, "a.docx", "бомб"),
    (pf.entity_docx, "a.docx", "DTD"),
    (lambda: b"", "a.docx", "пустой"),
    (lambda: "Колонка\tДругая\nа\tб".encode(), "a.txt", "Мероприятия"),
])
def test_files_that_are_not_plans_are_refused_in_russian(make, name, message):
    with pytest.raises(ValidationFailed) as err:
        read_plan_file(make(), name, TODAY)
    assert message in err.value.message
