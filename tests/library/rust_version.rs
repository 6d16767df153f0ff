//! `rust-version` in Cargo.toml is what the locked dependencies need (the highest
//! `rust-version` among them, for this platform), and the README says the same.

use std::process::Command;

/// `1.88` as (1, 88).
fn version(s: &str) -> (u32, u32) {
    let mut parts = s.split('.').map(|p| p.parse::<u32>().unwrap());
    (parts.next().unwrap(), parts.next().unwrap_or(0))
}

#[test]
fn rust_version_is_what_the_locked_dependencies_need() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let vv = Command::new(rustc).arg("-vV").output().unwrap();
    let vv = String::from_utf8(vv.stdout).unwrap();
    let host = vv
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ours = None;
    let mut need = ((0, 0), String::new());
    for p in meta["packages"].as_array().unwrap() {
        let Some(rv) = p["rust_version"].as_str() else {
            continue;
        };
        if p["name"] == "selaras" {
            ours = Some(version(rv));
        } else if version(rv) > need.0 {
            need = (version(rv), p["name"].as_str().unwrap().to_string());
        }
    }
    let ours = ours.expect("Cargo.toml states a rust-version");
    assert_eq!(
        ours, need.0,
        "the locked dependencies need {:?} ({})",
        need.0, need.1
    );
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let said = format!("Rust {}.{} or later", ours.0, ours.1);
    assert!(readme.contains(&said), "the README should say `{said}`");
}
