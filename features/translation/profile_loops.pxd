# Types for the compiled build of profile_loops.py (Cython "augmenting .pxd": the .py stays plain
# Python; setup.py compiles it with these declarations and the directives on its first line).
# See the module docstring.
import cython

cdef unsigned long long _HMUL
cdef unsigned long long _MASK64
cdef bint _LITTLE
# the shape-class symbol ids (C ints in the loops)
cdef int _C, _L, _U, _N, _X, _O

@cython.locals(mask=cython.ulonglong, h=cython.ulonglong, e=cython.longlong)
cdef long long _find(const long long[::1] table, long long key, int bits) noexcept

@cython.locals(mask=cython.ulonglong, h=cython.ulonglong, e=cython.ulonglong)
cdef long long _in_keys(const unsigned long long[::1] table, unsigned long long key,
                               int bits) noexcept

@cython.locals(rr=cython.double, ri=cython.double, i=cython.Py_ssize_t, r=cython.Py_ssize_t,
               r0=cython.double, r1=cython.double, r2=cython.double, r3=cython.double,
               r4=cython.double, r5=cython.double, r6=cython.double, r7=cython.double,
               stop=cython.Py_ssize_t, half=cython.Py_ssize_t, a_r=cython.double,
               a_i=cython.double, b_r=cython.double, b_i=cython.double)
cpdef (double, double) _pairwise(const double[::1] pk, const int[::1] rows, Py_ssize_t lo,
                                 Py_ssize_t m) noexcept

@cython.locals(length=cython.Py_ssize_t, key=cython.ulonglong, code=cython.ulonglong,
               k=cython.Py_ssize_t, h=cython.longlong)
cdef int _letters_id(bytes raw, const unsigned char[::1] rb, Py_ssize_t p, Py_ssize_t q,
                            Py_ssize_t n_lower, const unsigned long long[::1] func_keys,
                            const int[::1] func_ids, const unsigned long long[::1] vocab_keys)

@cython.locals(k=cython.Py_ssize_t, c=cython.int)
cdef Py_ssize_t _apos_len(const unsigned char[::1] rb, Py_ssize_t p, Py_ssize_t end) noexcept

@cython.locals(func_keys="const unsigned long long[::1]", func_ids="const int[::1]",
               vocab_keys="const unsigned long long[::1]", punct="const int[::1]",
               e2="const int[::1]", apos="const int[::1]", bclass="const unsigned char[::1]",
               nb=cython.Py_ssize_t, n=cython.Py_ssize_t, i=cython.Py_ssize_t,
               j=cython.Py_ssize_t, p=cython.Py_ssize_t, q=cython.Py_ssize_t,
               k=cython.Py_ssize_t, c=cython.int, x=cython.int, simple=cython.bint,
               n_lower=cython.Py_ssize_t, little=cython.bint, packed=bytes)
cpdef Py_ssize_t _loop_ids(bytes raw, const unsigned char[::1] rb, int[::1] out, tuple lt)

@cython.locals(raw=bytes, rb="const unsigned char[::1]", nb=cython.Py_ssize_t,
               v=cython.Py_ssize_t, ids="int[::1]", rows="int[::1]", n=cython.Py_ssize_t,
               space_punct=cython.Py_ssize_t, lower_after=cython.Py_ssize_t,
               i=cython.Py_ssize_t, x=cython.int, y=cython.int, per=cython.double,
               uni="const int[::1]", bi_tab="const long long[::1]",
               tri_tab="const long long[::1]", pk="const double[::1]",
               flags="const int[::1]", sent_end="const int[::1]", prev=cython.int,
               k=cython.Py_ssize_t, n_rows=cython.Py_ssize_t, c1=cython.Py_ssize_t,
               c3=cython.Py_ssize_t, c4=cython.Py_ssize_t, repeats=cython.Py_ssize_t,
               a=cython.int, b=cython.int, f=cython.int, d=cython.longlong,
               e=cython.longlong, slot=cython.longlong, rr=cython.double, ri=cython.double,
               sentences=cython.Py_ssize_t, words=cython.Py_ssize_t)
cpdef tuple loop_logits(str text, tuple lt, object dense_weights, tuple biases)
