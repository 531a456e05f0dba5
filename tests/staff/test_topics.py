"""Admins manage the topics residents choose from: add and name them in every language, order, turn off."""
import pytest
from sqlalchemy import select

from portal.platform import db
from portal.models import AuditEvent, Category, Submission
from portal.platform.i18n import TAGS
from tests.conftest import page, post_form, session_csrf_token


def topic(app, slug: str) -> Category:
    with app.app_context():
        return db.session().scalars(select(Category).where(Category.slug == slug)).one()


def resident_topics(client, tag: str = "en") -> list[str]:
    return [label.get_text(strip=True) for label in page(client.get(f"/{tag}/concern")).select(
        "fieldset:has(input[name=category]) label")]


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session().scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.mark.usefixtures("page_cache_off")
def test_a_new_topic_waits_until_named_in_every_language_then_goes_before_something_else(app, admin_client, client):
    something_else = resident_topics(client)[-1]
    response = post_form(admin_client, "/staff/admin/topics/new", {
        "name_en": "  Transport and buses ", "name_so": "Gaadiidka iyo basaska", "name_ar": "النقل والحافلات"})
    assert response.status_code == 302
    added = topic(app, "transport-and-buses")
    assert added.names == {"en": "Transport and buses", "so": "Gaadiidka iyo basaska", "ar": "النقل والحافلات"}
    assert not added.active and added.awaits_names
    assert "Transport and buses" not in resident_topics(client)
    assert "Gaadiidka iyo basaska" not in resident_topics(client, "so")
    listing = page(admin_client.get("/staff/admin/topics/")).select_one(f"#topic-{added.id}").get_text()
    assert "Waiting for names" in listing and "Missing: es, sw, rw, ne, fa-AF, ps, fr, vi, uk" in listing
    assert actions(app)[-1] == "category.added"
    # Named in every language, it is offered at once, before "Something else", in each reader's language.
    names = {f"name_{tag.replace('-', '_')}": f"Transport ({tag})" for tag in TAGS} | {
        "name_en": "Transport and buses", "name_so": "Gaadiidka iyo basaska"}
    assert post_form(admin_client, f"/staff/admin/topics/{added.id}", names).status_code == 302
    assert resident_topics(client)[-2:] == ["Transport and buses", something_else]
    assert resident_topics(client, "so")[-2] == "Gaadiidka iyo basaska"
    assert actions(app)[-2:] == ["category.renamed", "category.turned_on"]
    # Residents can send a concern about it, and staff who watch it find it in the inbox's filter.
    assert post_form(client, "/so/concern", {"category": added.slug, "body": "Baska ma yimaado."}).status_code == 303


@pytest.mark.usefixtures("page_cache_off")
def test_an_admin_may_offer_a_waiting_topic_knowing_which_names_are_missing(app, admin_client, client):
    post_form(admin_client, "/staff/admin/topics/new", {"name_en": "Transport and buses", "name_ar": "النقل"})
    added = topic(app, "transport-and-buses")
    row = page(admin_client.get("/staff/admin/topics/")).select_one(f"#topic-{added.id}")
    assert "Residents reading es, so," in row.get_text() and row.select_one("button[value=on]")
    token = session_csrf_token(admin_client, "/staff/admin/topics/")
    admin_client.post(f"/staff/admin/topics/{added.id}/active", data={"csrf_token": token, "active": "on"})
    assert topic(app, "transport-and-buses").active and not topic(app, "transport-and-buses").awaits_names
    assert resident_topics(client, "ar")[-2] == "النقل"
    vietnamese = page(client.get("/vi/concern")).select("fieldset:has(input[name=category]) label")
    assert vietnamese[-2].get_text(strip=True) == "Transport and buses" and vietnamese[-2].select_one("span[lang=en]")


def test_names_are_required_in_english_short_and_not_taken(app, admin_client):
    missing = post_form(admin_client, "/staff/admin/topics/new", {"name_ar": "النقل"})
    summary = page(missing)
    assert summary.title.get_text().startswith("Error:")
    assert "Give the topic a name in English." in summary.select_one(".error-summary").get_text()
    assert summary.select_one("input[name=name_ar]")["value"] == "النقل"  # nothing typed is lost
    assert summary.select_one("input[name=name_ar]")["dir"] == "rtl"
    taken = page(post_form(admin_client, "/staff/admin/topics/new", {"name_en": "HOUSING"}))
    assert "Another topic has this name." in taken.select_one(".error-summary").get_text()
    too_long = page(post_form(admin_client, "/staff/admin/topics/new", {"name_en": "x" * 101}))
    assert "Keep the name to 100 characters." in too_long.select_one(".error-summary").get_text()
    with app.app_context():
        assert db.session().query(Category).count() == 10


def test_renaming_keeps_the_slug_and_logs_the_languages_changed(app, admin_client, client):
    housing = topic(app, "housing")
    form = page(admin_client.get(f"/staff/admin/topics/{housing.id}"))
    assert form.select_one("input[name=name_fa_AF]")["value"] == housing.names["fa-AF"]
    names = {f"name_{tag.replace('-', '_')}": name for tag, name in housing.names.items()}
    response = post_form(admin_client, f"/staff/admin/topics/{housing.id}", {**names, "name_es": "Vivienda y alquiler"})
    assert response.status_code == 302
    assert topic(app, "housing").names["es"] == "Vivienda y alquiler"
    assert "Vivienda y alquiler" in resident_topics(client, "es")
    with app.app_context():
        event = db.session().scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.details["languages"]) == ("category.renamed", ["es"])
    unchanged = post_form(admin_client, f"/staff/admin/topics/{housing.id}",
                          {**names, "name_es": "Vivienda y alquiler"})
    assert unchanged.status_code == 302 and actions(app).count("category.renamed") == 1


@pytest.mark.usefixtures("page_cache_off")  # reads the resident form again right after each change
def test_order_and_turning_off_change_the_resident_form_but_not_what_was_sent(app, admin_client, client):
    first, second = resident_topics(client)[:2]
    police = topic(app, "police-immigration")
    assert post_form(client, "/en/concern", {"category": "police-immigration", "body": "Words."}).status_code == 303
    token = session_csrf_token(admin_client, "/staff/admin/topics/")
    admin_client.post(f"/staff/admin/topics/{police.id}/move", data={"csrf_token": token, "place": "2"})
    assert resident_topics(client)[:2] == [second, first]
    admin_client.post(f"/staff/admin/topics/{police.id}/active", data={"csrf_token": token, "active": "off"})
    assert first not in resident_topics(client)
    refused = post_form(client, "/en/concern", {"category": "police-immigration", "body": "More words."})
    assert "Choose one of the options." in page(refused).select_one(".error-summary").get_text()
    with app.app_context():
        assert db.session().scalars(select(Submission.category_id)).all() == [police.id]
    inbox_topics = page(admin_client.get("/staff/")).select("select[name=category_id] option")
    assert f"{first} (off)" in [option.get_text() for option in inbox_topics]  # staff still find what was sent
    admin_client.post(f"/staff/admin/topics/{police.id}/active", data={"csrf_token": token, "active": "on"})
    assert first in resident_topics(client)
    assert actions(app)[-3:] == ["category.moved", "category.turned_off", "category.turned_on"]


@pytest.mark.usefixtures("page_cache_off")
def test_an_admin_sets_a_topics_place_directly(app, admin_client, client):
    before = resident_topics(client)
    safety = topic(app, "safety")
    token = session_csrf_token(admin_client, "/staff/admin/topics/")
    admin_client.post(f"/staff/admin/topics/{safety.id}/move", data={"csrf_token": token, "place": "1"})
    assert resident_topics(client) == [before[before.index("Safety")], *[name for name in before if name != "Safety"]]
    listing = page(admin_client.get("/staff/admin/topics/"))
    assert listing.select_one(f"#place-{safety.id} option[selected]").get_text() == "1"
    admin_client.post(f"/staff/admin/topics/{safety.id}/move", data={"csrf_token": token, "place": "99"})
    assert resident_topics(client)[0] == "Safety"  # out of range: nothing moves
