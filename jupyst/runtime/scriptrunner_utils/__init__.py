"""``streamlit.runtime.scriptrunner_utils``: the package of Streamlit's run context module."""
