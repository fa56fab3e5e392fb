use anyhow::Context as _;

use crate::cli::NewArgs;
use crate::lifecycle::{self, LinkSpec, NewRecord};
use crate::repository::Source;
use crate::template::Template;
use crate::{Context, editor};

pub fn run(ctx: &mut Context<'_>, args: NewArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let links = args
        .link
        .iter()
        .map(|spec| LinkSpec::parse(spec))
        .collect::<Result<Vec<_>, _>>()?;
    let template = Template::choose(ctx.env.template.as_deref(), &repo.dir, args.format)?;
    let request = NewRecord {
        title: lifecycle::clean_title(&args.title),
        template,
        date: ctx.env.today(),
        status: args.status,
        tags: args.tags,
        supersede: args.supersede.clone(),
        links,
        reserved: reserved_numbers(ctx, &repo)?,
    };
    let created_folder = !repo.exists();
    let (path, changed) = lifecycle::create(&repo, &request)?;
    if created_folder && repo.source == Source::Fallback {
        writeln!(
            ctx.err,
            "adr: note: created {} (run `adr init` to record the decision to use ADRs)",
            repo.dir.display()
        )?;
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

/// Numbers records have on other branches (local and remote-tracking, as
/// `.adr.toml`'s `[new] other_branches` says), so a new record takes none.
fn reserved_numbers(
    ctx: &Context<'_>,
    repo: &crate::repository::Repository,
) -> crate::Result<std::collections::BTreeSet<u32>> {
    let config = crate::config::Config::discover(&ctx.env.cwd)?;
    let remote = match config.new.other_branches {
        crate::config::Branches::None => return Ok(Default::default()),
        crate::config::Branches::Local => false,
        crate::config::Branches::All => true,
    };
    let Some(git) = crate::git::Git::discover(&ctx.env.cwd) else {
        return Ok(Default::default());
    };
    let Some(dir) = git.relative(&ctx.env.cwd, &repo.dir) else {
        return Ok(Default::default());
    };
    Ok(crate::git::revision::numbers_on_branches(
        &git, &dir, remote,
    ))
}
