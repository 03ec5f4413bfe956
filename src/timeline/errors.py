"""The one exception hierarchy, the Problem record, and the exit-code contract.

Library code raises `TimelineError` subclasses, every one of them defined here, and returns `Problem` lists;
only the CLI turns them into messages and exit codes (see `cli/app.py`).
"""

from __future__ import annotations

import signal
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum, IntEnum


class ExitCode(IntEnum):
    """Documented exit statuses (README "Exit codes").

    A signal N that ends the program is 128 + N, as shells report it; the numbers come from `signal`, since
    SIGUSR1 and a few others differ between architectures. `for_signal` covers the unnamed ones (SIGPWR, the
    real-time signals).
    """

    OK = 0  # success, also "no events matched"
    INVALID = 1  # the data is invalid, or a check (verify, normalize --check) failed
    USAGE = 2  # bad command line, or a file that cannot be read or written
    HANGUP = 128 + signal.SIGHUP  # 129: the terminal closed
    INTERRUPTED = 128 + signal.SIGINT  # 130: Ctrl-C
    QUIT = 128 + signal.SIGQUIT  # 131: Ctrl-\
    USER_SIGNAL_1 = 128 + signal.SIGUSR1  # 138 on x86 and ARM
    USER_SIGNAL_2 = 128 + signal.SIGUSR2  # 140
    ALARM = 128 + signal.SIGALRM  # 142
    TERMINATED = 128 + signal.SIGTERM  # 143: kill, systemd, a CI job cancelled
    CPU_LIMIT = 128 + signal.SIGXCPU  # 152: the soft CPU-time limit (ulimit -t) ran out
    VIRTUAL_ALARM = 128 + signal.SIGVTALRM  # 154
    PROFILING_ALARM = 128 + signal.SIGPROF  # 155

    @classmethod
    def for_signal(cls, signum: int) -> int:
        """128 + N for signal N: the member when it has a name here, else the plain number."""
        code = 128 + int(signum)
        try:
            return cls(code)
        except ValueError:
            return code


class Severity(str, Enum):
    """How much a problem matters. Notices never fail; warnings fail only under --strict."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity.value}[{self.code}]: {self.message}"

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code)


class ProblemLog(list):
    """A list of problems that keeps at most `limit` of each code per file and counts the rest.

    The input decides how many problems there are: 10 MB of `- {}` would be millions of them, and the report
    alone would exhaust memory. `overflow()` turns the count into one problem per code that says how many
    more there were.
    """

    limit = 1000

    def __init__(self, *args):
        super().__init__(*args)
        self.seen: dict[tuple[str, str], int] = {}

    def append(self, problem: Problem) -> None:
        key = (problem.file, problem.code)
        count = self.seen[key] = self.seen.get(key, 0) + 1
        if count <= self.limit:
            super().append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)

    def overflow(self) -> list[Problem]:
        """One problem per (file, code) that went over the limit, saying how many were left out."""
        return [Problem(file, 1, 1, "too-many-problems", f"{count - self.limit} more '{code}' problem(s) not shown",
                        f"fix the first {self.limit} and run again", PROBLEM_CODES[code][0])
                for (file, code), count in self.seen.items() if count > self.limit]


class TimelineError(Exception):
    """Base of every error the library raises on purpose. `hint`, when there is one, says what to do about it:
    the CLI prints it on a line of its own under the `Error:` line (a problem's hint is printed the same way)."""

    exit_code: ExitCode = ExitCode.INVALID
    hint: str = ""

    def __init__(self, *args, hint: str = ""):
        super().__init__(*args)
        if hint:
            self.hint = hint


class InvalidDataError(TimelineError):
    """The input does not load or validate; `problems` says where and why."""

    def __init__(self, problems: list[Problem], files: Sequence[str] = ()):
        self.problems = sorted(problems, key=Problem.sort_key)
        self.files = tuple(files)  # every file read together: a private source in one hides a problem in another
        errors = sum(p.severity is Severity.ERROR for p in self.problems)
        super().__init__(f"{errors} error(s) in the input")


class FileAccessError(TimelineError):
    """A file or directory cannot be read or written (missing, permissions, disk full)."""

    exit_code = ExitCode.USAGE


class WriteRefusedError(FileAccessError):
    """The output-path policy (fileio/) refused a destination, as it is: a directory, a read-only file, a file
    with other hard links, one whose owner cannot be kept, a file that exists already. Nothing was written."""


class FileChangedError(FileAccessError):
    """The file changed on disk between being read and being rewritten (fileio/); nothing was written."""


class UsageError(TimelineError):
    """The command line asks for something that cannot be done (unknown topic id, bad date)."""

    exit_code = ExitCode.USAGE


class DateError(UsageError, ValueError):
    """A date text that is not accepted (dates/); `column` is the 0-based offset where the problem starts.

    A ValueError too, as a bad value handed to a parser is (the cache reads its entries' dates under `except
    ValueError`). validate turns it into a `bad-date` problem and --from/--to into a usage error of their option;
    one that reaches the CLI any other way is a usage error, exit 2.
    """

    def __init__(self, message: str, *, column: int = 0, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


class UnsafeNormalizeError(TimelineError):
    """The canonical text would not mean the same as the input: a bug in the writer (normalize/), so nothing is
    written. Exit 1."""


# Every problem code, its default severity and what it means. Codes are a stable contract: CI scripts and
# editors match on them, so a code is never renamed, only added (README "Problem codes").
E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE
PROBLEM_CODES: dict[str, tuple[Severity, str]] = {
    # reading and parsing (load.py)
    "encoding": (E, "the file is not valid UTF-8"),
    "syntax": (E, "the YAML is malformed"),
    "control-character": (E, "a control character in the file or in a value"),
    "duplicate-key": (E, "a key appears twice in one mapping"),
    "anchor": (E, "a YAML anchor (&name); not allowed"),
    "alias": (E, "a YAML alias (*name); not allowed"),
    "merge-key": (E, "a YAML merge key (<<); not allowed"),
    "tag": (E, "a YAML tag (!!int, !custom); not allowed"),
    "complex-key": (E, "a key that is not plain text"),
    "multiple-documents": (E, "more than one YAML document in the file"),
    "too-deep": (E, "nesting deeper than the loader accepts"),
    "too-large": (E, "a file or value larger than the loader accepts"),
    "empty-file": (E, "the file holds no document"),
    "too-many-problems": (E, "more problems of one code than a report lists (1,000 per file and code)"),
    # structure and values (validate.py)
    "not-a-mapping": (E, "the top level is not a mapping"),
    "bad-version": (E, "`version` is missing or not 1"),
    "missing-key": (E, "a required key is missing"),
    "unknown-key": (E, "a key the format does not define (often a typo)"),
    "wrong-type": (E, "a value of the wrong type (text, list or mapping)"),
    "empty-text": (E, "a required text is empty"),
    "bad-id": (E, "an id that is not a lowercase slug"),
    "duplicate-id": (E, "an id used twice in one registry or across files"),
    "unknown-topic": (E, "an event names a topic missing from `topics`"),
    "unknown-actor": (E, "an event names an actor missing from `actors`"),
    "unknown-source": (E, "a citation names a source missing from `sources`"),
    "bad-date": (E, "a date that is not valid EDTF or is impossible"),
    "bad-value": (E, "a value outside the allowed set (status, kind, language)"),
    "bad-url": (E, "a URL that is not http(s)"),
    "bad-archive": (E, "an archive file name that leaves the archive folder"),
    "no-citations": (E, "an event without a citation"),
    "too-few-claims": (E, "a dispute with fewer than two claims"),
    "bidi-control": (E, "a bidirectional control character, which can disguise text"),
    "invisible-character": (E, "a zero-width or invisible character in our own text"),
    "invisible-in-quote": (W, "a zero-width or invisible character inside a quote"),
    "comment-in-text": (W, "a ` #` inside an unquoted text value, which YAML reads as the start of a comment"),
    "line-separator": (W, "a NEL, LINE or PARAGRAPH SEPARATOR inside a value (escaped as \\N, \\L, \\P)"),
    # editorial checks (editorial.py)
    "unused-topic": (W, "a topic no event uses"),
    "unused-actor": (W, "an actor no event names"),
    "unused-source": (W, "a source no event cites"),
    "ambiguous-alias": (W, "one alias names two actors"),
    "duplicate-reference": (W, "an event lists the same topic, actor, source or `after` id twice"),
    "after-publication": (W, "an event dated after every source that cites it, and not marked scheduled"),
    "near-duplicate": (W, "two events on the same date with near-identical titles"),
    "mixed-script": (W, "a word mixing scripts (e.g. Cyrillic inside Latin or katakana) in our own text"),
    "single-source": (N, "an event resting on one source article"),
    # verify/
    "quote-not-found": (E, "a quote that is not in the archived article"),
    "archive-missing": (E, "a source's archived copy cannot be read"),
    "no-archive": (W, "a cited source has no `archive` file to verify against"),
    # Added since, at the end so that existing codes keep their place (SARIF rule indexes follow this order).
    "merge-conflict": (E, "an unresolved merge conflict: `<<<<<<<`, `=======`, `>>>>>>>` lines left in the file"),
    "archive-encoding": (E, "an archived article that is not UTF-8 (the message names the encoding it seems to be in)"),
    "unknown-event": (E, "an event's `after` names no event's id"),
    "order-cycle": (E, "an event placed `after` itself, directly or through a cycle of `after` entries"),
    "after-contradicts-date": (E, "an event placed `after` one whose date is certainly later than its own"),
    "conflicting-keys": (E, "two keys of which a mapping gives only one, e.g. a source's `title` and `untitled: true`"),
    # timeline import (interchange/): a row and column of the sheet, CSV or TimelineJS JSON being imported
    "import-missing-column": (E, "a column the import needs is not in the header (or `--map` names one that is not)"),
    "import-bad-date": (E, "a row whose date cannot be read (not a whole number, no year, an impossible day)"),
    "import-ambiguous-date": (E, "a slash date such as 05/06/2025 without `--day-first` or `--month-first`"),
    "import-qualified-date": (W, "a Display Date qualifier (c., ?, 頃, a season) made an EDTF marker; the original text is in the notes"),
    "import-dropped": (W, "sheet content timeline has no place for: media, backgrounds, eras, times of day, unknown columns"),
    "import-filled": (W, "something the import filled in for an editor to check: a title, a summary, a topic, an id"),
    "import-links": (N, "links in an imported row, listed in its notes as candidate sources to add and cite"),
    # corrections readers can see (issue 21, item 2; `timeline docs corrections`)
    "correction-too-early": (E, "a correction dated before the article it corrects was published"),
    "uncorrected-change": (W, "`validate --since REV`: a date, figure or title changed since REV with no correction recorded"),
    "correction-in-future": (W, "a correction dated after the day `validate` runs (or its `--as-of` day)"),
}


def codes_table() -> str:
    """Every problem code with its severity and meaning, one aligned line each: `validate --codes` and the
    `docs codes` page print this one table."""
    return "".join(f"{code:22} {severity.value:8} {meaning}\n" for code, (severity, meaning) in PROBLEM_CODES.items())


def shown(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: whole when short, else its start, so a 100,000-character value does
    not become a 100,000-character line."""
    return value if len(value) <= limit else f"{value[:limit]}… ({len(value)} characters)"


# The signals whose default action ends the process, handled like SIGTERM by the CLI (cli/signals.py says why each
# other one is left alone), and held off by fileio while it creates a file and records it for clean-up.
_TERMINATING = ("SIGHUP", "SIGQUIT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGXCPU", "SIGVTALRM", "SIGPROF",
                "SIGPWR", "SIGSTKFLT", "SIGIO", "SIGLOST")


def terminating_signals() -> list[int]:
    """The signals main handles, where this system has them: _TERMINATING and the real-time signals."""
    named = {int(getattr(signal, name)) for name in _TERMINATING if hasattr(signal, name)}
    if hasattr(signal, "SIGRTMIN"):
        named.update(range(signal.SIGRTMIN, signal.SIGRTMAX + 1))
    return sorted(named)
