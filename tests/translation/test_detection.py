"""Language detection, offline, restricted to the languages the portal ships."""
from portal.platform.i18n import TAGS
from portal.translation.detection import detect, detectable_tags

SOMALI = "Booliska ayaa i joojiyay markii aan shaqada ka imanayay, waxayna i weydiiyeen waraaqahayga."
DARI = "پولیس در نزدیک مکتب مرا ایستاد کرد و از من اسناد خواست. ما به ترجمان ضرورت داریم."
PASHTO = "پولیسو زه د ښوونځي تر څنګ ودرولم او زما اسناد یې وغوښتل. موږ ژباړونکي ته اړتیا لرو."
KINYARWANDA = "Abapolisi baraduhagaritse hafi y'ishuri batubaza ibyangombwa byacu. Dukeneye umusemuzi."
NEPALI = "प्रहरीले मलाई विद्यालय नजिक रोक्यो र मेरो कागजात माग्यो। हामीलाई दोभाषे चाहिन्छ।"


def test_each_of_our_languages_is_found_and_dari_is_the_models_persian():
    for text, tag in ((SOMALI, "so"), (DARI, "fa-AF"), (PASHTO, "ps"), (KINYARWANDA, "rw"), (NEPALI, "ne"),
                      ("The police stood by while agents knocked on our door last night.", "en")):
        found = detect(text)
        assert found is not None and (found.tag, found.uncertain) == (tag, False), (text, found)


def test_only_shipped_languages_are_ever_answered():
    assert detectable_tags() <= set(TAGS)
    assert {"en", "so", "rw", "ps", "ne", "fa-AF", "ar", "sw"} <= detectable_tags()
    # German is not ours: the answer is still one of ours, marked uncertain or not, never "de"
    found = detect("Die Polizei hat uns gestern Abend vor der Schule angehalten und nach Papieren gefragt.")
    assert found is not None and found.tag in TAGS


def test_short_or_featureless_text_is_uncertain_and_the_page_language_wins_a_close_call():
    short = detect("نص", "ar")
    assert short is not None and short.uncertain and short.tag == "ar"
    assert detect("12 34 !!") is None  # no letters: nothing to go on
    assert detect("Booliska", "en").uncertain
