/* The block reader: the block-style YAML event files are written in, read line by line, compiled.
 *
 * Why it exists (issue #8): going through PyYAML's event objects costs as much as libyaml's parse itself, so a
 * loader built on them can never come near the parser's own speed. Event files use a small, regular part of YAML:
 * block mappings and sequences, plain values (folded over several lines too), quoted values (over several lines
 * too, double-quoted ones with their escapes), `[a, b]` and `{ja: .., en: ..}` on one line, and comments. This
 * reader reads exactly that part and builds the same YMap/YSeq values with the same positions as libyaml.py's
 * builder would (the classes, SHIFT and the limits come from nodes.py when the module is imported).
 *
 * The rule that keeps it honest: it reads a file only when every line is plainly inside that part and nothing calls
 * for a message. At the first thing it is not sure of (a tab, an anchor, a block scalar, a duplicate key, an escape
 * it does not know, a line libyaml would refuse) it gives up (returns None), and libyaml reads the whole file and
 * says what is wrong. So a file is either read here to libyaml's result, or by libyaml alone; compiled.py looks at
 * the characters first (tabs, CR, controls, Unicode line breaks go to libyaml). tests/test_block_reader.py compares
 * it with libyaml over every fixture, the bundled data, generated files and generated YAML (hypothesis), and
 * tests/test_reader_differential.py and fuzz/readers.py put characters YAML does not count as white space wherever
 * it skips white space. It is optional: without a C compiler at install, every file goes to libyaml.
 *
 * White space is the space, and only the space: YAML's white space is the space and the tab (and a tab never reaches
 * this reader); U+00A0, U+3000, U+2000-U+200A and the others Py_UNICODE_ISSPACE() calls space are text to YAML, or
 * an error after a value (issue #15). Nowhere does this reader skip anything but ' '.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_KEY 128  /* libyaml: a simple key ends within 1024 characters; ours are words */
#define STACK 64      /* the most open collections nodes.MAX_DEPTH may ask for */

/* Read from nodes.py when the module is imported: the classes built, and the limits and packing every reader keeps. */
static PyObject *ymap, *yseq;
static long max_scalar;
static int max_depth, shift;

typedef struct {
    PyObject *node;  /* borrowed: the parent (or, for the root, the result) holds it */
    PyObject *at;    /* borrowed: node._at */
    Py_ssize_t top;
    int is_map;
} Frame;

typedef struct {
    PyObject *text;
    int kind;
    const void *data;
    Py_ssize_t len;
    PyObject *keys;       /* interned keys: one string object per distinct key */
    int escaped;          /* an escape made a character of a value: not every value is the file's own text */
    /* the line being read */
    Py_ssize_t ls, le;    /* start and end (the '\n' or the end of text) */
    long number;
} S;

static PyObject *str_line, *str_column, *str_at, *str_keys_at, *str_values_at, *str_items_at;

#define CH(s, i) PyUnicode_READ((s)->kind, (s)->data, (i))
#define UNSURE (-2)  /* the file leaves the subset: the caller returns None */
#define POS(number, column) (((long long)(number) << shift) | (long long)(column))  /* nodes.SHIFT */

/* -- small helpers ------------------------------------------------------------------------------------ */

static int is_key_first(Py_UCS4 c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static int is_key_char(Py_UCS4 c) { return is_key_first(c) || c == '.' || c == '-'; }

static int is_indicator(Py_UCS4 c) {  /* a plain value may not start with one */
    switch (c) {
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!': case '|':
    case '>': case '\'': case '"': case '%': case '@': case '`':
        return 1;
    }
    return 0;
}

/* A key at i (within [i, end)), a word then `:` and a space or the end: the key's end (the ':') or -1; *after is
   where its value starts. */
static Py_ssize_t key_at(S *s, Py_ssize_t i, Py_ssize_t end, Py_ssize_t *after) {
    if (i >= end || !is_key_first(CH(s, i)))
        return -1;
    Py_ssize_t j = i + 1;
    while (j < end && is_key_char(CH(s, j)))
        j++;
    if (j - i > MAX_KEY || j >= end || CH(s, j) != ':')
        return -1;
    Py_ssize_t k = j + 1;
    if (k < end && CH(s, k) != ' ')
        return -1;
    while (k < end && CH(s, k) == ' ')
        k++;
    *after = k;
    return j;
}

static int is_null_word(S *s, Py_ssize_t a, Py_ssize_t b) {  /* nodes.NULLS, for plain text in [a, b) */
    Py_ssize_t n = b - a;
    if (n == 0)
        return 1;
    if (n == 1)
        return CH(s, a) == '~';
    if (n != 4)
        return 0;
    Py_UCS4 c0 = CH(s, a), c1 = CH(s, a + 1), c2 = CH(s, a + 2), c3 = CH(s, a + 3);
    if (c0 == 'n' && c1 == 'u' && c2 == 'l' && c3 == 'l')
        return 1;
    if (c0 == 'N' && c1 == 'u' && c2 == 'l' && c3 == 'l')
        return 1;
    return c0 == 'N' && c1 == 'U' && c2 == 'L' && c3 == 'L';
}

static int str_is_null(PyObject *value) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(value);
    if (n > 4)
        return 0;
    return PyUnicode_CompareWithASCIIString(value, "") == 0 || PyUnicode_CompareWithASCIIString(value, "~") == 0 ||
           PyUnicode_CompareWithASCIIString(value, "null") == 0 ||
           PyUnicode_CompareWithASCIIString(value, "Null") == 0 ||
           PyUnicode_CompareWithASCIIString(value, "NULL") == 0;
}

/* `: ` or ` #` anywhere in [a, b), or a ':' at b - 1. */
static int bad_plain(S *s, Py_ssize_t a, Py_ssize_t b) {
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = CH(s, i);
        if (c == ':' && (i + 1 == b || CH(s, i + 1) == ' '))
            return 1;
        if (c == ' ' && i + 1 < b && CH(s, i + 1) == '#')
            return 1;
    }
    return 0;
}

static Py_ssize_t rstrip(S *s, Py_ssize_t a, Py_ssize_t b) {
    while (b > a && CH(s, b - 1) == ' ')
        b--;
    return b;
}

/* After a quoted or flow value only spaces, then maybe a comment (` #`), may follow: 0 or UNSURE. Only ' ': U+3000
   and the other characters Py_UNICODE_ISSPACE() calls space are text to YAML, so `"x"\u3000` is a syntax error to
   libyaml (issue #15). */
static int value_end(S *s, Py_ssize_t i) {
    Py_ssize_t j = i;
    while (j < s->le && CH(s, j) == ' ')
        j++;
    if (j == s->le)
        return 0;
    if (CH(s, j) == '#' && j > i)
        return 0;
    return UNSURE;
}

static int append_pos(PyObject *at, long number, Py_ssize_t column) {
    PyObject *p = PyLong_FromLongLong(POS(number, column));
    if (!p)
        return -1;
    int r = PyList_Append(at, p);
    Py_DECREF(p);
    return r;
}

/* A new YMap or YSeq with its slots set as nodes.new_map/new_seq set them; *at gets its _at (borrowed). */
static PyObject *new_node(S *s, int is_map, long number, Py_ssize_t column, PyObject **at) {
    PyObject *node = PyObject_CallNoArgs(is_map ? ymap : yseq);
    if (!node)
        return NULL;
    PyObject *line = PyLong_FromLong(number + 1), *col = PyLong_FromSsize_t(column + 1), *list = PyList_New(0);
    int bad = !line || !col || !list || PyObject_SetAttr(node, str_line, line) || PyObject_SetAttr(node, str_column, col) ||
              PyObject_SetAttr(node, str_at, list) ||
              (is_map ? (PyObject_SetAttr(node, str_keys_at, Py_None) || PyObject_SetAttr(node, str_values_at, Py_None))
                      : PyObject_SetAttr(node, str_items_at, Py_None));
    Py_XDECREF(line);
    Py_XDECREF(col);
    Py_XDECREF(list);  /* the node holds it */
    if (bad) {
        Py_DECREF(node);
        return NULL;
    }
    *at = list;
    return node;
}

/* node[key] = value (or append when key is NULL) and record the position. Steals nothing. */
static int attach(PyObject *node, PyObject *at, PyObject *key, PyObject *value, long long position) {
    int r = key ? PyDict_SetItem(node, key, value) : PyList_Append(node, value);
    if (r)
        return -1;
    PyObject *p = PyLong_FromLongLong(position);
    if (!p)
        return -1;
    r = PyList_Append(at, p);
    Py_DECREF(p);
    return r;
}

/* -- values ------------------------------------------------------------------------------------------- */

enum { PLAIN, DONE, EMPTY };

/* The closing quote of single-quoted text from i on this line (`''` is a quote inside), or -1 when the line
   ends first; *pairs tells whether a `''` was passed. (Where the line ends first after a `''`, that pair could
   close the value and leave a `'` after it: the caller refuses.) */
static Py_ssize_t single_close(S *s, Py_ssize_t i, int *pairs) {
    *pairs = 0;
    while (i < s->le) {
        if (CH(s, i) == '\'') {
            if (i + 1 < s->le && CH(s, i + 1) == '\'') {
                i += 2;
                *pairs = 1;
                continue;
            }
            return i;
        }
        i++;
    }
    return -1;
}

static PyObject *unquote_single(S *s, Py_ssize_t a, Py_ssize_t b) {
    PyObject *raw = PyUnicode_Substring(s->text, a, b);
    if (!raw || PyUnicode_FindChar(raw, '\'', 0, b - a, 1) < 0)
        return raw;
    PyObject *q2 = PyUnicode_FromString("''"), *q1 = PyUnicode_FromString("'");
    PyObject *out = (q1 && q2) ? PyUnicode_Replace(raw, q2, q1, -1) : NULL;
    Py_XDECREF(q1);
    Py_XDECREF(q2);
    Py_DECREF(raw);
    return out;
}

/* The next line after the current one: sets s->ls, s->le, s->number; 0, or -1 at the end of the text. */
static int next_line(S *s) {
    if (s->le >= s->len)
        return -1;
    s->ls = s->le + 1;
    Py_ssize_t e = s->ls;
    while (e < s->len && CH(s, e) != '\n')
        e++;
    s->le = e;
    s->number++;
    if (e - s->ls > max_scalar)
        return UNSURE;
    return 0;
}

/* -- double quotes and their escapes ------------------------------------------------------------------------ */

/* The closing quote of double-quoted text from i on this line (a backslash escapes the character after it), or -1
   when the line ends first; *stop is where the text stopped: the line's end, or a backslash that ends the line
   (it escapes the line break: left to libyaml). */
static Py_ssize_t double_close(S *s, Py_ssize_t i, Py_ssize_t *stop) {
    for (; i < s->le; i++) {
        Py_UCS4 c = CH(s, i);
        if (c == '"')
            return i;
        if (c == '\\') {
            if (i + 1 == s->le) {
                *stop = i;
                return -1;
            }
            i++;
        }
    }
    *stop = s->le;
    return -1;
}

static int hex_value(PyObject *src, Py_ssize_t i, Py_ssize_t digits, Py_ssize_t end, Py_UCS4 *value) {
    if (i + digits > end)
        return 0;
    *value = 0;
    for (Py_ssize_t j = i; j < i + digits; j++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(src, j);
        int digit = (c >= '0' && c <= '9') ? (int)(c - '0') : (c >= 'a' && c <= 'f') ? (int)(c - 'a' + 10)
                  : (c >= 'A' && c <= 'F') ? (int)(c - 'A' + 10) : -1;
        if (digit < 0)
            return 0;
        *value = *value * 16 + (Py_UCS4)digit;
    }
    return 1;
}

/* The character a one-character escape (`\n`, `\"`, ...) stands for, or -1 for one this reader does not know. */
static long simple_escape(Py_UCS4 code) {
    switch (code) {
    case '0': return 0;
    case 'a': return 7;
    case 'b': return 8;
    case 't': case '\t': return 9;
    case 'n': return 10;
    case 'v': return 11;
    case 'f': return 12;
    case 'r': return 13;
    case 'e': return 27;
    case ' ': return ' ';
    case '"': return '"';
    case '\\': return '\\';
    case 'N': return 0x85;
    case '_': return 0xA0;
    case 'L': return 0x2028;
    case 'P': return 0x2029;
    }
    return -1;
}

/* The text of double-quoted [a, b) of `src` with its escapes replaced: the short ones above, and \xXX, \uXXXX and
   \UXXXXXXXX for any character but a surrogate. NULL with *unsure set for any other escape (libyaml reports it or
   reads it; `\/` is left to it too), NULL on an error. */
static PyObject *unescaped(PyObject *src, Py_ssize_t a, Py_ssize_t b, int *unsure) {
    Py_UCS4 *out = PyMem_New(Py_UCS4, b > a ? b - a : 1);  /* an escape is never shorter than what it makes */
    if (!out)
        return PyErr_NoMemory();
    Py_ssize_t n = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(src, i);
        if (c != '\\') {
            out[n++] = c;
            continue;
        }
        if (++i == b)
            goto unsure;
        Py_UCS4 code = PyUnicode_READ_CHAR(src, i), value;
        Py_ssize_t digits = code == 'x' ? 2 : code == 'u' ? 4 : code == 'U' ? 8 : 0;
        if (digits && hex_value(src, i + 1, digits, b, &value)) {
            if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
                goto unsure;
            out[n++] = value;
            i += digits;
            continue;
        }
        long simple = simple_escape(code);
        if (simple < 0)
            goto unsure;
        out[n++] = (Py_UCS4)simple;
    }
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    PyMem_Free(out);
    return result;
unsure:
    PyMem_Free(out);
    *unsure = 1;
    return NULL;
}

/* A double-quoted value's text, [a, b) of the file: its escapes replaced, noted in s->escaped. */
static PyObject *double_text(S *s, Py_ssize_t a, Py_ssize_t b, int *unsure) {
    if (PyUnicode_FindChar(s->text, '\\', a, b, 1) < 0)
        return PyUnicode_Substring(s->text, a, b);
    s->escaped = 1;
    return unescaped(s->text, a, b, unsure);
}

/* -- quotes over lines -------------------------------------------------------------------------------------- */

static int append_text(PyObject *parts, S *s, Py_ssize_t a, Py_ssize_t b) {
    PyObject *piece = PyUnicode_Substring(s->text, a, b);
    int r = (!piece || PyList_Append(parts, piece)) ? -1 : 0;
    Py_XDECREF(piece);
    return r;
}

/* What stands for the line breaks between two lines of a folded value: a space, or one line break per blank line. */
static int append_fold(PyObject *parts, long blanks) {
    PyObject *piece;
    if (blanks) {
        PyObject *nl = PyUnicode_FromString("\n");
        piece = nl ? PySequence_Repeat(nl, blanks) : NULL;
        Py_XDECREF(nl);
    } else
        piece = PyUnicode_FromString(" ");
    int r = (!piece || PyList_Append(parts, piece)) ? -1 : 0;
    Py_XDECREF(piece);
    return r;
}

/* The value of a quote folded over lines: `''` made `'` (single quotes) or the escapes replaced (double quotes);
   NULL with *unsure when it is over the size limit. */
static PyObject *folded_quote(S *s, PyObject *parts, int single, int *unsure) {
    PyObject *empty = PyUnicode_FromString("");
    PyObject *joined = empty ? PyUnicode_Join(empty, parts) : NULL, *result;
    Py_XDECREF(empty);
    if (!joined)
        return NULL;
    if (single) {
        PyObject *q2 = PyUnicode_FromString("''"), *q1 = PyUnicode_FromString("'");
        result = (q1 && q2) ? PyUnicode_Replace(joined, q2, q1, -1) : NULL;
        Py_XDECREF(q1);
        Py_XDECREF(q2);
    } else if (PyUnicode_FindChar(joined, '\\', 0, PyUnicode_GET_LENGTH(joined), 1) >= 0) {
        s->escaped = 1;
        result = unescaped(joined, 0, PyUnicode_GET_LENGTH(joined), unsure);
    } else {
        result = joined;
        Py_INCREF(result);
    }
    Py_DECREF(joined);
    if (result && PyUnicode_GET_LENGTH(result) > max_scalar) {
        Py_CLEAR(result);
        *unsure = 1;
    }
    return result;
}

/* A quote opened at `start` and closed on a later line, folded as YAML folds it: each line break becomes a space,
   or one line break per blank line between; spaces around a break are dropped. The lines after the first must be
   indented deeper than `floor` (the collection's indentation: libyaml accepts less, but the editor surely meant
   something else). Moves the current line to the closing one. NULL with *unsure set, or NULL on an error. */
static PyObject *quoted_lines(S *s, Py_ssize_t start, Py_ssize_t floor, int *unsure) {
    int single = CH(s, start) == '\'', cut = 0;  /* cut: a piece ends with a backslash, an escape our trim may cut */
    Py_ssize_t stop = s->le, end;
    if (!single && (double_close(s, start + 1, &stop), stop != s->le)) {
        *unsure = 1;  /* a backslash at the end of the line escapes the break */
        return NULL;
    }
    PyObject *parts = PyList_New(0), *result = NULL;
    if (!parts)
        return NULL;
    end = rstrip(s, start + 1, s->le);
    cut |= end > start + 1 && CH(s, end - 1) == '\\';
    if (append_text(parts, s, start + 1, end))
        goto done;
    long blanks = 0;
    for (;;) {
        if (next_line(s)) {
            *unsure = 1;  /* never closed: libyaml reports where it opened */
            goto done;
        }
        Py_ssize_t c = s->ls;
        while (c < s->le && CH(s, c) == ' ')
            c++;
        if (c == s->le) {
            blanks++;
            continue;
        }
        if (c - s->ls <= floor) {
            *unsure = 1;
            goto done;
        }
        if (append_fold(parts, blanks))
            goto done;
        blanks = 0;
        int pair;
        Py_ssize_t close = single ? single_close(s, c, &pair) : double_close(s, c, &stop);
        if (close >= 0) {
            cut |= close > c && CH(s, close - 1) == '\\';
            if (append_text(parts, s, c, close))
                goto done;
            if (value_end(s, close + 1) == UNSURE) {
                *unsure = 1;
                goto done;
            }
            break;
        }
        if (!single && stop != s->le) {
            *unsure = 1;
            goto done;
        }
        end = rstrip(s, c, s->le);
        cut |= end > c && CH(s, end - 1) == '\\';
        if (append_text(parts, s, c, end))
            goto done;
    }
    if (!single && cut)
        *unsure = 1;  /* an escape cut by the trimming of spaces; libyaml knows */
    else
        result = folded_quote(s, parts, single, unsure);
done:
    Py_DECREF(parts);
    return result;
}

static PyObject *flow(S *s, Py_ssize_t start, int *unsure);

/* The value at `start`; *kind is PLAIN (may go on over the next lines), DONE (quoted or flow) or EMPTY (nothing but
   maybe a comment). A quoted value may go on over lines indented deeper than `floor`. NULL with *unsure, or an
   error. */
static PyObject *value(S *s, Py_ssize_t start, Py_ssize_t floor, int *kind, int *unsure) {
    Py_UCS4 first = CH(s, start);
    if (first == '#') {
        *kind = EMPTY;
        Py_RETURN_NONE;
    }
    *kind = DONE;
    if (first == '\'' || first == '"') {
        int pair = 0;
        Py_ssize_t stop, close = first == '\'' ? single_close(s, start + 1, &pair) : double_close(s, start + 1, &stop);
        if (close < 0) {
            if (pair) {
                *unsure = 1;
                return NULL;
            }
            return quoted_lines(s, start, floor, unsure);
        }
        if (value_end(s, close + 1) == UNSURE) {
            *unsure = 1;
            return NULL;
        }
        return first == '\'' ? unquote_single(s, start + 1, close) : double_text(s, start + 1, close, unsure);
    }
    if (first == '[' || first == '{')
        return flow(s, start, unsure);
    if (is_indicator(first) ||
        ((first == '-' || first == '?' || first == ':') && (start + 1 == s->le || CH(s, start + 1) == ' '))) {
        *unsure = 1;
        return NULL;
    }
    Py_ssize_t end = s->le, comment = -1;
    for (Py_ssize_t i = start; i + 1 < s->le; i++) {
        if (CH(s, i) == ' ' && CH(s, i + 1) == '#') {
            comment = i;
            end = i;
            break;
        }
    }
    end = rstrip(s, start, end);
    if (bad_plain(s, start, end)) {
        *unsure = 1;
        return NULL;
    }
    if (comment >= 0) {  /* a comment ends the value: it cannot go on over the next line */
        if (is_null_word(s, start, end))
            Py_RETURN_NONE;
        return PyUnicode_Substring(s->text, start, end);
    }
    *kind = PLAIN;
    return PyUnicode_Substring(s->text, start, end);
}

/* A plain item of a flow collection at i, up to `,` or the closing bracket: the item's end (before trailing spaces)
   and *sep the separator's index; -1 if none. Plain items exclude every character that could make YAML read them
   differently: PyYAML's own parser (what timeline uses without libyaml) ends a plain scalar at a '?' inside a flow
   collection and then refuses `[a? b]`, `[a?]`, `{k: v?}`, where libyaml 0.2 reads `a? b`: a '?' anywhere in an item
   is left to whichever parser is installed, as ':' is (libyaml's own versions differ on `[a:b]`). */
static Py_ssize_t flow_plain(S *s, Py_ssize_t i, Py_ssize_t *sep) {
    if (i >= s->le)
        return -1;
    Py_UCS4 c = CH(s, i);
    /* Refused, not skipped: an item starting with a Unicode space (which YAML reads as text) */
    if (c == ' ' || c == ':' || c == '-' || c == '?' || is_indicator(c) || Py_UNICODE_ISSPACE(c))
        return -1;
    for (Py_ssize_t j = i + 1; j < s->le; j++) {
        c = CH(s, j);
        if (c == ',' || c == ']' || c == '}') {
            *sep = j;
            return rstrip(s, i, j);
        }
        if (c == '[' || c == '{' || c == '#' || c == ':' || c == '?')
            return -1;
    }
    return -1;
}

/* A one-line `[a, 'b']` or `{k: v, k2: "w"}` of plain or quoted values (a trailing comma is left to libyaml). */
static PyObject *flow(S *s, Py_ssize_t start, int *unsure) {
    int is_map = CH(s, start) == '{';
    Py_UCS4 closing = is_map ? '}' : ']';
    PyObject *at, *node = new_node(s, is_map, s->number, start - s->ls, &at), *key = NULL, *item = NULL;
    if (!node)
        return NULL;
    Py_ssize_t i = start + 1;
    while (i < s->le && CH(s, i) == ' ')
        i++;
    if (i < s->le && CH(s, i) == closing) {
        if (value_end(s, i + 1) == UNSURE)
            goto unsure;
        return node;
    }
    for (;;) {
        if (is_map) {
            Py_ssize_t after, colon = key_at(s, i, s->le, &after);
            if (colon < 0 || after == s->le || is_null_word(s, i, colon))
                goto unsure;
            key = PyUnicode_Substring(s->text, i, colon);
            if (!key)
                goto error;
            int has = PyDict_Contains(node, key);
            if (has < 0)
                goto error;
            if (has)
                goto unsure;
            if (PyList_Append(at, key) || append_pos(at, s->number, i - s->ls))
                goto error;
            i = after;
        }
        Py_ssize_t item_at = i, sep;
        Py_UCS4 c = i < s->le ? CH(s, i) : 0;
        if (c == '\'' || c == '"') {
            Py_ssize_t close;
            if (c == '\'') {
                int pair;
                close = single_close(s, i + 1, &pair);
                if (close < 0)
                    goto unsure;
                item = unquote_single(s, i + 1, close);
            } else {
                Py_ssize_t stop;
                close = double_close(s, i + 1, &stop);
                if (close < 0)
                    goto unsure;
                item = double_text(s, i + 1, close, unsure);
                if (!item && *unsure)
                    goto unsure;
            }
            if (!item)
                goto error;
            sep = close + 1;
            while (sep < s->le && CH(s, sep) == ' ')
                sep++;
            if (sep >= s->le)
                goto unsure;
            c = CH(s, sep);
            if (c != ',' && c != ']' && c != '}')
                goto unsure;
            i = sep + 1;
            while (i < s->le && CH(s, i) == ' ')  /* the spaces after the separator */
                i++;
        } else {
            Py_ssize_t end = flow_plain(s, i, &sep);
            if (end < 0)
                goto unsure;
            if (is_null_word(s, i, end)) {
                item = Py_None;
                Py_INCREF(item);
            } else if (!(item = PyUnicode_Substring(s->text, i, end)))
                goto error;
            i = sep + 1;
        }
        if (is_map ? PyDict_SetItem(node, key, item) : PyList_Append(node, item))
            goto error;
        Py_CLEAR(item);
        Py_CLEAR(key);
        if (append_pos(at, s->number, item_at - s->ls))
            goto error;
        c = CH(s, sep);
        if (c == closing) {
            if (value_end(s, i) == UNSURE)
                goto unsure;
            return node;
        }
        if (c != ',')
            goto unsure;
        while (i < s->le && CH(s, i) == ' ')
            i++;
        if (i < s->le && CH(s, i) == closing)  /* a trailing comma: valid YAML, left to libyaml */
            goto unsure;
    }
unsure:
    *unsure = 1;
error:
    Py_XDECREF(key);
    Py_XDECREF(item);
    Py_DECREF(node);
    return NULL;
}

/* -- the block structure ------------------------------------------------------------------------------------ */

typedef struct {
    PyObject *node, *at, *key;  /* borrowed; key NULL in a sequence */
    Py_ssize_t indent;
    long long empty_at;
    int open;
} Slot;

typedef struct {
    PyObject *node;       /* borrowed */
    PyObject *key;        /* borrowed (an interned key) or NULL for an index */
    Py_ssize_t index;
    PyObject *first;      /* owned: the first line's text */
    PyObject *parts;      /* owned once the value goes on over lines */
    Py_ssize_t floor;
    int open;
} Plain;

static int plain_finish(Plain *p) {
    int r = 0;
    if (p->open && p->parts) {
        PyObject *empty = PyUnicode_FromString("");
        PyObject *joined = empty ? PyUnicode_Join(empty, p->parts) : NULL;
        Py_XDECREF(empty);
        if (!joined)
            return -1;
        if (PyUnicode_GET_LENGTH(joined) > max_scalar) {
            Py_DECREF(joined);
            r = UNSURE;
        } else {
            PyObject *v = str_is_null(joined) ? Py_None : joined;
            r = p->key ? PyDict_SetItem(p->node, p->key, v) : PyList_SetItem(p->node, p->index, (Py_INCREF(v), v));
            Py_DECREF(joined);
        }
    }
    Py_CLEAR(p->first);
    Py_CLEAR(p->parts);
    p->open = 0;
    return r;
}

/* A line that continues a plain value: YAML joins lines with a space, and keeps one line break for each blank line
   between them. Inside a plain value any character may start a line (`- dash` is text there); only ` #` (a comment)
   and `: ` (a key) end it early, which libyaml would then refuse or read as a new key: UNSURE. */
static int plain_go_on(S *s, Plain *p, Py_ssize_t c, long blanks) {
    Py_ssize_t end = rstrip(s, c, s->le);
    for (Py_ssize_t i = c; i < s->le; i++) {
        Py_UCS4 ch = CH(s, i);
        if (ch == ' ' && i + 1 < s->le && CH(s, i + 1) == '#')
            return UNSURE;
        if (ch == ':' && i + 1 < s->le && CH(s, i + 1) == ' ')
            return UNSURE;
    }
    if (CH(s, s->le - 1) == ':')
        return UNSURE;
    if (!p->parts) {
        p->parts = PyList_New(0);
        if (!p->parts || PyList_Append(p->parts, p->first))
            return -1;
    }
    return (append_fold(p->parts, blanks) || append_text(p->parts, s, c, end)) ? -1 : 0;
}

static int plain_start(Plain *p, PyObject *node, PyObject *key, Py_ssize_t index, PyObject *first, Py_ssize_t floor) {
    p->node = node;
    p->key = key;
    p->index = index;
    Py_INCREF(first);
    p->first = first;
    p->parts = NULL;
    p->floor = floor;
    p->open = 1;
    return 0;
}

/* Open a collection at `column` of the current line as the value of `key` (or the next item when NULL) of
   `parent`, and make it the current one: 0, UNSURE when too deep (libyaml's builder reports it), -1. */
static int descend(S *s, Frame *stack, int *depth, Frame *cur, PyObject *parent, PyObject *parent_at, PyObject *key,
                   int is_map, Py_ssize_t column) {
    PyObject *at, *node = new_node(s, is_map, s->number, column, &at);
    if (!node)
        return -1;
    int r = attach(parent, parent_at, key, node, POS(s->number, column));
    Py_DECREF(node);  /* the parent holds it */
    if (r)
        return -1;
    if (*depth >= max_depth - 8)
        return UNSURE;
    stack[(*depth)++] = *cur;
    *cur = (Frame){node, at, column, is_map};
    return 0;
}

/* Every line: the root (new reference), Py_None (new reference) when unsure or for a file of comments (libyaml then
   reports it), NULL on an error. The open collection is `cur`, the enclosing ones are on `stack`. */
static PyObject *run(S *s) {
    Frame stack[STACK];
    int depth = 0;
    PyObject *root = NULL;
    Frame cur = {NULL, NULL, -1, 0};  /* the open collection (cur.top -1: none yet) */
    Slot slot = {0};
    Plain plain = {0};
    long blanks = 0;
    int unsure = 0;
    s->ls = 0;
    s->le = -1;
    s->number = -1;
    for (;;) {
        /* the next line, ending at '\n' (the only line break left: compiled.py sends CR, NEL, LS and PS to libyaml) */
        if (s->number >= 0 && s->le >= s->len)
            break;
        s->ls = s->le + 1;
        s->le = s->ls;
        while (s->le < s->len && CH(s, s->le) != '\n')
            s->le++;
        s->number++;
        if (s->le - s->ls > max_scalar)  /* a value on one line is never longer than its line */
            goto unsure;
        Py_ssize_t ls = s->ls, le = s->le, indent = 0;
        while (ls + indent < le && CH(s, ls + indent) == ' ')
            indent++;
        if (ls + indent == le) {
            blanks++;
            continue;
        }
        Py_UCS4 first = CH(s, ls + indent);
        if (plain.open) {
            if (indent >= plain.floor && first != '#') {
                int r = plain_go_on(s, &plain, ls + indent, blanks);
                if (r == UNSURE)
                    goto unsure;
                if (r)
                    goto error;
                blanks = 0;
                continue;
            }
            int r = plain_finish(&plain);
            if (r == UNSURE)
                goto unsure;
            if (r)
                goto error;
        }
        blanks = 0;
        if (first == '#')
            continue;
        /* the line: its indentation, a `- `, and a key with its `: ` (each optional) */
        Py_ssize_t p = ls + indent, dash_end = -1, key_end = -1, key_start = -1, after = -1;
        if (first == '-' && (p + 1 == le || CH(s, p + 1) == ' ')) {
            dash_end = p + 1;
            while (dash_end < le && CH(s, dash_end) == ' ')
                dash_end++;
            p = dash_end;
        }
        key_end = key_at(s, p, le, &after);
        if (key_end >= 0)
            key_start = p;
        int dash = dash_end >= 0, has_key = key_end >= 0;
        if (slot.open) {
            slot.open = 0;
            if (indent > slot.indent || (dash && slot.key && indent == slot.indent)) {
                if (!dash && !has_key) {  /* text on the line below its key */
                    int kind;
                    long number = s->number;  /* value() may move to a later line; the value starts here */
                    PyObject *found = value(s, ls + indent, slot.indent, &kind, &unsure);
                    if (!found)
                        goto fail;
                    PyObject *stored = (kind == PLAIN && str_is_null(found)) ? Py_None : found;
                    if (attach(slot.node, slot.at, slot.key, stored, POS(number, indent))) {
                        Py_DECREF(found);
                        goto error;
                    }
                    if (kind == PLAIN)
                        plain_start(&plain, slot.node, slot.key, slot.key ? 0 : PyList_GET_SIZE(slot.node) - 1, found,
                                    slot.indent + 1);
                    Py_DECREF(found);
                    continue;
                }
                int r = descend(s, stack, &depth, &cur, slot.node, slot.at, slot.key, !dash, indent);
                if (r == UNSURE)
                    goto unsure;
                if (r)
                    goto error;
            } else if (attach(slot.node, slot.at, slot.key, Py_None, slot.empty_at))
                goto error;
        }
        while (depth > 0 && (indent < cur.top || (indent == cur.top && !cur.is_map && !dash))) {
            cur = stack[--depth];  /* the collection ended on the line before */
        }
        if (indent != cur.top) {
            if (root || indent || !has_key || dash)
                goto unsure;  /* misaligned, or a root that is not a mapping at the margin */
            root = new_node(s, 1, s->number, 0, &cur.at);
            if (!root)
                goto error;
            cur.node = root;
            cur.top = 0;
            cur.is_map = 1;
        }
        Py_ssize_t column;
        if (dash) {
            if (cur.is_map)
                goto unsure;
            column = dash_end;
            if (!has_key) {
                if (column == le || CH(s, column) == '#') {
                    slot = (Slot){cur.node, cur.at, NULL, indent, POS(s->number, indent + 1), 1};
                    continue;
                }
                int kind;
                long number = s->number;  /* value() may move to a later line; the item starts here */
                PyObject *found = value(s, column, indent, &kind, &unsure);
                if (!found)
                    goto fail;
                PyObject *stored = (kind == PLAIN && str_is_null(found)) ? Py_None : found;
                if (PyList_Append(cur.node, stored) || append_pos(cur.at, number, column - ls)) {
                    Py_DECREF(found);
                    goto error;
                }
                if (kind == PLAIN)
                    plain_start(&plain, cur.node, NULL, PyList_GET_SIZE(cur.node) - 1, found, indent + 1);
                Py_DECREF(found);
                continue;
            }
            column -= ls;
            int r = descend(s, stack, &depth, &cur, cur.node, cur.at, NULL, 1, column);  /* `- key:` */
            if (r == UNSURE)
                goto unsure;
            if (r)
                goto error;
        } else if (!has_key || !cur.is_map)
            goto unsure;  /* text where a key belongs, or a key among items */
        else
            column = indent;
        /* the key */
        if (is_null_word(s, key_start, key_end))
            goto unsure;
        PyObject *raw = PyUnicode_Substring(s->text, key_start, key_end);
        if (!raw)
            goto error;
        PyObject *key = PyDict_SetDefault(s->keys, raw, raw);  /* borrowed */
        Py_DECREF(raw);
        if (!key)
            goto error;
        int has = PyDict_Contains(cur.node, key);
        if (has < 0)
            goto error;
        if (has)
            goto unsure;  /* a duplicate: libyaml's builder reports it */
        if (PyList_Append(cur.at, key) || append_pos(cur.at, s->number, column))
            goto error;
        Py_ssize_t key_length = key_end - key_start;
        if (after == le || CH(s, after) == '#') {
            slot = (Slot){cur.node, cur.at, key, column, POS(s->number, column + key_length + 1), 1};
            continue;
        }
        long number = s->number;
        int kind;
        PyObject *found = value(s, after, column, &kind, &unsure);
        if (!found)
            goto fail;
        if (kind == EMPTY) {
            Py_DECREF(found);
            slot = (Slot){cur.node, cur.at, key, column, POS(number, column + key_length + 1), 1};
            continue;
        }
        PyObject *stored = (kind == PLAIN && str_is_null(found)) ? Py_None : found;
        if (append_pos(cur.at, number, after - ls) || PyDict_SetItem(cur.node, key, stored)) {
            Py_DECREF(found);
            goto error;
        }
        if (kind == PLAIN)
            plain_start(&plain, cur.node, key, 0, found, column + 1);
        Py_DECREF(found);
    }
    {
        int r = plain_finish(&plain);
        if (r == UNSURE)
            goto unsure;
        if (r)
            goto error;
    }
    if (slot.open && attach(slot.node, slot.at, slot.key, Py_None, slot.empty_at))
        goto error;
    if (!root)
        Py_RETURN_NONE;
    return root;
fail:
    if (!unsure)
        goto error;
unsure:
    Py_CLEAR(plain.first);
    Py_CLEAR(plain.parts);
    PyErr_Clear();
    Py_XDECREF(root);
    Py_RETURN_NONE;
error:
    Py_CLEAR(plain.first);
    Py_CLEAR(plain.parts);
    Py_XDECREF(root);
    return NULL;
}

static PyObject *block_read(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "read() takes the file's text (str)");
        return NULL;
    }
    S s = {text, PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), PyDict_New(), 0, 0, 0, 0};
    if (!s.keys)
        return NULL;
    PyObject *root = run(&s);
    Py_DECREF(s.keys);
    if (!root || root == Py_None)
        return root;
    return Py_BuildValue("(NO)", root, s.escaped ? Py_False : Py_True);
}

static PyMethodDef methods[] = {
    {"read", block_read, METH_O,
     "read(text) -> (the root YMap, whether every value is the file's own text), or None when libyaml must read it"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_block", NULL, -1, methods, NULL, NULL, NULL, NULL};

/* nodes.`name` as a C long; -1 with an exception set when it is missing or not an int. */
static long nodes_long(PyObject *nodes, const char *name) {
    PyObject *value = PyObject_GetAttrString(nodes, name);
    long result = value ? PyLong_AsLong(value) : -1;
    Py_XDECREF(value);
    return result;
}

PyMODINIT_FUNC PyInit__block(void) {
    str_line = PyUnicode_InternFromString("line");
    str_column = PyUnicode_InternFromString("column");
    str_at = PyUnicode_InternFromString("_at");
    str_keys_at = PyUnicode_InternFromString("_keys_at");
    str_values_at = PyUnicode_InternFromString("_values_at");
    str_items_at = PyUnicode_InternFromString("_items_at");
    if (!str_line || !str_column || !str_at || !str_keys_at || !str_values_at || !str_items_at)
        return NULL;
    PyObject *nodes = PyImport_ImportModule("timeline.reader.nodes");
    if (!nodes)
        return NULL;
    ymap = PyObject_GetAttrString(nodes, "YMap");
    yseq = PyObject_GetAttrString(nodes, "YSeq");
    shift = (int)nodes_long(nodes, "SHIFT");
    max_depth = (int)nodes_long(nodes, "MAX_DEPTH");
    max_scalar = nodes_long(nodes, "MAX_SCALAR");
    Py_DECREF(nodes);
    if (!ymap || !yseq || PyErr_Occurred())
        return NULL;
    if (shift < 1 || shift > 62 || max_depth - 8 > STACK || max_depth < 9 || max_scalar < 1) {
        PyErr_SetString(PyExc_ImportError, "timeline.reader.nodes holds limits this compiled reader cannot keep");
        return NULL;
    }
    return PyModule_Create(&module);
}
