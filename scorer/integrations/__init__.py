"""Shells that put :class:`scorer.filter.CredibilityFilter` into other tools' pipelines.

Each integration imports its host framework only when its module is imported, so credscore does
not depend on them: ``scorer.integrations.scrapy`` needs ``pip install credscore[scrapy]``.
"""
