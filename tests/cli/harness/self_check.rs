//! A trial that reads this binary's sources: with `harness = false` a
//! `#[test]` function is compiled out and never runs, and a file that
//! `main.rs` does not name is not compiled at all, both silently.

use std::fs;
use std::path::{Path, PathBuf};

use super::Test;

pub(super) fn test() -> Test {
    Test {
        name: "cli::harness::every_test_is_registered",
        needs: &[],
        run: || super::ran(every_test_is_registered),
    }
}

/// Folders of `tests/cli` that hold no tests of their own.
const NOT_TESTS: &[&str] = &["main.rs", "support.rs", "harness"];

fn every_test_is_registered() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let mut problems = Vec::new();
    let main = read(&root.join("main.rs"));
    let registered = registered_modules(&main);
    for file in rust_files(&root) {
        let rel = file.strip_prefix(&root).unwrap_or(&file).to_path_buf();
        let text = read(&file);
        for (line, function) in test_attributes(&text) {
            problems.push(format!(
                "tests/cli/{}:{line}: `{function}` is marked #[test], which this harness never runs; \
                 remove the attribute and list it with test!({function}) in the module's tests()",
                rel.display()
            ));
        }
        if NOT_TESTS.iter().any(|n| rel.starts_with(n)) {
            continue;
        }
        let mut parts: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let Some(module) = parts.pop() else { continue };
        let parent = match parts.is_empty() {
            true => "main.rs".to_string(),
            false => format!("{}.rs", parts.join("/")),
        };
        let parent_text = read(&root.join(&parent));
        let problem = if text.contains("pub fn tests()") {
            // A test module is named in main.rs's `modules!`, a sub-module
            // in its parent's `tests()`.
            let listed = match parts.is_empty() {
                true => registered.contains(&module),
                false => parent_text.contains(&format!("{module}::tests()")),
            };
            (!listed)
                .then(|| format!("its tests are not part of tests/cli/{parent}, so they never run"))
        } else {
            // A module of helpers only is declared, or it is not compiled.
            let declared = parent_text
                .lines()
                .any(|l| l.trim().ends_with(&format!("mod {module};")));
            (!declared).then(|| {
                format!("has no `pub fn tests()` and is not a `mod` of tests/cli/{parent}")
            })
        };
        if let Some(problem) = problem {
            problems.push(format!("tests/cli/{}: {problem}", rel.display()));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The identifiers inside `modules! { ... }` of main.rs.
fn registered_modules(main: &str) -> Vec<String> {
    let Some(start) = main.find("modules!") else {
        return Vec::new();
    };
    let rest = &main[start..];
    let body = rest
        .split_once('{')
        .and_then(|(_, b)| b.split_once('}'))
        .map_or("", |(b, _)| b);
    body.split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect()
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// `(line, function)` of every test attribute (`#[test]`, `#[tokio::test]`
/// and the like) on a line of its own, with the function it marks.
fn test_attributes(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let attr = line.trim();
        let is_test = attr.starts_with("#[")
            && attr.ends_with(']')
            && (attr == "#[test]" || attr.ends_with("::test]") || attr.starts_with("#[test("));
        if !is_test {
            continue;
        }
        let function = lines[i + 1..]
            .iter()
            .find_map(|l| {
                let l = l.trim_start();
                let l = l.strip_prefix("pub ").unwrap_or(l);
                let l = l.strip_prefix("async ").unwrap_or(l);
                l.strip_prefix("fn ").map(|rest| {
                    rest.split(|c: char| !c.is_alphanumeric() && c != '_' && c != '$')
                        .next()
                        .unwrap_or_default()
                        .to_string()
                })
            })
            .unwrap_or_else(|| "?".into());
        found.push((i + 1, function));
    }
    found
}
