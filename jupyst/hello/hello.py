"""jupyst hello: a tour of the Streamlit API and a small dashboard, served by `jupyst hello`.

A plain Streamlit script: it runs unchanged under `streamlit run` too. The e2e tests drive it,
so keep the labels and texts they look for (slider "Pick a number", "Clicked N times", ...).
"""

import pandas as pd
import streamlit as st

st.set_page_config(page_title="jupyst hello", page_icon="👋", layout="wide")

if "clicks" not in st.session_state:
    st.session_state.clicks = 0

# ----- sidebar ---------------------------------------------------------------------------
st.sidebar.header("Settings")
name = st.sidebar.text_input("Your name", "world")
mood = st.sidebar.radio("Mood", ["happy", "curious", "sleepy"])
show_data = st.sidebar.checkbox("Show data", value=True)
st.sidebar.caption("Every change reruns the script from the top.")

# ----- main ------------------------------------------------------------------------------
st.title("Hello, jupyst!")
st.markdown(
    f"Hi **{name}**, feeling *{mood}*? This app is a plain Streamlit script served by "
    "Voilà: each widget change reruns it, and only what changed is sent to the page."
)

left, right = st.columns(2)
with left:
    st.subheader("Slider")
    number = st.slider("Pick a number", 0, 100, 25)
    st.text(f"square = {number * number}")
with right:
    st.subheader("Text")
    word = st.text_input("Type a word and press Enter", "jupyst")
    st.text(f"reversed: {word[::-1]}")

st.divider()

c1, c2, c3 = st.columns(3)
with c1:
    fruit = st.selectbox("Favourite fruit", ["apple", "banana", "cherry"])
    st.write(f"You picked {fruit}.")
with c2:
    shout = st.checkbox("Shout")
    st.write("HELLO!" if shout else "hello.")
with c3:
    if st.button("Click me", type="primary"):
        st.session_state.clicks += 1
    st.text(f"Clicked {st.session_state.clicks} times")

with st.expander("What is going on?"):
    st.write("An expander hides details until it is opened.")
    st.code("import streamlit as st\nst.slider('Pick a number', 0, 100, 25)", language="python")

tab_a, tab_b = st.tabs(["Progress", "Messages"])
with tab_a:
    st.progress(number, text=f"{number}% of the way")
with tab_b:
    st.success("Success looks like this.")
    st.info("Info looks like this.")

with st.form("greeting"):
    st.write("A form sends its values only when submitted.")
    guest = st.text_input("Guest")
    count = st.number_input("How many", min_value=1, max_value=10, value=1)
    sent = st.form_submit_button("Send")
if sent:
    st.success(f"Invited {guest or 'nobody'} × {count}")

if show_data:
    st.subheader("Data")
    frame = pd.DataFrame({"x": range(1, 6), "square": [i * i for i in range(1, 6)]})
    st.write(frame)

# ----- dashboard: a cached data load, metrics, charts ------------------------------------
st.header("Dashboard")


@st.cache_data(ttl="1h", show_spinner="Loading sales…")
def load_sales(days: int) -> pd.DataFrame:
    """Synthetic daily sales; on disk after the first call, for every visitor's kernel."""
    import numpy as np

    rng = np.random.default_rng(7)
    dates = pd.date_range("2026-01-01", periods=days, freq="D")
    t = np.arange(days)
    season = np.sin(t / 9.0)
    return pd.DataFrame(
        {
            "date": dates,
            "north": 120 + 15 * season + rng.normal(0, 4, days),
            "south": 95 + 10 * np.cos(t / 11.0) + rng.normal(0, 4, days),
            "east": 70 + 0.1 * t + rng.normal(0, 3, days),
        }
    )


days = st.slider("Days of history", 30, 365, 90, step=15)
regions = st.multiselect("Regions", ["north", "south", "east"], default=["north", "south", "east"])
sales = load_sales(days)
if regions:
    latest, previous = sales.iloc[-1], sales.iloc[-8]
    for column, region in zip(st.columns(len(regions)), regions):
        column.metric(region.title(), f"{latest[region]:.0f}", f"{latest[region] - previous[region]:+.1f} vs last week")
    st.line_chart(sales, x="date", y=regions, y_label="units")
    weekly = sales.set_index("date")[regions].resample("W").sum()
    weekly.index = weekly.index.strftime("%m-%d")  # string categories sort, so sort by date
    st.bar_chart(weekly, stack=True, y_label="units per week")
    st.dataframe(sales[["date", *regions]], hide_index=True, height=250)
else:
    st.warning("Pick at least one region.")
