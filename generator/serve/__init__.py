"""``diarium serve``: a preview of the site, rebuilt as files are saved and reloaded in the browser.

command.py (the command line) → session.py (ties the parts together) → watch.py (file events,
debounced) → preview.py (what a change affects; patch.py reloads one meeting folder in place) →
inplace.py (atomic writes into the served folder) → indexer.py (data files, feeds and search in a
child process started from a fork server) → server.py (HTTP, live reload, error overlay; live.js runs in the browser).
"""
