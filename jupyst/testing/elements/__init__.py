"""AppTest's element classes, one module per family: ``base`` (what all share), ``display``
(read-only elements), ``inputs`` (value widgets), ``choices`` (option widgets) and ``files``
(file, camera and chat input)."""
