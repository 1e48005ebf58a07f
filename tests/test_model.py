import jsonschema

from ceasewatch.model import Event, from_dict, result_from_dict, to_dict
from tests.conftest import make_result

TEXT = (
    "Twelve drones struck a power station in Kharkiv overnight. The governor said one "
    "worker was killed."
)


def test_result_round_trips_through_json_and_validates(schema):
    result = make_result(TEXT)
    data = result.to_dict()
    jsonschema.validate(data, schema)
    back = result_from_dict(data)
    assert back.to_dict() == data
    assert (back.events, back.commitments, back.claims) == (
        result.events,
        result.commitments,
        result.claims,
    )
    event = result.events[0]
    assert from_dict(Event, to_dict(event)) == event


def test_schema_rejects_a_wrong_country_code(schema):
    data = make_result(TEXT).to_dict()
    data["events"][0]["actor"]["country"] = "Russia"
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        assert "Russia" in str(exc)
    else:
        raise AssertionError("an invalid country code passed the schema")


def test_evidence_spans_point_into_the_text():
    result = make_result(TEXT)
    for record in (*result.events, *result.claims):
        for span in record.evidence:
            assert TEXT[span.start : span.end] == span.text
