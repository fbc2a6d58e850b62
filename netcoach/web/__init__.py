"""The Streamlit side: who the current member is, page guard, forms, safe rendering of member text."""
