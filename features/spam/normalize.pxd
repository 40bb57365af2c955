# Cython declarations augmenting normalize.py (compiled by setup.py when a compiler is present;
# the .py stays plain Python). Typed locals turn the character scans into C loops.
cimport cython

@cython.locals(ch=Py_UCS4, p1=Py_UCS4, p2=Py_UCS4, p3=Py_UCS4, p4=Py_UCS4, p5=Py_UCS4,
               p6=Py_UCS4)
cpdef bint _spaced_trigger_loop(str text)

@cython.locals(out=set, ch=Py_UCS4, last=Py_UCS4)
cpdef set _non_ascii_loop(str text)
