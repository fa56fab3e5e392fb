//! Where the log's files live on GitHub or GitLab, so each page can link
//! to its source and offer "edit this page": from `[site] repo_url` and
//! `branch`, else from the `origin` remote and its default branch.

use std::path::Path;

/// A repository on a forge and the branch pages link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forge {
    /// `https://github.com/owner/repo`, without a trailing `/` or `.git`.
    pub repo_url: String,
    pub branch: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    GitHub,
    GitLab,
}

impl Forge {
    /// From the configuration when it names a repository, else from git.
    pub fn find(
        repo_url: Option<&str>,
        branch: Option<&str>,
        work_tree: Option<&Path>,
    ) -> Option<Self> {
        let git = work_tree.and_then(|w| git2::Repository::open(w).ok());
        let (url, kind) = match repo_url {
            Some(url) => {
                let url = web_url(url).unwrap_or_else(|| url.trim_end_matches('/').to_string());
                let kind = kind_of(&url).unwrap_or(Kind::GitHub);
                (url, kind)
            }
            None => {
                let remote = git.as_ref()?.find_remote("origin").ok()?;
                let url = web_url(remote.url().ok()?)?;
                let kind = kind_of(&url)?;
                (url, kind)
            }
        };
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return None;
        }
        let branch = branch
            .map(str::to_string)
            .or_else(|| git.as_ref().and_then(default_branch))
            .unwrap_or_else(|| "main".to_string());
        Some(Self {
            repo_url: url,
            branch,
            kind,
        })
    }

    /// The page showing `path` (work-tree relative, `/`-separated).
    pub fn view_url(&self, path: &str) -> String {
        let verb = match self.kind {
            Kind::GitHub => "blob",
            Kind::GitLab => "-/blob",
        };
        format!(
            "{}/{verb}/{}/{}",
            self.repo_url,
            encode(&self.branch),
            encode(path)
        )
    }

    /// The page editing `path`.
    pub fn edit_url(&self, path: &str) -> String {
        let verb = match self.kind {
            Kind::GitHub => "edit",
            Kind::GitLab => "-/edit",
        };
        format!(
            "{}/{verb}/{}/{}",
            self.repo_url,
            encode(&self.branch),
            encode(path)
        )
    }
}

fn kind_of(url: &str) -> Option<Kind> {
    let host = url.split("://").nth(1)?.split('/').next()?.to_lowercase();
    if host.contains("github") {
        Some(Kind::GitHub)
    } else if host.contains("gitlab") {
        Some(Kind::GitLab)
    } else {
        None
    }
}

/// `git@github.com:o/r.git`, `ssh://git@gitlab.com:22/g/s/r.git`,
/// `https://user@github.com/o/r.git` → `https://host/o/r`.
fn web_url(remote: &str) -> Option<String> {
    let remote = remote.trim();
    let (host, path) = if let Some(rest) = remote
        .strip_prefix("https://")
        .or_else(|| remote.strip_prefix("http://"))
        .or_else(|| remote.strip_prefix("ssh://"))
        .or_else(|| remote.strip_prefix("git://"))
    {
        let (authority, path) = rest.split_once('/')?;
        let host = authority.rsplit('@').next()?;
        let host = host.split(':').next()?;
        (host.to_string(), path.to_string())
    } else if let Some((authority, path)) = remote.split_once(':') {
        // scp-like: `git@host:owner/repo.git`.
        if authority.contains('/') {
            return None;
        }
        (authority.rsplit('@').next()?.to_string(), path.to_string())
    } else {
        return None;
    };
    let path = path.trim_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let safe = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c))
    };
    (safe(&host) && safe(path) && path.contains('/')).then(|| format!("https://{host}/{path}"))
}

/// `origin/HEAD`'s branch, else the checked-out branch.
fn default_branch(repo: &git2::Repository) -> Option<String> {
    if let Ok(reference) = repo.find_reference("refs/remotes/origin/HEAD")
        && let Ok(Some(target)) = reference.symbolic_target()
        && let Some(name) = target.strip_prefix("refs/remotes/origin/")
    {
        return Some(name.to_string());
    }
    let head = repo.find_reference("HEAD").ok()?;
    head.symbolic_target()
        .ok()
        .flatten()?
        .strip_prefix("refs/heads/")
        .map(str::to_string)
}

/// Percent-encodes a path for a URL, keeping `/`.
fn encode(path: &str) -> String {
    super::sitemap::encode_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_become_web_addresses() {
        for (remote, web) in [
            (
                "git@github.com:owner/repo.git",
                "https://github.com/owner/repo",
            ),
            (
                "https://github.com/owner/repo",
                "https://github.com/owner/repo",
            ),
            (
                "https://tok@github.com/owner/repo.git/",
                "https://github.com/owner/repo",
            ),
            (
                "ssh://git@gitlab.com:2222/group/sub/repo.git",
                "https://gitlab.com/group/sub/repo",
            ),
            (
                "git@gitlab.example.org:g/r.git",
                "https://gitlab.example.org/g/r",
            ),
        ] {
            assert_eq!(web_url(remote).as_deref(), Some(web), "{remote}");
        }
        assert_eq!(web_url("/srv/git/repo.git"), None);
        assert_eq!(web_url("https://github.com/o/r\"><script>"), None);
    }

    #[test]
    fn links_per_forge() {
        let hub = Forge {
            repo_url: "https://github.com/o/r".into(),
            branch: "main".into(),
            kind: Kind::GitHub,
        };
        assert_eq!(
            hub.edit_url("doc/adr/0001-a b.md"),
            "https://github.com/o/r/edit/main/doc/adr/0001-a%20b.md"
        );
        let lab = Forge {
            kind: Kind::GitLab,
            repo_url: "https://gitlab.com/g/r".into(),
            ..hub
        };
        assert_eq!(
            lab.view_url("doc/adr/x.md"),
            "https://gitlab.com/g/r/-/blob/main/doc/adr/x.md"
        );
    }
}
