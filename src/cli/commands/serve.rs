use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::cli::args::ServeArgs;
use crate::cli::{Context, Done};
use crate::site::HtmlOptions;
use crate::site::serve::{self, ServeOptions};

pub(crate) fn run(
    ctx: &mut Context<'_>,
    dir: Option<&std::path::Path>,
    args: ServeArgs,
) -> anyhow::Result<Done> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let options = ServeOptions {
        port: args.port,
        html: HtmlOptions {
            title: args.title,
            ..HtmlOptions::default()
        },
    };
    let (server, rebuilder) = serve::start(
        ctx.env.clone(),
        dir.map(std::path::Path::to_path_buf),
        &options,
        Arc::clone(&stop),
    )?;
    for warning in &rebuilder.warnings {
        ctx.warn(warning)?;
    }
    writeln!(ctx.out, "serving {} (Ctrl-C stops)", server.url)?;
    ctx.out.flush()?;
    if args.open {
        open_browser(ctx, &server.url)?;
    }
    server.run(rebuilder, &mut |text, problem| {
        let _ = if problem {
            ctx.warn(text)
        } else {
            ctx.note(text)
        };
    })?;
    ctx.note("stopped")?;
    Ok(Done::Exit(0))
}

/// Starts the desktop's browser on `url`; a failure is a note, not an error.
fn open_browser(ctx: &mut Context<'_>, url: &str) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = started {
        ctx.note(&format!(
            "could not open a browser ({opener}: {e}); open {url}"
        ))?;
    }
    Ok(())
}
