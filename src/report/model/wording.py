"""Does the text read as the language report.yaml names? `report init` writes `language: de-DE`, and a
Dutch author who keeps it gets German quotation marks, labels and hyphenation in a Dutch report without
a word. The sections' text is counted against each supported language's commonest small words (articles,
conjunctions, prepositions: every sentence has some, and names and borrowed phrases few); where another
language has several times the declared one's, a warning at report.yaml's `language:` names it."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..errors import Diagnostics
from .reader import ReadContext
from .refs import marked_texts

# each language's commonest small words that no other of them writes (not de/nl 'die', 'er', 'als',
# de/fr 'des', 'du', nl/fr 'de', 'en', nl/en 'is', 'we', 'met'; nor de 'der', 'den', which Dutch names
# carry: van der Berg, Den Haag; nor fr/it/es 'la', 'le', 'il', 'que', fr/da 'et', fr/pt 'à', 'nos', en/da 'at',
# 'for', en/pl 'to', 'by', de/pt 'das', de/da/sv 'dem', nl/da/sv 'om', 'op', it/es 'una', 'con', 'del', 'per',
# it/pt 'da', 'e', es/pt 'este', 'no', it/sv 'alla', it/de/nl 'alle', pl/nl 'ze', pl/it 'i', sv/da 'som', 'med',
# 'har', 'kommer'), so that a text in one of them is not taken for another
SMALL_WORDS = {
    "de": frozenset("und ist nicht mit auf für sich auch eine einer eines einem wird werden wurde "
                    "sind zu im zum zur bei nach aus über wir unsere unser haben hat".split()),
    "en": frozenset("the and of that with are this from have has our which were been not its be".split()),
    "fr": frozenset("les est une pour dans qui sur pas au aux avec par ce cette nous notre "
                    "été sont ont leur leurs elle".split()),
    "nl": frozenset("het een van voor zijn wordt worden werd ook dat bij naar door uit aan maar nog dit "
                    "deze heeft hebben tot wij onze ons".split()),
    "it": frozenset("di che della delle degli dei nel nella nei sono è gli questo questa anche dal dalla più "
                    "stato stata nostro nostra nostri nostre ed sul sulla essere sia".split()),
    "es": frozenset("el los las y sus fue hemos nuestro nuestra nuestros nuestras también más muy pero hay "
                    "año".split()),
    "sv": frozenset("och att är inte av för också ett våra vår vårt hade detta sitt sina från mellan "
                    "genom".split()),
    "pl": frozenset("w z się że jest są oraz przez dla od po który która które także był była było nasze nasz "
                    "roku jako tym tego".split()),
    "da": frozenset("og af ikke til også vores være bliver blevet været fra mellem havde deres dette disse "
                    "denne hvor".split()),
    "pt": frozenset("não são é uma os ao aos pela pelo pelos pelas também foi nossa nosso nossos nossas "
                    "em com seus suas muito isso".split()),
}
NAMES = {"de": "German", "en": "English", "fr": "French", "nl": "Dutch", "it": "Italian", "es": "Spanish",
         "sv": "Swedish", "pl": "Polish", "da": "Danish", "pt": "Portuguese"}
TAGS = {"de": "de-DE", "en": "en-GB", "fr": "fr-FR", "nl": "nl-NL", "it": "it-IT", "es": "es-ES", "sv": "sv-SE",
        "pl": "pl-PL", "da": "da-DK", "pt": "pt-PT"}
WORDS = 3000  # the text's first words are enough: a language shows in every paragraph
AT_LEAST = 20  # small words of another language before its count says anything
TIMES = 3  # … and it has this many times those of the declared language
_WORD = re.compile(r"[^\W\d_]+")


def check(report: Any, sections: list[Any], ctx: ReadContext, diag: Diagnostics) -> None:
    """A warning at report.yaml's `language:` where the sections written in it read as another
    supported language (sections with a `language:` of their own are left out)."""
    from ..locale import supported
    language = getattr(report, "language", None) if dataclasses.is_dataclass(report) else None
    if not language or not supported(language):
        return
    words: list[str] = []
    for section in sections:
        if not dataclasses.is_dataclass(section) or getattr(section, "language", None) not in (None, language):
            continue
        for _, _, text, _ in marked_texts(section, ctx):
            words += _WORD.findall(text.lower())
            if len(words) >= WORDS:
                break
        if len(words) >= WORDS:
            break
    counts = {lang: sum(w in small for w in words[:WORDS]) for lang, small in SMALL_WORDS.items()}
    own = language.split("-")[0].lower()
    other = max((lang for lang in counts if lang != own), key=counts.__getitem__)
    if counts[other] >= AT_LEAST and counts[other] >= TIMES * counts.get(own, 0):
        small = sorted(SMALL_WORDS[other], key=lambda w: -words.count(w))[:3]
        diag.warning(ctx.value_pos(report, "language"),
                     f"language {language}: the sections read as {NAMES[other]} ({counts[other]} of its commonest "
                     f"words, such as {', '.join(small)}, against {counts.get(own, 0)} {NAMES.get(own, own)} ones)",
                     f"set language: {TAGS[other]} (it sets quotation marks, hyphenation, numbers and labels); "
                     f"a section in another language gets a language: of its own")
