"""The app's pages, one script per page; streamlit runs them (see ui/app.py), nothing imports
them."""
