"""The trust question: one optional question, the same every time and in every language, on every way in.

Its answers are counted apart from the submissions: a count per month, language, way in and answer, never a row
per answer, so no answer can be tied to a submission or to the contact details beside it. The counts give the
trend by month and by language community (portal/reports/trust_trend.py draws it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from wtforms import SelectChoice

from portal.models import Source, TrustAnswerCount
from portal.platform.city_days import city_today

TRUST_QUESTION = _l("If a neighbour of yours was robbed, how likely is it that they would call the city police? "
                    "(optional)")
PREFER_NOT_TO_SAY = 0
SCALE = (1, 2, 3, 4, 5)
TRUST_CHOICES = (
    # Translators: answers to "If a neighbour of yours was robbed, how likely is it that they would call the city
    # police?", from most to least likely
    SelectChoice("5", _l("Very likely")),
    SelectChoice("4", _l("Likely")),
    SelectChoice("3", _l("Not sure")),
    SelectChoice("2", _l("Unlikely")),
    SelectChoice("1", _l("Very unlikely")),
    SelectChoice(str(PREFER_NOT_TO_SAY), _l("I prefer not to say")),
)


def answer_from(value: str | None) -> int | None:
    """A form's answer as a number; None when the question was left unanswered (nothing is counted then)."""
    return int(value) if value not in (None, "") else None


def count_answer(db_session: Session, answer: int, *, language: str, source: Source,
                 day: date | None = None) -> None:
    """Adds one to the answer's count for the month of `day` (today, in the city). One statement, safe when two
    residents answer at once: it inserts the count or adds to it, on SQLite and PostgreSQL alike."""
    if answer != PREFER_NOT_TO_SAY and answer not in SCALE:
        raise ValueError(f"not an answer to the trust question: {answer}")
    month = (day or city_today()).replace(day=1)
    insert = postgresql.insert if db_session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(TrustAnswerCount).values(month=month, language=language, source=source.value,
                                                answer=answer, number=1)
    db_session.execute(statement.on_conflict_do_update(
        index_elements=["month", "language", "source", "answer"],
        set_={"number": TrustAnswerCount.number + 1}))


@dataclass(frozen=True)
class TrustCell:
    """The answers of one month (and language): how many gave a score, their mean, and how many preferred not
    to say."""

    month: str  # "2026-11"
    language: str | None  # None: every language
    answered: int
    mean: float | None
    declined: int


def _cells(rows) -> list[TrustCell]:
    totals: dict[tuple[str, str | None], list[int]] = {}
    for month, language, answer, number in rows:
        key = (month.strftime("%Y-%m"), language)
        scores = totals.setdefault(key, [0, 0, 0])  # answered, sum of scores, declined
        if answer == PREFER_NOT_TO_SAY:
            scores[2] += number
        else:
            scores[0] += number
            scores[1] += answer * number
    return [TrustCell(month=month, language=language, answered=answered,
                      mean=round(total / answered, 2) if answered else None, declined=declined)
            for (month, language), (answered, total, declined) in sorted(totals.items(), key=_month_then_language)]


def _month_then_language(item) -> tuple[str, str]:
    (month, language), _scores = item
    return month, language or ""


def trust_counts(db_session: Session, start: date, end: date) -> tuple[list[TrustCell], list[TrustCell]]:
    """(by month, by month and language) for the months from start's to end's."""
    in_period = (TrustAnswerCount.month >= start.replace(day=1), TrustAnswerCount.month <= end)
    number = func.sum(TrustAnswerCount.number)
    by_month = db_session.execute(
        select(TrustAnswerCount.month, TrustAnswerCount.answer, number).where(*in_period)
        .group_by(TrustAnswerCount.month, TrustAnswerCount.answer))
    by_language = db_session.execute(
        select(TrustAnswerCount.month, TrustAnswerCount.language, TrustAnswerCount.answer, number)
        .where(*in_period)
        .group_by(TrustAnswerCount.month, TrustAnswerCount.language, TrustAnswerCount.answer))
    return (_cells((month, None, answer, total) for month, answer, total in by_month),
            _cells(by_language))
