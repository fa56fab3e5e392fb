//! `adr serve`: the site, built in memory and served on 127.0.0.1, rebuilt
//! when a file of the log changes, with the open page reloaded.
//!
//! - HTTP: tiny_http, a small blocking HTTP/1.1 server with no async
//!   runtime; it parses requests (keep-alive, pipelining, bad input) so we
//!   do not. Each request is answered from the in-memory site: no path is
//!   ever opened on disk, so nothing outside the site can be served.
//! - Watching: the ADR folder (templates included) and `.adr.toml` are
//!   polled every [`POLL`]: one `stat` per file, no dependency, the same on
//!   every file system (network mounts and containers where inotify events
//!   do not arrive), and editors' save-by-rename is just another change.
//! - Rebuilding: a change reloads the log and rebuilds the site with the
//!   page cache, so only pages whose inputs changed are rendered again.
//! - Reloading: pages served (never exported ones) get a small script that
//!   listens to `/_adr/events` (server-sent events) and reloads on a change.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};
use crate::project::{Environment, Project};

use super::cache::PageCache;
use super::{Files, HtmlOptions, build, from_log};

/// How often the watched files are looked at.
pub(crate) const POLL: Duration = Duration::from_millis(250);

/// Server-sent event streams open at once, at most.
const MAX_STREAMS: usize = 64;

/// How often an idle event stream sends a comment, to notice a client that
/// went away.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The script served pages load.
const RELOAD_JS: &str = "// adr serve: reload this page when the site changes.\n\
(function () {\n\
  if (!window.EventSource) { return; }\n\
  var source = new EventSource('/_adr/events');\n\
  source.addEventListener('reload', function () { window.location.reload(); });\n\
})();\n";

/// What `adr serve` was asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct ServeOptions {
    pub port: u16,
    pub html: HtmlOptions,
}

/// The site being served and its generation, bumped on each rebuild.
struct State {
    files: RwLock<Arc<Files>>,
    generation: Mutex<u64>,
    changed: Condvar,
    stop: Arc<AtomicBool>,
    streams: AtomicUsize,
}

/// A running server: where it listens.
pub(crate) struct Server {
    http: tiny_http::Server,
    state: Arc<State>,
    pub url: String,
}

/// Builds the site of the project `env` and `dir_flag` (`--dir`) find,
/// and binds `127.0.0.1:port` (0: any free port).
pub(crate) fn start(
    env: Environment,
    dir_flag: Option<PathBuf>,
    options: &ServeOptions,
    stop: Arc<AtomicBool>,
) -> Result<(Server, Rebuilder)> {
    let project = Project::open(env.clone(), dir_flag.as_deref())?;
    project.repo.require()?;
    let mut rebuilder = Rebuilder {
        env,
        dir_flag,
        dirs: project
            .repo
            .log_dirs()
            .map(|d| project.repo.absolute(d))
            .collect(),
        html: options.html.clone(),
        cache: PageCache::default(),
        seen: BTreeMap::new(),
        warnings: Vec::new(),
    };
    let files = rebuilder.build()?;
    rebuilder.seen = rebuilder.snapshot();
    let http = tiny_http::Server::http(("127.0.0.1", options.port)).map_err(|e| {
        Error::Refused(format!(
            "cannot listen on 127.0.0.1:{}: {e}; choose another --port",
            options.port
        ))
    })?;
    let port = http
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());
    let state = Arc::new(State {
        files: RwLock::new(Arc::new(files)),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        stop,
        streams: AtomicUsize::new(0),
    });
    Ok((
        Server {
            http,
            state,
            url: format!("http://127.0.0.1:{port}/"),
        },
        rebuilder,
    ))
}

/// Rebuilds the site when its sources change.
pub(crate) struct Rebuilder {
    env: Environment,
    dir_flag: Option<PathBuf>,
    /// The log folders, absolute.
    dirs: Vec<PathBuf>,
    html: HtmlOptions,
    cache: PageCache,
    /// Each watched file's size and modification time.
    seen: BTreeMap<PathBuf, (u64, Option<SystemTime>)>,
    /// Warnings of the last build, for the terminal.
    pub warnings: Vec<String>,
}

impl Rebuilder {
    /// The project and its settings are found again on each build, so a
    /// changed `.adr.toml` applies.
    fn build(&mut self) -> Result<Files> {
        let project = Project::open(self.env.clone(), self.dir_flag.as_deref())?;
        let log = crate::log::Log::load(&project)?;
        let site = from_log(&log);
        let built = build(&project, &self.html, &site, &mut self.cache, None)?;
        self.warnings = built.report.warnings;
        self.warnings.extend(log.take_warnings());
        Ok(built.files)
    }

    /// The watched files: every file under the log folders (not hidden, not
    /// an exported site) and the nearest `.adr.toml`.
    fn snapshot(&self) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
        let mut seen = BTreeMap::new();
        for dir in &self.dirs {
            walk(dir, 0, &mut seen);
        }
        for ancestor in self.env.cwd.ancestors() {
            let config = ancestor.join(crate::project::config::FILE_NAME);
            if let Ok(meta) = std::fs::metadata(&config) {
                seen.insert(config, (meta.len(), meta.modified().ok()));
                break;
            }
        }
        seen
    }

    /// Rebuilds when something changed; `Ok(false)` when nothing did.
    fn poll(&mut self) -> Result<Option<Files>> {
        let now = self.snapshot();
        if now == self.seen {
            return Ok(None);
        }
        self.seen = now;
        self.build().map(Some)
    }
}

fn walk(dir: &Path, depth: usize, seen: &mut BTreeMap<PathBuf, (u64, Option<SystemTime>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "node_modules" || name == "adr-site" {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if depth < 8 {
                walk(&path, depth + 1, seen);
            }
        } else {
            seen.insert(path, (meta.len(), meta.modified().ok()));
        }
    }
}

impl Server {
    /// Serves until `stop` is set, rebuilding on changes; tells `say` of
    /// each rebuild (`false`: a note) and of each problem (`true`).
    pub(crate) fn run(
        self,
        mut rebuilder: Rebuilder,
        say: &mut dyn FnMut(&str, bool),
    ) -> Result<()> {
        let watcher_state = Arc::clone(&self.state);
        let (tx, rx) = std::sync::mpsc::channel::<(String, bool)>();
        let watcher = std::thread::spawn(move || {
            while !watcher_state.stop.load(Ordering::Relaxed) {
                std::thread::sleep(POLL);
                let started = std::time::Instant::now();
                match rebuilder.poll() {
                    Ok(None) => {}
                    Ok(Some(files)) => {
                        if let Ok(mut slot) = watcher_state.files.write() {
                            *slot = Arc::new(files);
                        }
                        if let Ok(mut generation) = watcher_state.generation.lock() {
                            *generation += 1;
                        }
                        watcher_state.changed.notify_all();
                        let _ = tx.send((format!("rebuilt in {:.0?}", started.elapsed()), false));
                        for warning in &rebuilder.warnings {
                            let _ = tx.send((warning.clone(), true));
                        }
                    }
                    Err(e) => {
                        let _ = tx.send((format!("rebuild failed: {e}"), true));
                    }
                }
            }
        });
        while !self.state.stop.load(Ordering::Relaxed) {
            while let Ok((text, problem)) = rx.try_recv() {
                say(&text, problem);
            }
            match self.http.recv_timeout(Duration::from_millis(100)) {
                Ok(Some(request)) => {
                    let state = Arc::clone(&self.state);
                    std::thread::spawn(move || respond(&state, request));
                }
                Ok(None) => {}
                Err(e) => say(&e.to_string(), true),
            }
        }
        // Wake the event streams so they end.
        self.state.changed.notify_all();
        let _ = watcher.join();
        Ok(())
    }
}

/// Answers one request from the in-memory site.
fn respond(state: &State, request: tiny_http::Request) {
    let method = request.method().clone();
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD\n"));
        return;
    }
    let Some(path) = site_path(request.url()) else {
        let _ = request.respond(not_found());
        return;
    };
    match path.as_str() {
        "_adr/events" => return events(state, request),
        "_adr/reload.js" => {
            let _ = request.respond(body(200, RELOAD_JS.as_bytes().to_vec(), "text/javascript"));
            return;
        }
        _ => {}
    }
    let files = match state.files.read() {
        Ok(files) => Arc::clone(&files),
        Err(_) => return,
    };
    let found = [
        path.clone(),
        format!("{path}/index.html")
            .trim_start_matches('/')
            .to_string(),
    ]
    .into_iter()
    .find(|p| files.contains_key(p));
    let Some(found) = found else {
        let _ = request.respond(not_found());
        return;
    };
    if found != path {
        // `/folder` → `/folder/`, so the page's relative links work.
        let location = format!("/{}", super::encode_path(&found));
        let response = with(text(301, "moved\n"), "Location", &location);
        let _ = request.respond(response);
        return;
    }
    let bytes = &files[&found];
    let kind = content_type(&found);
    let bytes = if kind.starts_with("text/html") {
        with_reload_script(bytes)
    } else {
        bytes.clone()
    };
    let _ = request.respond(body(200, bytes, kind));
}

/// The site path a request URL names: percent-decoded, `/` → `index.html`,
/// `dir/` → `dir/index.html`. `None` for anything that could step out of
/// the site or is not a plain path: `..` or `.` segments (encoded or not),
/// backslashes, NUL, empty segments, invalid UTF-8.
pub(crate) fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path.strip_prefix('/')?;
    let decoded = crate::url::decode(path);
    if decoded.contains(['\\', '\0']) || decoded.contains('\u{fffd}') {
        return None;
    }
    let mut parts: Vec<&str> = decoded.split('/').collect();
    let folder = decoded.is_empty() || decoded.ends_with('/');
    if folder {
        parts.pop();
    }
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == "..")
    {
        return None;
    }
    let mut site = parts.join("/");
    if folder {
        if !site.is_empty() {
            site.push('/');
        }
        site.push_str("index.html");
    }
    Some(site)
}

/// The page with the reload script before `</body>`.
fn with_reload_script(page: &[u8]) -> Vec<u8> {
    let tag = b"<script src=\"/_adr/reload.js\" defer></script>\n";
    let close = b"</body>";
    match page.windows(close.len()).rposition(|w| w == close) {
        Some(at) => {
            let mut out = Vec::with_capacity(page.len() + tag.len());
            out.extend_from_slice(&page[..at]);
            out.extend_from_slice(tag);
            out.extend_from_slice(&page[at..]);
            out
        }
        None => page.to_vec(),
    }
}

/// A server-sent event stream: `reload` after each rebuild, a comment
/// every [`HEARTBEAT`]; ends when the client goes or the server stops.
fn events(state: &State, request: tiny_http::Request) {
    if state.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        state.streams.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(text(503, "too many open pages\n"));
        return;
    }
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n: connected\n\n";
    let mut seen = state.generation.lock().map(|g| *g).unwrap_or(0);
    let mut ok = writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_ok();
    while ok && !state.stop.load(Ordering::Relaxed) {
        let Ok(generation) = state.generation.lock() else {
            break;
        };
        let Ok((generation, timeout)) =
            state
                .changed
                .wait_timeout_while(generation, HEARTBEAT, |g| {
                    *g == seen && !state.stop.load(Ordering::Relaxed)
                })
        else {
            break;
        };
        let now = *generation;
        drop(generation);
        let message = if now != seen {
            seen = now;
            "event: reload\ndata: {}\n\n"
        } else if timeout.timed_out() {
            ": ping\n\n"
        } else {
            break;
        };
        ok = writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_ok();
    }
    state.streams.fetch_sub(1, Ordering::SeqCst);
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/atom+xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `response` with a header; a header that cannot be written is left out.
fn with(
    mut response: tiny_http::Response<std::io::Cursor<Vec<u8>>>,
    name: &str,
    value: &str,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        response.add_header(header);
    }
    response
}

fn body(status: u16, bytes: Vec<u8>, kind: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let response = tiny_http::Response::from_data(bytes).with_status_code(status);
    let response = with(response, "Content-Type", kind);
    let response = with(response, "Cache-Control", "no-store");
    with(response, "X-Content-Type-Options", "nosniff")
}

fn text(status: u16, message: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    body(
        status,
        message.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
}

fn not_found() -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
                <body><main><h1>Not found</h1><p><a href=\"/index.html\">All decisions</a></p></main></body></html>\n";
    body(404, page.as_bytes().to_vec(), "text/html; charset=utf-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/sub/").as_deref(), Some("sub/index.html"));
        assert_eq!(
            site_path("/0009-use-%23-and-%2B-in-%C3%A5.html?x=1").as_deref(),
            Some("0009-use-#-and-+-in-å.html")
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a/../../b",
            "/a/./b",
            "//etc/passwd",
            "/a%5c..%5cb",
            "/a%00b",
            "/%ff",
            "relative",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn reload_script_goes_before_the_body_ends() {
        let page = with_reload_script(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8_lossy(&page),
            "<html><body><p>x</p><script src=\"/_adr/reload.js\" defer></script>\n</body></html>"
        );
    }
}
