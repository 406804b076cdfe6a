"""Personal data of students and parents never reaches the public site, its feed, its sitemap,
the published Word files or the public API description (PD rules; tested on the demo school)."""
import io
from datetime import date

import docx
from sqlalchemy import select

from core.calendar.production import ProductionCalendar
from core.demo import load_demo
from core.models import Person, User
from documents import order_service as orders
from documents import publication_service as pubs
from documents import service as acts
from documents.act_templates import TEMPLATES
from documents.order_models import Publication
from journal.models import Student
from tests.api.helpers import actor_of
from tests.conftest import FAST_HASH

DAY = date(2017, 9, 20)


def _publish_the_normative_base(session) -> None:
    """The demo school's acts adopted by the seed order, everything published."""
    director = actor_of(session.scalar(select(User).where(User.login == "faerberg")))
    web = actor_of(session.scalar(select(User).where(User.login == "vinter")))
    made = [acts.create_from_template(session, director, key) for key in TEMPLATES]
    for act in made:
        act.status = "adopted"
        acts.freeze(session, director, act)
    order = orders.compose_seed_order(session, director, DAY, ProductionCalendar())
    orders.sign(session, director, order.id, "draft")
    orders.register(session, director, order.id, "signed", DAY)
    orders.put_in_force(session, director, order.id, "registered", DAY)
    pubs.publish_order(session, web, order.id)
    for act in made:
        pubs.publish_act(session, web, act.id)
    session.commit()


def _personal_data(session) -> set[str]:
    people = session.scalars(select(Person).where(Person.position.like("Обучающ%") | Person.position.like("Родител%")))
    found = set()
    for p in people:
        found |= {p.full_name, f"{p.surname} {p.name}", p.short_name}
    for s in session.scalars(select(Student).where(Student.birth_date.is_not(None))):
        found |= {s.birth_date.strftime("%d.%m.%Y"), s.birth_date.isoformat()}
    found |= {u.email for u in session.scalars(select(User).where(User.email != ""))}
    return {f for f in found if f and len(f) > 4}


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_PD_public_pages_feed_sitemap_files_and_api_description_hold_no_students_or_parents(app, session, client):
    load_demo(session, FAST_HASH)
    session.commit()
    _publish_the_normative_base(session)
    secret = _personal_data(session)
    assert len(secret) > 20  # the demo has students, parents and birth dates to protect
    published = session.scalars(select(Publication).where(Publication.status == "published")).all()
    assert len(published) == len(TEMPLATES) + 1
    outputs = {url: client.get(url).get_data(as_text=True)
               for url in ("/sveden/", "/sveden/document", "/sveden/document/feed.atom", "/sitemap.xml",
                           "/api/v1/", "/api/v1/openapi.json")}
    outputs |= {f"file {p.id}": _docx_text(client.get(f"/sveden/document/{p.id}.docx").data) for p in published}
    assert all(len(text) > 100 for text in outputs.values())
    leaks = {(where, s) for where, text in outputs.items() for s in secret if s in text}
    assert leaks == set()
