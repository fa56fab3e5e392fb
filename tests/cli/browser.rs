//! The exported site in a real headless Chromium, from `file://`: the index
//! lists every record, filters hide rows, search finds a word of a record's
//! body and its hit opens the record, relation links lead to the related
//! record, and no page logs a console error.
//!
//! chromedriver runs as a child process (killed on drop) and is driven over
//! the W3C WebDriver protocol with fantoccini, on a current-thread tokio
//! runtime behind a small blocking facade. Without `/usr/bin/chromium` and
//! `/usr/bin/chromedriver` (or `CHROMIUM_BIN`/`CHROMEDRIVER_BIN`) the tests,
//! which declare `needs: [Browser]`, are counted as ignored, or fail when
//! `BROWSER_REQUIRED` is set (CI sets it).
//! Screenshots go to `target/browser-screenshots/`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::export_html::{FIXTURE_PAGES, export, fixture};
use crate::harness::{Need, Skip};
use crate::support::Sandbox;

/// The WebDriver key code of Home.
const HOME_KEY: &str = "\u{E011}";

/// How long to wait for something to show up in the page.
const WAIT: Duration = Duration::from_secs(5);

/// Chromium and chromedriver, for tests that declare `needs: [Browser]`.
pub(crate) fn tools() -> (PathBuf, PathBuf) {
    crate::support::browser_paths()
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

// ---------------------------------------------------------------------------
// chromedriver and a browser session.
// ---------------------------------------------------------------------------

/// A chromedriver process, killed on drop.
pub(crate) struct Driver {
    child: Child,
    port: u16,
    /// `HOME` of chromedriver and Chromium, so nothing lands in the real one.
    home: tempfile::TempDir,
}

impl Driver {
    pub fn start(chromedriver: &Path) -> Self {
        let port = free_port();
        let home = tempfile::tempdir().expect("a home folder for the browser");
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join(".config"))
            .env("XDG_CACHE_HOME", home.path().join(".cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        Self { child, port, home }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A session command fantoccini has no method for, sent as is:
/// `POST /session/{id}/{path}` with a JSON body.
#[derive(Debug)]
struct SessionCommand {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// A WebDriver session in headless Chromium, closed on drop; each method
/// blocks on the runtime.
pub(crate) struct Browser<'a> {
    _driver: &'a Driver,
    runtime: tokio::runtime::Runtime,
    client: Option<Client>,
    /// The browser's process, to end it if the session cannot be closed.
    pid: Option<u64>,
    _profile: tempfile::TempDir,
}

impl<'a> Browser<'a> {
    pub fn open(driver: &'a Driver, chromium: &Path) -> Self {
        Self::open_sized(driver, chromium, (1280, 900))
    }

    pub fn open_sized(driver: &'a Driver, chromium: &Path, (w, h): (u32, u32)) -> Self {
        let profile = tempfile::tempdir_in(driver.home.path()).expect("a browser profile folder");
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-quic",
                    "--hide-scrollbars",
                    format!("--window-size={w},{h}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
            "timeouts": { "implicit": 0, "pageLoad": 20000, "script": 60000 },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("an object literal")
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let url = format!("http://127.0.0.1:{}/", driver.port);
        let deadline = Instant::now() + Duration::from_secs(15);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            let attempt = runtime.block_on(
                ClientBuilder::new(connector)
                    .capabilities(capabilities.clone())
                    .connect(&url),
            );
            match attempt {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => panic!("new WebDriver session on port {}: {e}", driver.port),
            }
        };
        let pid = client
            .capabilities()
            .and_then(|c| c.get("goog:processID"))
            .and_then(Value::as_u64);
        Self {
            _driver: driver,
            runtime,
            client: Some(client),
            pid,
            _profile: profile,
        }
    }

    fn client(&self) -> &Client {
        self.client.as_ref().expect("an open session")
    }

    #[track_caller]
    fn run<T, E: std::fmt::Display>(&self, what: &str, f: impl Future<Output = Result<T, E>>) -> T {
        self.runtime
            .block_on(f)
            .unwrap_or_else(|e| panic!("WebDriver {what}: {e}"))
    }

    pub fn goto(&self, url: &str) {
        self.run("goto", self.client().goto(url));
    }

    pub fn url(&self) -> String {
        self.run("current url", self.client().current_url())
            .to_string()
    }

    pub fn title(&self) -> String {
        self.run("title", self.client().title())
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.run("find all", self.client().find_all(Locator::Css(css)))
    }

    #[track_caller]
    pub fn find(&self, css: &str) -> Element {
        self.find_all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no `{css}` on {}", self.url()))
    }

    pub fn click(&self, element: &Element) {
        self.run("click", element.click());
    }

    pub fn type_into(&self, element: &Element, text: &str) {
        self.run("send keys", element.send_keys(text));
    }

    pub fn text(&self, element: &Element) -> String {
        self.run("text", element.text())
    }

    pub fn displayed(&self, element: &Element) -> bool {
        self.run("is displayed", element.is_displayed())
    }

    pub fn script(&self, js: &str) -> Value {
        self.run("execute", self.client().execute(js, Vec::new()))
    }

    /// An asynchronous script: its last argument is the callback.
    pub fn script_async(&self, js: &str, args: Vec<Value>) -> Value {
        self.run("execute async", self.client().execute_async(js, args))
    }

    /// A Chrome DevTools command through chromedriver.
    pub fn devtools(&self, cmd: &str, params: Value) -> Value {
        self.run(
            "devtools",
            self.client().issue_cmd(SessionCommand {
                path: "goog/cdp/execute",
                body: json!({ "cmd": cmd, "params": params }),
            }),
        )
    }

    /// Polls `probe` until it gives a value, for up to [`WAIT`].
    #[track_caller]
    pub fn wait_for<T>(&self, what: &str, probe: impl FnMut() -> Option<T>) -> T {
        self.wait_for_up_to(WAIT, what, probe)
    }

    #[track_caller]
    pub fn wait_for_up_to<T>(
        &self,
        wait: Duration,
        what: &str,
        mut probe: impl FnMut() -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(value) = probe() {
                return value;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the browser is on a new, fully loaded page.
    #[track_caller]
    pub fn wait_for_navigation(&self, from: &str) -> String {
        self.wait_for("the next page", || {
            let url = self.url();
            let ready = self.script("return document.readyState") == json!("complete");
            (url != from && ready).then_some(url)
        })
    }

    /// Browser console messages since the last call.
    fn console(&self) -> Vec<Value> {
        let client = self.client();
        let read = |path| {
            self.runtime.block_on(client.issue_cmd(SessionCommand {
                path,
                body: json!({ "type": "browser" }),
            }))
        };
        read("se/log")
            .or_else(|_| read("log"))
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
    }

    /// Console errors (`SEVERE`) logged since the last call, as text.
    pub fn console_errors(&self) -> Vec<String> {
        self.console()
            .into_iter()
            .filter(|e| e["level"] == json!("SEVERE"))
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    pub fn screenshot(&self, path: &Path) {
        let png = self.run("screenshot", self.client().screenshot());
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create the screenshot folder");
        }
        std::fs::write(path, png).expect("write the screenshot");
        eprintln!("screenshot: {}", path.display());
    }
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        let closed = self
            .client
            .take()
            .is_some_and(|c| self.runtime.block_on(c.close()).is_ok());
        if !closed && let Some(pid) = self.pid {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
    }
}

// ---------------------------------------------------------------------------
// The site.
// ---------------------------------------------------------------------------

/// The fixture exported to `<sandbox>/site`.
fn exported_fixture() -> (Sandbox, PathBuf) {
    let sandbox = fixture();
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "export: {}", run.stderr);
    let site = sandbox
        .root()
        .join("site")
        .canonicalize()
        .expect("the site folder");
    (sandbox, site)
}

/// The `file://` URL of a site page, percent-encoded as a browser shows it.
fn file_url(site: &Path, page: &str) -> String {
    let path = format!("{}/{page}", site.display());
    let mut url = String::from("file://");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// A static host for a site folder on 127.0.0.1 that sends scripts late,
/// as a slow network does: the page is shown before its scripts run, so
/// whatever they move counts as a layout shift (from `file://` they run
/// before the first paint and nothing would). Its threads end with the
/// test process.
fn slow_script_host(site: &Path) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a local port");
    let base = format!("http://{}/", listener.local_addr().expect("its address"));
    let site = site.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = site.clone();
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let path = line.split(' ').nth(1).unwrap_or("/");
                let path = path.split('?').next().unwrap_or("").trim_start_matches('/');
                let file = site.join(path);
                let found = !path.split('/').any(|c| c == "..")
                    && file.is_file()
                    && file.starts_with(&site);
                let body = if found { std::fs::read(&file).unwrap_or_default() } else { Vec::new() };
                let kind = match path.rsplit('.').next() {
                    Some("html") => "text/html; charset=utf-8",
                    Some("css") => "text/css",
                    Some("js") => "text/javascript",
                    Some("svg") => "image/svg+xml",
                    _ => "application/octet-stream",
                };
                if path.ends_with(".js") {
                    std::thread::sleep(Duration::from_millis(1000));
                }
                let status = if found { "200 OK" } else { "404 Not Found" };
                let mut stream = &stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            });
        }
    });
    base
}

fn screenshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("browser-screenshots")
        .join(name)
}

/// Records console errors of the current page under its name.
pub(crate) fn check_console(browser: &Browser<'_>, page: &str, errors: &mut Vec<String>) {
    for message in browser.console_errors() {
        errors.push(format!("{page}: {message}"));
    }
}

/// The `href`s (absolute, as the browser resolved them) of the links in
/// the current page's search results.
fn search_hits(browser: &Browser<'_>, word: &str) -> Vec<(String, String)> {
    let input = browser.find("#search-input");
    browser.click(&input);
    browser.type_into(&input, word);
    let list = browser.find("#search-results");
    browser.wait_for(&format!("search results for `{word}`"), || {
        (browser.displayed(&list) && !browser.find_all("#search-results li").is_empty())
            .then_some(())
    });
    let hits = browser.script(
        "return Array.from(document.querySelectorAll('#search-results a'))\
         .map(a => [a.href, a.textContent]);",
    );
    hits.as_array()
        .map(|hits| {
            hits.iter()
                .map(|h| {
                    (
                        h[0].as_str().unwrap_or_default().to_string(),
                        h[1].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The number of index rows that are not hidden.
fn visible_rows(browser: &Browser<'_>) -> Vec<String> {
    browser
        .script(
            "return Array.from(document.querySelectorAll('#records tbody tr'))\
             .filter(r => !r.hidden && r.offsetParent !== null)\
             .map(r => r.querySelector('td:nth-child(2) a').textContent);",
        )
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| r.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn site_works_in_a_real_browser_from_file_urls() {
    let (chromium, chromedriver) = tools();
    let started = Instant::now();
    let (_sandbox, site) = exported_fixture();
    let driver = Driver::start(&chromedriver);
    let browser = Browser::open(&driver, &chromium);
    let mut errors = Vec::new();

    // The index lists every record, each linked to its page.
    let index = file_url(&site, "index.html");
    browser.goto(&index);
    assert_eq!(browser.title(), "Architecture Decision Records");
    let rows = browser.find_all("#records tbody tr");
    assert_eq!(rows.len(), FIXTURE_PAGES.len(), "rows of the index table");
    let hrefs = browser.script(
        "return Array.from(document.querySelectorAll('#records tbody tr td:nth-child(2) a'))\
         .map(a => a.href);",
    );
    let mut hrefs: Vec<String> = hrefs
        .as_array()
        .map(|h| {
            h.iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    hrefs.sort();
    let mut expected: Vec<String> = FIXTURE_PAGES
        .iter()
        .map(|(_, page)| file_url(&site, page))
        .collect();
    expected.sort();
    assert_eq!(hrefs, expected, "the index links every record's page");
    // The search index is loaded lazily: not with the page, but once the
    // search box is used.
    let loaded = || {
        browser.script("return Array.isArray(window.ADR_SEARCH) ? window.ADR_SEARCH.length : -1")
    };
    assert_eq!(
        loaded(),
        json!(-1),
        "the search index is not loaded with the page"
    );
    let input = browser.find("#search-input");
    browser.click(&input);
    browser.wait_for("the search index", || {
        (loaded() == json!(FIXTURE_PAGES.len())).then_some(())
    });
    assert_eq!(
        loaded(),
        json!(FIXTURE_PAGES.len()),
        "the search index is loaded"
    );
    check_console(&browser, "index.html", &mut errors);
    // The console log is really read: a probe error shows up.
    browser.script("console.error('adr-browser-test-probe'); return null;");
    let probe = browser.wait_for("the console probe", || {
        let logged = browser.console_errors();
        (!logged.is_empty()).then_some(logged)
    });
    assert!(
        probe.iter().any(|m| m.contains("adr-browser-test-probe")),
        "console errors are read: {probe:?}"
    );
    browser.screenshot(&screenshot_path("index.png"));

    // The filters appear (site.js ran) and filtering by status hides rows.
    let filters = browser.find(".filters");
    assert!(browser.displayed(&filters), "the filter controls are shown");
    // Chosen from the keyboard, as a user would: chromedriver's click on an
    // <option> fires `change` but not the `input` a real click fires.
    let status = browser.find("#filter-status");
    browser.type_into(&status, "su");
    let shown = browser.wait_for("rows filtered by status", || {
        let shown = visible_rows(&browser);
        (shown.len() < FIXTURE_PAGES.len()).then_some(shown)
    });
    assert_eq!(
        shown,
        ["Use PostgreSQL"],
        "only the superseded record is shown"
    );
    browser.type_into(&status, HOME_KEY);
    browser.wait_for("all rows back", || {
        (visible_rows(&browser).len() == FIXTURE_PAGES.len()).then_some(())
    });
    let tag = browser.find("#filter-tag");
    browser.type_into(&tag, "d");
    let shown = browser.wait_for("rows filtered by tag", || {
        let shown = visible_rows(&browser);
        (shown.len() < FIXTURE_PAGES.len()).then_some(shown)
    });
    assert_eq!(shown, ["Read connection strings from the vault"]);
    browser.type_into(&tag, HOME_KEY);
    check_console(&browser, "index.html (filters)", &mut errors);

    // Search finds a word of one record's body; its hit opens the record.
    let hits = search_hits(&browser, "marmalade");
    let sub = file_url(&site, "sub/0007-sub-record.html");
    assert_eq!(hits.len(), 1, "one hit for a word in one body: {hits:?}");
    assert_eq!(hits[0].0, sub, "the hit links to the record's page");
    assert!(hits[0].1.contains("Sub record"), "hit text: {}", hits[0].1);
    let hit = browser.find("#search-results a");
    browser.click(&hit);
    let reached = browser.wait_for_navigation(&index);
    assert_eq!(reached, sub, "following the hit");
    assert!(
        browser.title().starts_with("7. Sub record"),
        "title: {}",
        browser.title()
    );
    check_console(&browser, "sub/0007-sub-record.html", &mut errors);

    // Search also works from a page one folder down.
    let hits = search_hits(&browser, "kumquat");
    assert_eq!(
        hits.iter().map(|h| h.0.as_str()).collect::<Vec<_>>(),
        [file_url(
            &site,
            "0006-read-connection-strings-from-the-vault.html"
        )],
        "hits from sub/ link up to the root"
    );

    // A relation link leads to the related record.
    let superseded_page = file_url(&site, "0002-use-postgresql.html");
    browser.goto(&superseded_page);
    check_console(&browser, "0002-use-postgresql.html", &mut errors);
    let banner = browser.find(".banner");
    assert!(
        browser.text(&banner).contains("superseded"),
        "banner: {}",
        browser.text(&banner)
    );
    browser.screenshot(&screenshot_path("record.png"));
    let relation = browser.find(".relations a");
    browser.click(&relation);
    let reached = browser.wait_for_navigation(&superseded_page);
    assert_eq!(reached, file_url(&site, "0004-use-postgres-again.html"));
    assert_eq!(
        browser.title(),
        "4. Use Postgres again · Architecture Decision Records"
    );
    let heading = browser.find("h1");
    assert_eq!(browser.text(&heading), "4. Use Postgres again");
    check_console(&browser, "0004-use-postgres-again.html", &mut errors);

    // The other pages load without errors; graph nodes are links.
    for page in [
        "_graph.html",
        "_timeline.html",
        "_tags/database.html",
        "2023-01-01-thing/index.html",
        "0009-use-#-and-+-in-å.html",
    ] {
        browser.goto(&file_url(&site, page));
        check_console(&browser, page, &mut errors);
    }
    browser.goto(&file_url(&site, "_graph.html"));
    // Related records are linked nodes (1, 2, 4, 5: a supersession and an
    // amendment); the others are listed, linked, under the graph.
    let nodes = browser.find_all("svg.decision-graph a");
    assert_eq!(nodes.len(), 4, "one linked node per related record");
    let listed = browser.find_all(".graph-loners li a");
    assert_eq!(
        nodes.len() + listed.len(),
        FIXTURE_PAGES.len(),
        "every record is on the graph page"
    );
    let image = browser.script(
        "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length",
    );
    assert_eq!(image, json!(0), "no broken image on the graph page");
    browser.goto(&file_url(&site, "2023-01-01-thing/index.html"));
    let loaded = browser.script(
        "return Array.from(document.querySelectorAll('.body img')).map(i => i.naturalWidth)",
    );
    assert_eq!(loaded, json!([4]), "the copied image loads");

    assert!(errors.is_empty(), "console errors:\n{}", errors.join("\n"));
    eprintln!("browser test took {:?}", started.elapsed());
}

/// The record whose file name has `#`, `+` and `å`: its search hit must
/// open its page (the hit's link is built from the search index).
fn search_hit_opens_a_record_whose_name_needs_encoding() {
    let (chromium, chromedriver) = tools();
    let (_sandbox, site) = exported_fixture();
    let driver = Driver::start(&chromedriver);
    let browser = Browser::open(&driver, &chromium);
    let index = file_url(&site, "index.html");
    browser.goto(&index);
    let hits = search_hits(&browser, "zebrafish");
    assert_eq!(hits.len(), 1, "one hit: {hits:?}");
    let expected = file_url(&site, "0009-use-#-and-+-in-å.html");
    let hit = browser.find("#search-results a");
    browser.click(&hit);
    let reached = browser.wait_for_navigation(&index);
    assert_eq!(
        (reached.as_str(), browser.title().as_str()),
        (
            expected.as_str(),
            "9. Use # and + in å · Architecture Decision Records"
        ),
        "following the search hit (link {})",
        hits[0].0
    );
}

// ---------------------------------------------------------------------------
// Accessibility (axe-core), phone width and colour schemes, on real logs.
// ---------------------------------------------------------------------------

/// The axe-core version the tests inject (npm).
const AXE_VERSION: &str = "4.10.3";

/// axe-core's script: `AXE_CORE_JS` if set, else installed with npm into
/// `target/npm-tools/` on first use; `Err` (counted as skipped, or a
/// failure under `BROWSER_REQUIRED`) when npm cannot install it.
fn axe_source() -> Result<String, Skip> {
    if let Some(path) = std::env::var_os("AXE_CORE_JS") {
        return Ok(std::fs::read_to_string(&path).expect("read AXE_CORE_JS"));
    }
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/npm-tools");
    let script = tools.join("node_modules/axe-core/axe.min.js");
    if !script.is_file() {
        std::fs::create_dir_all(&tools).expect("create target/npm-tools");
        let installed = Command::new("npm")
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
            ])
            .arg(&tools)
            .arg(format!("axe-core@{AXE_VERSION}"))
            .stdin(Stdio::null())
            .output();
        let ok = installed.as_ref().is_ok_and(|o| o.status.success());
        if !ok || !script.is_file() {
            let why = format!(
                "axe-core could not be installed with npm into {} ({:?}); install Node.js and npm, or set AXE_CORE_JS",
                tools.display(),
                installed.map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            );
            return Err(Need::Browser.skip(why));
        }
    }
    Ok(std::fs::read_to_string(&script).expect("read axe.min.js"))
}

fn corpus() -> PathBuf {
    crate::support::corpus()
}

/// Two corpus logs: cometbft (93 records, long ones, relations) and
/// Brighter (tags, front matter, generics in prose).
const CORPUS_LOGS: &[(&str, &str)] = &[
    ("cometbft__cometbft", "docs/references/architecture"),
    ("BrighterCommand__Brighter", "docs/adr"),
];

/// `adr --dir <log> export html --out <sandbox>/<name>`: the site folder
/// and its HTML pages.
fn export_corpus_log(sandbox: &Sandbox, log: &Path, name: &str) -> (PathBuf, Vec<String>) {
    let out = sandbox.root().join(name);
    let run = sandbox.adr(&[
        "--dir",
        &log.display().to_string(),
        "export",
        "html",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(
        run.code == 0 || run.code == 1,
        "export {}: {}",
        log.display(),
        run.stderr
    );
    let mut pages: Vec<String> = crate::support::tree(&out)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect();
    pages.sort();
    (out.canonicalize().expect("site"), pages)
}

/// One page of each kind: the site's own pages, the first and last
/// records, the longest one and one with relations.
fn page_kinds(site: &Path, pages: &[String]) -> Vec<String> {
    let mut kinds: Vec<String> = [
        "index.html",
        "_graph.html",
        "_timeline.html",
        "_tags/index.html",
    ]
    .iter()
    .map(|p| p.to_string())
    .filter(|p| pages.contains(p))
    .collect();
    kinds.extend(
        pages
            .iter()
            .find(|p| p.starts_with("_tags/") && !p.ends_with("index.html"))
            .cloned(),
    );
    let records: Vec<&String> = pages
        .iter()
        .filter(|p| !p.starts_with('_') && *p != "index.html")
        .collect();
    let size = |p: &String| {
        std::fs::metadata(site.join(p))
            .map(|m| m.len())
            .unwrap_or(0)
    };
    kinds.extend(records.first().map(|p| (*p).clone()));
    kinds.extend(records.last().map(|p| (*p).clone()));
    kinds.extend(records.iter().max_by_key(|p| size(p)).map(|p| (*p).clone()));
    kinds.extend(
        records
            .iter()
            .find(|p| {
                std::fs::read_to_string(site.join(p))
                    .is_ok_and(|h| h.contains("class=\"relations\""))
            })
            .map(|p| (*p).clone()),
    );
    kinds.dedup();
    let mut seen = std::collections::BTreeSet::new();
    kinds.retain(|k| seen.insert(k.clone()));
    kinds
}

impl Browser<'_> {
    /// `prefers-color-scheme` as the page sees it.
    fn color_scheme(&self, scheme: &str) {
        self.devtools(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
    }

    /// A phone's viewport: `width` CSS px, touch, the meta viewport obeyed.
    fn phone(&self, width: u32) {
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 844, "deviceScaleFactor": 2, "mobile": true }),
        );
    }

    /// axe-core's violations on the current page, one line each.
    fn axe(&self, axe: &str) -> Vec<String> {
        self.script(&format!("{axe}\n;return true;"));
        let found = self.script_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v =>\
               v.id + ' (' + v.impact + ', ' + v.nodes.length + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' ')).join(' | ')\
             )), e => done(['axe failed: ' + e]));",
            Vec::new(),
        );
        found
            .as_array()
            .map(|v| {
                v.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The page's cumulative layout shift since it was opened (what
    /// Lighthouse scores as CLS), after its scripts have run.
    fn layout_shift(&self) -> f64 {
        self.script_async(
            "const done = arguments[arguments.length - 1];\
             let total = 0;\
             new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) total += e.value; } })\
               .observe({ type: 'layout-shift', buffered: true });\
             setTimeout(() => done(total), 300);",
            Vec::new(),
        )
        .as_f64()
        .unwrap_or(f64::MAX)
    }

    /// How much wider than the viewport the page is, in CSS px, and the
    /// innermost element reaching past its right edge (to say what to fix).
    fn overflow(&self) -> (i64, String) {
        let found = self.script(
            "const over = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth;\
             let culprit = '';\
             if (over > 0) {\
               for (const e of document.body.querySelectorAll('*')) {\
                 const r = e.getBoundingClientRect();\
                 if (r.right > window.innerWidth + 1) culprit = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' right edge ' + Math.round(r.right) + ' px';\
               }\
               culprit += '; stylesheets ' + document.styleSheets.length + ', ready ' + document.readyState;\
             }\
             return [over, culprit];",
        );
        (
            found[0].as_i64().unwrap_or(i64::MAX),
            found[1].as_str().unwrap_or_default().to_string(),
        )
    }

    /// [`Self::overflow`] once layout has settled: a page measured wider
    /// is measured again a moment later, so that a layout caught half-done
    /// on a loaded machine is told apart from a page that scrolls sideways.
    fn settled_overflow(&self, transient: &mut Vec<String>) -> (i64, String) {
        let first = self.overflow();
        if first.0 <= 0 {
            return first;
        }
        std::thread::sleep(Duration::from_millis(500));
        let again = self.overflow();
        if again.0 <= 0 {
            transient.push(format!("{} px ({}) then none", first.0, first.1));
        }
        again
    }
}

/// The largest layout shift of the pages `kinds` of `repo`'s site as
/// `host` serves them, at the browser's present size (`width` names it);
/// each page that moves 0.1 or more is noted in `shifting`.
fn largest_shift(
    browser: &Browser<'_>,
    (repo, host): (&str, &str),
    kinds: &[String],
    shifting: &mut Vec<String>,
    width: &str,
) -> f64 {
    let mut most: f64 = 0.0;
    for page in kinds {
        // From a blank page, so nothing of the page before is measured.
        browser.goto("about:blank");
        browser.goto(&format!("{host}{page}"));
        let shift = browser.layout_shift();
        most = most.max(shift);
        if shift >= 0.1 {
            shifting.push(format!("{repo} {page} ({width}): layout shift {shift:.3}"));
        }
    }
    most
}

/// Every page kind of two corpus logs has no axe-core violation in the
/// light and the dark scheme, no page of either log is wider than a 390 px
/// phone, and no page kind moves once shown (layout shift under 0.1, the
/// bound Lighthouse calls good) on a phone or a desktop.
fn corpus_sites_pass_axe_in_both_schemes_and_fit_a_phone() -> Result<(), Skip> {
    let (chromium, chromedriver) = tools();
    let corpus = corpus();
    let axe = axe_source()?;
    let sandbox = Sandbox::new();
    let driver = Driver::start(&chromedriver);
    let browser = Browser::open_sized(&driver, &chromium, (1280, 900));
    let mut violations = Vec::new();
    let mut wide = Vec::new();
    let mut shifting = Vec::new();
    let mut report = Vec::new();
    for (n, (repo, dir)) in CORPUS_LOGS.iter().enumerate() {
        let log = corpus.join(repo).join(dir);
        let (site, pages) = export_corpus_log(&sandbox, &log, &format!("site-{n}"));
        let kinds = page_kinds(&site, &pages);
        let host = slow_script_host(&site);
        let mut most_shift = largest_shift(&browser, (repo, &host), &kinds, &mut shifting, "1280 px");
        for scheme in ["light", "dark"] {
            browser.color_scheme(scheme);
            let mut count = 0;
            for page in &kinds {
                browser.goto(&file_url(&site, page));
                let started = Instant::now();
                let found = browser.axe(&axe);
                eprintln!(
                    "axe {repo} {page} ({scheme}): {} violations in {:?}",
                    found.len(),
                    started.elapsed()
                );
                count += found.len();
                violations.extend(
                    found
                        .into_iter()
                        .map(|v| format!("{repo} {page} ({scheme}): {v}")),
                );
            }
            report.push(format!(
                "{repo}: {count} axe violations on {} pages ({scheme})",
                kinds.len()
            ));
        }
        browser.color_scheme("light");
        browser.phone(390);
        let mut widest = (0, String::new());
        let mut transient = Vec::new();
        for page in &pages {
            browser.goto(&file_url(&site, page));
            let (over, culprit) = browser.settled_overflow(&mut transient);
            if over > widest.0 {
                widest = (over, page.clone());
            }
            if over > 0 {
                wide.push(format!(
                    "{repo} {page}: {over} px wider than 390 px ({culprit})"
                ));
            }
        }
        for note in &transient {
            eprintln!("{repo}: wider while laid out, not once settled: {note}");
        }
        most_shift = most_shift.max(largest_shift(
            &browser,
            (repo, &host),
            &kinds,
            &mut shifting,
            "390 px",
        ));
        report.push(format!(
            "{repo}: largest layout shift {most_shift:.3} on {} page kinds (1280 and 390 px, scripts sent late)",
            kinds.len()
        ));
        report.push(format!(
            "{repo}: {} pages at 390 px, widest overflow {} px {}",
            pages.len(),
            widest.0,
            widest.1
        ));
        if n == 0 {
            browser.goto(&file_url(&site, "index.html"));
            browser.screenshot(&screenshot_path("phone-index.png"));
            if let Some(record) = kinds.last() {
                browser.goto(&file_url(&site, record));
                browser.screenshot(&screenshot_path("phone-record.png"));
            }
            browser.color_scheme("dark");
            browser.goto(&file_url(&site, "_graph.html"));
            browser.screenshot(&screenshot_path("phone-graph-dark.png"));
            browser.color_scheme("light");
        }
        browser.devtools("Emulation.clearDeviceMetricsOverride", json!({}));
    }
    eprintln!("{}", report.join("\n"));
    assert!(
        violations.is_empty(),
        "{} axe violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
    assert!(
        wide.is_empty(),
        "pages wider than a phone:\n{}",
        wide.join("\n")
    );
    assert!(
        shifting.is_empty(),
        "pages that move once shown:\n{}",
        shifting.join("\n")
    );
    Ok(())
}

/// `adr serve` in a real browser: the open page shows an edit of its record
/// without anyone reloading it.
fn served_page_shows_an_edit_without_a_manual_reload() {
    let (chromium, chromedriver) = tools();
    let sandbox = fixture();
    let server = crate::export_html::Served::start(&sandbox);
    let driver = Driver::start(&chromedriver);
    let browser = Browser::open(&driver, &chromium);
    let page = format!("{}0003-use-mysql.html", server.url);
    browser.goto(&page);
    let heading = browser.find("h1");
    assert_eq!(browser.text(&heading), "3. Use MySQL");
    browser.script("window.adrProbe = 'still here'; return null;");
    let record = sandbox.root().join("doc/adr/0003-use-mysql.md");
    let text = std::fs::read_to_string(&record).expect("read the record");
    std::fs::write(&record, text.replace("# 3. Use MySQL", "# 3. Use MariaDB")).expect("edit");
    let edited = Instant::now();
    browser.wait_for("the edited heading", || {
        let h1 = browser.script(
            "return document.querySelector('h1') && document.querySelector('h1').textContent",
        );
        (h1 == json!("3. Use MariaDB")).then_some(())
    });
    let took = edited.elapsed();
    eprintln!("the open page showed the edit {took:?} after it was saved");
    assert_eq!(
        browser.script("return window.adrProbe || null"),
        Value::Null,
        "the page was reloaded (not patched in place)"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
    let mut errors = Vec::new();
    check_console(&browser, "served page", &mut errors);
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(site_works_in_a_real_browser_from_file_urls, needs: [Browser]),
        test!(search_hit_opens_a_record_whose_name_needs_encoding, needs: [Browser]),
        test!(corpus_sites_pass_axe_in_both_schemes_and_fit_a_phone, needs: [Corpus, Browser]),
        test!(served_page_shows_an_edit_without_a_manual_reload, needs: [Browser]),
    ]
}
