"""Framework and pure helpers shared by element families."""
