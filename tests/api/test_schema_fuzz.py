"""Schemathesis against the OpenAPI document: generated calls (bounded) with a token holding
every scope; no 500, and every response conforms to the document (status, type, schema)."""
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from core.actor import system_actor
from core.token_rules import SCOPES
from documents import publication_service as pubs
from tests import factories
from tests.api.helpers import actor_of, seed_plan, token_for
from tests.documents.test_acquaintance_and_site import _in_force_act
from tests.journal import school as js


@pytest.fixture
def full_token(session, school):
    """A school with a plan, an adopted and published act, its order and a class's journal, and a
    token of a user who is both deputy director and teacher (every scope)."""
    s = js.build(session, school, until=date(2017, 9, 15))
    seed_plan(session, school)
    director = factories.make_user(session, school, ["director", "web_admin"])
    act, _, _ = _in_force_act(session, school, actor_of(director))
    pubs.publish_act(session, actor_of(director), act.id)
    user = factories.make_user(session, school, ["deputy", "teacher"])
    session.commit()
    assert s.klass.id and system_actor(school.id)
    return token_for(session, user, *SCOPES)


def test_api_conforms_to_its_document(app, full_token):
    """Every operation, up to 25 generated calls each (schemathesis' pytest plugin does not run on
    pytest 9 yet, so the operations are walked here with the same strategies)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {full_token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def call(case):
            # rules across fields (date_from ≤ date_to, a student of the lesson, a reason for a late
            # entry, REG-07) are not expressible in the schema: their 422 problems are right
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        call()
