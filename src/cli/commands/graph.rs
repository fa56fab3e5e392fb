use crate::Context;
use crate::cli::args::{GraphFormat, GraphQueryArgs};
use crate::graph::DecisionGraph;
use crate::graph::export::{self, Selection};
use crate::log;

pub fn run(ctx: &mut Context<'_>, args: GraphQueryArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let loaded = super::load(ctx, &repo, args.at.as_deref())?;
    let (scan, records) = (&loaded.scan, &loaded.records);
    let graph = DecisionGraph::build(records);
    let mut selection = Selection::all(&graph);
    let node_of = |reference: &str| -> anyhow::Result<usize> {
        let file = log::find(&scan.records, reference, &repo.dir)?;
        graph
            .node(&file.path)
            .ok_or_else(|| anyhow::anyhow!("{} is not in the graph", file.path.display()))
    };
    if let Some(reference) = &args.from {
        let reachable = graph.reachable_from(node_of(reference)?);
        selection.nodes.retain(|n| reachable.contains(n));
    }
    if let Some(reference) = &args.to {
        let leading = graph.leading_to(node_of(reference)?);
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
            .map(|&n| records[n].path.display().to_string())
            .collect();
        ctx.warn(&format!("supersession cycle: {}", members.join(" -> ")))?;
    }
    Ok(super::report_errors(records, ctx.err))
}
