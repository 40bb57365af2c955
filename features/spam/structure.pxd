# Cython declarations augmenting structure.py (compiled by setup.py when a compiler is present;
# the .py stays plain Python): the linear models' sum runs on C doubles (the same IEEE
# operations, in the same order, as on Python floats).
cimport cython

@cython.locals(mean=tuple, scale=tuple, coef=tuple, z=double, n=Py_ssize_t, i=Py_ssize_t,
               c=double, v=double, mu=double, sd=double)
cpdef double _logistic(object m, object x) except? -1.0

@cython.locals(n_alpha=Py_ssize_t, caps=Py_ssize_t, lower=Py_ssize_t, chars=Py_ssize_t,
               t=str, ch=Py_UCS4)
cpdef tuple _token_stats_loop(list toks)

@cython.locals(stripped=list, n_letters=Py_ssize_t, known=Py_ssize_t, commerce=Py_ssize_t,
               furn=Py_ssize_t, w=str, first=Py_UCS4, last=Py_UCS4)
cpdef tuple _word_stats_loop(list words, object vocab, object furniture)
