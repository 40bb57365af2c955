# Cython declarations augmenting normalize.py (compiled by setup.py when a compiler is present;
# the .py stays plain Python). Typed locals turn the character scan into a C loop.
cimport cython

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, ch=Py_UCS4, a=Py_UCS4, b=Py_UCS4, c=Py_UCS4)
cpdef bint _spaced_trigger_loop(str text)
