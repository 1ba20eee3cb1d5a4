"""Icons: emoji and Material Symbols names, validated as Streamlit validates ``icon=``.

Streamlit checks ``:material/<name>:`` against Google's full icon list and emoji against
the Unicode emoji list. jupyst ships neither list: a Material name is accepted when it has
the shape of one (lower-case words joined by ``_``), and an emoji when every character is a
pictograph, a modifier or a joiner. Material symbols are drawn with the Material Symbols
Rounded font that jupyst ships (Apache-2.0, built by tools/build_material_symbols.py).
Emoji shortcodes in markdown (``:rocket:``) come from a
short table of common codes plus the Unicode character names (``:snake:`` is SNAKE).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from jupyst.errors import StreamlitAPIException, StreamlitInvalidParameterTypeError

_HINT = "Please use a single emoji or a Material icon shortcode like `:material\u200b/thumb_up:`."
_SHORTCODE = re.compile(r":[a-zA-Z0-9_+-]+:")
_MATERIAL = re.compile(r"^\s*:(.+)/(.+):\s*$")
_MATERIAL_NAME = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")

#: Joiners, variation selectors, skin tones, keycap and tag characters that join pictographs.
_GLUE = {0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))


def _is_pictograph(ch: str) -> bool:
    cp = ord(ch)
    if cp in _GLUE or 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators make flags
        return True
    if cp >= 0x1F000 or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF or 0x2190 <= cp <= 0x21FF:
        return unicodedata.category(ch) in ("So", "Sk", "Sm") or cp >= 0x1F000
    return unicodedata.category(ch) == "So" and cp > 0x2000


def is_emoji(text: str) -> bool:
    """Whether ``text`` is one emoji (a pictograph sequence); ASCII text never is."""
    if not text or text.isascii() or len(text) > 16:
        return False
    # A character followed by the emoji variation selector (U+FE0F) is shown as an emoji,
    # whatever its category ("ℹ️", "©️").
    selected = {i - 1 for i, ch in enumerate(text) if ch == "\ufe0f" and i}
    if not all(_is_pictograph(ch) or ch.isdigit() or ch in "#*" or i in selected for i, ch in enumerate(text)):
        return False
    return any((_is_pictograph(ch) and ord(ch) not in _GLUE) or i in selected for i, ch in enumerate(text))


def _material_error(value: str, period: bool) -> StreamlitAPIException:
    shown = value.replace("/", "\u200b/")
    return StreamlitAPIException(
        f'The value `"{shown}"` is not a valid Material icon. Please use a Material icon '
        f"shortcode like **`:material\u200b/thumb_up:`**{'.' if period else ''}"
    )


def validate_material_icon(value: str) -> str:
    match = _MATERIAL.match(value)
    if not match:
        raise _material_error(value, period=False)
    pack, name = match.groups()
    if pack != "material" or not _MATERIAL_NAME.match(name):
        raise _material_error(value, period=True)
    return f":{pack}/{name}:"


def validate_icon(icon: object) -> str:
    """Streamlit's ``icon=`` check: '' for None, a Material shortcode, 'spinner' or an emoji."""
    if icon is None:
        return ""
    if not isinstance(icon, str):
        raise StreamlitInvalidParameterTypeError("icon", type(icon).__name__, ["str", "None"])
    icon = icon.strip()
    if not icon:
        return ""
    if icon == "spinner":
        return icon
    if icon.startswith(":"):
        if icon.lower().startswith(":material"):
            return validate_material_icon(icon)
        if _SHORTCODE.fullmatch(icon):
            raise StreamlitAPIException(
                f'The value "{icon}" is not a valid icon. Emoji shortcodes are not supported. {_HINT}'
            )
    if "://" in icon or icon[:5].lower() == "data:" or icon.startswith("//"):
        shown = icon if len(icon) <= 60 else f"{icon[:60]}…"
        raise StreamlitAPIException(
            f'The value "{shown}" looks like a URL. Images are not supported for `icon`. {_HINT} '
            "To follow support for image icons, see https://github.com/streamlit/streamlit/issues/9770."
        )
    if icon.isascii():
        raise StreamlitAPIException(f'The value "{icon}" is not a valid icon. {_HINT}')
    if not is_emoji(icon):
        raise StreamlitAPIException(f'The value "{icon}" is not a valid emoji. Please use a single emoji.')
    return icon


def split_leading_icon(text: str) -> tuple[str, str]:
    """A leading Material shortcode or emoji of a label, and the rest (for pills' options)."""
    if text.startswith(":material"):
        match = re.match(r"^(:[^:]+:)\s*(.*)", text, re.DOTALL)
        if match:
            try:
                return validate_material_icon(match.group(1)), match.group(2)
            except StreamlitAPIException:
                pass
    if not text or text.isascii():
        return "", text
    end = 0
    while end < len(text) and (_is_pictograph(text[end]) or (end and text[end] in "#*")):
        end += 1
    if end and is_emoji(text[:end]):
        return text[:end], text[end:].lstrip("_ -")
    return "", text


@lru_cache(maxsize=1)
def _material_codepoints() -> dict[str, str]:
    """Icon name -> the character of the shipped Material Symbols Rounded font.

    The table (``jupyst/static/material-symbols-rounded.codepoints``) comes from the font's own
    ligatures (tools/build_material_symbols.py), so every name here is drawn by that font.
    """
    text = resources.files("jupyst").joinpath("static", "material-symbols-rounded.codepoints").read_text(encoding="utf-8")
    return {name: chr(int(code, 16)) for name, code in (line.split() for line in text.splitlines() if line)}


def icon_html(icon: str | None) -> str:
    """HTML for a validated icon: a Material symbol or the emoji.

    A Material symbol is its name in a span drawn with the "Material Symbols Rounded" font that
    jupyst ships (the page template and the JupyterLab extension declare it): the font's
    ligature turns the name into the glyph, as in Streamlit.
    """
    if not icon:
        return ""
    if icon == "spinner":
        return '<span class="jupyst-spinner-icon jupyst-icon"></span>'
    if icon.startswith(":material/"):
        name = html.escape(icon[len(":material/"):-1])
        return f'<span class="jupyst-material jupyst-icon" translate="no" aria-hidden="true" title="{name}">{name}</span>'
    return f'<span class="jupyst-icon">{html.escape(icon)}</span>'


def icon_text(icon: str | None) -> str:
    """Plain text for an icon where no HTML is possible (button captions, accordion titles).

    A Material symbol is the font's private-use character for it: the captions' font list
    ends with "Material Symbols Rounded" (jupyst.css), which is the only font drawing it.
    """
    if not icon or icon == "spinner":
        return ""
    if icon.startswith(":material/"):
        return _material_codepoints().get(icon[len(":material/"):-1], "")
    return icon


# ----- emoji shortcodes in markdown ----------------------------------------------------------
_SHORTCODES = {
    "+1": "👍", "-1": "👎", "thumbsup": "👍", "thumbsdown": "👎", "smile": "😄", "smiley": "😃",
    "grin": "😁", "grinning": "😀", "laughing": "😆", "joy": "😂", "rofl": "🤣", "wink": "😉",
    "blush": "😊", "innocent": "😇", "heart_eyes": "😍", "kissing_heart": "😘", "yum": "😋",
    "sunglasses": "😎", "smirk": "😏", "neutral_face": "😐", "expressionless": "😑",
    "unamused": "😒", "sweat": "😓", "pensive": "😔", "confused": "😕", "upside_down_face": "🙃",
    "thinking": "🤔", "thinking_face": "🤔", "slightly_smiling_face": "🙂", "sweat_smile": "😅",
    "disappointed": "😞", "worried": "😟", "angry": "😠", "rage": "😡", "cry": "😢", "sob": "😭",
    "scream": "😱", "fearful": "😨", "astonished": "😲", "open_mouth": "😮", "sleeping": "😴",
    "sleepy": "😪", "mask": "😷", "nerd_face": "🤓", "star_struck": "🤩", "partying_face": "🥳",
    "exploding_head": "🤯", "zany_face": "🤪", "shushing_face": "🤫", "hugs": "🤗",
    "face_with_monocle": "🧐", "robot": "🤖", "ghost": "👻", "alien": "👽", "skull": "💀",
    "poop": "💩", "hankey": "💩", "clown_face": "🤡", "see_no_evil": "🙈", "wave": "👋",
    "raised_hand": "✋", "hand": "✋", "ok_hand": "👌", "v": "✌️", "clap": "👏", "pray": "🙏",
    "muscle": "💪", "point_right": "👉", "point_left": "👈", "point_up": "☝️", "point_down": "👇",
    "raised_hands": "🙌", "handshake": "🤝", "fist": "✊", "facepunch": "👊", "punch": "👊",
    "eyes": "👀", "brain": "🧠", "heart": "❤️", "red_heart": "❤️", "broken_heart": "💔",
    "blue_heart": "💙", "green_heart": "💚", "yellow_heart": "💛", "purple_heart": "💜",
    "orange_heart": "🧡", "black_heart": "🖤", "white_heart": "🤍", "sparkling_heart": "💖",
    "fire": "🔥", "sparkles": "✨", "star": "⭐", "star2": "🌟", "dizzy": "💫", "boom": "💥",
    "collision": "💥", "zap": "⚡", "snowflake": "❄️", "sunny": "☀️", "cloud": "☁️",
    "umbrella": "☔", "rainbow": "🌈", "ocean": "🌊", "earth_americas": "🌎", "earth_africa": "🌍",
    "globe_with_meridians": "🌐", "moon": "🌔", "crescent_moon": "🌙", "tada": "🎉",
    "confetti_ball": "🎊", "balloon": "🎈", "gift": "🎁", "trophy": "🏆", "medal": "🏅",
    "1st_place_medal": "🥇", "rocket": "🚀", "airplane": "✈️", "car": "🚗", "bike": "🚲",
    "ship": "🚢", "house": "🏠", "office": "🏢", "hospital": "🏥", "school": "🏫",
    "computer": "💻", "desktop_computer": "🖥️", "keyboard": "⌨️", "iphone": "📱", "phone": "☎️",
    "telephone": "☎️", "email": "📧", "envelope": "✉️", "mailbox": "📫", "memo": "📝",
    "pencil": "📝", "pencil2": "✏️", "book": "📖", "books": "📚", "bookmark": "🔖",
    "newspaper": "📰", "clipboard": "📋", "calendar": "📆", "date": "📅", "file_folder": "📁",
    "open_file_folder": "📂", "page_facing_up": "📄", "chart_with_upwards_trend": "📈",
    "chart_with_downwards_trend": "📉", "bar_chart": "📊", "pushpin": "📌", "round_pushpin": "📍",
    "paperclip": "📎", "scissors": "✂️", "lock": "🔒", "unlock": "🔓", "key": "🔑",
    "hammer": "🔨", "wrench": "🔧", "gear": "⚙️", "nut_and_bolt": "🔩", "link": "🔗",
    "mag": "🔍", "mag_right": "🔎", "bulb": "💡", "flashlight": "🔦", "battery": "🔋",
    "electric_plug": "🔌", "moneybag": "💰", "dollar": "💵", "euro": "💶", "credit_card": "💳",
    "gem": "💎", "bell": "🔔", "no_bell": "🔕", "loudspeaker": "📢", "mega": "📣",
    "speech_balloon": "💬", "thought_balloon": "💭", "hourglass": "⌛", "watch": "⌚",
    "alarm_clock": "⏰", "stopwatch": "⏱️", "timer_clock": "⏲️", "warning": "⚠️",
    "no_entry": "⛔", "x": "❌", "heavy_check_mark": "✔️", "white_check_mark": "✅",
    "ballot_box_with_check": "☑️", "question": "❓", "grey_question": "❔", "exclamation": "❗",
    "bangbang": "‼️", "heavy_plus_sign": "➕", "heavy_minus_sign": "➖", "arrow_right": "➡️",
    "arrow_left": "⬅️", "arrow_up": "⬆️", "arrow_down": "⬇️", "recycle": "♻️", "100": "💯",
    "new": "🆕", "free": "🆓", "ok": "🆗", "cool": "🆒", "sos": "🆘", "information_source": "ℹ️",
    "coffee": "☕", "tea": "🍵", "beer": "🍺", "beers": "🍻", "wine_glass": "🍷", "pizza": "🍕",
    "hamburger": "🍔", "fries": "🍟", "cake": "🍰", "birthday": "🎂", "cookie": "🍪",
    "apple": "🍎", "green_apple": "🍏", "banana": "🍌", "cherries": "🍒", "strawberry": "🍓",
    "grapes": "🍇", "watermelon": "🍉", "lemon": "🍋", "peach": "🍑", "avocado": "🥑",
    "carrot": "🥕", "corn": "🌽", "hot_pepper": "🌶️", "bread": "🍞", "cheese": "🧀",
    "dog": "🐶", "cat": "🐱", "mouse": "🐭", "rabbit": "🐰", "fox_face": "🦊", "bear": "🐻",
    "panda_face": "🐼", "koala": "🐨", "tiger": "🐯", "lion": "🦁", "cow": "🐮", "pig": "🐷",
    "frog": "🐸", "monkey": "🐒", "monkey_face": "🐵", "chicken": "🐔", "penguin": "🐧",
    "bird": "🐦", "owl": "🦉", "unicorn": "🦄", "bee": "🐝", "honeybee": "🐝", "bug": "🐛",
    "butterfly": "🦋", "snail": "🐌", "turtle": "🐢", "snake": "🐍", "dragon": "🐉",
    "whale": "🐳", "dolphin": "🐬", "fish": "🐟", "tropical_fish": "🐠", "octopus": "🐙",
    "crab": "🦀", "shark": "🦈", "tree": "🌳", "evergreen_tree": "🌲", "palm_tree": "🌴",
    "cactus": "🌵", "seedling": "🌱", "herb": "🌿", "four_leaf_clover": "🍀", "maple_leaf": "🍁",
    "fallen_leaf": "🍂", "rose": "🌹", "tulip": "🌷", "sunflower": "🌻", "blossom": "🌼",
    "cherry_blossom": "🌸", "mushroom": "🍄", "soccer": "⚽", "basketball": "🏀",
    "football": "🏈", "baseball": "⚾", "tennis": "🎾", "8ball": "🎱", "dart": "🎯",
    "video_game": "🎮", "game_die": "🎲", "jigsaw": "🧩", "art": "🎨", "musical_note": "🎵",
    "notes": "🎶", "microphone": "🎤", "headphones": "🎧", "guitar": "🎸", "camera": "📷",
    "movie_camera": "🎥", "tv": "📺", "crown": "👑", "ring": "💍", "lipstick": "💄",
    "eyeglasses": "👓", "tophat": "🎩", "mortar_board": "🎓", "package": "📦", "flag": "🏁",
    "checkered_flag": "🏁", "triangular_flag_on_post": "🚩", "construction": "🚧",
    "rotating_light": "🚨", "white_flag": "🏳️", "black_flag": "🏴", "man": "👨", "woman": "👩",
    "boy": "👦", "girl": "👧", "baby": "👶", "older_man": "👴", "older_woman": "👵",
    "technologist": "🧑‍💻", "scientist": "🧑‍🔬", "teacher": "🧑‍🏫", "detective": "🕵️",
    "ninja": "🥷", "superhero": "🦸", "mage": "🧙", "zombie": "🧟", "shrug": "🤷",
    "facepalm": "🤦", "running": "🏃", "walking": "🚶", "dancer": "💃", "muscle_arm": "💪",
    "left_speech_bubble": "🗨️", "infinity": "♾️", "copyright": "©️", "registered": "®️",
    "tm": "™️", "hash": "#️⃣", "zero": "0️⃣", "one": "1️⃣", "two": "2️⃣", "three": "3️⃣",
    "four": "4️⃣", "five": "5️⃣", "six": "6️⃣", "seven": "7️⃣", "eight": "8️⃣", "nine": "9️⃣",
    "keycap_ten": "🔟", "red_circle": "🔴", "orange_circle": "🟠", "yellow_circle": "🟡",
    "green_circle": "🟢", "blue_circle": "🔵", "purple_circle": "🟣", "black_circle": "⚫",
    "white_circle": "⚪", "red_square": "🟥", "green_square": "🟩", "blue_square": "🟦",
    "large_blue_diamond": "🔷", "small_orange_diamond": "🔸",
}


@lru_cache(maxsize=1024)
def shortcode(name: str) -> str | None:
    """The emoji for a shortcode name (without colons), or None if unknown."""
    found = _SHORTCODES.get(name)
    if found is not None:
        return found
    if not re.fullmatch(r"[a-z0-9_]+", name):
        return None
    try:
        char = unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        return None
    return char if is_emoji(char) else None
