"""What residents read, as a registry: each resident page (by endpoint), email and flyer, with the files whose
messages make it. The "Suggest better wording" link names a page from here, and the language-access report checks
each entry's messages against every catalog. A feature adding a resident page or email adds a line here."""
from __future__ import annotations

from dataclasses import dataclass

PAGE, EMAIL, FLYER = "page", "email", "flyer"


@dataclass(frozen=True)
class ResidentText:
    key: str  # a page's endpoint; "email/receipt"; "flyer"
    label: str  # in English, for the back office
    kind: str
    sources: tuple[str, ...]  # files (from the repository's root) whose messages it shows


# Every page also shows these: the header, footer, language switcher and form macros.
EVERY_PAGE = ("templates/base.html", "templates/macros/forms.html", "portal/platform/forms.py")
_MEETING_PARTS = ("templates/public/_meeting_time.html", "templates/public/_meeting_interpreters.html",
                  "templates/public/_meeting_notices.html")
_EVERY_EMAIL = ("templates/email/_resident.html", "templates/email/_resident.txt", "templates/email/_reference.html",
                "portal/submissions/resident_mail.py")

RESIDENT_TEXTS: tuple[ResidentText, ...] = (
    ResidentText("public.home", "Home page", PAGE, ("templates/public/home.html",)),
    ResidentText("public.concern", "Share a concern", PAGE, (
        "templates/public/concern.html", "templates/public/_over_the_limit.html", "portal/submissions/public_forms.py",
        "portal/topics/service.py")),
    ResidentText("public.sent", "Message sent (receipt)", PAGE, ("templates/public/sent.html",)),
    ResidentText("public.meetings", "Community meetings", PAGE, ("templates/public/meetings.html", *_MEETING_PARTS)),
    ResidentText("public.meeting", "A meeting", PAGE, ("templates/public/meeting.html", *_MEETING_PARTS,
                                                        "portal/meetings/public_views.py")),
    ResidentText("public.meeting_feedback", "Feedback on a meeting", PAGE, (
        "templates/public/feedback.html", "templates/public/feedback_closed.html", *_MEETING_PARTS,
        "portal/submissions/public_forms.py")),
    ResidentText("public.status", "Check on something you sent", PAGE, (
        "templates/public/status.html", "portal/submissions/status_words.py", "templates/public/delete_confirm.html",
        "templates/public/deleted.html")),
    ResidentText("public.privacy", "Privacy promise", PAGE, ("templates/public/privacy.html",)),
    ResidentText("wording.suggest", "Suggest better wording", PAGE, ("templates/public/suggest_wording.html",
                                                                     "portal/identity/public_views.py")),
    ResidentText("email/receipt", "Email: receipt", EMAIL, ("templates/email/receipt.html",
                                                            "templates/email/receipt.txt", *_EVERY_EMAIL)),
    ResidentText("email/reply", "Email: staff replied", EMAIL, ("templates/email/reply.html",
                                                                "templates/email/reply.txt", *_EVERY_EMAIL)),
    ResidentText("email/closed", "Email: case closed", EMAIL, ("templates/email/closed.html",
                                                               "templates/email/closed.txt", *_EVERY_EMAIL)),
    ResidentText("flyer", "Meeting flyer", FLYER, ("portal/meetings/meeting_words.py",)),
)
PAGES = {text.key: text for text in RESIDENT_TEXTS if text.kind == PAGE}
