use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

// Loading a log makes and drops hundreds of thousands of small strings;
// glibc's allocator spent a quarter of `adr list --format json` on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `ADR_COMPLETE=SHELL adr -- WORDS…` is the shell asking for completions.
    adr::cli::complete::answer_if_asked();
    let cli = match adr::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => adr::cli::parse_error(error).exit(),
    };
    // Buffered: a line at a time would be a system call a record. Every
    // write to stderr flushes it first, so the two streams keep their order.
    let mut stdout = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut stderr = io::stderr().lock();
    let code = match adr::Environment::from_process() {
        Ok(env) => {
            let mut ctx = adr::Context::new(env, &mut stdout, &mut stderr);
            match adr::run(cli, &mut ctx) {
                Ok(code) => code,
                Err(error) => adr::report(&error, ctx.stderr()),
            }
        }
        Err(error) => adr::report(&error.into(), &mut stderr),
    };
    if stdout.flush().is_err() {
        return ExitCode::from(1);
    }
    ExitCode::from(code)
}
