"""Parameter descriptions that many public functions share, written once (as seaborn's ``_docstrings``).

A docstring line holding only ``{name}`` (a key of :data:`PARAMETERS`) becomes that entry, indented as the line
was: ``@shared_docs`` under the function's other decorators fills it in when the module is imported.
"""

from __future__ import annotations

PARAMETERS = {
    "articles": """\
articles : DataFrame
    One row per article (``article_id``, ``outlet``, ``event``, ``published``, ``title``, ``text``):
    :func:`analysis.load_corpus`'s table, or a prepared corpus's ``articles``.""",
    "sentences": """\
sentences : DataFrame
    One row per sentence (``article_id``, ``sentence_index``, ``outlet``, ``event``, ``text``, and VADER's
    ``compound``): :func:`analysis.score_sentences`'s table.""",
    "article_scores": """\
article_scores : DataFrame
    One row per article with ``outlet``, ``event`` and its mean sentence tone ``compound_mean``:
    :func:`analysis.article_sentiment`'s table.""",
    "contrasts": """\
contrasts : DataFrame
    :func:`analysis.contrast_terms`'s table: one row per scope, outlet and term, with ``count``, ``z`` and
    ``q``.""",
    "mentions": """\
mentions : DataFrame
    :func:`analysis.find_actors`'s table: one row per mention, with ``actor``, ``article_id``, ``outlet``,
    ``start`` and ``end``.""",
    "colors": """\
colors : dict
    Outlet name to colour: :func:`analysis.outlet_colors`.""",
    "event_names": """\
labels : dict, optional
    Event id to a readable label (:func:`analysis.event_labels`); an event without one is shown by its id.""",
    "max_events": """\
max_events : int, default 40
    At most this many events are shown: those most outlets covered.""",
    "out_dir": """\
out_dir : str or Path
    The report's folder (:func:`analysis.output_folder`).""",
    "figure": """\
Figure
    The figure; :func:`analysis.save_figure` saves it, :func:`analysis.close` releases it. A corpus with
    nothing to show gets a figure that says so.""",
}


def shared_docs(func):
    """Fill the ``{name}`` lines of ``func``'s docstring with :data:`PARAMETERS`; returns ``func``."""
    lines = []
    for line in (func.__doc__ or "").splitlines():
        key = line.strip()
        if key.startswith("{") and key.endswith("}") and key[1:-1] in PARAMETERS:
            indent = line[: len(line) - len(line.lstrip())]
            lines += [indent + text for text in PARAMETERS[key[1:-1]].splitlines()]
        else:
            lines.append(line)
    func.__doc__ = "\n".join(lines)
    return func
