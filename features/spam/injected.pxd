# Cython declarations augmenting injected.py (compiled by setup.py when a compiler is present;
# the .py stays plain, importable Python). _Seg becomes an extension type with C fields, and
# the character scans below become C loops over the text (``for ch in text`` with a Py_UCS4
# variable is a C loop; indexing a str costs far more per character, so it is only used at
# the few positions a loop stops at).
cimport cython

cdef class _Seg:
    cdef public Py_ssize_t start, end, index, fancy, words, func
    cdef public bint whole_line, prose, foreign
    cdef public list hits, links
    cdef public object language, span, line_x
    cdef public double score
    cdef public dict parts

@cython.locals(spaces=Py_ssize_t, common=Py_ssize_t, e_the=Py_ssize_t, e_of=Py_ssize_t,
               e_to=Py_ssize_t, e_and=Py_ssize_t, e_a=Py_ssize_t, e_in=Py_ssize_t,
               i=Py_ssize_t, ch=Py_UCS4, p1=Py_UCS4, p2=Py_UCS4, p3=Py_UCS4, p4=Py_UCS4)
cpdef Py_ssize_t _prose_words_loop(str low, Py_ssize_t a, Py_ssize_t b)

@cython.locals(out=list, n=Py_ssize_t, start=Py_ssize_t, i=Py_ssize_t, s=Py_ssize_t,
               e=Py_ssize_t, ch=Py_UCS4)
cpdef list _line_spans_loop(str text)

@cython.locals(out=list, head=list, n=Py_ssize_t, nlow=Py_ssize_t, at=Py_ssize_t,
               c=Py_ssize_t, k=Py_ssize_t, lim=Py_ssize_t, p=Py_ssize_t, ws=Py_ssize_t,
               nf=Py_ssize_t, mark=Py_UCS4, ch=Py_UCS4, last=Py_UCS4, word=str, dots=list,
               excl=list, quest=list, marks=list)
cpdef tuple _cap_heads_loop(str text, str low_text, Py_ssize_t min_words, Py_ssize_t max_func,
                            frozenset func_words)
