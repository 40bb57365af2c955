# Types for the compiled build of partisan_loops.py (Cython "augmenting .pxd": the .py stays plain
# Python; setup.py compiles it with these declarations and the directives on its first line).
import cython

cdef unsigned long long _KEY_MUL
cdef unsigned long long _H1_MUL
cdef unsigned long long _H2_MUL
cdef unsigned long long _MASK64

cpdef object _ibuf(Py_ssize_t n)

cpdef object _counts_view(object counts)

@cython.locals(cls="const unsigned char[::1]", n=cython.Py_ssize_t, first="Py_ssize_t[::1]",
               length="Py_ssize_t[::1]", runs=cython.Py_ssize_t, words=cython.Py_ssize_t,
               ends=cython.Py_ssize_t, digits=cython.Py_ssize_t, prev=cython.int,
               start=cython.Py_ssize_t, i=cython.Py_ssize_t, c=cython.int)
cpdef tuple low_counts(const unsigned char[::1] lb)

@cython.locals(x=cython.ulonglong, j=cython.Py_ssize_t, b=cython.ulonglong)
cdef unsigned long long _word(const unsigned char[::1] lb, Py_ssize_t p, Py_ssize_t k) noexcept

@cython.locals(h=cython.ulonglong, s=cython.longlong)
cdef Py_ssize_t _slot(unsigned long long key, unsigned long long mul) noexcept

@cython.locals(out="Py_ssize_t[::1]", r=cython.Py_ssize_t, p=cython.Py_ssize_t,
               n=cython.Py_ssize_t, x1=cython.ulonglong, x2=cython.ulonglong,
               key=cython.ulonglong, c1=cython.Py_ssize_t, c2=cython.Py_ssize_t,
               col=cython.Py_ssize_t)
cpdef object word_counts(const unsigned char[::1] lb, const Py_ssize_t[:] first,
                         const Py_ssize_t[:] length, const unsigned long long[::1] keys,
                         const unsigned long long[::1] x2s, const short[::1] t1,
                         const short[::1] t2, Py_ssize_t size)


@cython.locals(out=list, alnum="const unsigned char[::1]", n=cython.Py_ssize_t,
               s=cython.Py_ssize_t, node=cython.Py_ssize_t, best=cython.Py_ssize_t,
               idx=cython.int, j=cython.Py_ssize_t, c=cython.Py_ssize_t)
cpdef list trie_scan(const unsigned char[::1] lb, const unsigned char[::1] cls,
                     const unsigned short[::1] trans, const int[::1] term, Py_ssize_t ncls,
                     int bounds)

@cython.locals(cls="const unsigned char[::1]", events="const unsigned char[::1]",
               flags="const unsigned char[::1]", n=cython.Py_ssize_t, first="Py_ssize_t[::1]",
               length="Py_ssize_t[::1]", runs=cython.Py_ssize_t, words=cython.Py_ssize_t,
               ends=cython.Py_ssize_t, digits=cython.Py_ssize_t, prev=cython.int,
               start=cython.Py_ssize_t, caps=cython.Py_ssize_t, lines=cython.Py_ssize_t,
               line_full=cython.int, unsure=list, marks=list, n_marks=cython.Py_ssize_t,
               wstart=cython.Py_ssize_t, fl=cython.int, i=cython.Py_ssize_t, c=cython.int,
               b=cython.int, ev=cython.int)
cpdef tuple text_stats(const unsigned char[::1] bo, const unsigned char[::1] lb)

@cython.locals(out=list, alnum="const unsigned char[::1]", letter="const unsigned char[::1]",
               idx=cython.int, j=cython.Py_ssize_t, c=cython.Py_ssize_t, n=cython.Py_ssize_t, s=cython.Py_ssize_t,
               i=cython.Py_ssize_t, m=cython.Py_ssize_t, e=cython.Py_ssize_t,
               a=cython.Py_ssize_t, b=cython.Py_ssize_t, lo=cython.Py_ssize_t, cand=cython.int,
               node=cython.Py_ssize_t, k=cython.Py_ssize_t, p=cython.Py_ssize_t,
               node2=cython.Py_ssize_t)
cpdef list run_scan(const unsigned char[::1] lb, const unsigned char[::1] cls,
                    const unsigned short[::1] trans, const int[::1] term, Py_ssize_t ncls,
                    const unsigned short[::1] rtrans, const unsigned char[::1] rterm,
                    int bounds)

@cython.locals(cview="Py_ssize_t[::1]", vview="Py_ssize_t[::1]", nz=cython.Py_ssize_t,
               k=cython.Py_ssize_t, v=cython.Py_ssize_t, sums=list, ng=cython.Py_ssize_t,
               g=cython.Py_ssize_t, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t,
               t=cython.Py_ssize_t, q=cython.Py_ssize_t)
cpdef tuple nonzero_counts(const Py_ssize_t[::1] counts, Py_ssize_t size,
                           const Py_ssize_t[::1] group_cols, const Py_ssize_t[::1] group_starts)
