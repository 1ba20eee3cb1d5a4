"""The session side of an app: one script's session, its runs, its pages and its dev loop.

An :class:`~jupyst.app.session.AppSession` owns a script's state, requests, reconciler and
script thread; the script runner executes one run; per-session page routing and the file
watcher of the dev loop live here too. Entry points (notebook, AppTest, Voilà, the shared
server) create sessions; nothing below this package knows about them.
"""
