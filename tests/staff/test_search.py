"""Search across languages and word forms: English in either translation, stems, Arabic-script spellings, notes and
the neighbourhood; the index kept in step on every change, and rebuilt for existing rows by the migration."""
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from alembic import command
from sqlalchemy import select, text

from portal.models import Note, Status, search_document
from portal.platform import db
from portal.platform.schema import alembic_config, upgrade_to_head
from portal.platform.search_words import document, normalise, query_terms
from portal.submissions import retention
from tests.conftest import add_meeting, session_csrf_token
from tests.factories import make_feedback, make_submission
from tests.staff.test_inbox import listed_ids


def found(client, query: str) -> set[int]:
    return listed_ids(client, f"q={quote(query)}")


@pytest.mark.parametrize("written, typed", [
    ("أمن", "امن"), ("إسكان", "اسكان"), ("آمنة", "امنه"), ("ٱلشرطة", "الشرطه"),  # alef forms
    ("الشرطة", "الشرطه"),  # taa marbuta and haa
    ("مستشفى", "مستشفي"),  # alef maqsura and yaa
    ("کمک", "كمك"), ("یک", "يك"),  # Persian keheh and Farsi yeh typed on an Arabic keyboard
    ("الشُّرْطَة", "الشرطة"),  # harakat
    ("الشـــرطة", "الشرطة"),  # tatweel
])
def test_arabic_script_spellings_are_made_one(written, typed):
    assert normalise(written) == normalise(typed)


def test_words_keep_their_marks_and_lose_latin_accents():
    assert query_terms("प्रहरीले Policía") == [("प्रहरीले", ["प्रहरी"]), ("policia", ["polic", "polici"])]
    assert document(["The interpreters, the interpreter."]).split() == ["the", "interpreters", "interpreter",
                                                                         "interpret"]


@pytest.mark.parametrize("query, expected", [
    # English in the machine's translation and in a person's; and Spanish "policía", whose Spanish stem it shares
    ("police", {"machine", "checked", "spanish"}),
    ("interpreters", {"english"}),  # stemmed: the text says "interpreter"
    ("interpreting", {"english"}),
    ("الشرطه", {"arabic"}),  # typed with haa, written with taa marbuta
    ("شرطة", {"arabic"}),  # the stem without the article
    ("مترجمان", {"dari"}),  # Dari plural; the text says مترجم
    ("کمک", {"dari", "arabic_keyboard"}),  # Persian kaf and yeh find a Dari text typed on an Arabic keyboard
    ("प्रहरीले", {"nepali"}),  # "by the police"; the text says प्रहरीको, "of the police"
    ("policías", {"spanish", "machine", "checked"}),
    ("interpreter police", set()),  # every word must match in one submission
])
@pytest.mark.parametrize("newest_rows_dense", [False, True])
def test_search_across_languages_and_word_forms(app, staff_client, monkeypatch, query, expected, newest_rows_dense):
    """newest_rows_dense: on SQLite, the plan for a word many of the newest rows hold (each row's own document
    read) gives the same answer as FTS5."""
    from portal.submissions import search

    monkeypatch.setattr(search, "DENSE", 1 if newest_rows_dense else search.SAMPLE + 1)
    made = {
        "english": make_submission(app, body="There was no interpreter at the clinic.").id,
        "machine": make_submission(app, body="Booliisku wuu i joojiyay", language="so",
                                   machine_translation="The police stopped me").id,
        "checked": make_submission(app, body="Polisi walinisimamisha", language="sw",
                                   translation="The police stopped me").id,
        "arabic": make_submission(app, body="أوقفتني الشرطة قرب المدرسة", language="ar").id,
        "dari": make_submission(app, body="در شفاخانه مترجم نبود و کسی کمک نکرد", language="fa-AF").id,
        "arabic_keyboard": make_submission(app, body="هيچ كمك نكردند", language="fa-AF").id,
        "nepali": make_submission(app, body="प्रहरीको व्यवहार राम्रो थिएन", language="ne").id,
        "spanish": make_submission(app, body="La policía no vino", language="es").id,
    }
    assert found(staff_client, query) == {made[name] for name in expected}


def test_notes_and_the_neighbourhood_are_searched(app, staff_client):
    in_riverside = make_submission(app, body="The bus never comes.", neighbourhood="Riverside").id
    noted = make_submission(app, body="Nadie contesta", language="es").id
    token = session_csrf_token(staff_client, f"/staff/submissions/{noted}")
    staff_client.post(f"/staff/submissions/{noted}/note",
                      data={"note-csrf_token": token, "note-body": "Called the landlords' association."})
    assert found(staff_client, "riverside") == {in_riverside}
    assert found(staff_client, "landlord") == {noted}
    with app.app_context():
        db.session().delete(db.session().scalars(select(Note)).one())
        db.session().commit()
    assert found(staff_client, "landlord") == set()


def test_a_text_changed_without_the_orm_is_found_after_a_refresh(app, staff_client):
    """What bypasses the ORM (a bulk statement) refreshes the documents itself, as retention does."""
    submission_id = make_submission(app, body="first words").id
    with app.app_context():
        db.session().execute(text("UPDATE submission SET translation = 'heating broken' WHERE id = :id"),
                             {"id": submission_id})
        assert found(staff_client, "heating") == set()
        search_document.refresh(db.session(), [submission_id])
        db.session().commit()
    assert found(staff_client, "heating") == {submission_id}


def test_anonymized_submissions_are_no_longer_found_by_their_notes(app, staff_client):
    """Feedback with ratings only: anonymizing changes none of its texts, yet its note's words must go."""
    meeting = add_meeting(app)
    closed = datetime.now(UTC) - timedelta(days=800)
    rated = make_feedback(app, meeting, status=Status.CLOSED, closed_at=closed).id
    with app.app_context():
        db.session().add(Note(submission_id=rated, body="Rosa Delgado called about the ramp"))
        db.session().commit()
    assert found(staff_client, "Delgado") == {rated}
    with app.app_context():
        retention.purge(db.session(), datetime.now(UTC), contact_days=30, anonymize_days=365)
        db.session().commit()
    assert found(staff_client, "Delgado") == set()


def test_deleted_submissions_leave_the_index(app, staff_client):
    gone = make_submission(app, body="The heater is broken").id
    kept = make_submission(app, body="The heater works now").id
    with app.app_context():
        retention.delete_submissions(db.session(), [gone])
        db.session().commit()
    assert found(staff_client, "heater") == {kept}


def test_the_migration_builds_the_documents_of_existing_submissions(app, staff_client):
    make_submission(app, body="placeholder")  # a row the downgrade and upgrade carry along
    with app.app_context():
        engine = db.engine()
        try:
            command.downgrade(alembic_config(engine), "0012_mail_job_names")
            with engine.begin() as connection:
                existing = connection.execute(text("SELECT * FROM submission")).mappings().one()
                row = {**existing, "id": existing["id"] + 1, "reference": "MIGRATED1",
                       "body": "أوقفتني الشرطة", "translation": "The interpreters never came"}
                connection.execute(text(f"INSERT INTO submission ({', '.join(row)}) "
                                        f"VALUES ({', '.join(':' + name for name in row)})"), row)
                connection.execute(text("INSERT INTO note (submission_id, body, created_at) "
                                        "VALUES (:id, 'Phoned the precinct', :now)"),
                                   {"id": row["id"], "now": datetime.now(UTC)})
        finally:
            upgrade_to_head(engine)
    migrated = row["id"]
    for query in ("الشرطه", "interpreter", "precinct"):
        assert found(staff_client, query) == {migrated}, query
