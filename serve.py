"""The dashboard's server: Streamlit's pages (app.py) and the plain addresses netcoach answers beside them.

`streamlit run serve.py` (what `make run` does) finds the `app` below and
serves both on one port: the pages as usual, plus a member's private calendar
feed and the digest's unsubscribe link (netcoach/web/routes.py), which a
calendar app or a mail client opens without signing in.

Before serving, everything the pages import is imported and set aside from
the garbage collector's full sweeps (netcoach/web/heap.py, which also says
why the config turns off the sweep Streamlit would run after every page).
"""

import streamlit as st

from netcoach.web import heap
from netcoach.web.routes import ROUTES

app = st.App("app.py", routes=ROUTES)
heap.freeze_imports()
