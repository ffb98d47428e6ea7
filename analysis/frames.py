"""Generic news frames per article, after Semetko and Valkenburg (2000), with the sentences behind each label.

The five frames of their typology, as communication research names them:

- **conflict**: disagreement between parties, individuals, groups or countries; one reproaching another;
  two sides or more; winners and losers;
- **human interest**: a human example or face; personal vignettes and emotion; how individuals are affected;
  their private lives;
- **economic consequences**: financial losses or gains; costs; the economic consequences of acting or not;
- **morality**: a moral message; morality, God and religious tenets; prescriptions of how to behave;
- **responsibility** (here ``resolution``, after the coded corpus): some level of government or a person
  responsible for the problem or able to solve it; solutions; urgency.

:func:`score_frames` puts one logistic regression per frame over the article's words (sublinear TF-IDF,
scikit-learn's) and five frame-cue features: how often (per 1,000 words, log-scaled) the article uses words
drawn from the coders' questions for each frame (``CUES``). A frame is labelled where its probability reaches
the frame's threshold, chosen by cross-validation inside the training folds. The model is trained on the
Narrative Frames Corpus (Frermann, Li, Khanehzar and Mikolajczak, ACL 2023; climate coverage, MIT licence,
``analysis/models/LICENSE-narrative-frames.txt``) by ``python -m analysis.models.train_frames``, which prints
its cross-validated figures; ``analysis/models/frames_cv.json`` holds them, and the hand-coded out-of-domain
check on political news that decides which frames the findings may state (:func:`out_of_domain`,
:func:`reliable_frames`).

:func:`frame_evidence` gives, for every labelled frame, the sentences that weigh most for it: the model is
linear, so each word's term in an article's score is split among the sentences by how often each uses the
word, the frame-cue term likewise; a sentence's weight is the sum of its shares.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import FrameError, InsufficientData
from .languages import english_only
from .modelfile import ModelFile
from .sentences import split_text
from .tables import needs

FRAMES = ("conflict", "human_interest", "economic", "moral", "resolution")
#: the frames as the literature names them
FRAME_NAMES = {
    "conflict": "conflict",
    "human_interest": "human interest",
    "economic": "economic consequences",
    "moral": "morality",
    "resolution": "responsibility",
}
#: the coded corpus's columns
CODES = {
    "CO": "conflict",
    "HI": "human_interest",
    "EC": "economic",
    "MO": "moral",
    "RE": "resolution",
}
PROBABILITY_COLUMNS = [f + "_p" for f in FRAMES]
READS = "the frame model reads English only"
MODEL_PATH = Path(__file__).parent / "models" / "frames.zip"
CV_PATH = Path(__file__).parent / "models" / "frames_cv.json"
#: words (whole tokens, lowercase, as scikit-learn's tokenizer cuts them) that the coders' questions for each
#: frame point to; a feature per frame counts them
CUES = {
    "conflict": (
        r"disagree\w*|dispute\w*|conflict\w*|fight\w*|battle\w*|clash\w*|accus\w*|critic\w*|attack\w*"
        r"|oppos\w*|versus|rival\w*|feud\w*|slam\w*|blast\w*|reject\w*|denounc\w*|protest\w*|wars?"
        r"|against|sue[sd]?|lawsuits?|winners?|losers?|divid\w*|division\w*|partisan|sides?"
    ),
    "human_interest": (
        r"my|me|our|famil\w*|child\w*|kids?|mother|father|daughters?|sons?|wife|husband|homes?|lives"
        r"|life|story|stories|heart\w*|fear\w*|tears?|grief|cried|love\w*|hope\w*|struggl\w*|suffer\w*"
        r"|victims?|personal\w*|old|he|she"
    ),
    "economic": (
        r"dollars?|billion\w*|million\w*|trillion\w*|costs?|costly|costing|econom\w*|jobs?|employ\w*"
        r"|tax\w*|prices?|spend\w*|fund\w*|invest\w*|profit\w*|loss\w*|budget\w*|financ\w*|markets?"
        r"|industr\w*|gdp|revenue\w*|expens\w*|afford\w*|subsid\w*|pay\w*"
    ),
    "moral": (
        r"moral\w*|ethic\w*|god|religio\w*|church\w*|pope|faith\w*|sins?|christian\w*|bible|biblical"
        r"|pray\w*|should|ought|must|duty|righteous\w*|evil|shame\w*|virtue\w*|justice|obligation\w*"
        r"|sacred|generations?"
    ),
    "resolution": (
        r"solution\w*|solv\w*|policy|policies|plans?|planned|government\w*|regulat\w*|laws?|legislat\w*"
        r"|responsib\w*|blame\w*|caus\w*|urgent\w*|action|act|must|need\w*|reduc\w*|cut|cuts|targets?"
        r"|agreements?|congress|administration|minister\w*|ban|bans|banned"
    ),
}
TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default: the tokens the vocabulary holds
_TOKENS = re.compile(TOKEN_PATTERN)
CHUNK = 5_000  # articles scored at once: memory stays flat
EVIDENCE_TOP = 3


class FrameModel(ModelFile):
    """The trained frame model: vocabulary and IDF weights, the frame-cue features' scaling, one logistic
    regression per frame and its threshold. :meth:`load` reads the shipped file; :meth:`save` writes the same
    bytes for the same arrays.

    Parameters
    ----------
    vocabulary : list of str
        The words, in the order of the coefficients' first columns.
    idf : array, shape (n_words,)
        scikit-learn's smoothed IDF of each word on the training articles.
    cue_mean, cue_scale : array, shape (5,)
        Centre and scale of the frame-cue features on the training articles.
    coef : array, shape (5, n_words + 5)
        Each frame's weights: the words', then the five cue features'.
    intercept, thresholds : array, shape (5,)
        Each frame's intercept, and the probability from which it is labelled.
    meta : dict
        ``cues`` (the patterns it was trained with), ``cue_weight`` and the training's provenance.
    """

    ARRAYS = ("idf", "cue_mean", "cue_scale", "coef", "intercept", "thresholds")
    PATH = MODEL_PATH

    def __init__(self, vocabulary, idf, cue_mean, cue_scale, coef, intercept, thresholds, meta):
        self.vocabulary = list(vocabulary)
        self.idf = np.asarray(idf, "float64")
        self.cue_mean, self.cue_scale = (np.asarray(a, "float64") for a in (cue_mean, cue_scale))
        self.coef, self.intercept = np.asarray(coef, "float64"), np.asarray(intercept, "float64")
        self.thresholds = np.asarray(thresholds, "float64")
        self.meta = dict(meta)
        self.cue_weight = float(self.meta["cue_weight"])
        self.cue_words = cue_matrix(self.vocabulary, self.meta["cues"])
        self._counter = self._tfidf = None

    def counts(self, texts) -> "scipy.sparse.csr_matrix":  # noqa: F821
        """Word counts over the vocabulary (scikit-learn's ``CountVectorizer``)."""
        if self._counter is None:
            from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

            self._counter = CountVectorizer(vocabulary=self.vocabulary, dtype=np.float64)
            self._tfidf = TfidfTransformer(sublinear_tf=True)
            self._tfidf.idf_ = self.idf
        return self._counter.transform(texts)

    def design(self, counts, tokens) -> tuple["scipy.sparse.csr_matrix", np.ndarray]:  # noqa: F821
        """The design matrix (TF-IDF beside the weighted, standardised cue features) and the raw cue
        features."""
        from scipy import sparse

        cues = cue_features(counts, tokens, self.cue_words)
        scaled = (cues - self.cue_mean) / self.cue_scale * self.cue_weight
        words = self._tfidf.transform(counts)
        return sparse.hstack([words, sparse.csr_matrix(scaled)]).tocsr(), cues

    def probabilities(self, texts) -> np.ndarray:
        """Each text's probability of each frame, shape (n, 5), in :data:`FRAMES`' order."""
        design, _ = self.design(self.counts(texts), n_tokens(texts))
        return _sigmoid(design @ self.coef.T + self.intercept)


def cue_matrix(vocabulary: list[str], cues: dict[str, str]) -> "scipy.sparse.csr_matrix":  # noqa: F821
    """Words x frames, 1 where the word is one of the frame's cue words (its pattern matches it whole)."""
    from scipy import sparse

    rows, cols = [], []
    for j, frame in enumerate(FRAMES):
        pattern = re.compile(cues[frame])
        hits = [i for i, word in enumerate(vocabulary) if pattern.fullmatch(word)]
        rows += hits
        cols += [j] * len(hits)
    data = np.ones(len(rows))
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(vocabulary), len(FRAMES)))


def cue_features(counts, tokens: np.ndarray, cue_words) -> np.ndarray:
    """The five frame-cue features: ``log(1 + 1000 x cue words / tokens)`` of each text."""
    hits = np.asarray((counts @ cue_words).todense(), dtype="float64")
    return np.log1p(1000.0 * hits / np.maximum(tokens, 1)[:, None])


def n_tokens(texts) -> np.ndarray:
    """Tokens in each text, as scikit-learn's default tokenizer counts them (stop words included)."""
    find = _TOKENS.findall
    return np.fromiter((len(find(t)) for t in texts), "float64", len(texts))


def _sigmoid(x) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x)))


@lru_cache(maxsize=1)
def default_model() -> FrameModel:
    """The shipped model, read once per process."""
    return FrameModel.load()


@lru_cache(maxsize=1)
def validation() -> dict:
    """The shipped model's figures (``frames_cv.json``): cross-validation and the out-of-domain check."""
    return json.loads(CV_PATH.read_text(encoding="utf-8"))


def out_of_domain(figures: dict | None = None) -> dict[str, dict]:
    """Per frame, the hand-coded out-of-domain check on political news: ``precision``, ``recall``,
    ``n_coded`` (articles with the frame), ``reliable`` and ``why`` (in words); of ``figures`` as
    ``frames_cv.json`` holds them, the shipped model's by default."""
    return (figures or validation())["out_of_domain"]["frames"]


def reliable_frames(figures: dict | None = None) -> list[str]:
    """The frames whose labels held on hand-coded political news; the findings state only these.

    Parameters
    ----------
    figures : dict, optional
        A model's figures as ``frames_cv.json`` holds them; the shipped model's by default.

    Returns
    -------
    list of str
        The frames (of :data:`FRAMES`, in order) whose precision and recall were both at least 0.6 on the
        hand-coded sample, with at least five coded articles with the frame and five without.
    """
    checked = out_of_domain(figures)
    return [f for f in FRAMES if checked[f]["reliable"]]


def frame_checks(figures: dict | None = None) -> pd.DataFrame:
    """How far a frame model can be trusted, frame by frame.

    Parameters
    ----------
    figures : dict, optional
        A model's figures as ``frames_cv.json`` holds them; the shipped model's by default.

    Returns
    -------
    DataFrame
        ``frame``, ``frame_name``, ``cv_macro_f1`` (cross-validated on the coded climate articles, thresholds
        chosen inside each training part), ``baseline_macro_f1`` (TF-IDF logistic regression, scikit-learn's
        defaults), ``majority_macro_f1``, and on the hand-coded political articles ``precision``, ``recall``,
        ``n_coded`` (articles coded with the frame), ``reliable`` and ``why``.
    """
    cv = (figures or validation())["cross_validation"]
    checked = out_of_domain(figures)
    rows = [
        (
            frame,
            FRAME_NAMES[frame],
            cv["model"]["frames"][frame],
            cv["tfidf_lr"]["frames"][frame],
            cv["majority"]["frames"][frame],
            checked[frame]["precision"],
            checked[frame]["recall"],
            checked[frame]["n_coded"],
            checked[frame]["reliable"],
            checked[frame]["why"],
        )
        for frame in FRAMES
    ]
    columns = ["frame", "frame_name", "cv_macro_f1", "baseline_macro_f1", "majority_macro_f1"]
    return pd.DataFrame(
        rows, columns=[*columns, "precision", "recall", "n_coded", "reliable", "why"]
    )


@needs(articles=["article_id", "text"])
def score_frames(articles: pd.DataFrame, *, model: FrameModel | None = None) -> pd.DataFrame:
    """Each article's generic news frames: a probability and a 0/1 label per frame.

    Parameters
    ----------
    articles : DataFrame
        Articles with ``article_id`` and ``text`` (``outlet``, ``event`` and ``language`` are carried
        along where present); a :class:`~analysis.PreparedCorpus`'s articles.
    model : FrameModel, optional
        Another trained model; the shipped one by default.

    Returns
    -------
    DataFrame
        One row per English article: ``article_id`` (and ``outlet``, ``event`` where given), the five
        probabilities ``conflict_p``, ``human_interest_p``, ``economic_p``, ``moral_p``,
        ``resolution_p`` and the five labels ``conflict``, ``human_interest``, ``economic``, ``moral``,
        ``resolution`` (1 where the probability reaches the frame's threshold). Articles in other
        languages are left out, with a note in ``attrs["notes"]`` (no English article: no row, and the
        note says so); ``attrs["thresholds"]`` holds the thresholds.
    """
    model = model or default_model()
    try:
        english, note = english_only(articles, READS)
    except InsufficientData as err:  # no English article: an empty table that says why
        english, note = articles.iloc[:0], str(err)
    keep = [c for c in ("article_id", "outlet", "event") if c in english.columns]
    texts = english["text"].fillna("").astype(str).tolist()
    parts = [model.probabilities(texts[lo : lo + CHUNK]) for lo in range(0, len(texts), CHUNK)]
    p = np.vstack(parts) if parts else np.zeros((0, len(FRAMES)))
    out = english[keep].reset_index(drop=True)
    for j, frame in enumerate(FRAMES):
        out[frame + "_p"] = p[:, j]
    for j, frame in enumerate(FRAMES):
        out[frame] = (p[:, j] >= model.thresholds[j]).astype("int8")
    out.attrs["notes"] = [note] if note else []
    out.attrs["thresholds"] = dict(zip(FRAMES, model.thresholds.round(4).tolist()))
    return out


EVIDENCE_COLUMNS = [
    "article_id",
    "outlet",
    "event",
    "frame",
    "rank",
    "sentence_index",
    "text",
    "start",
    "end",
    "weight",
]


@needs(articles=["article_id", "text"], frames=["article_id", *FRAMES])
def frame_evidence(
    articles: pd.DataFrame,
    frames: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    top: int = EVIDENCE_TOP,
    per_group: int | None = None,
    seed: int = 0,
    model: FrameModel | None = None,
) -> pd.DataFrame:
    """The sentences that weigh most for each frame an article is labelled with.

    A sentence's weight for a frame is its share of the article's linear score: each word's term split
    among the article's sentences by how often each uses the word, the frame-cue term by how many of the
    frame's cue words each holds. The intercept and the cue features' centring belong to no sentence, so
    the weights of an article's sentences sum to its score less those constants.

    Parameters
    ----------
    articles : DataFrame
        The articles scored (``article_id``, ``text``).
    frames : DataFrame
        :func:`score_frames`' table for them.
    sentences : DataFrame, optional
        The articles' sentences (``article_id``, ``sentence_index``, ``text``, ``start``, ``end``, as
        :meth:`PreparedCorpus.sentences` gives them); split here when not given.
    top : int, default 3
        Sentences per article and frame (only sentences that weigh for the frame, weight > 0).
    per_group : int, optional
        At most this many labelled articles per outlet and frame, drawn at random with ``seed`` (for a big
        corpus: enough to check the labels); all by default.
    seed : int, default 0
        The draw's seed: the same articles every run.
    model : FrameModel, optional
        The model that scored them; the shipped one by default.

    Returns
    -------
    DataFrame
        ``article_id``, ``outlet``, ``event``, ``frame``, ``rank`` (1 = weighs most), ``sentence_index``,
        ``text``, ``start``, ``end`` (offsets into the article's text) and ``weight``.
    """
    model = model or default_model()
    twice = articles["article_id"][articles["article_id"].duplicated()]
    if len(twice):
        raise FrameError(
            f"frame_evidence needs one row per article: {len(twice)} article_id values come twice "
            f"(first {twice.iloc[0]!r})"
        )
    chosen = _labelled(frames, per_group, seed)
    wanted = articles[articles["article_id"].isin(chosen["article_id"])]
    if wanted.empty:
        return pd.DataFrame([], columns=EVIDENCE_COLUMNS)
    split = _sentences_of(wanted, sentences)
    parts = []
    ids = wanted["article_id"].tolist()
    for lo in range(0, len(ids), CHUNK):
        chunk = wanted.iloc[lo : lo + CHUNK]
        rows = split[split["article_id"].isin(chunk["article_id"])]
        parts.append(_weigh(model, chunk, rows))
    weights = pd.concat(parts, ignore_index=True)
    found = []
    for frame in FRAMES:
        held = set(chosen.loc[chosen["frame"] == frame, "article_id"])
        w = weights[weights["article_id"].isin(held)].assign(frame=frame, weight=weights[frame])
        w = w[w["weight"] > 0].sort_values(
            ["article_id", "weight", "sentence_index"], ascending=[True, False, True], kind="stable"
        )
        w["rank"] = w.groupby("article_id", sort=False).cumcount() + 1
        found.append(w[w["rank"] <= top])
    out = pd.concat(found, ignore_index=True)
    meta = articles.set_index("article_id")
    for column in ("outlet", "event"):
        out[column] = out["article_id"].map(meta[column]) if column in meta else None
    whole = {c: "int64" for c in ("rank", "sentence_index", "start", "end")}
    return out[EVIDENCE_COLUMNS].astype(whole).reset_index(drop=True)


def _labelled(frames: pd.DataFrame, per_group: int | None, seed: int) -> pd.DataFrame:
    """``article_id``, ``frame`` of every label (or of ``per_group`` drawn per outlet and frame)."""
    parts = []
    for frame in FRAMES:
        held = frames.loc[frames[frame].to_numpy() == 1]
        if per_group is not None:
            groups = held.groupby("outlet", sort=True) if "outlet" in held else [(None, held)]
            rng = np.random.default_rng(seed)
            held = pd.concat(
                [g.iloc[np.sort(rng.permutation(len(g))[:per_group])] for _, g in groups]
                or [held.iloc[:0]]
            )
        parts.append(pd.DataFrame({"article_id": held["article_id"].to_numpy(), "frame": frame}))
    return pd.concat(parts, ignore_index=True)


def _sentences_of(articles: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.DataFrame:
    """``article_id``, ``sentence_index``, ``text``, ``start``, ``end`` of the articles' sentences."""
    columns = ["article_id", "sentence_index", "text", "start", "end"]
    if sentences is not None:
        return sentences.loc[sentences["article_id"].isin(articles["article_id"]), columns]
    rows = [
        (a, i, body, s, e)
        for a, text in zip(articles["article_id"], articles["text"].fillna("").astype(str))
        for i, (s, e, body) in enumerate(split_text(text))
    ]
    return pd.DataFrame(rows, columns=columns)


def _weigh(model: FrameModel, articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Each sentence's weight for each frame (columns named by :data:`FRAMES`)."""
    texts = articles["text"].fillna("").astype(str).tolist()
    counts = model.counts(texts)
    design, cues = model.design(counts, n_tokens(texts))
    n_words = len(model.vocabulary)
    words = design[:, :n_words]
    per_use = words.multiply(counts.power(-1)).tocsr()  # each word's TF-IDF value per occurrence
    position = pd.Series(np.arange(len(articles)), index=articles["article_id"].to_numpy())
    doc = position.loc[sentences["article_id"].to_numpy()].to_numpy()
    said = model.counts(sentences["text"].astype(str).tolist())  # only words: no token count needed
    cue_hits = np.asarray((counts @ model.cue_words).todense())[doc]
    said_hits = np.asarray((said @ model.cue_words).todense())
    shares = np.divide(said_hits, cue_hits, out=np.zeros_like(said_hits), where=cue_hits > 0)
    # each cue feature's growing part (its centring is nobody's), split by the sentences' cue words
    cue_terms = cues[doc] / model.cue_scale * model.cue_weight * shares
    out = sentences.reset_index(drop=True).copy()
    for j, frame in enumerate(FRAMES):
        word_part = said.multiply(per_use[doc].multiply(model.coef[j, :n_words])).sum(axis=1)
        out[frame] = np.asarray(word_part).ravel() + cue_terms @ model.coef[j, n_words:]
    return out
