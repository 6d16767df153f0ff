//! The GNU parallel recipe of docs/batch.md (`scripts/parallel_shards.sh`) end to end: the
//! shards joined give the rows of one direct run, failed documents give exit code 3 and the
//! complete corpus, a usage error gives exit code 2 and no output, and files of an earlier
//! run are never read.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn data(p: &str) -> PathBuf {
    crate::common::test_data("batch").join(p)
}

/// Whether GNU parallel is here ([`crate::common::skip`] when it is not).
fn have_parallel() -> bool {
    let found = Command::new("parallel")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        crate::common::skip("GNU parallel (apt-get install -y parallel)");
    }
    found
}

/// `scripts/parallel_shards.sh INPUT OUT N EXTRA…`: its exit code and stderr.
fn shards(input: &Path, out: &Path, n: &str, extra: &[&str]) -> (i32, String) {
    shards_with(
        Path::new(env!("CARGO_BIN_EXE_selaras")),
        input,
        out,
        n,
        extra,
    )
}

/// [`shards`] with `selaras` as the binary the script runs.
fn shards_with(selaras: &Path, input: &Path, out: &Path, n: &str, extra: &[&str]) -> (i32, String) {
    let o = Command::new("bash")
        .arg(root().join("scripts/parallel_shards.sh"))
        .arg(input)
        .arg(out)
        .arg(n)
        .args(extra)
        .env("SELARAS", selaras)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn sorted_lines(p: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn parallel_shards_give_the_direct_runs_rows_and_selaras_exit_codes() {
    if !have_parallel() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.tsv");
    // Stale shard files of an earlier layout are never read.
    std::fs::write(dir.path().join("c.tsv.1-of-2.tsv"), "doc\tstale\n").unwrap();
    let (code, err) = shards(&data("good"), &out, "2", &["--no-learn"]);
    assert_eq!(code, 0, "{err}");
    let direct = dir.path().join("d.tsv");
    let st = Command::new(env!("CARGO_BIN_EXE_selaras"))
        .arg("batch")
        .arg(data("good"))
        .args(["-q", "--no-learn", "-o"])
        .arg(&direct)
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(sorted_lines(&out), sorted_lines(&direct));
    let stats: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("c.tsv.stats.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(stats.as_array().unwrap().len(), 2);

    // Failed documents: exit code 3, the corpus of the rest, every error in one file.
    let mixed = dir.path().join("m.tsv");
    let (code, err) = shards(&data("mixed"), &mixed, "3", &[]);
    assert_eq!(code, 3, "{err}");
    let errors = std::fs::read_to_string(dir.path().join("m.tsv.errors.tsv")).unwrap();
    assert_eq!(errors.lines().filter(|l| l.starts_with("doc\t")).count(), 1);
    assert!(errors.lines().count() > 1, "{errors}");
    // Its rows name the documents as a direct run's errors file beside it does: relative to
    // the errors file's directory.
    let direct = dir.path().join("dm.tsv");
    let st = Command::new(env!("CARGO_BIN_EXE_selaras"))
        .arg("batch")
        .arg(data("mixed"))
        .args(["-q", "-o"])
        .arg(&direct)
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(3));
    let places = |p: &Path| -> Vec<String> {
        let mut rows: Vec<String> = (std::fs::read_to_string(p).unwrap().lines())
            .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join("\t"))
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(
        places(&dir.path().join("m.tsv.errors.tsv")),
        places(&dir.path().join("dm.tsv.errors.tsv"))
    );

    // A usage error: exit code 2, nothing written.
    let bad = dir.path().join("e.tsv");
    let (code, err) = shards(&data("good"), &bad, "2", &["--no-such-option"]);
    assert_eq!(code, 2, "{err}");
    assert!(!bad.exists());
    // No temporary directory or shard file is left.
    assert_eq!(
        names(dir.path()),
        [
            "c.tsv",
            "c.tsv.1-of-2.tsv",
            "c.tsv.errors.tsv",
            "c.tsv.stats.json",
            "d.tsv",
            "d.tsv.errors.tsv",
            "d.tsv.stats.json",
            "dm.tsv",
            "dm.tsv.errors.tsv",
            "dm.tsv.stats.json",
            "m.tsv",
            "m.tsv.errors.tsv",
            "m.tsv.stats.json"
        ]
    );
}

/// A shard killed by a signal fails the run with the shell's code for it (128 + the signal),
/// names the shard and writes no corpus: GNU parallel's job log gives a killed job exit code
/// 0 and the signal apart.
#[cfg(unix)]
#[test]
fn a_shard_killed_by_a_signal_fails_the_run() {
    if !have_parallel() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A selaras that kills itself on shard 2.
    let fake = dir.path().join("selaras.sh");
    std::fs::write(
        &fake,
        format!(
            "#!/usr/bin/env bash\nfor a in \"$@\"; do case \"$a\" in 2/*) kill -9 $$;; esac; done\nexec {} \"$@\"\n",
            env!("CARGO_BIN_EXE_selaras")
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = dir.path().join("out.tsv");
    let (code, err) = shards_with(&fake, &root().join("corpus"), &out, "3", &[]);
    assert_eq!(code, 137, "{err}");
    assert!(err.contains("shard 2/3 was killed by signal 9"), "{err}");
    assert_eq!(names(dir.path()), ["selaras.sh"]);
}
