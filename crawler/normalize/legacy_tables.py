"""Conversion tables of the two legacy Vietnamese encodings still found on old pages.

Both are data only; `crawler.normalize.legacy` applies them.

TCVN3 (ABC, fonts `.VnTime`/`.VnArial`): one byte per toned letter.  A page
served as Latin-1 / Windows-1252 shows those bytes as the characters below.  The
capital toned letters live in separate fonts (`.VnTimeH`) under the lowercase
codes, so only the seven plain capitals have codes of their own.

VNI (fonts `VNI-Times`): the base letter followed by one mark character
(`a` + `ù` = `á`, `a` + `á` = `ấ`), plus a few single-character letters.
"""

from __future__ import annotations

# Each legacy character, in order, stands for the Unicode character at the same place.
TCVN3_LEGACY = (
    "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ"
    "ßãáâä" "«åèæçé" "¬êíëìî" "ïóñòô" "\u00adõøö÷ù" "úýûüþ" "¡¢§£¤¥¦"
)
TCVN3_UNICODE = (
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị"
    "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ" "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ"
)

# VNI: the combining marks each mark character adds to the letter before it.
GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE = "\u0302", "\u0306"
VNI_TONES = {"ø": GRAVE, "ù": ACUTE, "û": HOOK, "õ": TILDE, "ï": DOT}
# After a, e, o: the circumflex, alone or with a tone.
VNI_CIRCUMFLEX = {
    "â": CIRCUMFLEX, "à": CIRCUMFLEX + GRAVE, "á": CIRCUMFLEX + ACUTE,
    "å": CIRCUMFLEX + HOOK, "ã": CIRCUMFLEX + TILDE, "ä": CIRCUMFLEX + DOT,
}
# After a only: the breve, alone or with a tone.
VNI_BREVE = {
    "ê": BREVE, "è": BREVE + GRAVE, "é": BREVE + ACUTE,
    "ú": BREVE + HOOK, "ü": BREVE + TILDE, "ë": BREVE + DOT,
}
# Letters VNI writes as one character.
VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}
VNI_VOWELS = "aeiouyAEIOUY"
