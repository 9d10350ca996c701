"""Clicking a fact's citation chip in the draft text opens the record panel on that fact. The
chips are plain HTML (``ui.chips``, drawn with ``st.html``), which cannot talk to Python; this
component has no markup of its own: its script listens for clicks on fact chips anywhere in
the page and sends the chip's marker back as a trigger value. One listener per mount; the
cleanup Streamlit calls on unmount removes it."""

from __future__ import annotations

from streamlit.components.v2 import component

JS = """
export default function (component) {
  const { setTriggerValue } = component;
  const onClick = (event) => {
    const summary = event.target.closest('details.nec-fact > summary');
    if (summary) {
      setTriggerValue('fact', summary.parentElement.dataset.marker);
    }
  };
  document.addEventListener('click', onClick, true);
  return () => document.removeEventListener('click', onClick, true);
}
"""

_listener = component("necessity_fact_chip_clicks", js=JS, isolate_styles=False)


def clicked_fact(draft_id: str) -> str | None:
    """The fact whose chip was clicked since the last run, if any (mount once per page)."""
    result = _listener(key=f"chip-clicks-{draft_id}", on_fact_change=lambda: None,
                       height=0)
    fact = getattr(result, "fact", None)
    return str(fact) if fact else None
