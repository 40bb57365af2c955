# Cython declarations augmenting lexicon.py (compiled by setup.py when a compiler is present;
# the .py stays plain Python): the byte-to-character offset count is a C loop.
cimport cython

@cython.locals(out=list, pos=Py_ssize_t, chars=Py_ssize_t, a=Py_ssize_t,
               b=Py_ssize_t, ca=Py_ssize_t, c=cython.uchar)
cpdef list _char_offsets(bytes utf8, list found, tuple ids)
