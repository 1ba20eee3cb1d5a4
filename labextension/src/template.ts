/** The app.py that "New jupyst app" writes, and jupyst's icon. */

export const APP_TEMPLATE = `import streamlit as st  # inside an app this is jupyst

st.title("My app")
st.write("Edit this file and save it: the preview beside it reruns and keeps its state.")

name = st.text_input("Your name", "world")
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.button("Click me"):
    st.session_state.clicks += 1

st.write(f"Hello, {name}! Button clicks: {st.session_state.clicks}")
`;

export const JUPYST_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16">
  <g class="jp-icon3" fill="#616161">
    <path d="M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm1 2v14h14V5H5z"/>
  </g>
  <path fill="#ff4b4b" d="M7 15l3-7 3 5 2-3 2 5z"/>
</svg>`;
