"""jupyst's own ipywidgets: controls that ipywidgets does not have, one family per module.

These know nothing of scripts or sessions: they are widgets with traits (``help=`` on each
synced one), as ipywidgets' own are. Element renderers build them.
"""
