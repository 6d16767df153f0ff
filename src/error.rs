//! Typed errors of the library. Every error names the file and, where it applies, the place
//! (line, byte) so the binary can print it as one line.

use std::path::PathBuf;

/// Errors raised by the selaras library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read (including a missing file).
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A path is a symbolic link whose target does not exist: `target` is what the link
    /// names, `end` the missing file where its chain of links ends (`target` itself, unless
    /// that is a link too).
    #[error("{path}: {}", broken_link(target, end))]
    BrokenLink {
        path: PathBuf,
        target: PathBuf,
        end: PathBuf,
    },
    /// A path is a symbolic link whose chain of links comes back to a link of it, so never
    /// ends at a file: `target` is what the link names, `back` what the link that closes the
    /// circle names (`None`: the link names itself).
    #[error("{path}: {}", link_loop(target, back.as_deref()))]
    LinkLoop {
        path: PathBuf,
        target: PathBuf,
        back: Option<PathBuf>,
    },
    /// The input is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte {byte} (line {line}){hint}")]
    InvalidUtf8 {
        path: PathBuf,
        /// 0-based byte offset of the first bad byte.
        byte: usize,
        /// 1-based line of the first bad byte.
        line: usize,
        /// What the bytes more likely are, when it can be told ([`crate::text::utf8_hint`]):
        /// empty, or `: …` to follow the message.
        hint: &'static str,
    },
    /// The input is not text in an encoding selaras reads (bad UTF-16, say).
    #[error("{path}: {what}")]
    InvalidText { path: PathBuf, what: String },
    /// The input holds no text (empty, or only whitespace).
    #[error("{path}: {what}")]
    Empty { path: PathBuf, what: &'static str },
    /// A data or rules file could not be parsed.
    #[error("{path}: line {line}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    /// A side of a document holds no sentence (`side`: its language code).
    #[error("the {side} side holds no sentences")]
    NoSentences { side: &'static str },
    /// An argument or option is not usable.
    #[error("{0}")]
    Invalid(String),
    /// Writing output failed.
    #[error("writing output: {0}")]
    Write(#[from] std::io::Error),
    /// Writing or completing an output file failed (a full disk, say).
    #[error("writing {path}: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Wrap an I/O error with the path it concerns. A directory given where a file is read
    /// says so in words (the system's message, `Is a directory (os error 21)`, reads as if
    /// the path were not named), and so does a symbolic link whose target is missing (the
    /// system calls it not found, though the link is there) and one whose chain of links runs
    /// in a circle (`Too many levels of symbolic links`, which names neither link).
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        if source.kind() != std::io::ErrorKind::NotFound
            && let Some((target, back)) = circle_of_links(&path)
        {
            return Error::LinkLoop { path, target, back };
        }
        if source.kind() == std::io::ErrorKind::NotFound
            && let Ok(target) = std::fs::read_link(&path)
        {
            // Follow a chain of links (a link to a link) to the name that is missing.
            let (mut at, mut end) = (path.clone(), target.clone());
            for _ in 0..40 {
                let next = at.parent().map_or(end.clone(), |dir| dir.join(&end));
                match std::fs::read_link(&next) {
                    Ok(t) => (at, end) = (next, t),
                    Err(_) => break,
                }
            }
            return Error::BrokenLink { path, target, end };
        }
        let source = match source.kind() {
            std::io::ErrorKind::IsADirectory => std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a directory, not a file",
            ),
            _ => source,
        };
        Error::Io { path, source }
    }

    /// True when the error is a closed pipe on the output side (`selaras ... | head`, or an
    /// output file that is a pipe: `--stats >(head -3)`).
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Write(e) | Error::Output { source: e, .. } => {
                e.kind() == std::io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }

    /// A failure to write CSV or TSV output (an I/O error stays one, so that a closed pipe is
    /// recognised).
    pub fn from_csv_write(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Write(io),
            other => Error::Write(std::io::Error::other(format!("{other:?}"))),
        }
    }

    /// True when the error comes from the user's input (as opposed to the output side).
    pub fn is_input_error(&self) -> bool {
        !matches!(self, Error::Write(_) | Error::Output { .. })
    }
}

/// Where the chain of symbolic links from `path` comes back on itself: what `path` names, and
/// what the link that closes the circle names (`None`: `path` names itself); `None` when
/// `path` is not a link or its chain ends (at a file, or at a name that cannot be read as a
/// link). The system gives up after 40 links, and so does this.
fn circle_of_links(path: &std::path::Path) -> Option<(PathBuf, Option<PathBuf>)> {
    let target = std::fs::read_link(path).ok()?;
    let mut met = vec![path.to_path_buf()];
    let (mut at, mut text) = (path.to_path_buf(), target.clone());
    for hop in 0..40 {
        let next = at.parent().map_or(text.clone(), |dir| dir.join(&text));
        if met.contains(&next) {
            return Some((target, (hop > 0).then_some(text)));
        }
        at = next;
        text = std::fs::read_link(&at).ok()?;
        met.push(at.clone());
    }
    Some((target, Some(text)))
}

/// What a symbolic link whose chain of links runs in a circle is said to be (after its
/// name).
pub fn link_loop(target: &std::path::Path, back: Option<&std::path::Path>) -> String {
    match back {
        None => format!(
            "a symbolic link loop (its target {} is the link itself)",
            target.display()
        ),
        Some(back) => format!(
            "a symbolic link loop (its target {} is a link whose chain comes back to {})",
            target.display(),
            back.display()
        ),
    }
}

/// What a broken symbolic link is said to be (after its name).
pub fn broken_link(target: &std::path::Path, end: &std::path::Path) -> String {
    if target == end {
        format!(
            "a broken symbolic link (its target {} does not exist)",
            target.display()
        )
    } else {
        format!(
            "a broken symbolic link (its target {} is a link whose chain ends at {}, which \
             does not exist)",
            target.display(),
            end.display()
        )
    }
}

/// An error and its causes on one line, each cause once (a typed error often already
/// includes its source in its own message), as the command line prints it.
pub fn one_line(err: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = cause.source();
    }
    msg.replace(['\n', '\r'], " ")
}

/// Result alias of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
