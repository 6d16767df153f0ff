"""Type stubs of selaras (the functions live in the Rust extension ``selaras._selaras``)."""

from typing import Iterable, Iterator, Literal, Mapping, Optional, Sequence, Union, overload

__version__: str

class SelarasError(Exception):
    """Bad input (a file, an option, a document) or a failed write; the message is the one
    line the command line prints."""

class Bead:
    """One alignment: which segments of each side translate each other."""

    id: list[int]
    """Indices of the Indonesian segments (sentences, or parts of them), in order."""
    en: list[int]
    """Indices of the English segments."""
    score: float
    """Probability that the bead is right."""
    kind: str
    """The bead type, like ``"2-1"``."""
    id_text: str
    """The Indonesian segments joined by a space."""
    en_text: str
    """The English segments joined by a space."""

class Row:
    """A row of a batch corpus: a bead of one document that the filters kept."""

    doc: str
    id: list[int]
    en: list[int]
    score: float
    kind: str
    id_text: str
    en_text: str

class Check:
    """The check of one pair."""

    score: float
    """Probability that the pair is a translation."""
    flags: list[str]
    """The quality flags raised, as ``selaras check`` names them."""

class BatchRun(Iterator[Row]):
    """A running batch. Iterate it for the rows (in document order); afterwards ``errors``
    lists the documents that failed and ``summary`` holds the counts."""

    errors: list[tuple[str, str]]
    """``(doc, reason)`` of each document that failed."""
    summary: Optional[dict[str, Union[int, dict[str, int]]]]
    """Counts of the finished run, as the command line's ``OUT.stats.json`` has them (named
    by section and key: ``pairs.kept`` is ``pairs_kept``): documents, documents_ok,
    documents_failed, documents_not_parallel, documents_swapped, documents_with_copies,
    pairs_aligned, pairs_kept, pairs_dropped, pairs_dropped_by_reason (a dict of every
    reason), jobs (``None`` until the last row was read)."""
    def __iter__(self) -> "BatchRun": ...
    def __next__(self) -> Row: ...

class Pairing:
    """What ``pair`` found."""

    pairs: list[tuple[str, str, float]]
    """``(id_name, en_name, score)`` of each pair kept, by the Indonesian name; ``score`` is
    the probability that the two translate each other (the pair score and the alignment's
    document score together)."""
    unpaired: list[tuple[str, str, Optional[str], Optional[float], str]]
    """``(side, name, best, score, reason)`` of each document left without a partner:
    ``side`` is ``"id"`` or ``"en"``; its best candidate on the other side and that pair's
    score (``None`` without one); why (no candidate, none scoring ``min_score``, its
    candidates paired better, refused once aligned, an empty text, a name given twice, ...)."""

ClausePairs = Literal["auto", "never", "always"]
Text = Union[str, Sequence[str]]

@overload
def split(
    text: str, lang: Literal["id", "en"] = "id", *, spans: Literal[False] = False, wrapped: Optional[bool] = None
) -> list[str]: ...
@overload
def split(
    text: str, lang: Literal["id", "en"] = "id", *, spans: Literal[True], wrapped: Optional[bool] = None
) -> list[tuple[str, int, int]]:
    """Split ``text`` into sentences; with ``spans=True`` each as ``(sentence, start, end)``,
    ``text[start:end]`` holding it (character offsets). ``wrapped=True`` reads hard-wrapped
    text (paragraphs end only at blank lines), ``False`` ends a paragraph at every line
    break, ``None`` decides from the text as the command line does."""

def align(
    id: Text,
    en: Text,
    *,
    lexicon: Optional[str] = None,
    learn: bool = True,
    whole_sentences: bool = False,
    clause_pairs: ClausePairs = "auto",
    wrapped: Optional[bool] = None,
) -> list[Bead]:
    """Align an Indonesian text with its English translation, as ``selaras align`` does.

    ``id`` and ``en`` are running text (``str``, split into sentences) or sentences
    (a list of ``str``, taken as they are). ``lexicon``: a file of extra word pairs (as
    ``--lexicon``); ``learn``: learn word translations from the document; ``whole_sentences``:
    never split a sentence at a clause; ``clause_pairs``: when clauses are paired with clauses.
    Raises ``SelarasError`` when a side holds no sentence or an option is bad, and
    ``TypeError`` naming the argument when ``id`` or ``en`` is neither."""

def score_pairs(pairs: Sequence[tuple[str, str]], *, lexicon: Optional[str] = None) -> list[float]:
    """The probability that each ``(id, en)`` pair is a translation (``selaras score``)."""

def check(pairs: Sequence[tuple[str, str]], *, lexicon: Optional[str] = None) -> list[Check]:
    """Score and flag each ``(id, en)`` pair, the list read as one corpus (``selaras check``)."""

def batch(
    docs: Iterable[tuple[str, str, str]],
    *,
    jobs: Optional[int] = None,
    lexicon: Optional[str] = None,
    learn: bool = True,
    whole_sentences: bool = False,
    clause_pairs: ClausePairs = "auto",
    wrapped: Optional[bool] = None,
) -> BatchRun:
    """Align many documents on all cores (``jobs`` threads), as ``selaras batch -`` does with
    JSON Lines: ``docs`` yields ``(doc, id_text, en_text)``; rows come out as their window of
    documents is done, with word translations learned across documents and the corpus
    filters applied. The GIL is released while Rust works."""

def pair(
    id_docs: Union[Mapping[str, str], Iterable[tuple[str, str]]],
    en_docs: Union[Mapping[str, str], Iterable[tuple[str, str]]],
    *,
    min_score: float = 0.3,
    jobs: Optional[int] = None,
    lexicon: Optional[str] = None,
) -> Pairing:
    """Find which Indonesian document translates which English one in two piles without a
    manifest, as ``selaras pair`` does: each side a dict of name to text or ``(name, text)``
    tuples. A document in the other pile's language joins that pile; every pair kept is
    aligned, and refused where the alignment finds no translation. The GIL is released while
    Rust works."""
