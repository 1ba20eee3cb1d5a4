"""Tests of st.cache_data and st.cache_resource (jupyst/caching)."""
