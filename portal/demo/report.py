"""The demo recommendation report: a draft with three recommendations quoting demo submissions in several scripts.

Demo submissions get a redacted text (a copy of what the resident wrote with any name taken out: the demo texts
name nobody, their contact names live apart), since only redacted text may be quoted. Every quote below is
checked like any other: it must be a part of that redacted text, or seeding fails.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from portal.models import Priority, Recommendation, Report, Submission
from portal.reports import service as reports
from portal.submissions.redaction import masked

DEMO_PERIOD_DAYS = 60


@dataclass(frozen=True)
class DemoQuote:
    language: str
    starts: str  # how the submission's text begins, to find it among the demo submissions
    quote: str
    translation: str


@dataclass(frozen=True)
class DemoRecommendation:
    title: str
    body: str
    rationale: str
    responsible: str
    priority: Priority
    quotes: tuple[DemoQuote, ...]


SUMMARY = (
    "Residents told the Office for Immigrant Affairs, in many languages, that they no longer know whether city "
    "police help federal immigration agents, and that this keeps them from calling the police at all. They also "
    "described children interpreting for their parents at schools and clinics, and landlords who ignore repairs "
    "and keep deposits.\n\n"
    "We recommend three steps: a written, translated police policy on immigration enforcement; professional "
    "interpreters wherever residents meet the city; and firmer enforcement of tenants' rights. Each "
    "recommendation below quotes residents in their own words, beside our English translation."
)

RECOMMENDATIONS: tuple[DemoRecommendation, ...] = (
    DemoRecommendation(
        title="Put the police department's role with federal immigration agents in writing, in every language",
        body="Publish a short written policy saying what city police do and do not do when federal immigration "
             "agents are present, translate it into every language of the portal, and present it at "
             "meetings in mosques, churches and community centres.",
        rationale="Residents who saw city patrol cars during immigration arrests now avoid calling the police, "
                  "even after thefts and accidents. Spoken assurances at one meeting were not enough.",
        responsible="Police Department, with the Office for Immigrant Affairs",
        priority=Priority.URGENT,
        quotes=(
            DemoQuote("es", "El martes temprano",
                      "Queremos saber si la policía de la ciudad ayuda a ICE o no, porque así nadie en el barrio "
                      "va a llamar a la policía cuando haya un problema.",
                      "We want to know whether the city police help ICE or not, because as things are nobody in "
                      "the neighbourhood will call the police when there is a problem."),
            DemoQuote("ar", "بعد ما حدث في حيّنا",
                      "نريد أن تأتي شرطة المدينة وتشرح لنا بوضوح وبلغتنا ما هو دورها وما ليس من دورها.",
                      "We want the city police to come and explain to us clearly, in our language, what their "
                      "role is and what it is not."),
            DemoQuote("fa-AF", "وقتی دیدیم موترهای پولیس",
                      "می‌خواهیم پولیس شهر به مسجد یا مرکز اجتماعی بیاید و توضیح بدهد که چه وقت با ICE همکاری "
                      "می‌کند.",
                      "We want the city police to come to the mosque or a community centre and explain when they "
                      "work with ICE."),
            DemoQuote("so", "Waxaan rabnaa in booliska",
                      "Waxaan rabnaa in booliska magaaladu ay si cad u sheegaan inaysan ka caawin doonin ICE "
                      "guryaha dadka.",
                      "We want the city police to say clearly that they will not help ICE at people's homes."),
        ),
    ),
    DemoRecommendation(
        title="Guarantee professional interpreters at city offices, clinics and schools",
        body="Require city offices, city-funded clinics and public schools to offer a professional interpreter, in "
             "person or by video, for every language residents ask for, and stop asking children to interpret.",
        rationale="Parents described children interpreting medical advice and their own school grades, and phone "
                  "interpreting that drops or uses the wrong language.",
        responsible="Language Access Coordinator, Health Department and Public Schools",
        priority=Priority.HIGH,
        quotes=(
            DemoQuote("ne", "मेरा बुबाआमा",
                      "क्लिनिकमा फोनबाट दोभाषे राखिन्छ तर आवाज राम्रोसँग सुनिँदैन र धेरैपटक लाइन काटिन्छ।",
                      "At the clinic they put an interpreter on the phone, but the sound is poor and the line "
                      "often drops."),
            DemoQuote("es", "En la reunión de padres",
                      "En la reunión de padres de la escuela primaria no había intérprete y la maestra le pidió a "
                      "mi hija de diez años que me tradujera.",
                      "At the parents' meeting at the primary school there was no interpreter, and the teacher "
                      "asked my ten-year-old daughter to translate for me."),
            DemoQuote("so", "Waxaan aaday xafiiska",
                      "Ma jirin turjubaan Soomaali ah, shaqaalahuna waxay igu yiraahdeen soo kaxee qof kuu "
                      "turjuma.",
                      "There was no Somali interpreter, and the staff told me to bring someone to interpret for "
                      "me."),
            DemoQuote("ps", "زما لور",
                      "ښوونکي له موږ سره خبرې نشي کولی ځکه چې پښتو ژباړونکی نشته.",
                      "The teachers cannot talk with us because there is no Pashto interpreter."),
        ),
    ),
    DemoRecommendation(
        title="Enforce repairs and the return of deposits for tenants",
        body="Inspect reported homes within a week when heating or water fails, follow up on landlords who "
             "threaten tenants who complain, and fund Legal Aid to help tenants recover deposits.",
        rationale="Tenants reported weeks without heating, mould, broken windows and deposits kept without reason, "
                  "and said they were afraid to complain.",
        responsible="Housing Code Enforcement, with Legal Aid",
        priority=Priority.NORMAL,
        quotes=(
            DemoQuote("ar", "التدفئة في شقتنا",
                      "التدفئة في شقتنا معطلة منذ ثلاثة أسابيع ولدينا طفل رضيع.",
                      "The heating in our flat has been broken for three weeks and we have a baby."),
            DemoQuote("fa-AF", "ما هفت نفر",
                      "صاحب خانهٔ قبلی پول پیش (دیپازیت) ما را پس نداد و هیچ دلیلی هم نگفت.",
                      "Our previous landlord did not return our deposit and gave no reason."),
            DemoQuote("sw", "Mwenye nyumba",
                      "Tunaogopa kulalamika kwa sababu anasema atatufukuza.",
                      "We are afraid to complain because he says he will evict us."),
        ),
    ),
)


def redacted_copy(submission: Submission) -> str:
    """What the resident wrote, with likely emails and numbers masked and any contact name taken out (the demo
    texts themselves name nobody)."""
    text = masked("\n\n".join(part for part in (submission.body, submission.improvement) if part))
    name = submission.contact.name.strip() if submission.contact is not None and submission.contact.name else ""
    return text.replace(name, "[name]") if name else text


def remove_demo_reports(db_session: Session) -> int:
    """One DELETE: the database takes their recommendations, evidence and tracking with them (ON DELETE CASCADE).
    Deleting two reports through the session would make it load each one's people, its relationships being
    lazy="raise", to order the deletes of a self-referencing table."""
    found = list(db_session.scalars(select(Report.id).where(Report.is_demo)))
    db_session.execute(delete(Report).where(Report.id.in_(found)))
    return len(found)


def add_demo_report(db_session: Session, now: datetime) -> Report:
    """A draft report over the last 60 days, quoting the demo submissions (which must exist and be flushed)."""
    demo = _with_redacted_texts(db_session)
    report = reports.create_report(
        db_session, title="What immigrant residents told us: first recommendations (demo)",
        start=(now - timedelta(days=DEMO_PERIOD_DAYS)).date(), end=now.date(), actor=None,
    )
    report.is_demo = True
    report.summary = SUMMARY
    add_recommendations(db_session, report, demo)
    return report


def _with_redacted_texts(db_session: Session) -> list[Submission]:
    demo = list(db_session.scalars(select(Submission).where(Submission.is_demo)
                                   .options(selectinload(Submission.contact))))
    for submission in demo:
        if submission.redacted_text is None:
            submission.redacted_text = redacted_copy(submission)
    return demo


def add_recommendations(db_session: Session, report: Report, demo: list[Submission] | None = None
                        ) -> list[Recommendation]:
    """The demo recommendations, each quoting demo submissions, added to the report."""
    demo = demo if demo is not None else _with_redacted_texts(db_session)
    added = []
    for item in RECOMMENDATIONS:
        recommendation = reports.add_recommendation(
            db_session, report, title=item.title, body=item.body, rationale=item.rationale,
            responsible=item.responsible, priority=item.priority, actor=None)
        for quote in item.quotes:
            submission = next(found for found in demo if found.language == quote.language
                              and (found.body or "").startswith(quote.starts))
            reports.add_evidence(db_session, recommendation, submission, quote=quote.quote,
                                 translation=quote.translation, actor=None)
        added.append(recommendation)
    return added
