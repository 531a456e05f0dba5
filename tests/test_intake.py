"""Storing what residents send: one INSERT per row, the defaults on the object, nothing left after a rollback."""
from sqlalchemy import event, select

from portal.platform import db
from portal.models import Contact, Kind, Priority, Source, Status, Submission
from portal.submissions.intake import ContactDetails
from tests.factories import make_submission

CONTACT = ContactDetails(name="Amina", email="amina@example.org", phone="", preferred_language="so")


def _statements():
    seen = []
    event.listen(db.engine(), "before_cursor_execute", lambda *args: seen.append(args[2].split()[0]))
    return seen


def test_a_concern_is_one_insert_with_its_defaults_on_the_object(app):
    with app.app_context():
        session = db.session()
        seen, committed = _statements(), []
        # Registered first, so it runs before the work queued after the commit (the language job) adds its own.
        event.listen(session, "after_commit", lambda _session: committed.extend(seen))
        submission = make_submission(session, topic="housing")
        session.commit()
        # The column defaults are on the object as in the row; nothing was left to write at the commit.
        assert committed.count("INSERT") == 1 and "UPDATE" not in committed
        assert (submission.status, submission.priority, submission.source) == (Status.RECEIVED, Priority.NORMAL,
                                                                               Source.WEB)
        assert submission.created_at is not None and submission.kind == Kind.CONCERN
        assert submission.category.slug == "housing" and submission.contact is None
        assert session.get(Submission, submission.id) is submission


def test_contact_details_are_stored_encrypted_beside_the_submission(app):
    with app.app_context():
        session = db.session()
        submission = make_submission(session, contact=CONTACT)
        session.commit()
        assert submission.contact.email == "amina@example.org" and submission.contact.submission_id == submission.id
        raw = session.connection().exec_driver_sql("SELECT email FROM contact").scalar_one()
        assert "amina" not in raw
    with app.app_context():
        stored = db.session().scalars(select(Contact)).one()
        assert (stored.email, stored.preferred_language, stored.consented_at is not None) == (
            "amina@example.org", "so", True)


def test_a_later_change_is_written_by_the_unit_of_work(app):
    with app.app_context():
        session = db.session()
        submission = make_submission(session)
        submission.status = Status.IN_REVIEW
        session.commit()
    with app.app_context():
        assert db.session().scalars(select(Submission.status)).one() == Status.IN_REVIEW


def test_a_rolled_back_submission_leaves_the_session(app):
    with app.app_context():
        session = db.session()
        dropped = make_submission(session, contact=CONTACT)
        session.rollback()
        assert dropped not in session and dropped.contact not in session
        kept = make_submission(session, contact=CONTACT)  # may be given the same id again
        session.commit()
        assert session.scalars(select(Submission)).all() == [kept]
