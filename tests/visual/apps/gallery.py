"""A field-notes app for a birdwatching club, written to show every element family once.

In the manner of Streamlit's public templates (a title, a sidebar of filters, a few
sections of text, data, charts, inputs, media, layout, status and chat), with invented
numbers. Every visible label is unique, so the parity suite can find it on both sides.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

rng = np.random.default_rng(11)
days = pd.date_range("2024-04-01", periods=30, freq="D")
sightings = pd.DataFrame(
    {"Herons": rng.integers(2, 12, 30).cumsum(), "Swifts": rng.integers(5, 20, 30).cumsum(), "Owls": rng.integers(0, 4, 30).cumsum()},
    index=days,
)

with st.sidebar:
    st.header("Filters")
    st.selectbox("Reserve", ["Marsh lake", "Pine ridge", "Old quarry"])
    st.checkbox("Only rare birds")
    st.page_link("https://example.org/guide", label="Field guide", icon=":material/menu_book:")

# ----- text
st.title(":material/flutter_dash: Field notes")
st.header("Spring count")
st.subheader("What we saw this month")
st.caption("Numbers are invented for this example.")
st.markdown("Counts are **cumulative** over the month :material/trending_up: and *checked twice*.")
st.markdown("Counted at dawn and dusk", text_alignment="right")
st.caption("Weather permitting", text_alignment="center")
st.markdown("A narrow note", width=240)
st.code("total = sightings.sum()", language="python")
st.latex(r"\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i")
st.divider()

# ----- data
st.subheader("Data")
left, middle, right = st.columns(3)
left.metric("Heron sightings", int(sightings["Herons"].iloc[-1]), "+4")
middle.metric("Swift sightings", int(sightings["Swifts"].iloc[-1]), "-2")
right.metric("Owl sightings", int(sightings["Owls"].iloc[-1]), "0")
st.caption("The last five days")
st.dataframe(sightings.tail(5))
st.caption("Totals by species")
st.table(pd.DataFrame({"Species": ["Grey heron", "Common swift"], "Count": [41, 203]}))
st.json({"reserve": "Marsh lake", "observers": 7})

# ----- charts
st.subheader("Charts")
st.caption("Line chart of sightings")
st.line_chart(sightings)
st.caption("Area chart of sightings")
st.area_chart(sightings)
st.caption("Bar chart of sightings")
st.bar_chart(sightings.tail(7))
st.caption("Scatter chart of sightings")
st.scatter_chart(sightings.reset_index(drop=True), x="Herons", y="Swifts")
st.caption("Altair chart of swifts")
st.altair_chart(alt.Chart(sightings.reset_index(names="day")).mark_line().encode(x="day:T", y="Swifts:Q"))
st.caption("Vega-Lite chart of owls")
st.vega_lite_chart(
    sightings.reset_index(names="day"),
    {"mark": "bar", "encoding": {"x": {"field": "day", "type": "temporal"}, "y": {"field": "Owls", "type": "quantitative"}}},
)

# ----- inputs
st.subheader("Report a sighting")
st.button("Save report", icon=":material/save:")
st.button("Send to the club", use_container_width=True)
st.download_button("Download the counts", "heron,4\n", file_name="counts.csv", width=320)
st.checkbox("I used binoculars")
st.toggle("Share with the club")
st.radio("Time of day", ["Dawn", "Dusk"], horizontal=True)
st.selectbox("Weather", ["Clear", "Overcast", "Rain"])
st.multiselect("Genres you read", ["Mystery", "Poetry", "History", "Science fiction", "Travel"], default=["Poetry", "Travel"])
st.slider("Flock size", 0, 200, 40)
st.select_slider("Confidence", ["Unsure", "Likely", "Certain"], value="Likely")
st.text_input("Observer name", "Robin")
st.text_area("Notes on behaviour", "Feeding near the reeds.")
st.number_input("Minutes watched", min_value=0, max_value=600, value=45)
st.date_input("Day of sighting", value=None)
st.time_input("Time of sighting", value=None)
st.color_picker("Plumage colour", "#3366AA")
st.file_uploader("Photo of the bird")
st.pills("Habitat", ["Water", "Reeds", "Trees"], default="Reeds")
st.segmented_control("Distance", ["Near", "Far"], default="Near")
st.feedback("thumbs")

# ----- media
st.subheader("Media")
gradient = np.tile(np.linspace(0, 255, 240, dtype=np.uint8), (60, 1))
st.image(gradient, caption="Dawn light over the lake")

# ----- layout
st.subheader("Layout")
first, second = st.tabs(["Morning walk", "Evening walk"])
first.write("Twelve species before breakfast.")
second.write("Owls after sunset.")
with st.expander("How we count"):
    st.write("Each observer counts once per hour.")
with st.container(border=True):
    st.write("Bring a notebook and warm clothes.")

# ----- status
st.subheader("Status")
st.success("Count submitted.")
st.info("The next count is in May.")
st.warning("Paths are muddy after rain.")
st.error("The hide at the north shore is closed.")
st.exception(RuntimeError("The tally sheet could not be read."))
st.progress(40, text="Season progress")

# ----- chat and links
st.subheader("Club chat")
with st.chat_message("user"):
    st.write("Did anyone see the kingfisher?")
with st.chat_message("assistant"):
    st.write("Yes, by the old bridge at dawn.")
st.link_button("Club website", "https://example.org")
st.chat_input("Ask the club")
