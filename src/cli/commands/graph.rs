use crate::cli::args::{GraphFormat, GraphQueryArgs};
use crate::cli::{Context, Done};
use crate::graph::export::{self, Selection};
use crate::log::Log;
use crate::project::Project;

pub(crate) fn run(
    ctx: &mut Context<'_>,
    project: &Project,
    args: GraphQueryArgs,
) -> anyhow::Result<Done> {
    let log = Log::load_at(project, args.at.as_deref())?;
    let graph = log.graph();
    let mut selection = Selection::all(&graph);
    if let Some(reference) = &args.from {
        let reachable = graph.reachable_from(log.find(reference)?);
        selection.nodes.retain(|n| reachable.contains(n));
    }
    if let Some(reference) = &args.to {
        let leading = graph.leading_to(log.find(reference)?);
        selection.nodes.retain(|n| leading.contains(n));
    }
    if args.in_force {
        selection.nodes.retain(|&n| graph.in_force(n));
    }
    let text = match args.format {
        GraphFormat::Text => export::text(&graph, &selection),
        GraphFormat::Dot => export::dot(&graph, &selection),
        GraphFormat::Mermaid => export::mermaid(&graph, &selection),
        GraphFormat::Json => export::json(&graph, &selection)?,
    };
    ctx.out.write_all(text.as_bytes())?;
    for cycle in graph.supersede_cycles() {
        let members: Vec<String> = cycle
            .iter()
            .map(|&n| log.records()[n].path.display().to_string())
            .collect();
        ctx.warn(&format!("supersession cycle: {}", members.join(" -> ")))?;
    }
    super::release(selection);
    super::release(graph);
    super::finish_listing(ctx, log)
}
