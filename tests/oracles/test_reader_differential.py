"""The block reader (reader/_block.c, compiled) against libyaml, on the characters YAML does not count as white
space, wherever the block reader skips or accepts white space (issue #15).

YAML's white space is the space and the tab, its line breaks LF and CR (and, to YAML 1.1 and libyaml, NEL, LS
and PS). Every other space-like character is text to YAML, or an error where text cannot stand: U+00A0, U+3000,
U+1680, U+2000-U+200A, U+202F, U+205F; zero-width ones (U+200B-U+200D, U+2060, U+180E, a BOM mid-file); and
the controls Python calls white space (VT, FF, U+001C-U+001F). Python's str.isspace(), str.strip() and re's \\s
take most of them for spaces, and so, once, did a fast reader: `title: "x"\\u3000` was read as `x` while libyaml
refuses the line, so the file was valid until a tab anywhere in it sent it to libyaml.

The contract, for every input: the block reader either declines (and libyaml reads the file and reports what is
wrong) or gives exactly libyaml's values and positions; it never accepts what libyaml refuses. Documents are
generated the way test_block_reader.py generates event-file-like YAML, and the real valid files are used too; then
those characters are put where the reader looks at white space: after `]`, `}` and closing quotes, before a
`#`, in the indentation, after `:` and `-`, at line ends, in blank lines, inside flow collections and quotes.
test_block_reader.check compares the readers (one comparison for every test and fuzz target). Without the compiled
reader these tests are skipped, and fail under CI=true. fuzz/readers.py runs the same differential for as long as
one likes (`make fuzz-readers`).
"""

from __future__ import annotations

import ast
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_block_reader import block_reader  # noqa: F401  (the fixture that needs_block_reader asks for)
from test_block_reader import ROOT, by_libyaml, check, documents, needs_block_reader
from timeline.reader.compiled import read_block

# -- the characters -----------------------------------------------------------------------------------------------

UNICODE_SPACES = ["\u00a0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f", "\u3000"]  # Zs, bar U+0020
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\u180e", "\ufeff"]
YAML_11_BREAKS = ["\x85", "\u2028", "\u2029"]  # line breaks to libyaml, not to editors (reported by load.py)
PYTHON_WHITE_CONTROLS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f"]  # str.isspace() is True; YAML refuses them
YAML_WHITE = ["\t", "\r", "\r\n"]  # YAML's own, which the readers leave to libyaml
# Every character above is white space to Python (or invisible) and not to YAML: the class of issue #15.
NOT_YAML_WHITE = UNICODE_SPACES + ZERO_WIDTH + YAML_11_BREAKS + PYTHON_WHITE_CONTROLS
CHARACTERS = NOT_YAML_WHITE + YAML_WHITE


def test_the_class_is_every_character_python_calls_white_space():
    """Whatever a future Python or Unicode calls white space is in the class tested here: str.isspace() (which
    is also re's \\s and C's Py_UNICODE_ISSPACE), and every space separator (Zs) but the space itself."""
    everything = [chr(code) for code in range(0x110000)]
    python_white = {char for char in everything if char.isspace()}
    separators = {char for char in everything if unicodedata.category(char) == "Zs"}
    assert (python_white | separators) - {" ", "\n"} <= set(CHARACTERS)


def test_the_readers_never_ask_python_or_c_what_white_space_is():
    """The fix for the class, kept: the block reader skips the space character by name, never what str.isspace(),
    str.strip()/split() without arguments, re's \\s or C's Py_UNICODE_ISSPACE()/isspace() call white space. The
    one use left refuses (a flow item starting with a Unicode space goes to libyaml), it never skips."""
    tree = ast.parse((ROOT / "src/timeline/reader/compiled.py").read_text(encoding="utf-8"))
    bare = {"strip", "lstrip", "rstrip", "split", "rsplit", "splitlines"}  # without an argument: any white space
    asked = [f"line {node.lineno}: {ast.unparse(node)}" for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and (node.func.attr == "isspace" or node.func.attr in bare and not node.args)]
    assert asked == [], asked
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node)}
    patterns = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and id(node) not in docstrings
                and isinstance(node.value, str) and "\\s" in node.value]
    assert patterns == [], patterns
    c_code = re.sub(r"/\*.*?\*/", "", (ROOT / "src/timeline/reader/_block.c").read_text(encoding="utf-8"), flags=re.S)
    uses = re.findall(r"Py_UNICODE_IS\w*SPACE|\bisw?space\b", c_code)
    assert uses == ["Py_UNICODE_ISSPACE"], uses  # flow_plain's refusal


# -- where the readers look at white space ---------------------------------------------------------------------------

PLACES = ("after a closing bracket or quote", "before a comment", "in the indentation", "after `:` or `-`",
          "at a line end", "in a blank line", "inside a flow collection", "inside quotes")


# The characters after or around which a place is, by kind; the offsets are relative to the character.
AROUND = [("after a closing bracket or quote", re.compile(r"[\]}'\"]"), (1, 2)),
          ("inside quotes", re.compile(r"['\"]"), (0, 1)),
          ("inside a flow collection", re.compile(r"[\[{,]"), (1, 2)),
          ("before a comment", re.compile(r"(?<=[^\n])#"), (-1, 0)),
          ("before a comment", re.compile(r"(?:^|(?<=\n))#"), (0,)),
          ("after `:` or `-`", re.compile(r"[:-]"), (1, 2))]


def places(text: str) -> dict[str, list[int]]:
    """For each kind of place, the offsets in `text` where a character can go (a space there may be replaced)."""
    found: dict[str, list[int]] = {place: [] for place in PLACES}
    start = 0
    for line in text.split("\n"):
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if content:
            found["in the indentation"] += range(start, start + indent + 1)
        else:
            found["in a blank line"] += range(start, start + len(line) + 1)
        found["at a line end"] += [start + len(line.rstrip(" ")), start + len(line)]
        start += len(line) + 1
    for place, pattern, offsets in AROUND:
        found[place] += [match.start() + offset for match in pattern.finditer(text) for offset in offsets]
    return {place: [at for at in spots if 0 <= at <= len(text)] for place, spots in found.items()}


@st.composite
def put_in_place(draw, text: str, characters=CHARACTERS, max_changes: int = 3) -> str:
    """`text` with one to `max_changes` characters of the class put where the readers look at white space, each
    inserted or, where a space stood, replacing it (`"x" #c` -> `"x"\\u3000#c`)."""
    for _ in range(draw(st.integers(1, max_changes))):
        spots = places(text)
        place = draw(st.sampled_from([place for place in PLACES if spots[place]] or ["at a line end"]))
        at = draw(st.sampled_from(spots[place] or [len(text)]))
        character = draw(st.sampled_from(characters))
        replace = at < len(text) and text[at] == " " and draw(st.booleans())
        text = text[:at] + character + text[at + replace:]
    return text


@st.composite
def generated_then_changed(draw, characters=CHARACTERS, variants: int = 1) -> list[str]:
    """A generated document changed `variants` ways, each on its own (generating it costs more than comparing)."""
    text = draw(documents())
    return [draw(put_in_place(text, characters)) for _ in range(variants)]


def real_files() -> list[str]:
    """The valid files of the repository; the bundled data cut after its registries and a few events (enough,
    and fast: every example that a fast reader reads is parsed by libyaml too)."""
    texts = []
    for path in [ROOT / "events.yaml", *sorted(ROOT.glob("tests/data/good/*.yaml")),
                 *sorted(ROOT.glob("src/timeline/templates/**/*.yaml"))]:
        text = path.read_text(encoding="utf-8-sig")
        cut = text.find("\n  - id:", 8000)
        texts.append(text if cut < 0 else text[:cut + 1])
    return texts


REAL_FILES = real_files()


@st.composite
def real_then_changed(draw, characters=CHARACTERS) -> str:
    return draw(put_in_place(draw(st.sampled_from(REAL_FILES)), characters))


# -- the comparisons ----------------------------------------------------------------------------------------------

@needs_block_reader
def test_readers_agree_with_libyaml_on_characters_yaml_does_not_count_as_white_space():
    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(generated_then_changed(variants=4))
    def compare(texts: list[str]) -> None:
        for text in texts:
            check(text)

    compare()


@needs_block_reader
def test_readers_agree_with_libyaml_on_real_files_with_such_characters():
    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(real_then_changed())
    def compare(text: str) -> None:
        check(text)

    compare()


# Each character of the class in each place, written out: the cases of issue #15 and their siblings, whatever
# hypothesis happens to draw. `{}` is where the character goes.
PLACED = {
    "after a double-quoted value": 'title: "x"{}\n',
    "after a single-quoted value": "title: 'x'{}\n",
    "after a quote and a space": 'title: "x" {}\n',
    "after a flow list": "topics: [a]{}\n",
    "after a flow mapping": "title: {{ja: x, en: y}}{}\n",
    "after an empty flow list": "topics: []{}\n",
    "after a list item's quote": "a:\n  - 'x'{}\n",
    "after a quote over lines": "a: 'x\n  y'{}\n",
    "after a double quote over lines": 'a: "x\n  y"{}\n',
    "before a comment after a quote": 'title: "x"{}#c\n',
    "before a comment after a quote and a space": 'title: "x" {}#c\n',
    "before a comment after a flow list": "topics: [a]{}#c\n",
    "before a comment after plain text": "title: x{}#c\n",
    "before a comment after a key": "title:{}#c\n  x\n",
    "before a comment alone": "a: b\n{}# c\n",
    "in the indentation of a key": "a:\n {}b: c\n",
    "as the indentation of a key": "a:\n{} b: c\n",
    "in the indentation of an item": "a:\n  {}- x\n",
    "in the indentation of a continuation": "a: x\n {}y\n",
    "at the start of the first line": "{}a: b\n",
    "after a key's colon": "title:{}x\n",
    "after a key's colon and a space": "title: {}x\n",
    "after a key with nothing else": "title:{}\n",
    "after a dash": "a:\n  -{}x\n",
    "after a dash and a space": "a:\n  - {}x\n",
    "after a dash with nothing else": "a:\n  -{}\n  - y\n",
    "after a flow key's colon": "t: {{a:{}b}}\n",
    "after a comma": "t: [a,{}b]\n",
    "after a comma after a quote": "t: ['a',{}b]\n",
    "after a comma and a space after a quote": "t: ['a', {}b]\n",
    "after a comma in a flow mapping": "t: {{a: 'x',{}b: y}}\n",
    "before a flow key": "t: {{{}a: x}}\n",
    "before a closing brace": "t: {{a: x{}}}\n",
    "after a quote in a flow mapping": "t: {{a: 'x'{}}}\n",
    "after an opening bracket": "t: [{}a]\n",
    "before a closing bracket": "t: [a{}]\n",
    "before a comma after a quote": "t: ['a'{}, b]\n",
    "at the end of plain text": "title: x{}\n",
    "at the end of a key line": "a:{}\n  b: c\n",
    "at the end of a quoted line": "a: 'x{}\n  y'\n",
    "at the end of a quote's middle line": "a: 'x\n  y{}\n  z'\n",
    "at the end of a double-quoted line": 'a: "x{}\n  y"\n',
    "at the end of a double quote's middle line": 'a: "x\n  y{}\n  z"\n',
    "at the end of text going on below": "a: x{}\n  y\n",
    "at the end of a continuation line": "a: x\n  y{}\n  z\n",
    "at the end of an item going on below": "a:\n  - x{}\n    y\n",
    "at the start of a quote's next line": "a: 'x\n  {}y'\n",
    "in a blank line": "a: b\n{}\nc: d\n",
    "in a blank line after spaces": "a: b\n  {}\nc: d\n",
    "in a blank line inside text": "a: x\n{}\n  y\n",
    "in a blank line inside a quote": "a: 'x\n{}\n  y'\n",
    "alone on the last line": "a: b\n{}",
}


@needs_block_reader
def test_each_character_in_each_place():
    """Every character of the class (and tab, CR, CRLF) in every place written out above, through both readers."""
    for place, template in PLACED.items():
        for character in CHARACTERS:
            text = template.format(character)
            try:
                check(text)
            except AssertionError as error:
                raise AssertionError(f"{place}, U+{ord(character[0]):04X}: {error}") from None


@pytest.mark.parametrize("text", [
    'title: "x"\u3000\n', "topics: [a]\u00a0\n", "title: 'x'\u2003\n", "t: {a: b}\u202f\n", 'title: "x" \u205f\n',
    "t: []\u1680\n", 'title: "x"\u3000# c\n', "a: 'x\n  y'\u00a0\n",
], ids=["quote-u3000", "list-nbsp", "single-em-space", "map-narrow-nbsp", "space-then-u205f", "empty-list-ogham",
        "before-comment", "quote-over-lines"])
def test_a_space_yaml_does_not_count_after_a_value_is_left_to_libyaml(text: str):
    """The cases of issue #15: libyaml refuses each; the block reader may not read it."""
    assert [problem.code for problem in by_libyaml(text).problems] == ["syntax"]
    assert read_block(text) is None


# -- that the comparison proves something ---------------------------------------------------------------------------

@needs_block_reader
def test_the_readers_still_read_files_with_such_characters():
    """Declining everything would pass every comparison above and help nobody: the block reader must still read
    changed files holding a character of the class where YAML reads it as text (inside a plain value, as
    libyaml does), so that the comparisons above compare something. Derandomized: the same examples every run."""
    read_with_class = []

    @settings(max_examples=200, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(real_then_changed(UNICODE_SPACES))
    def compare(text: str) -> None:
        if check(text):
            read_with_class.append(any(character in text for character in UNICODE_SPACES))

    compare()
    assert sum(read_with_class) >= 5, f"only {sum(read_with_class)} of 200 changed files were read by the block reader"


def test_the_generator_reaches_every_place():
    text = ("# c\ntitle: {ja: 'x', en: \"y\"}\ntopics: [a, b]  # c\n\nevents:\n  - id: e\n    summary: x\n"
            "      y\n")
    spots = places(text)
    assert all(spots[place] for place in PLACES), [place for place in PLACES if not spots[place]]
