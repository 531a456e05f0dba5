"""A final report whose recommendation quotes residents, for the tracker's, /outcomes' and the status page's tests."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from portal.models import Role, Submission, User
from portal.platform import db
from portal.reports import service as reports
from portal.submissions.intake import ContactDetails
from tests.factories import make_feedback, make_submission

AR_TEXT = "نحتاج إلى مترجمين في المدارس وسمعنا أن الشرطة تساعد وكلاء الهجرة"
ES_TEXT = "Necesitamos saber si la policía ayuda a ICE"
RESIDENT_EMAIL = "hawa.resident@example.org"
PUBLIC_TEXT = "Publish in writing what city police do, and do not do, when immigration agents are present."
AR_PUBLIC_TEXT = "نشر سياسة مكتوبة عما تفعله شرطة المدينة وما لا تفعله عند وجود وكلاء الهجرة."


@dataclass(frozen=True)
class FinalReport:
    report_id: int
    recommendation_id: int
    other_recommendation_id: int
    submission_ids: tuple[int, ...]
    references: tuple[str, ...]
    meeting_id: int


def final_report_quoting_residents(app, meeting_id: int) -> FinalReport:
    """A final report of two recommendations: the first quotes an Arabic concern (whose resident asked for email,
    in Arabic) and a Spanish piece of feedback on the meeting; the second quotes nobody."""
    contact = ContactDetails(name="Hawa", email=RESIDENT_EMAIL, phone="", preferred_language="ar")
    concern = make_submission(app, language="ar", body=AR_TEXT, contact=contact, redacted_text=AR_TEXT)
    feedback = make_feedback(app, meeting_id, language="es", act_on=ES_TEXT, redacted_text=ES_TEXT)
    with app.app_context():
        session = db.session()
        writer = session.scalar(select(User).where(User.email == "writer@example.org")) or User(
            email="writer@example.org", password_hash="-", role=Role.STAFF, name="Report Writer")
        session.add(writer)
        report = reports.create_report(session, title="Trust and interpreters", start=date.today() - timedelta(days=60),
                                       end=date.today(), actor=writer)
        first = reports.add_recommendation(session, report, title="Police policy in writing", actor=writer)
        second = reports.add_recommendation(session, report, title="Interpreters in clinics", actor=writer)
        for submission_id, quote in ((concern.id, AR_TEXT), (feedback.id, ES_TEXT)):
            reports.add_evidence(session, first, session.get(Submission, submission_id), quote=quote, actor=writer)
        reports.finalize(session, report, actor=writer, signed_by="Report Writer", now=datetime.now(UTC),
                         city_timezone=app.config["TIMEZONE"])
        session.commit()
        return FinalReport(report_id=report.id, recommendation_id=first.id, other_recommendation_id=second.id,
                           submission_ids=(concern.id, feedback.id), references=(concern.reference, feedback.reference),
                           meeting_id=meeting_id)
