"""A reading-club picker: one multiselect with two choices made and room for more."""

import streamlit as st

st.multiselect("Genres you read", ["Mystery", "Poetry", "History", "Science fiction", "Travel"], default=["Poetry", "Travel"])
