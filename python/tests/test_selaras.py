"""Tests of the Python package: every function, bad input, and identity with the binary on
the bundled corpus (the binary is target/release/selaras, or $SELARAS_BIN)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import selaras

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DOCS = sorted(p.name[: -len(".id.txt")] for p in CORPUS.glob("*.id.txt"))
ID = "Harga beras naik. Pemerintah akan menambah pasokan."
EN = "Rice prices rose. The government will add supply."


def binary():
    path = Path(os.environ.get("SELARAS_BIN", ROOT / "target" / "release" / "selaras"))
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} not found: build it with cargo build --release")
        pytest.skip(f"{path} not found: build it with cargo build --release")
    return str(path)


def run(*args, stdin=None):
    return subprocess.run(
        [binary(), *args], input=stdin, capture_output=True, text=True, check=True
    ).stdout


def text(name, side):
    return (CORPUS / f"{name}.{side}.txt").read_text(encoding="utf-8")


def test_split_sentences_and_spans():
    t = "Harga beras naik. Pemerintah akan menambah pasokan “cukup”."
    assert selaras.split(t) == ["Harga beras naik.", "Pemerintah akan menambah pasokan “cukup”."]
    spans = selaras.split(t, "id", spans=True)
    assert [s for s, _, _ in spans] == selaras.split(t)
    for s, start, end in spans:
        assert t[start:end] == s  # character offsets, not bytes
    assert selaras.split("One line\nwrapped here.\n", "en", wrapped=True) == [
        "One line wrapped here."
    ]


def test_split_bad_lang():
    with pytest.raises(selaras.SelarasError, match="lang"):
        selaras.split("x", "fr")


def test_align_text_and_sentences():
    beads = selaras.align(ID, EN)
    assert [(b.id, b.en, b.kind) for b in beads] == [([0], [0], "1-1"), ([1], [1], "1-1")]
    assert all(0.5 < b.score <= 1 for b in beads)
    assert beads[0].id_text == "Harga beras naik." and beads[0].en_text == "Rice prices rose."
    listed = selaras.align(selaras.split(ID), selaras.split(EN, "en"))
    assert [(b.id, b.en) for b in listed] == [(b.id, b.en) for b in beads]
    assert "Bead(" in repr(beads[0])


def test_align_options():
    a = selaras.align(ID, EN, learn=False, whole_sentences=True, clause_pairs="never")
    assert len(a) == 2
    with pytest.raises(selaras.SelarasError, match="clause_pairs"):
        selaras.align(ID, EN, clause_pairs="sometimes")
    with pytest.raises(selaras.SelarasError, match="no sentences"):
        selaras.align("  \n", EN)
    with pytest.raises(selaras.SelarasError, match="missing.tsv"):
        selaras.align(ID, EN, lexicon="missing.tsv")
    with pytest.raises(TypeError):
        selaras.align(3, EN)


def test_align_names_a_bad_argument():
    wanted = "must be a str (running text) or a list of str (sentences)"
    for args, message in [
        ((None, EN), f"align() argument 'id' {wanted}, not NoneType"),
        ((ID, None), f"align() argument 'en' {wanted}, not NoneType"),
        ((3, EN), f"align() argument 'id' {wanted}, not int"),
        ((["Satu.", 2], EN), f"align() argument 'id' {wanted}; item 1 is int"),
        ((b"Satu.", EN), f"align() argument 'id' {wanted}, not bytes"),
    ]:
        with pytest.raises(TypeError) as raised:
            selaras.align(*args)
        assert str(raised.value) == message
    # A tuple of sentences is a sequence as a list is.
    assert len(selaras.align(tuple(selaras.split(ID)), EN)) == 2


def test_align_with_lexicon(tmp_path):
    lex = tmp_path / "lex.tsv"
    lex.write_text("pasokan\tsupply\n", encoding="utf-8")
    assert len(selaras.align(ID, EN, lexicon=str(lex))) == 2


def test_score_pairs_and_check():
    pairs = [("Harga beras naik.", "Rice prices rose."), ("Harga beras naik.", "")]
    scores = selaras.score_pairs(pairs)
    assert scores[0] > 0.9 and scores[1] == 0
    checks = selaras.check(pairs)
    assert [c.score for c in checks] == scores
    assert checks[0].flags == [] and "empty_side" in checks[1].flags
    with pytest.raises((TypeError, ValueError)):
        selaras.score_pairs([("only one",)])


def test_batch_rows_errors_summary():
    docs = [
        ("a", ID, EN),
        ("empty", "", EN),
        ("a", ID, EN),
    ]
    run_ = selaras.batch(iter(docs), jobs=1)
    rows = list(run_)
    assert [(r.doc, r.id, r.en) for r in rows] == [("a", [0], [0]), ("a", [1], [1])]
    assert [doc for doc, _ in run_.errors] == ["empty", "a"]
    assert "twice" in run_.errors[1][1]
    assert run_.summary["documents"] == 3 and run_.summary["documents_failed"] == 2
    # A record of another shape is its document's error; the others go on.
    # It is named by its doc when it has one, with the field that is not a string (a
    # missing text that pandas read as NaN is a float).
    records = [("a", ID), ("b", ID, float("nan")), ("c", ID, EN), "d", (None, ID, EN)]
    run_ = selaras.batch(records, jobs=1)
    assert {r.doc for r in run_} == {"c"}
    wanted = "expected a (doc, id_text, en_text) tuple of strings"
    assert run_.errors == [
        ("a", f"{wanted}, not a tuple of 2 items"),
        ("b", f"{wanted}: `en_text` is float"),
        ("document 4", f"{wanted}, not str"),
        ("document 5", f"{wanted}: `doc` is NoneType"),
    ]
    # At most as many threads as the command line starts.
    with pytest.raises(selaras.SelarasError, match="at most 1024"):
        list(selaras.batch([("a", ID, EN)], jobs=5000))
    # More threads than cores are capped to the cores, and the summary says how many ran.
    run_ = selaras.batch([("a", ID, EN)], jobs=1024)
    list(run_)
    assert 1 <= run_.summary["jobs"] <= (os.cpu_count() or 1)


def test_batch_thread_count_does_not_change_rows():
    docs = [(n, text(n, "id"), text(n, "en")) for n in DOCS]
    one = [(r.doc, r.id, r.en, r.score) for r in selaras.batch(docs, jobs=1)]
    two = [(r.doc, r.id, r.en, r.score) for r in selaras.batch(docs, jobs=2)]
    assert one == two and one


@pytest.mark.parametrize("name", DOCS)
def test_align_is_the_binary(name):
    ids, ens = CORPUS / f"{name}.id.txt", CORPUS / f"{name}.en.txt"
    # Every bead, as the library returns them (the command line drops some by default).
    keep = ("--keep-empty", "--keep-identical", "--keep-num-mismatch")
    out = run("align", str(ids), str(ens), "-f", "jsonl", *keep)
    want = [json.loads(line) for line in out.splitlines()]
    got = selaras.align(text(name, "id"), text(name, "en"))
    assert [(b.id, b.en, b.kind, round(b.score, 4), b.id_text, b.en_text) for b in got] == [
        (w["id"], w["en"], w["bead"], w["score"], w["id_text"], w["en_text"]) for w in want
    ]


def test_batch_is_the_binary():
    docs = [(n, text(n, "id"), text(n, "en")) for n in DOCS]
    stdin = "".join(json.dumps({"doc": d, "id": i, "en": e}) + "\n" for d, i, e in docs)
    out = run("batch", "-", "-f", "jsonl", "-q", stdin=stdin)
    want = [json.loads(line) for line in out.splitlines()]
    got = list(selaras.batch(docs))
    assert [(r.doc, r.id, r.en, round(r.score, 4), r.id_text, r.en_text) for r in got] == [
        (w["doc"], w["id"], w["en"], w["score"], w["id_text"], w["en_text"]) for w in want
    ]


def test_batch_summary_is_the_binary_stats(tmp_path):
    # Two documents of the corpus and one that fails: the counts of OUT.stats.json.
    docs = [(n, text(n, "id"), text(n, "en")) for n in DOCS[:2]] + [("empty", "", EN)]
    stdin = "".join(json.dumps({"doc": d, "id": i, "en": e}) + "\n" for d, i, e in docs)
    stats = tmp_path / "stats.json"
    subprocess.run(
        [binary(), "batch", "-", "-q", "-o", os.devnull, "--stats", str(stats)],
        input=stdin, capture_output=True, text=True,
    )
    want = json.loads(stats.read_text(encoding="utf-8"))
    run_ = selaras.batch(docs)
    rows = list(run_)
    got = run_.summary
    assert got["pairs_kept"] == len(rows) == want["pairs"]["kept"]
    assert got["pairs_dropped"] == want["pairs"]["dropped"] > 0
    assert got["pairs_dropped_by_reason"] == want["pairs"]["dropped_by_reason"]
    assert got["pairs_aligned"] == want["pairs"]["aligned"]
    for key in ("ok", "failed", "not_parallel", "swapped", "with_copies"):
        assert got[f"documents_{key}"] == want["documents"][key], key
    assert got["documents"] == want["documents"]["total"] == 3


def test_score_is_the_binary(tmp_path):
    pairs = [("Harga beras naik.", "Rice prices rose."), ("Pemerintah menambah pasokan.", "The cat.")]
    table = tmp_path / "pairs.tsv"
    table.write_text("id\ten\n" + "".join(f"{i}\t{e}\n" for i, e in pairs), encoding="utf-8")
    out = run("score", str(table)).splitlines()
    col = out[0].split("\t").index("score")
    assert [float(line.split("\t")[col]) for line in out[1:]] == [
        round(s, 4) for s in selaras.score_pairs(pairs)
    ]


NEAR = ROOT / "tests" / "data" / "pair" / "near"


def piles():
    """The bundled articles and two fire reports that are not translations of each other,
    named as files in two directories."""
    ids = {f"{n}.id.txt": text(n, "id") for n in DOCS}
    ens = {f"{n}.en.txt": text(n, "en") for n in DOCS}
    ids["kebakaran-gambut.txt"] = (NEAR / "id" / "kebakaran-gambut.txt").read_text(encoding="utf-8")
    ens["forest-fires.txt"] = (NEAR / "en" / "forest-fires.txt").read_text(encoding="utf-8")
    return ids, ens


def test_pair_piles():
    ids, ens = piles()
    ids["kosong.txt"] = ""
    got = selaras.pair(ids, list(ens.items()), jobs=1)
    assert [(i, e) for i, e, _ in got.pairs] == [
        (f"{n}.id.txt", f"{n}.en.txt") for n in DOCS
    ]
    assert all(s > 0.9 for _, _, s in got.pairs)
    left = {(side, name): (best, reason) for side, name, best, _, reason in got.unpaired}
    assert left[("id", "kosong.txt")] == (None, "input is empty")
    best, reason = left[("id", "kebakaran-gambut.txt")]
    assert best == "forest-fires.txt" and "refused once the two were aligned" in reason
    assert ("en", "forest-fires.txt") in left
    # A name given twice is listed, not paired twice; bad arguments are TypeErrors.
    twice = selaras.pair([("a", ID), ("a", ID)], {"b": EN})
    assert [(n, r) for _, n, _, _, r in twice.unpaired if "twice" in r] == [
        ("a", "doc `a` given twice (first as document 1)")
    ]
    for bad in (["not a tuple"], None, {"a": 3}):
        with pytest.raises(TypeError, match="id_docs"):
            selaras.pair(bad, {})
    # A document without a name is listed too.
    nameless = selaras.pair({"": ID}, {"b": EN})
    assert ("id", "document 1", None, None, "the name must not be empty") in nameless.unpaired
    with pytest.raises(selaras.SelarasError, match="min_score"):
        selaras.pair({}, {}, min_score=2)


def test_pair_is_the_binary(tmp_path):
    ids, ens = piles()
    for side, docs in (("id", ids), ("en", ens)):
        (tmp_path / side).mkdir()
        for name, t in docs.items():
            (tmp_path / side / name).write_text(t, encoding="utf-8")
    manifest = tmp_path / "pairs.tsv"
    subprocess.run(
        [binary(), "pair", str(tmp_path / "id"), str(tmp_path / "en"), "-q", "-o", str(manifest)],
        capture_output=True, text=True,
    )
    rows = [line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()[1:]]
    want = [(Path(i).name, Path(e).name, float(s)) for _, i, e, s in rows]
    got = selaras.pair(ids, ens)
    assert [(i, e, round(s, 4)) for i, e, s in got.pairs] == want


def test_the_installed_command_is_the_cli():
    # The console script of the package, next to this interpreter.
    script = Path(sys.executable).with_name("selaras")
    if not script.exists():
        pytest.skip("the package's selaras command is not installed beside this Python")
    done = subprocess.run(
        [str(script), "split", "--lang", "id"], input=ID, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.splitlines() == selaras.split(ID)
    bad = subprocess.run([str(script), "nonsense"], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("selaras: ")
    # Its help is the binary's, word for word (not the Python crate's description).
    helps = [
        subprocess.run([cmd, "--help"], capture_output=True, text=True).stdout
        for cmd in (str(script), binary())
    ]
    assert helps[0] == helps[1]
    assert helps[0].startswith("Indonesian–English sentence alignment")
