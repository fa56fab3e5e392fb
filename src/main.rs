use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
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
