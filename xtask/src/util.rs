//! Small helpers: running commands without stdin, finding binaries, formatting.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Errors are one human-readable line.
pub type Res<T> = Result<T, String>;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the repository").to_path_buf()
}

/// `cmd` as a shell-like string, for messages.
pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}

/// Runs `cmd` with stdin closed and stdout/stderr inherited; Ok only on exit status 0.
pub fn run(cmd: &mut Command) -> Res<()> {
    let desc = describe(cmd);
    match cmd.stdin(Stdio::null()).status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{desc}` failed ({status})")),
        Err(e) => Err(format!("could not start `{desc}`: {e}")),
    }
}

/// Runs `cmd` quietly and returns its trimmed stdout (stderr appended) when it exits 0.
pub fn capture(cmd: &mut Command) -> Option<String> {
    let out = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    if text.trim().is_empty() {
        text = String::from_utf8_lossy(&out.stderr).into_owned();
    }
    Some(text.trim().to_string())
}

/// The first executable called `name` in the directories of `path`.
pub fn which(name: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata().map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

/// `dirs` followed by the current PATH, without duplicates.
pub fn path_with(dirs: &[PathBuf]) -> OsString {
    let mut all: Vec<PathBuf> = dirs.to_vec();
    if let Some(current) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&current) {
            if !all.contains(&dir) {
                all.push(dir);
            }
        }
    }
    std::env::join_paths(all).unwrap_or_default()
}

/// "4.2s", "3m 07s".
pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = d.as_secs();
        format!("{}m {:02}s", whole / 60, whole % 60)
    }
}

/// "812 B", "12.3 KiB", "1.40 MiB".
pub fn fmt_bytes(n: u64) -> String {
    const KIB: f64 = 1024.0;
    let f = n as f64;
    if f < KIB {
        format!("{n} B")
    } else if f < KIB * KIB {
        format!("{:.1} KiB", f / KIB)
    } else {
        format!("{:.2} MiB", f / (KIB * KIB))
    }
}

/// The version word of a `tool --version` line: "trunk 0.21.14" → "0.21.14".
pub fn second_word(text: &str) -> Option<&str> {
    text.lines().next()?.split_whitespace().nth(1)
}

/// Are we root? (`id -u` is 0.)
pub fn is_root() -> bool {
    capture(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// The first 16 hex digits of the sha256 of `bytes`: the content hash in a file name (as
/// trunk names its files) or a build id.
pub fn short_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations() {
        assert_eq!(fmt_duration(Duration::from_millis(4200)), "4.2s");
        assert_eq!(fmt_duration(Duration::from_secs(187)), "3m 07s");
    }

    #[test]
    fn formats_bytes() {
        assert_eq!(fmt_bytes(812), "812 B");
        assert_eq!(fmt_bytes(12_595), "12.3 KiB");
        assert_eq!(fmt_bytes(1_468_006), "1.40 MiB");
    }

    #[test]
    fn parses_version_lines() {
        assert_eq!(second_word("trunk 0.21.14"), Some("0.21.14"));
        assert_eq!(second_word("wasm-bindgen 0.2.130\n"), Some("0.2.130"));
        assert_eq!(second_word("nothing"), None);
    }

    #[test]
    fn describes_commands() {
        let mut cmd = Command::new("cargo");
        cmd.args(["fmt", "--all", "--check"]);
        assert_eq!(describe(&cmd), "cargo fmt --all --check");
    }
}
