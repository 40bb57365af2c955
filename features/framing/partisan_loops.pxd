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
