"""selaras: Indonesian–English sentence alignment and parallel corpus building.

The functions call the same Rust library as the ``selaras`` command, so they give the same
beads and the same scores::

    import selaras

    beads = selaras.align("Harga beras naik. Pemerintah menambah pasokan.",
                          "Rice prices rose. The government added supply.")
    for b in beads:
        print(b.kind, round(b.score, 4), b.id_text, "|", b.en_text)
"""

from ._selaras import (
    Bead,
    BatchRun,
    Check,
    Pairing,
    Row,
    SelarasError,
    __version__,
    align,
    batch,
    check,
    pair,
    score_pairs,
    split,
)

__all__ = [
    "Bead",
    "BatchRun",
    "Check",
    "Pairing",
    "Row",
    "SelarasError",
    "__version__",
    "align",
    "batch",
    "check",
    "pair",
    "score_pairs",
    "split",
]
