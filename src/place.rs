//! Where a document is, as the side files of a run (`pair`'s unpaired file, `batch`'s errors
//! file) and the messages name it; and paths relative to the directory of the file that names
//! them, so that a corpus or a manifest can be moved together with its side files.

use std::path::{Component, Path, PathBuf};

/// Where a document is. Shown (`Display`) with its paths as given, relative to the working
/// directory, as the messages name it; [`Place::from_dir`] names it relative to the directory
/// of the file that lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A file (a directory or a link, for one that cannot be read).
    File(PathBuf),
    /// A line of a file (`en.list:4`, `docs.jsonl:3`, `m.tsv:3`), or of standard input
    /// (`None`: `<stdin>:3`).
    Line(Option<PathBuf>, usize),
    /// A document that is no file's, by its name (a JSON Lines document's `doc`, or
    /// `<python>:3`).
    Name(String),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::File(p) => write!(f, "{}", p.display()),
            Place::Line(Some(p), line) => write!(f, "{}:{line}", p.display()),
            Place::Line(None, line) => write!(f, "<stdin>:{line}"),
            Place::Name(name) => f.write_str(name),
        }
    }
}

impl serde::Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Place {
    /// The place with its file relative to `base`, an absolute directory ([`absolute_dir`]):
    /// as a file in `base` names it. A line of standard input and a name are shown as they are.
    pub fn from_dir(&self, base: &Path) -> String {
        match self {
            Place::File(p) => relative_to(p, base).display().to_string(),
            Place::Line(Some(p), line) => format!("{}:{line}", relative_to(p, base).display()),
            Place::Line(None, _) | Place::Name(_) => self.to_string(),
        }
    }
}

/// The directory an output file names files relative to, absolute ([`absolute_dir`]): the
/// one it is written in (through a symbolic link, where the link leads), or the working
/// directory for standard output (`None`) or a device.
pub fn dir_of(output: Option<&Path>) -> PathBuf {
    let dir = (output.and_then(crate::output::written_to))
        .and_then(|file| file.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    absolute_dir(&dir)
}

/// `dir` as an absolute path with links resolved where it exists.
pub fn absolute_dir(dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

/// `path` relative to the absolute directory `base` (`../x/a.txt`), through the real
/// directory `path` is in; `path` as an absolute path when the two share no root.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let file = match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => absolute_dir(dir).join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    };
    let a: Vec<Component> = file.components().collect();
    let b: Vec<Component> = base.components().collect();
    if a.first() != b.first() {
        return file;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &a[common..] {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_relative_to_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("in/id")).unwrap();
        std::fs::create_dir_all(root.join("out")).unwrap();
        let f = root.join("in/id/a.txt");
        assert_eq!(
            relative_to(&f, &root.join("out")),
            Path::new("../in/id/a.txt")
        );
        assert_eq!(relative_to(&f, &root), Path::new("in/id/a.txt"));
    }
}
