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

/// Runs a test function that returns `()` or `Result<(), Skip>`.
pub fn ran<T: Into<Ran>>(test: fn() -> T) -> Ran {
    test().into()
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
            run: || $crate::harness::ran($name),
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

/// A need a test found unmet, and why.
struct Unmet {
    need: Need,
    why: String,
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
                    Ran::Skipped(skip) => skipped(&unmet, skip.need, skip.why),
                }),
                Some((need, why)) => {
                    let blocked = blocked.get(&need).map_or(&[][..], Vec::as_slice);
                    let carrier = need.required() && blocked.first() == Some(&name);
                    let count = blocked.len();
                    let tests = blocked.join(", ");
                    Trial::ignorable_test(name.clone(), move || {
                        let message = format!("{}: {why}", need.label());
                        lock(&unmet).push(Unmet { need, why });
                        if carrier {
                            return Err(Failed::from(format!(
                                "{message}, and {} is set; {count} tests need it: {tests}",
                                need.required_var(),
                            )));
                        }
                        Ok(Completion::ignored_with(message))
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
fn skipped(unmet: &Mutex<Vec<Unmet>>, need: Need, why: String) -> Result<Completion, Failed> {
    let message = format!("{}: {why}", need.label());
    lock(unmet).push(Unmet { need, why });
    if need.required() {
        return Err(Failed::from(format!(
            "{message}, and {} is set",
            need.required_var()
        )));
    }
    Ok(Completion::ignored_with(message))
}

/// One line per unmet need after libtest's summary, e.g.
/// `SKIPPED 7 tests: ADR corpus: not found at /x (set ADR_CORPUS)`, or
/// `FAILED` when its `*_REQUIRED` variable is set.
fn summarize(unmet: &[Unmet]) {
    let mut by_need: BTreeMap<(Need, &str), usize> = BTreeMap::new();
    for u in unmet {
        *by_need.entry((u.need, &u.why)).or_default() += 1;
    }
    for ((need, why), count) in by_need {
        let tests = if count == 1 { "test" } else { "tests" };
        let var = need.required_var();
        if need.required() {
            println!(
                "FAILED {count} {tests}: {}: {why}, and {var} is set",
                need.label()
            );
        } else {
            println!(
                "SKIPPED {count} {tests}: {}: {why}; {var}=1 makes this a failure",
                need.label()
            );
        }
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
