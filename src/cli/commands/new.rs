use anyhow::Context as _;

use crate::Context;
use crate::change::template::Template;
use crate::change::{self, LinkSpec, NewRecord};
use crate::cli::args::NewArgs;
use crate::cli::editor;
use crate::project::Source;

pub fn run(ctx: &mut Context<'_>, args: NewArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let links = args
        .link
        .iter()
        .map(|spec| LinkSpec::parse(spec))
        .collect::<Result<Vec<_>, _>>()?;
    let config = crate::project::config::Config::discover(&ctx.env.cwd)?;
    let template = match &args.template {
        Some(name) => Template::named(name, &repo.dir)?,
        None => Template::choose(
            ctx.env.template.as_deref(),
            &repo.dir,
            args.format,
            config.new.format,
        )?,
    };
    ctx.detail(&format!("template: {:?}", template.origin))?;
    let request = NewRecord {
        title: change::clean_title(&args.title),
        template,
        date: ctx.env.today(),
        status: args.status.or(config.new.status.clone()),
        tags: args.tags,
        supersede: args.supersede.clone(),
        links,
        reserved: crate::git::revision::reserved_numbers(
            &ctx.env.cwd,
            &repo.dir,
            config.new.other_branches,
        )?,
        spelling: config.new.spelling,
        slug: config.new.slug,
    };
    let created_folder = !repo.exists();
    let (path, changed) = change::create(&repo, &request)?;
    // adr-tools creates the folder silently, and scripts compare its output.
    if created_folder && repo.source == Source::Fallback {
        ctx.detail(&format!(
            "created {} (run `adr init` to record the decision to use ADRs)",
            repo.dir.display()
        ))?;
    }
    if !args.no_edit
        && let Some(command) = &ctx.env.editor
    {
        ctx.out.flush()?;
        editor::open(command, &path).with_context(|| format!("{} was created", path.display()))?;
    }
    writeln!(ctx.out, "{}", path.display())?;
    let number = path
        .file_name()
        .map(|n| {
            crate::record::name::leading_digits(&n.to_string_lossy())
                .trim_start_matches('0')
                .to_string()
        })
        .unwrap_or_default();
    let mut message = format!("docs(adr): add {number} \"{}\"", request.title.trim());
    if !args.supersede.is_empty() {
        message.push_str(&format!(", superseding {}", args.supersede.join(", ")));
    }
    let mut paths = vec![path];
    paths.extend(changed);
    super::maybe_commit(ctx, &paths, &message)?;
    Ok(0)
}
