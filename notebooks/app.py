"""A small jupyst app as a script: open it in JupyterLab and click "App" in its toolbar.

The preview beside the code reruns when you save, and keeps what you typed and clicked.
Publish it with `jupyst run notebooks/app.py`.
"""

import streamlit as st

st.title("Tip calculator")
bill = st.number_input("Bill", min_value=0.0, value=42.0, step=1.0)
tip = st.slider("Tip (%)", 0, 30, 15)
people = st.number_input("People", min_value=1, value=2)
total = bill * (1 + tip / 100)
left, right = st.columns(2)
left.metric("Total", f"{total:.2f}")
right.metric("Each", f"{total / people:.2f}")
