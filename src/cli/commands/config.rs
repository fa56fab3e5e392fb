use crate::cli::args::{FormatArgs, ShowFormat};
use crate::cli::{Context, Done};
use crate::project::{Project, settings};

/// Every effective setting and its source.
pub(crate) fn run(
    ctx: &mut Context<'_>,
    project: &Project,
    args: FormatArgs,
) -> anyhow::Result<Done> {
    let settings = settings::settings(project)?;
    match args.format {
        ShowFormat::Json => {
            ctx.json(&settings)?;
        }
        ShowFormat::Text => {
            let width = settings.iter().map(|s| s.key.len()).max().unwrap_or(0);
            for s in &settings {
                let value = match &s.value {
                    serde_json::Value::String(v) => v.clone(),
                    serde_json::Value::Null => "-".into(),
                    other => other.to_string(),
                };
                writeln!(ctx.out, "{:<width$}  {value}  ({})", s.key, s.from)?;
            }
        }
    }
    Ok(Done::Exit(0))
}
