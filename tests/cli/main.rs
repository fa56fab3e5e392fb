//! The one integration-test binary: every test runs the real `adr` binary
//! in its own temporary folder, isolated from the machine. Its harness
//! (`harness/`, on libtest-mimic) runs what each module's `tests()`
//! lists; a test added to a module goes in that list, a module in this one.

// A test binary is no API: its `pub` items are for its own modules.
#![allow(unreachable_pub)]

#[macro_use]
mod harness;
mod support;

modules! {
    adopt,
    adr_tools,
    adr_tools_suite,
    bad_input,
    browser,
    cache,
    check,
    clients,
    corpus,
    export_html,
    formats,
    git,
    graph,
    hardening,
    lifecycle,
    mcp,
    properties,
    reading,
    readme,
    review,
    rules,
    site_cited,
    tooling,
    trust,
}
