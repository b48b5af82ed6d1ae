//! The `redlist` binary: parse the command line, run, print errors once, and
//! map the outcome to the exit code. The only place that exits.
#![forbid(unsafe_code)]
#![allow(clippy::print_stderr)]

use std::io::{self, Write};
use std::process;

use clap::Parser;

use redlist::cli::Cli;
use redlist::exit::ExitCode;
use redlist::sanitize::message_for_terminal;

/// mimalloc: the screen and the index of a large list make millions of small
/// allocations, which it serves several times faster than the system's. It
/// asks for huge pages, which the run switches off (see `huge_pages`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Small pages throughout.
    redlist::huge_pages::use_small_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to standard output with status 0; usage
            // errors are status 2, as the exit-code contract says.
            let _ = e.print();
            process::exit(if e.use_stderr() {
                ExitCode::Error.code()
            } else {
                ExitCode::Clean.code()
            });
        }
    };
    // This thread joins the pool that decides new holdings in parallel:
    // it would otherwise sit idle while the pool works on its behalf, and
    // a pool of one thread fewer has one fewer to wake.
    let _ = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global();
    let stdout = io::stdout();
    let mut out = PipeWriter {
        inner: io::BufWriter::with_capacity(64 * 1024, stdout.lock()),
        closed: false,
    };
    let result = redlist::run(cli, &mut out);
    let flushed = out.flush();
    let code = match result {
        Ok(outcome) => {
            // The process ends below: what the run built is left to the
            // operating system rather than freed allocation by allocation.
            std::mem::forget(outcome.leftovers);
            if !outcome.quiet {
                for warning in &outcome.warnings {
                    eprintln!(
                        "redlist: warning: {}",
                        message_for_terminal(&warning.to_string())
                    );
                }
            }
            match flushed {
                Ok(()) => outcome.exit,
                Err(e) => {
                    eprintln!("redlist: error: cannot write the report: {e}");
                    ExitCode::Error
                }
            }
        }
        Err(e) => {
            eprintln!(
                "redlist: error: {}",
                message_for_terminal(&format!("{e:#}"))
            );
            ExitCode::Error
        }
    };
    process::exit(code.code());
}

/// Standard output that ends quietly on a closed pipe: later writes are
/// discarded, so the screen still completes and its exit code stays true.
struct PipeWriter<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Write for PipeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}
