//! Atomic output files: everything is written to a temporary file in the destination's
//! directory and renamed over the destination only when complete, so an interrupted run
//! leaves either the old file or none, never a partial one.
//!
//! Where the output goes ([`AtomicFile::create`]): a symbolic link is followed (the file it
//! points to is replaced, the link stays; a loop is an error); a device, pipe or open
//! descriptor (`/dev/null`, a FIFO, `/dev/stdout`, `/dev/fd/3`, also through a link) is
//! written through in append mode, never replaced; a directory, a name ending in `/`, `.` or
//! `..`, and a block device are refused before any work. [`check_distinct`] and
//! [`check_not_in_dir`] refuse outputs of one run that would replace each other;
//! [`remove_temporaries`] clears up after an interruption.

use crate::error::{Error, Result};
use crate::export::{CorpusWriter, DocAlignment, Format, ladder_file_name, moses_paths};
use std::io::{BufWriter, Write};
use std::path::{Component, Path, PathBuf};

/// A file being written atomically. Write to it, then call [`AtomicFile::commit`]; dropping
/// it without committing removes the temporary file.
pub struct AtomicFile {
    /// The destination as the user named it (for messages).
    path: PathBuf,
    inner: Inner,
    /// The temporary file's entry in [`PENDING`], for as long as it exists.
    pending: Option<Pending>,
}

enum Inner {
    /// A temporary file, renamed over `target` on commit.
    Temp {
        target: PathBuf,
        file: BufWriter<tempfile::NamedTempFile>,
        /// The sync started by the last flush ([`AtomicFile::sync_behind`]), if any.
        behind: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    },
    /// A device or pipe, written as it goes.
    Direct(BufWriter<std::fs::File>),
}

impl AtomicFile {
    /// Start writing `path` (a temporary file in the same directory as the file it names, so
    /// the rename is atomic). A directory is refused here, before any work.
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let Some(target) = destination(&path).map_err(|e| Error::io(&path, e))? else {
            // Appending: `--stats /dev/stdout > file` must not cut what stdout wrote there.
            let file = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .map_err(|e| Error::io(&path, e))?;
            return Ok(AtomicFile {
                path,
                inner: Inner::Direct(BufWriter::new(file)),
                pending: None,
            });
        };
        let existing = std::fs::metadata(&target).ok();
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // A new output file gets the mode of any new file (0666 less the umask), and a file
        // it replaces keeps its own.
        let prefix = temp_prefix(&target);
        let tmp = temp_builder(&prefix, ".tmp", 0o666)
            .tempfile_in(&dir)
            .map_err(|e| match e.kind() {
                // The output's directory: say so (the file itself was never expected to exist).
                std::io::ErrorKind::NotFound if !dir.is_dir() => Error::Invalid(format!(
                    "output {}: its directory {} does not exist",
                    path.display(),
                    dir.display()
                )),
                // A directory where no file can be made (`/proc`).
                std::io::ErrorKind::NotFound => no_temp(&path, &dir, "file", e),
                _ => Error::io(&path, plain(e)),
            })?;
        if let Some(m) = existing {
            tmp.as_file()
                .set_permissions(m.permissions())
                .map_err(|e| Error::io(&path, e))?;
        }
        Ok(AtomicFile {
            path,
            pending: Some(Pending::new(tmp.path(), false)),
            inner: Inner::Temp {
                target,
                file: BufWriter::new(tmp),
                behind: None,
            },
        })
    }

    /// The destination path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flush, sync and rename the temporary file over the destination (a device or pipe is
    /// only flushed). A failure here is a failure to write, not bad input.
    pub fn commit(self) -> Result<()> {
        // Listed until the rename is done (or has failed and the file is gone).
        let _listed = self.pending;
        let path = self.path;
        let fail = |e: std::io::Error| Error::Output {
            path: path.clone(),
            source: plain(e),
        };
        match self.inner {
            Inner::Temp {
                target,
                file,
                behind,
            } => {
                let tmp = file.into_inner().map_err(|e| fail(e.into_error()))?;
                // An error of the sync behind is this one's (it may have taken the file's
                // error report: the handles share it).
                Self::joined(behind).map_err(fail)?;
                tmp.as_file().sync_all().map_err(fail)?;
                tmp.persist(&target).map_err(|e| fail(e.error))?;
            }
            Inner::Direct(mut file) => file.flush().map_err(fail)?,
        }
        Ok(())
    }

    /// The outcome of a sync behind (none: nothing to report).
    fn joined(behind: Option<std::thread::JoinHandle<std::io::Result<()>>>) -> std::io::Result<()> {
        match behind.map(|h| h.join()) {
            Some(Ok(r)) => r,
            Some(Err(_)) => Err(std::io::Error::other("syncing the file failed")),
            None => Ok(()),
        }
    }

    /// After a flush of a temporary file: start writing what it holds to the disk on a
    /// thread of its own (unless the last such sync is still going on), so that the sync
    /// before the rename finds little left to write and the run does not wait for the whole
    /// file at its end. An error of an earlier sync is returned here.
    fn sync_behind(&mut self) -> std::io::Result<()> {
        let Inner::Temp { file, behind, .. } = &mut self.inner else {
            return Ok(());
        };
        if behind.as_ref().is_some_and(|h| !h.is_finished()) {
            return Ok(());
        }
        Self::joined(behind.take())?;
        let f = file.get_ref().as_file().try_clone()?;
        *behind = Some(std::thread::spawn(move || f.sync_data()));
        Ok(())
    }

    /// An error writing this file, naming it (the writers it is handed to know no path).
    fn named(&self, e: std::io::Error) -> std::io::Error {
        std::io::Error::new(e.kind(), format!("{}: {}", self.path.display(), plain(e)))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.inner {
            Inner::Temp { file, .. } => file.write(buf),
            Inner::Direct(file) => file.write(buf),
        }
        .map_err(|e| self.named(e))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Temp { file, .. } => file.flush().and_then(|()| self.sync_behind()),
            Inner::Direct(file) => file.flush(),
        }
        .map_err(|e| self.named(e))
    }
}

/// An output whose temporary `what` (file or directory) cannot be made in its existing
/// directory `dir`: the system's reason, which alone would read as if `dir` were missing.
fn no_temp(path: &Path, dir: &Path, what: &str, e: std::io::Error) -> Error {
    Error::Invalid(format!(
        "output {}: cannot create a temporary {what} in {}: {}",
        path.display(),
        dir.display(),
        plain(e)
    ))
}

/// An I/O error without the path `tempfile` adds to its message (`… at path "…/.x.tmp"`: the
/// user named another).
fn plain(e: std::io::Error) -> std::io::Error {
    if let Some(code) = e.raw_os_error() {
        return std::io::Error::from_raw_os_error(code);
    }
    let msg = e.to_string();
    match msg.find(" at path \"") {
        Some(k) => std::io::Error::new(e.kind(), &msg[..k]),
        None => e,
    }
}

/// Whether `path` names an open file descriptor (`/dev/stdout`, `/dev/fd/3`, the shell's
/// `>(…)`): written through, never replaced, whatever file it leads to.
fn is_descriptor(path: &Path) -> bool {
    ["/dev/fd/", "/proc/self/fd/"]
        .iter()
        .any(|d| path.starts_with(d))
        || ["/dev/stdout", "/dev/stderr"]
            .iter()
            .any(|d| path == Path::new(d))
}

/// The most links followed from one name, as the system follows (Linux: 40).
const MAX_LINKS: usize = 40;

/// The name the symbolic link `path` points to (relative to the link's directory), or `None`
/// when `path` is not a link.
fn next_link(path: &Path) -> Option<PathBuf> {
    let to = std::fs::read_link(path).ok()?;
    Some(match path.parent() {
        Some(dir) => dir.join(to),
        None => to,
    })
}

/// Whether `path`, or any link on the way from it, names an open descriptor
/// ([`is_descriptor`]; spelt any way: `/dev/../dev/stdout`, `stdout` in `/dev`, a link to it).
fn leads_to_descriptor(path: &Path) -> bool {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_descriptor(&normal(&p)) {
            return true;
        }
        match next_link(&p) {
            Some(next) => p = next,
            None => return false,
        }
    }
    false
}

/// Where the file named `path` really lives: the end of any chain of symbolic links (which
/// may not exist yet). A chain longer than [`MAX_LINKS`] (a loop) is an error.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match next_link(&p) {
            Some(next) => p = next,
            None => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// `path` absolute, its directory as the system resolves it (`a/../b`, links) when it exists.
fn normal(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or(path.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    }
}

/// Whether `path` can only name a directory: it ends with `/`, or its last part is `.` or
/// `..` (`out/`, `x/.`).
pub fn names_directory(path: &Path) -> bool {
    let text = path.as_os_str().to_string_lossy();
    text.ends_with(['/', std::path::MAIN_SEPARATOR])
        || text.ends_with("/.")
        || matches!(
            path.components().next_back(),
            Some(Component::CurDir | Component::ParentDir)
        )
}

/// How `path` is written: through, as a device or descriptor (`None`), or by a temporary file
/// renamed over the regular file it names (`Some(target)`). A directory or a block device is
/// refused.
fn destination(path: &Path) -> std::io::Result<Option<PathBuf>> {
    let refuse = |what: &str| Err(std::io::Error::other(format!("is {what}")));
    if names_directory(path) {
        return refuse("a directory name");
    }
    if leads_to_descriptor(path) {
        return Ok(None);
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => refuse("a directory"),
        Ok(m) if m.is_file() => resolve(path).map(Some),
        Ok(m) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                if m.file_type().is_block_device() {
                    return refuse("a block device");
                }
            }
            let _ = m;
            Ok(None)
        }
        // Not there yet (or a link to nothing yet): the file it will be.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => resolve(path).map(Some),
        Err(e) => Err(e),
    }
}

/// The regular file an output named `path` is written to, at the end of any symbolic links;
/// `None` where it is written through (a device, a pipe) or cannot be.
pub fn written_to(path: &Path) -> Option<PathBuf> {
    destination(path).ok().flatten()
}

/// Whether `path` is written through as it goes (a device, pipe or open descriptor such as
/// `/dev/null` or `/dev/stdout`) rather than replaced by a new file.
pub fn writes_through(path: &Path) -> bool {
    matches!(destination(path), Ok(None))
}

/// Refuse an output that is the directory `dir` (named by option `dir_opt`), where a run
/// writes files of its own (a ladder per document), or lies directly in it.
pub fn check_not_in_dir(dir_opt: &str, dir: &Path, outputs: &[(&str, &Path)]) -> Result<()> {
    let d = std::fs::canonicalize(dir).unwrap_or_else(|_| normal(dir));
    for (opt, p) in outputs {
        // Where the output really goes (through any link).
        let Ok(Some(target)) = destination(p) else {
            continue;
        };
        let n = normal(&target);
        if n == d || n.parent() == Some(d.as_path()) {
            return Err(Error::Invalid(format!(
                "{opt} {} is in the directory of {dir_opt} {}, where it could replace a file",
                p.display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Refuse two outputs of one run that name the same file (`-o x.tsv --stats x.tsv`: one
/// would silently replace the other). `outputs` pairs each path with the option that gave
/// it. Devices and pipes (`/dev/null` twice) may be shared.
pub fn check_distinct(outputs: &[(&str, &Path)]) -> Result<()> {
    let key = |p: &Path| -> Option<PathBuf> { Some(normal(&destination(p).ok()??)) };
    let keys: Vec<Option<PathBuf>> = outputs.iter().map(|(_, p)| key(p)).collect();
    for (i, a) in keys.iter().enumerate() {
        for (j, b) in keys.iter().enumerate().take(i) {
            if a.is_some() && a == b {
                return Err(Error::Invalid(format!(
                    "{} {} and {} {} name the same file",
                    outputs[j].0,
                    outputs[j].1.display(),
                    outputs[i].0,
                    outputs[i].1.display()
                )));
            }
        }
    }
    Ok(())
}

/// Whether an output path means standard output (`-o -`).
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The identity of the file or directory `path` names, through any links: its device and
/// inode, so that two names of one file (a link, a hard link, `a/../x`) compare equal.
/// `None` when it does not exist (a new output replaces nothing) or is neither a regular file
/// nor a directory (a device or pipe is written through, never replaced).
fn identity(path: &Path) -> Option<(u64, u64)> {
    if is_stdout(path) {
        return None;
    }
    let m = std::fs::metadata(path).ok()?;
    if !m.is_file() && !m.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::fs::canonicalize(path).ok()?.hash(&mut h);
        Some((0, h.finish()))
    }
}

/// The identity of the regular file standard input is read from, if it is one (`< FILE`).
fn stdin_identity() -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        identity(Path::new("/dev/stdin"))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Refuse an output that names one of the inputs, before any work: writing it would replace
/// the input. The same file under another name counts (a symbolic or hard link, another
/// spelling of the path), and so does a directory output (a ladder directory, replaced whole)
/// that is an input or holds one. `inputs` and `outputs` pair each path with what names it
/// (`ID_FILE`, `-o`); `-` as an output (standard output) and outputs that do not exist yet are
/// never refused. `-` as an input is standard input: refused where it is read from the file
/// an output names (`-o in.jsonl < in.jsonl`).
pub fn check_not_input(inputs: &[(&str, &Path)], outputs: &[(&str, &Path)]) -> Result<()> {
    let outs: Vec<(&str, &Path, (u64, u64), bool)> = outputs
        .iter()
        .filter_map(|&(opt, p)| Some((opt, p, identity(p)?, p.is_dir())))
        .collect();
    if outs.is_empty() {
        return Ok(());
    }
    let any_dir = outs.iter().any(|o| o.3);
    for &(in_opt, input) in inputs {
        if is_stdout(input) {
            let key = stdin_identity();
            if let Some(&(out_opt, out, ..)) = outs.iter().find(|o| key == Some(o.2)) {
                return Err(Error::Invalid(format!(
                    "{out_opt} {} is the file standard input ({in_opt}) is read from: an output \
                     never replaces an input",
                    out.display()
                )));
            }
            continue;
        }
        let key = identity(input);
        // The identities of the directories that hold the input, when a directory is written.
        let holders: Vec<(u64, u64)> = match any_dir {
            true => std::fs::canonicalize(input)
                .map(|p| p.ancestors().skip(1).filter_map(identity).collect())
                .unwrap_or_default(),
            false => Vec::new(),
        };
        for &(out_opt, out, out_key, is_dir) in &outs {
            let same = key == Some(out_key);
            if same || (is_dir && holders.contains(&out_key)) {
                let how = if same { "is" } else { "holds" };
                return Err(Error::Invalid(format!(
                    "{out_opt} {} {how} the input {in_opt} {}: an output never replaces an input",
                    out.display(),
                    input.display()
                )));
            }
        }
    }
    Ok(())
}

/// The name of the file that marks a directory as written whole by [`AtomicDir`]: such a
/// directory may be replaced by a later run; another non-empty directory is refused.
pub const DIR_MARKER: &str = ".selaras";

/// A directory of files (a ladder per document) written whole or not at all: its files go to
/// a temporary directory beside it, which replaces the directory only on
/// [`AtomicDir::commit`]; dropping it without committing removes the temporary directory. So
/// an interrupted run leaves the earlier directory (or none), never a partial one, and a rerun
/// never mixes its files with an earlier run's.
pub struct AtomicDir {
    /// The destination as the user named it (for messages).
    path: PathBuf,
    tmp: tempfile::TempDir,
    /// The temporary directory's entry in [`PENDING`], for as long as it exists.
    _pending: Pending,
}

impl AtomicDir {
    /// Start writing the directory `path`. An existing non-empty directory that does not hold
    /// [`DIR_MARKER`] (one selaras did not write) is refused, as is a path that names
    /// something other than a directory. The directory itself may be new, but its parent must
    /// exist, as an output file's directory must ([`AtomicFile::create`]).
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        // `out/` names `out`.
        let target = path.components().as_path().to_path_buf();
        let invalid = |what: &str| Error::Invalid(format!("{}: {what}", path.display()));
        match std::fs::metadata(&target) {
            Ok(m) if !m.is_dir() => return Err(invalid("exists and is not a directory")),
            Ok(_) => {
                let mut entries = std::fs::read_dir(&target).map_err(|e| Error::io(&path, e))?;
                let empty = entries.next().is_none();
                if !empty && !target.join(DIR_MARKER).is_file() {
                    return Err(invalid(&format!(
                        "a directory that selaras did not write (no {DIR_MARKER} file) and not empty: refusing to replace it"
                    )));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = temp_builder(&temp_prefix(&target), ".tmp", 0o777)
            .tempdir_in(&parent)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound if !parent.is_dir() => Error::Invalid(format!(
                    "output {}: its directory {} does not exist",
                    path.display(),
                    parent.display()
                )),
                // The parent exists, but nothing can be made in it (`/proc`).
                std::io::ErrorKind::NotFound => no_temp(&path, &parent, "directory", e),
                _ => Error::io(&path, plain(e)),
            })?;
        Ok(AtomicDir {
            path,
            _pending: Pending::new(tmp.path(), true),
            tmp,
        })
    }

    /// The destination path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A new file `name` in the directory (a plain file name: no directory part).
    pub fn create_file(&self, name: &str) -> Result<BufWriter<std::fs::File>> {
        let plain_name = Path::new(name).file_name() == Some(std::ffi::OsStr::new(name));
        if !plain_name || name == DIR_MARKER {
            return Err(Error::Invalid(format!(
                "{}: {name:?} is not a file name of this directory",
                self.path.display()
            )));
        }
        let p = self.tmp.path().join(name);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
            .map_err(|e| Error::Output {
                path: self.path.join(name),
                source: e,
            })?;
        Ok(BufWriter::new(file))
    }

    /// Mark the directory as selaras's and put it in place of the destination (an earlier
    /// directory there is removed). A failure here is a failure to write.
    pub fn commit(self) -> Result<()> {
        let fail = |e: std::io::Error| Error::Output {
            path: self.path.clone(),
            source: plain(e),
        };
        std::fs::write(
            self.tmp.path().join(DIR_MARKER),
            "written whole by selaras; a later run may replace this directory\n",
        )
        .map_err(fail)?;
        let target = self.path.components().as_path().to_path_buf();
        let parent = self
            .tmp
            .path()
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        // An earlier directory is moved aside first (a directory is renamed only over an empty
        // one), then removed once the new one is in place.
        let old = match std::fs::symlink_metadata(&target) {
            Ok(_) => {
                let aside = temp_builder(&temp_prefix(&target), ".old", 0o777)
                    .tempdir_in(&parent)
                    .map_err(fail)?;
                let aside_path = aside.path().to_path_buf();
                // The empty placeholder goes; the old directory takes its name.
                let _ = aside.keep();
                std::fs::remove_dir(&aside_path).map_err(fail)?;
                std::fs::rename(&target, &aside_path).map_err(fail)?;
                Some(aside_path)
            }
            Err(_) => None,
        };
        let tmp = self.tmp.keep();
        if let Err(e) = std::fs::rename(&tmp, &target) {
            // Put the earlier directory back; the new one is discarded.
            if let Some(old) = &old {
                let _ = std::fs::rename(old, &target);
            }
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(fail(e));
        }
        if let Some(old) = old {
            let _ = std::fs::remove_dir_all(old);
        }
        Ok(())
    }
}

/// The prefix of a temporary name beside `target`: hidden, `.NAME.`.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

/// A builder of temporary names `prefix` + random + `suffix`, created with `mode` (the umask
/// applies, as to any new file or directory; tempfile's own default is owner-only).
fn temp_builder<'a>(prefix: &'a str, suffix: &'a str, mode: u32) -> tempfile::Builder<'a, 'a> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder
}

/// The temporary files and directories being written now, for [`remove_temporaries`]
/// (`true`: a directory).
static PENDING: std::sync::Mutex<Vec<(PathBuf, bool)>> = std::sync::Mutex::new(Vec::new());

/// A temporary file or directory listed in [`PENDING`]; the entry goes when this is dropped.
struct Pending(PathBuf);

impl Pending {
    fn new(path: &Path, dir: bool) -> Pending {
        if let Ok(mut v) = PENDING.lock() {
            v.push((path.to_path_buf(), dir));
        }
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut v) = PENDING.lock()
            && let Some(k) = v.iter().position(|(p, _)| *p == self.0)
        {
            v.swap_remove(k);
        }
    }
}

/// Remove every temporary file still being written: for a binary to call when it is
/// interrupted (Ctrl-C), which ends the process without running the destructors that would.
/// No output file is touched.
pub fn remove_temporaries() {
    if let Ok(mut v) = PENDING.lock() {
        for (p, dir) in v.drain(..) {
            let _ = match dir {
                true => std::fs::remove_dir_all(p),
                false => std::fs::remove_file(p),
            };
        }
    }
}

/// Where a command's data goes: a file written atomically, or standard output (buffered).
/// Opened before the work, so a path that cannot be written fails first; nothing reaches
/// standard output before the data is written.
pub enum Output {
    /// A file, in place when [`Output::finish`] commits it.
    File(AtomicFile),
    /// Standard output.
    Stdout(BufWriter<std::io::StdoutLock<'static>>),
}

impl Output {
    /// Open `path`, or standard output when there is none or it is `-`.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        Ok(match path {
            Some(p) if !is_stdout(p) => Output::File(AtomicFile::create(p)?),
            _ => Output::stdout(),
        })
    }

    /// Standard output.
    pub fn stdout() -> Output {
        Output::Stdout(BufWriter::new(std::io::stdout().lock()))
    }

    /// Complete the output: the file is put in place, standard output flushed.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::File(file) => file.commit(),
            Output::Stdout(mut out) => out.flush().map_err(Error::Write),
        }
    }

    /// Write the data with `f`, then [`finish`](Output::finish).
    pub fn write_with(mut self, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
        f(&mut self)?;
        self.finish()
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::File(f) => f.write(buf),
            Output::Stdout(o) => o.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::File(f) => f.flush(),
            Output::Stdout(o) => o.flush(),
        }
    }
}

/// An output path as given: `None` for standard output (none given, or `-`).
pub fn given(path: Option<PathBuf>) -> Option<PathBuf> {
    path.filter(|p| !is_stdout(p))
}

/// The paths of `named` that are given, with what names them.
pub fn present<'a>(named: &[(&'a str, Option<&'a Path>)]) -> Vec<(&'a str, &'a Path)> {
    named.iter().filter_map(|&(o, p)| Some((o, p?))).collect()
}

/// Where a corpus goes, opened before the work: standard output, a file, the two files of
/// `moses` (`PREFIX.id`, `PREFIX.en`), or a directory of one ladder per document. Nothing is
/// written until [`CorpusOutput::writer`].
pub struct CorpusOutput {
    format: Format,
    width: usize,
    dest: Dest,
}

enum Dest {
    One(Output),
    Moses(Output, Output),
    Ladders(AtomicDir),
}

impl CorpusOutput {
    /// Open the corpus output `path` (`None`: standard output) of `format`, lines of `width`
    /// for `side`; with `ladder_dir`, `-f ladder -o DIR` is a directory of one ladder per
    /// document. `-o PREFIX` of `moses` must be given and be a file name prefix.
    pub fn open(
        path: Option<&Path>,
        format: Format,
        width: usize,
        ladder_dir: bool,
    ) -> Result<Self> {
        check_moses_output(format, path)?;
        let dest = match (path, format) {
            (Some(prefix), Format::Moses) => {
                let (id, en) = moses_paths(prefix);
                check_distinct(&[("-o", &id), ("-o", &en)])?;
                Dest::Moses(Output::open(Some(&id))?, Output::open(Some(&en))?)
            }
            (Some(dir), Format::Ladder) if ladder_dir => Dest::Ladders(AtomicDir::create(dir)?),
            (path, _) => Dest::One(Output::open(path)?),
        };
        Ok(CorpusOutput {
            format,
            width,
            dest,
        })
    }

    /// Start writing (the header of TSV and TMX).
    pub fn writer(self) -> Result<CorpusSink> {
        Ok(match self.dest {
            Dest::One(out) => CorpusSink::Writer(Box::new(
                CorpusWriter::new(self.format, out)?.with_width(self.width),
            )),
            Dest::Moses(id, en) => CorpusSink::Writer(Box::new(CorpusWriter::moses(id, en))),
            Dest::Ladders(dir) => CorpusSink::Ladders(LadderDir {
                dir,
                written: Default::default(),
            }),
        })
    }
}

/// `-o PREFIX` of the `moses` format: required, and a file name prefix (it names two files,
/// `PREFIX.id` and `PREFIX.en`; a directory there would get the hidden files `.id` and `.en`).
pub fn check_moses_output(format: Format, output: Option<&Path>) -> Result<()> {
    let problem = match output {
        _ if format != Format::Moses => return Ok(()),
        None => "--format moses writes two files: give their prefix with -o PREFIX".to_string(),
        Some(p) if p.is_dir() || names_directory(p) => format!(
            "-o {}: --format moses writes PREFIX.id and PREFIX.en: give a file name prefix, not a directory",
            p.display()
        ),
        Some(_) => return Ok(()),
    };
    Err(Error::Invalid(problem))
}

/// A corpus being written: its documents go to [`CorpusSink::write_doc`], and
/// [`CorpusSink::finish`] puts the files in place.
pub enum CorpusSink {
    /// One writer (two files for `moses`).
    Writer(Box<CorpusWriter<Output>>),
    /// A ladder file per document.
    Ladders(LadderDir),
}

impl CorpusSink {
    /// Write one document's beads.
    pub fn write_doc(&mut self, doc: &DocAlignment) -> Result<()> {
        match self {
            CorpusSink::Writer(w) => w.write_doc(doc),
            CorpusSink::Ladders(l) => l.write_doc(doc),
        }
    }

    /// Flush what was written so far.
    pub fn flush(&mut self) -> Result<()> {
        match self {
            CorpusSink::Writer(w) => w.flush(),
            CorpusSink::Ladders(_) => Ok(()),
        }
    }

    /// Complete the corpus: the trailer written, every file (or the directory) put in place.
    pub fn finish(self) -> Result<()> {
        match self {
            CorpusSink::Writer(w) => w.finish()?.into_iter().try_for_each(Output::finish),
            CorpusSink::Ladders(l) => l.dir.commit(),
        }
    }
}

/// A ladder file per document in a directory (named by [`ladder_file_name`]), which appears
/// whole when the run ends ([`AtomicDir`]).
pub struct LadderDir {
    dir: AtomicDir,
    /// Names written so far: a second document whose id gives the same name (`a/b` and `a_b`,
    /// or a repeated id) gets `~` and its hash instead of overwriting the first.
    written: std::collections::HashSet<String>,
}

impl LadderDir {
    fn write_doc(&mut self, doc: &DocAlignment) -> Result<()> {
        let mut name = ladder_file_name(doc.doc);
        while !self.written.insert(name.clone()) {
            name = format!("{name}~{:016x}", crate::text::fnv1a64(&name));
        }
        let file = self.dir.create_file(&name)?;
        let mut w = CorpusWriter::new(Format::Ladder, file)?;
        w.write_doc(doc)?;
        for mut file in w.finish()? {
            file.flush().map_err(|e| Error::Output {
                path: self.dir.path().join(&name),
                source: e,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.tsv");
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"hello").unwrap();
        assert!(!p.exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "hello");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            // 0666 less the umask: whatever the umask, the owner reads and writes it.
            assert_eq!(mode & 0o600, 0o600);
        }
        let mut g = AtomicFile::create(&p).unwrap();
        g.write_all(b"partial").unwrap();
        drop(g);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "hello");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn same_file_under_two_names_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        let x = dir.path().join("x.tsv");
        let y = dir.path().join("a").join("..").join("x.tsv");
        let err = check_distinct(&[("-o", &x), ("--stats", &y)]).unwrap_err();
        assert!(
            err.to_string().ends_with("x.tsv name the same file"),
            "{err}"
        );
        let z = dir.path().join("z.tsv");
        check_distinct(&[("-o", &x), ("--stats", &z)]).unwrap();
        #[cfg(unix)]
        {
            // A link to x names x; devices may be shared.
            let link = dir.path().join("link.tsv");
            std::os::unix::fs::symlink("x.tsv", &link).unwrap();
            assert!(check_distinct(&[("-o", &x), ("--errors", &link)]).is_err());
            let null = Path::new("/dev/null");
            check_distinct(&[("--stats", null), ("--errors", null)]).unwrap();
            let mut f = AtomicFile::create(null).unwrap();
            f.write_all(b"gone").unwrap();
            f.commit().unwrap();
            assert!(!std::fs::metadata(null).unwrap().is_file());
        }
    }

    #[test]
    fn an_output_naming_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let x = dir.path().join("x.txt");
        std::fs::write(&x, "teks").unwrap();
        let y = dir.path().join("y.txt");
        let err = check_not_input(&[("ID_FILE", &x)], &[("-o", &x)]).unwrap_err();
        assert!(err.to_string().contains("is the input ID_FILE"), "{err}");
        // Not there yet, or standard output: nothing to replace.
        check_not_input(&[("ID_FILE", &x)], &[("-o", &y), ("-o", Path::new("-"))]).unwrap();
        #[cfg(unix)]
        {
            // A hard link and a symbolic link name the same file.
            std::fs::hard_link(&x, &y).unwrap();
            assert!(check_not_input(&[("ID_FILE", &x)], &[("-o", &y)]).is_err());
            let link = dir.path().join("link");
            std::os::unix::fs::symlink("x.txt", &link).unwrap();
            assert!(check_not_input(&[("EN_FILE", &link)], &[("-o", &x)]).is_err());
        }
        // A directory output that holds an input.
        let err = check_not_input(&[("INPUT", &x)], &[("-o", dir.path())]).unwrap_err();
        assert!(err.to_string().contains("holds the input INPUT"), "{err}");
    }

    #[test]
    fn a_directory_appears_whole_and_replaces_only_its_own_kind() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("ladders");
        let d = AtomicDir::create(&out).unwrap();
        d.create_file("a").unwrap().write_all(b"[0]:[0]\n").unwrap();
        assert!(d.create_file("../b").is_err());
        assert!(!out.exists());
        d.commit().unwrap();
        assert!(out.join("a").is_file() && out.join(DIR_MARKER).is_file());
        // A rerun replaces the whole directory: no file of the earlier run stays.
        let d = AtomicDir::create(&out).unwrap();
        d.create_file("b").unwrap().write_all(b"[0]:[0]\n").unwrap();
        d.commit().unwrap();
        assert!(!out.join("a").exists() && out.join("b").is_file());
        // Dropped without commit: the earlier directory stays as it was, nothing else is left.
        let d = AtomicDir::create(&out).unwrap();
        d.create_file("c").unwrap();
        drop(d);
        let names: Vec<_> = std::fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        assert!(out.join("b").is_file() && !out.join("c").exists());
        // A non-empty directory selaras did not write is refused; an empty one is taken.
        let other = root.path().join("other");
        std::fs::create_dir(&other).unwrap();
        AtomicDir::create(&other).unwrap().commit().unwrap();
        std::fs::remove_file(other.join(DIR_MARKER)).unwrap();
        std::fs::write(other.join("notes.txt"), "mine").unwrap();
        let err = AtomicDir::create(&other).err().unwrap().to_string();
        assert!(err.contains("selaras did not write"), "{err}");
    }

    #[test]
    fn a_directory_is_made_only_where_its_parent_exists() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("no/ladders");
        let err = AtomicDir::create(&out).err().unwrap();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!root.path().join("no").exists());
        std::fs::create_dir(root.path().join("no")).unwrap();
        AtomicDir::create(&out).unwrap().commit().unwrap();
        assert!(out.join(DIR_MARKER).is_file());
    }
}
