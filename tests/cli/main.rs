//! The one integration-test binary: every test runs the real `adr` binary
//! in its own temporary folder, isolated from the machine.

mod support;

mod adopt;
mod adr_tools;
mod adr_tools_suite;
mod bad_input;
mod browser;
mod cache;
mod check;
mod clients;
mod corpus;
mod export_html;
mod formats;
mod git;
mod graph;
mod hardening;
mod lifecycle;
mod mcp;
mod properties;
mod reading;
mod readme;
mod review;
mod rules;
mod tooling;
mod trust;
