"""jupyst hello, database page: ``st.connection`` on a SQLite file, a query filtered by widgets.

The database is made on the first run, in jupyst's cache directory (``JUPYST_CACHE_DIR``)
or else a folder of the system's temp directory, never in the package. A plain Streamlit
script: it runs unchanged under ``streamlit run`` too.
"""

import getpass
import os
import sqlite3
import tempfile
from pathlib import Path

import streamlit as st

REGIONS = ["north", "south", "east", "west"]
CUSTOMERS = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal"]


def database_path() -> Path:
    """The demo database, written once (atomically: several visitors may start at once)."""
    folder = os.environ.get("JUPYST_CACHE_DIR") or os.path.join(
        tempfile.gettempdir(), f"jupyst-hello-{getpass.getuser()}"
    )
    path = Path(folder) / "hello-orders.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with sqlite3.connect(partial) as db:
            db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, region TEXT, total REAL)")
            db.executemany(
                "INSERT INTO orders VALUES (?, ?, ?, ?)",
                [
                    (i, CUSTOMERS[i * 5 % len(CUSTOMERS)], REGIONS[i * 3 % len(REGIONS)], float((i * 37) % 480 + 20))
                    for i in range(1, 49)
                ],
            )
        db.close()
        os.replace(partial, path)
    return path


st.title("Database")
st.caption(
    "`st.connection` opens the database once per process; `conn.query` results are cached "
    "on disk, so every visitor's kernel gets them without asking the database again."
)

conn = st.connection("hello_orders", type="sql", url=f"sqlite:///{database_path()}")
regions = conn.query("SELECT DISTINCT region FROM orders ORDER BY region")["region"].tolist()

left, right = st.columns(2)
region = left.selectbox("Region", ["all", *regions])
minimum = right.slider("Minimum total", 0, 500, 0, step=50)

sql = "SELECT id, customer, region, total FROM orders WHERE total >= :minimum"
params = {"minimum": minimum}
if region != "all":
    sql += " AND region = :region"
    params["region"] = region
orders = conn.query(sql + " ORDER BY id", params=params, ttl=600)

orders_column, revenue_column = st.columns(2)
orders_column.metric("Orders", len(orders))
revenue_column.metric("Revenue", f"{orders['total'].sum():,.0f}")
st.dataframe(orders, hide_index=True)
st.code(sql, language="sql")
