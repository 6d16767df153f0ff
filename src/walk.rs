//! The files in a directory and every directory below it, as `batch DIR` and `pair DIR` read
//! them: each named by its path below the directory (bytes as the system gives them, `/`
//! between the parts). Links to files are listed as files. A symbolic link to a directory is
//! followed, as a directory of its name, unless the directory it leads to is read already
//! (told by its canonical path): a loop (a link back to a directory on its own way down from
//! the input directory) or a second way to one directory is not read again, and is listed in
//! [`Walk::repeated`] with its reason.
//! The directories of the tree itself are read first, then the links in order of their names,
//! so a tree gives the same listing however the system orders its entries.

use std::collections::{BTreeMap, HashMap};
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
    /// The directories below it (links to directories included), by name.
    pub dirs: Vec<Vec<u8>>,
    /// Directories below it that could not be read: name, path, why. The rest is read.
    pub unreadable: Vec<(Vec<u8>, PathBuf, std::io::Error)>,
    /// Directories reached a second time by way of a symbolic link, not read again (each
    /// directory is read once, under the name it was first reached by): name, path, why.
    pub repeated: Vec<(Vec<u8>, PathBuf, String)>,
}

/// The entries below `dir`; an error only where `dir` itself cannot be read.
pub fn walk(dir: &Path) -> Result<Walk> {
    let root = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    let mut walker = Walker {
        out: Walk::default(),
        seen: HashMap::from([(root.clone(), Vec::new())]),
        links: BTreeMap::new(),
    };
    walker.tree(dir.to_path_buf(), root, Vec::new())?;
    while let Some((name, path)) = walker.links.pop_first() {
        walker.out.dirs.push(name.clone());
        let target = match std::fs::canonicalize(&path) {
            Ok(t) => t,
            Err(e) => {
                walker.out.unreadable.push((name, path, e));
                continue;
            }
        };
        if walker.read_before(&name, &path, &target) {
            continue;
        }
        let mut prefix = name;
        prefix.push(b'/');
        walker.tree(path, target, prefix)?;
    }
    Ok(walker.out)
}

struct Walker {
    out: Walk,
    /// Each directory read (or about to be), by canonical path: the name it is read under
    /// (empty for the directory walked).
    seen: HashMap<PathBuf, Vec<u8>>,
    /// Symbolic links to directories met and not followed yet, by name.
    links: BTreeMap<Vec<u8>, PathBuf>,
}

impl Walker {
    /// Read `dir` (canonical path `canon`, its entries named `prefix` + their names) and every
    /// directory below it, setting the links to directories aside; an error only for the
    /// directory walked (empty prefix).
    fn tree(&mut self, dir: PathBuf, canon: PathBuf, prefix: Vec<u8>) -> Result<()> {
        let mut todo = vec![(dir, canon, prefix)];
        while let Some((d, canon, prefix)) = todo.pop() {
            let entries = match read_entries(&d) {
                Ok(entries) => entries,
                Err(e) if prefix.is_empty() => return Err(Error::io(&d, e)),
                Err(e) => {
                    let name = prefix[..prefix.len() - 1].to_vec();
                    self.out.unreadable.push((name, d, e));
                    continue;
                }
            };
            for (path, file_name, kind) in entries {
                let mut name = prefix.clone();
                name.extend_from_slice(file_name.as_encoded_bytes());
                if kind.is_dir() {
                    self.out.dirs.push(name.clone());
                    // Not a link, so its canonical path is its parent's and its name.
                    let sub = canon.join(&file_name);
                    if self.read_before(&name, &path, &sub) {
                        continue;
                    }
                    name.push(b'/');
                    todo.push((path, sub, name));
                } else if kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                    self.links.insert(name, path);
                } else {
                    self.out.files.push((name, path, kind));
                }
            }
        }
        Ok(())
    }

    /// Whether the directory `canon` (a canonical path), reached as `name` at `path`, was
    /// reached before: then it is listed as repeated, with why. Otherwise it is recorded under
    /// `name`. It is a loop when it was first reached as a directory `name` lies in (the
    /// input directory, or one on the way to `name`).
    fn read_before(&mut self, name: &[u8], path: &Path, canon: &Path) -> bool {
        let Some(first) = self.seen.get(canon) else {
            self.seen.insert(canon.to_path_buf(), name.to_vec());
            return false;
        };
        let holds = first.is_empty()
            || (name.strip_prefix(first.as_slice())).is_some_and(|rest| rest.starts_with(b"/"));
        let first = match first.is_empty() {
            true => "the input directory".to_string(),
            false => format!("`{}`", String::from_utf8_lossy(first)),
        };
        let why = match holds {
            true => format!(
                "a symbolic link loop: it leads back to {first}, which holds it; not followed"
            ),
            false => format!(
                "the directory read as {first}, reached again by way of a symbolic link: its \
                 files are read once, there; not read again"
            ),
        };
        (self.out.repeated).push((name.to_vec(), path.to_path_buf(), why));
        true
    }
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(w: &Walk) -> Vec<String> {
        let mut v: Vec<String> = (w.files.iter())
            .map(|(n, _, _)| String::from_utf8_lossy(n).into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn links_to_directories_are_followed_once() {
        let tmp = tempfile::tempdir().unwrap();
        let (top, outside) = (tmp.path().join("top"), tmp.path().join("outside"));
        std::fs::create_dir_all(top.join("real")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(top.join("real/a.txt"), "a").unwrap();
        std::fs::write(outside.join("b.txt"), "b").unwrap();
        symlink(&outside, top.join("ext")).unwrap();
        symlink(&outside, top.join("ext2")).unwrap();
        symlink("real", top.join("again")).unwrap();
        symlink("..", top.join("real/up")).unwrap();
        let w = walk(&top).unwrap();
        assert_eq!(names(&w), ["ext/b.txt", "real/a.txt"]);
        let repeated: Vec<(String, &str)> = (w.repeated.iter())
            .map(|(n, _, why)| (String::from_utf8_lossy(n).into_owned(), &why[..20]))
            .collect();
        assert_eq!(
            repeated,
            [
                ("again".to_string(), "the directory read a"),
                ("ext2".to_string(), "the directory read a"),
                ("real/up".to_string(), "a symbolic link loop"),
            ]
        );
        assert!(w.repeated[0].2.contains("read as `real`"));
        assert!(w.repeated[1].2.contains("read as `ext`"));
        assert!(
            w.repeated[2]
                .2
                .contains("the input directory, which holds it")
        );
    }
}
