//! The exported site in a real headless Chromium, from `file://`: the index
//! lists every record, filters hide rows, search finds a word of a record's
//! body and its hit opens the record, relation links lead to the related
//! record, and no page logs a console error.
//!
//! chromedriver runs as a child process (killed on drop) and is driven over
//! the W3C WebDriver protocol with a tiny HTTP/1.1 client on `TcpStream`.
//! Without `/usr/bin/chromium` and `/usr/bin/chromedriver` (or
//! `CHROMIUM_BIN`/`CHROMEDRIVER_BIN`) the tests print SKIPPED, unless
//! `BROWSER_REQUIRED` is set (CI sets it). Screenshots go to
//! `target/browser-screenshots/`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::export_html::{FIXTURE_PAGES, export, fixture};
use crate::support::Sandbox;

/// The W3C name of an element reference in JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The WebDriver key code of Home.
const HOME_KEY: &str = "\u{E011}";

/// How long to wait for something to show up in the page.
const WAIT: Duration = Duration::from_secs(5);

/// Chromium and chromedriver, or `None` (test skipped) when either is
/// missing, unless `BROWSER_REQUIRED` is set.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let find = |var: &str, default: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(default))
    };
    let chromium = find("CHROMIUM_BIN", "/usr/bin/chromium");
    let chromedriver = find("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
    if chromium.is_file() && chromedriver.is_file() {
        return Some((chromium, chromedriver));
    }
    let why = format!(
        "{} or {} is missing (apt-get install chromium chromium-driver)",
        chromium.display(),
        chromedriver.display()
    );
    if std::env::var_os("BROWSER_REQUIRED").is_some() {
        panic!("{why} and BROWSER_REQUIRED is set");
    }
    eprintln!("SKIPPED: {why}; browser tests did not run");
    None
}

// ---------------------------------------------------------------------------
// A tiny HTTP/1.1 client.
// ---------------------------------------------------------------------------

/// One request to `127.0.0.1:port`: the status code and the JSON body.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, Value), String> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect {port}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("send {method} {path}: {e}"))?;
    let mut response = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let (head_end, length) = loop {
        let n = stream
            .read(&mut buffer)
            .map_err(|e| format!("read {method} {path}: {e}"))?;
        if n == 0 {
            return Err(format!(
                "{method} {path}: connection closed before the headers"
            ));
        }
        response.extend_from_slice(&buffer[..n]);
        if let Some(at) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&response[..at]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            break (at + 4, length);
        }
    };
    match length {
        Some(length) => {
            while response.len() < head_end + length {
                let n = stream
                    .read(&mut buffer)
                    .map_err(|e| format!("read {method} {path}: {e}"))?;
                if n == 0 {
                    break;
                }
                response.extend_from_slice(&buffer[..n]);
            }
            response.truncate(head_end + length);
        }
        None => {
            stream
                .read_to_end(&mut response)
                .map_err(|e| format!("read {method} {path}: {e}"))?;
        }
    }
    let head = String::from_utf8_lossy(&response[..head_end]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("{method} {path}: bad status line: {head}"))?;
    let mut body = response[head_end..].to_vec();
    if length.is_none()
        && head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    let json = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            format!(
                "{method} {path}: not JSON ({e}): {}",
                String::from_utf8_lossy(&body)
            )
        })?
    };
    Ok((status, json))
}

/// A `Transfer-Encoding: chunked` body, joined.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        let end = (start + size).min(rest.len());
        out.extend_from_slice(&rest[start..end]);
        rest = rest.get(end + 2..).unwrap_or_default();
    }
    out
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Standard base64, as WebDriver sends screenshots.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut bits = 0u32;
    let mut count = 0;
    for sextet in text.bytes().filter_map(value) {
        bits = (bits << 6) | u32::from(sextet);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// chromedriver and a browser session.
// ---------------------------------------------------------------------------

/// A chromedriver process, killed on drop.
struct Driver {
    child: Child,
    port: u16,
    /// `HOME` of chromedriver and Chromium, so nothing lands in the real one.
    home: tempfile::TempDir,
}

impl Driver {
    fn start(chromedriver: &Path) -> Self {
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
        let driver = Self { child, port, home };
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok((200, status)) = http(port, "GET", "/status", None)
                && status["value"]["ready"] == json!(true)
            {
                return driver;
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not become ready on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver session in headless Chromium, deleted on drop.
struct Browser<'a> {
    driver: &'a Driver,
    id: String,
    /// The browser's process, to end it if the session cannot be deleted.
    pid: Option<u64>,
    _profile: tempfile::TempDir,
}

impl<'a> Browser<'a> {
    fn open(driver: &'a Driver, chromium: &Path) -> Self {
        let profile = tempfile::tempdir_in(driver.home.path()).expect("a browser profile folder");
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
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
                            "--window-size=1280,900",
                            format!("--user-data-dir={}", profile.path().display()),
                        ],
                    },
                    "goog:loggingPrefs": { "browser": "ALL" },
                    "timeouts": { "implicit": 0, "pageLoad": 10000, "script": 5000 },
                }
            }
        });
        let (status, reply) = http(driver.port, "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("new session: {e}"));
        let value = &reply["value"];
        let id = value["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("new session failed (HTTP {status}): {reply}"))
            .to_string();
        let pid = value["capabilities"]["goog:processID"].as_u64();
        Self {
            driver,
            id,
            pid,
            _profile: profile,
        }
    }

    /// A session command: its `value`, or the WebDriver error.
    fn try_cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = match (method, body) {
            ("POST", None) => Some(json!({})),
            (_, body) => body,
        };
        let full = format!("/session/{}{path}", self.id);
        let (status, reply) = http(self.driver.port, method, &full, body.as_ref())?;
        if status == 200 {
            Ok(reply["value"].clone())
        } else {
            Err(format!(
                "{method} {path}: HTTP {status}: {}",
                reply["value"]
            ))
        }
    }

    #[track_caller]
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver: {e}"))
    }

    fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn title(&self) -> String {
        self.cmd("GET", "/title", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        self.cmd(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )
        .as_array()
        .map(|found| {
            found
                .iter()
                .filter_map(|e| e[ELEMENT].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
    }

    #[track_caller]
    fn find(&self, css: &str) -> String {
        self.find_all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no `{css}` on {}", self.url()))
    }

    fn click(&self, element: &str) {
        self.cmd("POST", &format!("/element/{element}/click"), None);
    }

    fn type_into(&self, element: &str, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn text(&self, element: &str) -> String {
        self.cmd("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn displayed(&self, element: &str) -> bool {
        self.cmd("GET", &format!("/element/{element}/displayed"), None) == json!(true)
    }

    fn script(&self, js: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": js, "args": [] })),
        )
    }

    /// Polls `probe` until it gives a value, for up to [`WAIT`].
    #[track_caller]
    fn wait_for<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + WAIT;
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
    fn wait_for_navigation(&self, from: &str) -> String {
        self.wait_for("the next page", || {
            let url = self.url();
            let ready = self.script("return document.readyState") == json!("complete");
            (url != from && ready).then_some(url)
        })
    }

    /// Browser console messages since the last call.
    fn console(&self) -> Vec<Value> {
        let body = json!({ "type": "browser" });
        self.try_cmd("POST", "/se/log", Some(body.clone()))
            .or_else(|_| self.try_cmd("POST", "/log", Some(body)))
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
    }

    /// Console errors (`SEVERE`) logged since the last call, as text.
    fn console_errors(&self) -> Vec<String> {
        self.console()
            .into_iter()
            .filter(|e| e["level"] == json!("SEVERE"))
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn screenshot(&self, path: &Path) {
        let png = base64_decode(
            self.cmd("GET", "/screenshot", None)
                .as_str()
                .unwrap_or_default(),
        );
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
        let deleted = http(
            self.driver.port,
            "DELETE",
            &format!("/session/{}", self.id),
            None,
        )
        .is_ok_and(|(status, _)| status == 200);
        if !deleted && let Some(pid) = self.pid {
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

fn screenshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("browser-screenshots")
        .join(name)
}

/// Records console errors of the current page under its name.
fn check_console(browser: &Browser<'_>, page: &str, errors: &mut Vec<String>) {
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

#[test]
fn site_works_in_a_real_browser_from_file_urls() {
    let Some((chromium, chromedriver)) = tools() else {
        return;
    };
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
    assert_eq!(
        browser.script("return Array.isArray(window.ADR_SEARCH) ? window.ADR_SEARCH.length : -1"),
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
    let nodes = browser.find_all("svg.decision-graph a");
    assert_eq!(
        nodes.len(),
        FIXTURE_PAGES.len(),
        "one linked node per record"
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
#[test]
fn search_hit_opens_a_record_whose_name_needs_encoding() {
    let Some((chromium, chromedriver)) = tools() else {
        return;
    };
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
