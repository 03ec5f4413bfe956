/* The near-duplicate check, compiled: which neighbouring titles might be near-duplicates, and whether they are.
 *
 * Why it exists (issue 22): on a busy news day every title is compared with its sorted neighbours, and on a
 * newsroom-like file of 10,000 events that is 80,000 pairs. In Python each pair's bounds cost microseconds (a third
 * of `validate`); here a whole day's titles cost less than one Python call per pair would. editorial.py asks
 * `candidates` for the pairs that pass two exact upper bounds on difflib's ratio and decides only those; where this
 * module was not built (no C compiler at install) its Python version of the same contract gives the same pairs
 * (tests/oracles/test_near_duplicates.py checks both, and the warnings against plain difflib).
 *
 * The bounds, each a ratio 2 * M / (len a + len b) below the threshold meaning "not a near-duplicate":
 * - M = the shorter length (difflib's real_quick_ratio);
 * - M = the longest common subsequence (difflib's matching blocks are one common subsequence), computed with
 *   Hyyrö's bit-parallel algorithm (2004): one bit per position of `a`, a row updated once per character of `b` with
 *   V' = (V + (V & M)) | (V & ~M), M the positions where `a` holds that character; the LCS is the number of zero
 *   bits left. Rows longer than 64 positions span several words with the carry of the addition passed on.
 * The arithmetic is the same double-precision division Python does, so the same pairs pass.
 *
 * `matches` then decides a pair that passed: difflib's own matching for titles under 200 characters (what
 * SequenceMatcher.ratio() counts, fifty times faster), checked against difflib on random strings of small
 * alphabets, where ties between equally long blocks are everywhere.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define SMALL_WORDS 4   /* up to 256 characters of `b` without a heap allocation */
/* The longest title the LCS bound is computed for: its table takes (2 x length) slots of (length / 64) words, so
 * memory grows with the square of the length (a 100,000-character title would ask for gigabytes). A longer title's
 * pair skips this bound (a bound skipped only keeps a pair for difflib to decide: the same answer, slower); titles
 * that long are not headlines, and within this limit a table stays under 4 MB. */
#define LCS_LIMIT 4096
#define SMALL_SLOTS 512 /* hash slots for the distinct characters of such a `b` */

static int popcount64(uint64_t x) {
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_popcountll(x);
#else
    int count = 0;
    for (; x; x &= x - 1) count++;
    return count;
#endif
}

/* Open addressing from a code point to its slot; `slots` is a power of two larger than the distinct characters. */
static size_t slot_of(const Py_UCS4 *keys, const unsigned char *used, size_t slots, Py_UCS4 c) {
    size_t i = (c * 2654435761u) & (slots - 1);
    while (used[i] && keys[i] != c) i = (i + 1) & (slots - 1);
    return i;
}

/* The characters of `a` with, for each, the bit mask of its positions: built once, matched against each neighbour. */
typedef struct {
    size_t words, slots;
    Py_ssize_t length;
    uint64_t *masks; /* slots x words */
    uint64_t *row;   /* words */
    Py_UCS4 *keys;
    unsigned char *used;
    void *heap;
    uint64_t small_masks[SMALL_SLOTS * SMALL_WORDS], small_row[SMALL_WORDS];
    Py_UCS4 small_keys[SMALL_SLOTS];
    unsigned char small_used[SMALL_SLOTS];
} Table;

/* Fill `t` with the positions of each character of `a`; -1 (MemoryError set) when memory runs out. */
static int table_fill(Table *t, PyObject *a) {
    Py_ssize_t m = PyUnicode_GET_LENGTH(a);
    int kind = PyUnicode_KIND(a);
    const void *data = PyUnicode_DATA(a);
    t->length = m;
    t->words = ((size_t)m + 63) / 64;
    if (t->words == 0) t->words = 1;
    t->slots = 16;
    while (t->slots < 2 * (size_t)m) t->slots <<= 1;
    t->heap = NULL;
    if (t->words <= SMALL_WORDS && t->slots <= SMALL_SLOTS) {
        t->masks = t->small_masks;
        t->row = t->small_row;
        t->keys = t->small_keys;
        t->used = t->small_used;
    } else { /* one block for everything: masks, the row, keys, used flags */
        size_t bytes = (t->slots * t->words + t->words) * sizeof(uint64_t) + t->slots * sizeof(Py_UCS4) + t->slots;
        t->heap = PyMem_Malloc(bytes);
        if (t->heap == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        t->masks = (uint64_t *)t->heap;
        t->row = t->masks + t->slots * t->words;
        t->keys = (Py_UCS4 *)(t->row + t->words);
        t->used = (unsigned char *)(t->keys + t->slots);
    }
    memset(t->used, 0, t->slots);
    for (Py_ssize_t j = 0; j < m; j++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        size_t i = slot_of(t->keys, t->used, t->slots, c);
        if (!t->used[i]) {
            t->used[i] = 1;
            t->keys[i] = c;
            memset(t->masks + i * t->words, 0, t->words * sizeof(uint64_t));
        }
        t->masks[i * t->words + (size_t)j / 64] |= (uint64_t)1 << (j % 64);
    }
    return 0;
}

static void table_free(Table *t) { PyMem_Free(t->heap); }

/* The length of the longest common subsequence of the table's string and `b`. */
static Py_ssize_t table_lcs(Table *t, PyObject *b) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(b), m = t->length;
    if (n == 0 || m == 0) return 0;
    int kind = PyUnicode_KIND(b);
    const void *data = PyUnicode_DATA(b);
    size_t words = t->words;
    uint64_t *row = t->row;
    for (size_t w = 0; w < words; w++) row[w] = ~(uint64_t)0;
    for (Py_ssize_t k = 0; k < n; k++) {
        size_t i = slot_of(t->keys, t->used, t->slots, PyUnicode_READ(kind, data, k));
        if (!t->used[i]) continue; /* no match: V & M is empty and the row stays as it is */
        const uint64_t *mask = t->masks + i * words;
        uint64_t carry = 0;
        for (size_t w = 0; w < words; w++) {
            uint64_t v = row[w], matched = v & mask[w];
            uint64_t sum = v + matched;
            uint64_t carried = sum + carry;
            carry = (sum < v) | (carried < sum);
            row[w] = carried | (v & ~mask[w]);
        }
    }
    Py_ssize_t zeros = 0;
    for (size_t w = 0; w < words; w++) {
        uint64_t v = row[w];
        if (w == words - 1 && m % 64) v |= ~(uint64_t)0 << (m % 64); /* bits past the string do not count */
        zeros += 64 - popcount64(v);
    }
    return zeros;
}

static PyObject *lcs_length(PyObject *self, PyObject *args) {
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "UU:lcs_length", &a, &b)) return NULL;
    if (PyUnicode_GET_LENGTH(a) > LCS_LIMIT) {
        PyErr_SetString(PyExc_ValueError, "lcs_length() takes a first string of at most 4096 characters");
        return NULL;
    }
    Table t;
    if (table_fill(&t, a) < 0) return NULL;
    Py_ssize_t length = table_lcs(&t, b);
    table_free(&t);
    return PyLong_FromSsize_t(length);
}

/* 1 when 2 * matches / total is below the threshold (the pair is not a near-duplicate), as Python computes it. */
static int below(Py_ssize_t matches, Py_ssize_t total, double threshold) {
    return 2.0 * (double)matches / (double)total < threshold;
}

static PyObject *candidates(PyObject *self, PyObject *args) {
    PyObject *titles;
    Py_ssize_t neighbours;
    double threshold;
    if (!PyArg_ParseTuple(args, "O!nd:candidates", &PyList_Type, &titles, &neighbours, &threshold)) return NULL;
    Py_ssize_t count = PyList_GET_SIZE(titles);
    for (Py_ssize_t i = 0; i < count; i++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(titles, i))) {
            PyErr_SetString(PyExc_TypeError, "candidates() takes a list of str");
            return NULL;
        }
    }
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    Table t;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *one = PyList_GET_ITEM(titles, i);
        Py_ssize_t n = PyUnicode_GET_LENGTH(one);
        int filled = 0;
        for (Py_ssize_t j = i + 1; j < count && j - i <= neighbours; j++) {
            PyObject *other = PyList_GET_ITEM(titles, j);
            Py_ssize_t m = PyUnicode_GET_LENGTH(other), total = n + m;
            if (total) {
                if (below(n < m ? n : m, total, threshold)) continue;
                if (n > LCS_LIMIT) goto candidate; /* too long for the table (LCS_LIMIT): difflib decides */
                if (!filled) {
                    if (table_fill(&t, one) < 0) goto failed;
                    filled = 1;
                }
                if (below(table_lcs(&t, other), total, threshold)) continue;
            }
        candidate:;
            PyObject *pair = Py_BuildValue("(nn)", i, j);
            if (pair == NULL || PyList_Append(found, pair) < 0) {
                Py_XDECREF(pair);
                if (filled) table_free(&t);
                goto failed;
            }
            Py_DECREF(pair);
        }
        if (filled) table_free(&t);
    }
    return found;
failed:
    Py_DECREF(found);
    return NULL;
}

/* difflib's matches, exactly: the sum of the sizes of SequenceMatcher(None, a, b).get_matching_blocks() for a `b`
 * shorter than 200 characters (from 200 on, difflib's autojunk treats frequent characters as junk: editorial.py
 * asks difflib itself then). The same algorithm, step for step: find_longest_match's dynamic programme over the
 * positions of each character of `a` in `b`, keeping the first longest block (earliest end in `a`, then in `b`),
 * then the same on each side of it; the order in which sides are taken changes no block. */
typedef struct {
    Py_ssize_t alo, ahi, blo, bhi;
} Span;

static PyObject *matches(PyObject *self, PyObject *args) {
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "UU:matches", &a, &b)) return NULL;
    Py_ssize_t la = PyUnicode_GET_LENGTH(a), lb = PyUnicode_GET_LENGTH(b);
    if (lb >= 200) {
        PyErr_SetString(PyExc_ValueError, "matches() takes a second string shorter than 200 characters");
        return NULL;
    }
    if (la == 0 || lb == 0) return PyLong_FromLong(0);
    int kind_a = PyUnicode_KIND(a), kind_b = PyUnicode_KIND(b);
    const void *data_a = PyUnicode_DATA(a), *data_b = PyUnicode_DATA(b);
    /* b2j: the positions of each character of b, ascending, as (first, count) into `positions` per hash slot. */
    Py_UCS4 keys[512];
    unsigned char used[512];
    Py_ssize_t first[512], count[512], fill[512], positions[200];
    size_t slots = 16;
    while (slots < 2 * (size_t)lb) slots <<= 1;
    memset(used, 0, slots);
    for (Py_ssize_t j = 0; j < lb; j++) {
        Py_UCS4 c = PyUnicode_READ(kind_b, data_b, j);
        size_t i = slot_of(keys, used, slots, c);
        if (!used[i]) {
            used[i] = 1;
            keys[i] = c;
            count[i] = 0;
        }
        count[i]++;
    }
    Py_ssize_t offset = 0;
    for (size_t i = 0; i < slots; i++) {
        if (used[i]) {
            first[i] = fill[i] = offset;
            offset += count[i];
        }
    }
    for (Py_ssize_t j = 0; j < lb; j++) {
        size_t i = slot_of(keys, used, slots, PyUnicode_READ(kind_b, data_b, j));
        positions[fill[i]++] = j;
    }
    /* j2len and newj2len of difflib as arrays over b (index j + 1 holds the length of the match ending at b[j]),
     * with the entries each row set, to clear them; a stack of spans still to search; the slot of each a[i]. */
    Py_ssize_t *work = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(4 * (lb + 1) + la) + sizeof(Span) * (size_t)(la + 1));
    if (work == NULL) return PyErr_NoMemory();
    Py_ssize_t *old = work, *new = old + lb + 1, *old_set = new + lb + 1, *new_set = old_set + lb + 1;
    Py_ssize_t *slot_a = new_set + lb + 1;
    Span *stack = (Span *)(slot_a + la);
    for (Py_ssize_t i = 0; i < la; i++) {
        size_t k = slot_of(keys, used, slots, PyUnicode_READ(kind_a, data_a, i));
        slot_a[i] = used[k] ? (Py_ssize_t)k : -1;
    }
    memset(old, 0, sizeof(Py_ssize_t) * (size_t)(lb + 1));
    memset(new, 0, sizeof(Py_ssize_t) * (size_t)(lb + 1));
    Py_ssize_t total = 0, depth = 0;
    stack[depth++] = (Span){0, la, 0, lb};
    while (depth) {
        Span s = stack[--depth];
        Py_ssize_t besti = s.alo, bestj = s.blo, bestsize = 0, old_count = 0, new_count = 0;
        for (Py_ssize_t i = s.alo; i < s.ahi; i++) {
            for (Py_ssize_t t = 0; t < new_count; t++) new[new_set[t]] = 0;
            new_count = 0;
            if (slot_a[i] >= 0) {
                size_t k = (size_t)slot_a[i];
                for (Py_ssize_t p = first[k]; p < first[k] + count[k]; p++) {
                    Py_ssize_t j = positions[p];
                    if (j < s.blo) continue;
                    if (j >= s.bhi) break;
                    Py_ssize_t size = old[j] + 1; /* old[j]: the match ending at b[j - 1] */
                    new[j + 1] = size;
                    new_set[new_count++] = j + 1;
                    if (size > bestsize) {
                        besti = i - size + 1;
                        bestj = j - size + 1;
                        bestsize = size;
                    }
                }
            }
            Py_ssize_t *swap = old; old = new; new = swap;
            swap = old_set; old_set = new_set; new_set = swap;
            Py_ssize_t swap_count = old_count; old_count = new_count; new_count = swap_count;
        }
        for (Py_ssize_t t = 0; t < old_count; t++) old[old_set[t]] = 0;
        for (Py_ssize_t t = 0; t < new_count; t++) new[new_set[t]] = 0;
        /* difflib's extension by equal characters on each side (no junk here): a no-op for a maximal block, kept so
         * that this stays the same algorithm. */
        while (besti > s.alo && bestj > s.blo &&
               PyUnicode_READ(kind_a, data_a, besti - 1) == PyUnicode_READ(kind_b, data_b, bestj - 1)) {
            besti--; bestj--; bestsize++;
        }
        while (besti + bestsize < s.ahi && bestj + bestsize < s.bhi &&
               PyUnicode_READ(kind_a, data_a, besti + bestsize) == PyUnicode_READ(kind_b, data_b, bestj + bestsize)) {
            bestsize++;
        }
        if (bestsize) {
            total += bestsize;
            if (s.alo < besti && s.blo < bestj) stack[depth++] = (Span){s.alo, besti, s.blo, bestj};
            if (besti + bestsize < s.ahi && bestj + bestsize < s.bhi)
                stack[depth++] = (Span){besti + bestsize, s.ahi, bestj + bestsize, s.bhi};
        }
    }
    PyMem_Free(work);
    return PyLong_FromSsize_t(total);
}

static PyMethodDef methods[] = {
    {"candidates", candidates, METH_VARARGS,
     "candidates(titles, neighbours, threshold) -> [(i, j)]: each title and the `neighbours` after it whose length "
     "and longest common subsequence leave difflib's ratio able to reach the threshold"},
    {"matches", matches, METH_VARARGS,
     "matches(a, b) -> the characters difflib.SequenceMatcher(None, a, b) matches (b shorter than 200 characters)"},
    {"lcs_length", lcs_length, METH_VARARGS,
     "lcs_length(a, b) -> the length of the longest common subsequence of the two strings"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_similar", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__similar(void) { return PyModule_Create(&module); }
