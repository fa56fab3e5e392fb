//! The test harness of the `cli` binary (`harness = false`, on
//! libtest-mimic): every module lists its tests with [`test!`], each test
//! declares what it needs from the machine, and a test whose need is not met
//! is counted as ignored with the reason, or fails the run when the need's
//! `*_REQUIRED` variable is set (CI sets them all).

mod need;
mod self_check;

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use libtest_mimic::{Arguments, Completion, Failed, Trial};

pub use need::{Need, Skip};

/// One test of a module: its name as libtest prints it (`module::function`),
/// what it needs and the function that runs it.
pub struct Test {
    pub name: &'static str,
    pub needs: &'static [Need],
    pub run: fn() -> Ran,
}

/// How a test body ended without failing: it ran, or it found at run time
/// that a need is not met (e.g. npm could not install a package offline).
pub enum Ran {
    Done,
    Skipped(Skip),
}

impl From<()> for Ran {
    fn from((): ()) -> Self {
        Ran::Done
    }
}

impl From<Result<(), Skip>> for Ran {
    fn from(result: Result<(), Skip>) -> Self {
        match result {
            Ok(()) => Ran::Done,
            Err(skip) => Ran::Skipped(skip),
        }
    }
}

/// Registers a test function of the calling module, by name, with the needs
/// it declares: `test!(name)`, `test!(name, needs: [Corpus, Browser])`.
/// The function returns `()` or `Result<(), Skip>`.
#[macro_export]
macro_rules! test {
    ($name:ident) => {
        $crate::test!($name, needs: [])
    };
    ($name:ident, needs: [$($need:ident),* $(,)?]) => {
        $crate::harness::Test {
            name: concat!(module_path!(), "::", stringify!($name)),
            needs: &[$($crate::harness::Need::$need),*],
            run: || $crate::harness::Ran::from($name()),
        }
    };
}

/// Declares the test modules and the binary's `main`: a module named here is
/// compiled and its `tests()` run; the self-check fails for a file of
/// `tests/cli` that is not named here.
#[macro_export]
macro_rules! modules {
    ($($module:ident),* $(,)?) => {
        $(mod $module;)*

        fn main() -> std::process::ExitCode {
            $crate::harness::run(vec![$($module::tests()),*].into_iter().flatten().collect())
        }
    };
}

/// A test whose need is not met, and why.
struct Unmet {
    need: Need,
    why: String,
    test: String,
}

/// Runs the tests as libtest would, with the needs evaluated once each.
pub fn run(mut tests: Vec<Test>) -> ExitCode {
    let args = Arguments::from_args();
    tests.push(self_check::test());
    tests.sort_by_key(|t| t.name);
    let names: Vec<String> = tests.iter().map(|t| display_name(t.name)).collect();
    let selected: Vec<bool> = names
        .iter()
        .map(|name| !args.is_filtered_out(&Trial::test(name.clone(), || Ok(()))))
        .collect();

    // Each need used by a selected test is probed once, before any test runs.
    let mut probed: BTreeMap<Need, Result<(), String>> = BTreeMap::new();
    if !args.list {
        for (test, _) in tests.iter().zip(&selected).filter(|(_, s)| **s) {
            for need in test.needs {
                probed.entry(*need).or_insert_with(|| need.probe());
            }
        }
    }
    let unmet_need = |test: &Test| {
        test.needs.iter().find_map(|need| match probed.get(need) {
            Some(Err(why)) => Some((*need, why.clone())),
            _ => None,
        })
    };

    // Under `*_REQUIRED`, one selected test per unmet need carries the
    // failure that names the need and every test it kept from running.
    let mut blocked: BTreeMap<Need, Vec<String>> = BTreeMap::new();
    for ((test, name), _) in tests.iter().zip(&names).zip(&selected).filter(|(_, s)| **s) {
        if let Some((need, _)) = unmet_need(test) {
            blocked.entry(need).or_default().push(name.clone());
        }
    }

    let unmet: Arc<Mutex<Vec<Unmet>>> = Arc::default();
    let trials = tests
        .iter()
        .zip(names)
        .map(|(test, name)| {
            let unmet = Arc::clone(&unmet);
            let run = test.run;
            match unmet_need(test) {
                None => Trial::ignorable_test(name.clone(), move || match run() {
                    Ran::Done => Ok(Completion::Completed),
                    Ran::Skipped(skip) => skipped(&unmet, skip.need, skip.why, name),
                }),
                Some((need, why)) => {
                    let carrier = need.required() && blocked[&need].first() == Some(&name);
                    let tests = blocked[&need].join(", ");
                    Trial::ignorable_test(name.clone(), move || {
                        if carrier {
                            return Err(Failed::from(format!(
                                "{}: {why}, and {} is set; {} tests need it: {tests}",
                                need.label(),
                                need.required_var(),
                                tests.split(", ").count(),
                            )));
                        }
                        lock(&unmet).push(Unmet {
                            need,
                            why: why.clone(),
                            test: name,
                        });
                        Ok(Completion::ignored_with(format!("{}: {why}", need.label())))
                    })
                }
            }
        })
        .collect();

    let conclusion = libtest_mimic::run(&args, trials);
    if !args.list {
        summarize(&lock(&unmet));
    }
    conclusion.exit_code()
}

/// A need found unmet while the test ran: ignored with the reason, or a
/// failure when its `*_REQUIRED` variable is set.
fn skipped(
    unmet: &Mutex<Vec<Unmet>>,
    need: Need,
    why: String,
    test: String,
) -> Result<Completion, Failed> {
    if need.required() {
        return Err(Failed::from(format!(
            "{}: {why}, and {} is set",
            need.label(),
            need.required_var()
        )));
    }
    let reason = format!("{}: {why}", need.label());
    lock(unmet).push(Unmet { need, why, test });
    Ok(Completion::ignored_with(reason))
}

/// One line per unmet need after libtest's summary, e.g.
/// `SKIPPED 7 tests: ADR corpus not found at /x (set ADR_CORPUS)`.
fn summarize(unmet: &[Unmet]) {
    let mut by_need: BTreeMap<(Need, &str), Vec<&str>> = BTreeMap::new();
    for u in unmet {
        by_need.entry((u.need, &u.why)).or_default().push(&u.test);
    }
    for ((need, why), tests) in by_need {
        let required = if need.required() {
            format!(" ({} is set)", need.required_var())
        } else {
            format!(" (set {} to make this a failure)", need.required_var())
        };
        println!(
            "SKIPPED {} test{}: {}: {why}{required}",
            tests.len(),
            if tests.len() == 1 { "" } else { "s" },
            need.label()
        );
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `cli::check::foo` → `check::foo`, the name libtest gave the test.
fn display_name(path: &str) -> String {
    path.split_once("::")
        .map_or(path, |(_, rest)| rest)
        .to_string()
}
