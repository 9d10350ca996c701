"""The criteria engine: guideline criteria as data, evaluated against case facts."""
