"""diarium: a static-site generator for the public records of committees.

The pipeline, one module a step: ``load`` (content → validated model) → ``link`` (diary
numbers, cases, backlinks) → ``render`` (pages) → ``write`` (atomic output) → ``index``
(data files, search, feeds). ``build`` runs them in order; ``cli`` is the command line.
"""
__version__ = "0.1.0"
