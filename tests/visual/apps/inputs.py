"""A sign-up form in the style of Streamlit's input-widgets template: one of each input."""

import streamlit as st

st.title("Join the reading club")
st.write("Tell us a little about yourself and we will match you with a group.")
name = st.text_input("Your name", "Ada")
age = st.number_input("Your age", min_value=10, max_value=120, value=30)
pages = st.slider("Pages a week", 0, 500, 120)
genre = st.selectbox("Favourite genre", ["Mystery", "Poetry", "History"])
st.checkbox("Send me the newsletter")
st.radio("Meeting format", ["In person", "Online"])
st.text_area("Anything else?", "")
st.date_input("Start date", value=None)
st.file_uploader("Reading list (CSV)")
st.button("Sign up")
