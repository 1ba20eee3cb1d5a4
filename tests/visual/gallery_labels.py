"""What a visitor reads on apps/gallery.py, grouped as the parity checks use it.

``MAIN`` and ``SIDEBAR`` are the texts in reading order in the main column and the sidebar;
``CHART_CAPTIONS`` are the captions drawn right above a chart, grid or table (the element
after each is compared by width); ``ICONS`` are the ``:material/…:`` names drawn as ligatures
in markdown and titles, and ``ICON_CAPTIONS`` the plain-text captions that start with an
icon (a button and a page link: their icon is the font's private-use character).
"""

from __future__ import annotations

SIDEBAR = ["Filters", "Reserve", "Only rare birds", "Field guide"]
MAIN = [
    # text
    "Field notes", "Spring count", "What we saw this month", "Numbers are invented for this example.", "Counts are",
    "Counted at dawn and dusk", "Weather permitting", "A narrow note",
    # data
    "Data", "Heron sightings", "Swift sightings", "Owl sightings", "The last five days", "Totals by species",
    "Species", "Grey heron", "Common swift",
    # charts
    "Charts", "Line chart of sightings", "Area chart of sightings", "Bar chart of sightings", "Scatter chart of sightings",
    "Altair chart of swifts", "Vega-Lite chart of owls",
    # inputs
    "Report a sighting", "Save report", "Send to the club", "Download the counts", "I used binoculars", "Share with the club", "Time of day", "Dawn", "Dusk",
    "Weather", "Genres you read", "Poetry", "Travel", "Flock size", "Confidence", "Observer name",
    "Notes on behaviour", "Minutes watched", "Day of sighting", "Time of sighting", "Plumage colour",
    "Photo of the bird", "Habitat", "Water", "Reeds", "Trees", "Distance", "Near", "Far",
    # media
    "Media", "Dawn light over the lake",
    # layout
    "Layout", "Morning walk", "Evening walk", "Twelve species before breakfast.", "How we count",
    "Bring a notebook and warm clothes.",
    # status
    "Status", "Count submitted.", "The next count is in May.", "Paths are muddy after rain.",
    "The hide at the north shore is closed.", "Season progress",
    # chat and links
    "Club chat", "Did anyone see the kingfisher?", "Yes, by the old bridge at dawn.", "Club website",
]
CHART_CAPTIONS = [
    "The last five days", "Line chart of sightings", "Area chart of sightings", "Bar chart of sightings",
    "Scatter chart of sightings", "Altair chart of swifts", "Vega-Lite chart of owls",
]
ICONS = ["flutter_dash", "trending_up"]
ICON_CAPTIONS = ["Save report", "Field guide"]
#: the last texts of the page: once they are drawn, the page is complete
#: texts drawn with a text_alignment: where the text sits across the main column must agree
ALIGNED = ["Counted at dawn and dusk", "Weather permitting"]
WAIT_FOR = ("Club website", "Season progress", "Vega-Lite chart of owls")
