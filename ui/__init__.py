"""The Streamlit app physicians edit drafts in."""
