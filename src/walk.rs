//! The files in a directory and every directory below it, as `batch DIR` and `pair DIR` read
//! them: each named by its path below the directory (bytes as the system gives them, `/`
//! between the parts). Symbolic links to directories are not followed (no loops); links to
//! files are listed as files.

use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// What [`walk`] found.
#[derive(Default)]
pub struct Walk {
    /// Entries that are not directories: name below the directory, path, kind (not following
    /// links), in the order met.
    pub files: Vec<(Vec<u8>, PathBuf, FileType)>,
    /// The directories below it, by name.
    pub dirs: Vec<Vec<u8>>,
    /// Directories below it that could not be read: name, path, why. The rest is read.
    pub unreadable: Vec<(Vec<u8>, PathBuf, std::io::Error)>,
}

/// The entries below `dir`; an error only where `dir` itself cannot be read.
pub fn walk(dir: &Path) -> Result<Walk> {
    let mut out = Walk::default();
    // Directories to read, each with its name prefix (`2024/`).
    let mut todo = vec![(dir.to_path_buf(), Vec::<u8>::new())];
    while let Some((d, prefix)) = todo.pop() {
        let entries = match read_entries(&d) {
            Ok(entries) => entries,
            Err(e) if prefix.is_empty() => return Err(Error::io(&d, e)),
            Err(e) => {
                out.unreadable
                    .push((prefix[..prefix.len() - 1].to_vec(), d, e));
                continue;
            }
        };
        for (path, file_name, kind) in entries {
            let mut name = prefix.clone();
            name.extend_from_slice(file_name.as_encoded_bytes());
            if kind.is_dir() {
                out.dirs.push(name.clone());
                name.push(b'/');
                todo.push((path, name));
            } else {
                out.files.push((name, path, kind));
            }
        }
    }
    Ok(out)
}

/// The entries of directory `d`: each one's path, name and kind (not following links).
fn read_entries(d: &Path) -> std::io::Result<Vec<(PathBuf, OsString, FileType)>> {
    std::fs::read_dir(d)?
        .map(|entry| {
            let entry = entry?;
            Ok((entry.path(), entry.file_name(), entry.file_type()?))
        })
        .collect()
}
