"""A small dashboard in the style of Streamlit's GDP template, with made-up figures."""

import numpy as np
import pandas as pd
import streamlit as st

st.title("Harbour traffic")
st.caption("Ships calling at three harbours, by year (invented numbers).")
years = np.arange(2000, 2021)
rng = np.random.default_rng(7)
traffic = pd.DataFrame(
    {name: np.cumsum(rng.integers(50, 150, len(years))) for name in ("North", "East", "West")},
    index=years,
)
st.header("Ships per year")
st.line_chart(traffic)
st.subheader("Latest year")
left, middle, right = st.columns(3)
for column, name in zip((left, middle, right), traffic.columns):
    column.metric(f"{name} harbour", f"{traffic[name].iloc[-1]:,}", f"{traffic[name].iloc[-1] - traffic[name].iloc[-2]:+,}")
st.subheader("The numbers")
st.dataframe(traffic.tail(5))
st.info("Figures are yearly totals.")
st.success("All harbours reported.")
with st.expander("About the data"):
    st.markdown("Counted at each harbour's gate.")
