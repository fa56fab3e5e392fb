use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = adr::cli::Cli::parse();
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    let code = match adr::Environment::from_process() {
        Ok(env) => {
            let mut ctx = adr::Context {
                env,
                dir_flag: None,
                commit: false,
                quiet: false,
                verbose: false,
                out: &mut stdout,
                err: &mut stderr,
            };
            match adr::run(cli, &mut ctx) {
                Ok(code) => code,
                Err(error) => adr::report(&error, ctx.err),
            }
        }
        Err(error) => adr::report(&error.into(), &mut stderr),
    };
    if stdout.flush().is_err() {
        return ExitCode::from(1);
    }
    ExitCode::from(code)
}
