"""The bottom layer: content model (schema reader, shared types, guidelines, settings, the content folder).

Nothing here imports from the domain (``check``, ``wizard``, ``reply``), ``render`` or the CLI.
"""
