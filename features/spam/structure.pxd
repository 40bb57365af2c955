# Cython declarations augmenting structure.py (compiled by setup.py when a compiler is present;
# the .py stays plain Python): the linear models' sum runs on C doubles (the same IEEE
# operations, in the same order, as on Python floats).
cimport cython

@cython.locals(mean=tuple, scale=tuple, coef=tuple, z=double, n=Py_ssize_t, i=Py_ssize_t,
               c=double, v=double, mu=double, sd=double)
cpdef double _logistic(object m, object x) except? -1.0
