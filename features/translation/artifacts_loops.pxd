# Types for the compiled build of artifacts_loops.py (Cython "augmenting .pxd": the .py stays
# plain Python; setup.py compiles it with these declarations and the directives on its first
# line). See the module docstring.
import cython

cdef unsigned long long _HMUL
cdef unsigned long long _MASK64
cdef unsigned long long _KEY_MASK
cdef int _KEY_BYTES, _HASH_BITS, _BUCKET_BITS

@cython.locals(rb="const unsigned char[::1]", bits="const unsigned char[::1]",
               starts="const int[::1]", keys="const unsigned long long[::1]",
               offsets="const int[::1]", lengths="const int[::1]", order="const int[::1]",
               flat="const unsigned char[::1]", low="const unsigned char[::1]",
               nb=cython.Py_ssize_t, out=list, key=cython.ulonglong, i=cython.Py_ssize_t,
               restart=cython.bint, mask=cython.ulonglong, hmul=cython.ulonglong,
               shift=cython.int, bshift=cython.int, h=cython.ulonglong, p=cython.Py_ssize_t, b=cython.Py_ssize_t,
               e=cython.Py_ssize_t, length=cython.Py_ssize_t, off=cython.Py_ssize_t,
               k=cython.Py_ssize_t)
cpdef list lexicon_matches(bytes raw, tuple tables)
