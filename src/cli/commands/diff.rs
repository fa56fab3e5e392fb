pub fn run(_ctx: &mut crate::Context<'_>, _args: crate::cli::args::DiffArgs) -> anyhow::Result<u8> {
    Ok(0)
}
