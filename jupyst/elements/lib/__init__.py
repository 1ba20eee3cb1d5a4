"""The element framework and the pure helpers every ``st.*`` family shares.

The plain element tree (:mod:`.node`), the renderer registry, element identity, what every
input widget does in a run (:mod:`.widget_base`), and helpers with no app state: options,
sizing, icons, markdown, number formats, dataframe conversion and the grid's data model.
"""
