//! The `selaras` binary: parses arguments and calls the library.

mod cli;

/// jemalloc rather than the system allocator: the aligner makes many small, short-lived
/// allocations on both threads (tokens, keys, a sentence's lists), which jemalloc serves with
/// fewer instructions and less time in the kernel than glibc's `malloc`, and a long document
/// peaks lower (docs/align.md, "Speed and memory").
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
