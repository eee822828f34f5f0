//! Installing and checking the pinned build/test tools, idempotently.
//!
//! Every check prints exactly one line ("X: present" or "installing X…" then
//! "X: installed in T"). Nothing here reads stdin.

use crate::util::{capture, fmt_duration, is_root, path_with, run, second_word, which, Res};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen` version in Cargo.lock and `[tools] wasm_bindgen` in Trunk.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// binaryen from npm (tests/package.json); must equal `[tools] wasm_opt` in Trunk.toml.
pub const WASM_OPT_VERSION: &str = "version_132";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's nginx, which the browser tests serve dist/ through (deploy/nginx.conf).
pub const DEFAULT_NGINX: &str = "/usr/sbin/nginx";
/// Debian's `libnginx-mod-http-brotli-static`, loaded by the tests' nginx.
pub const BROTLI_STATIC_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Something the build or the tests need on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    WasmTarget,
    Trunk,
    WasmBindgen,
    NodePackages,
    Chromium,
    Nginx,
    /// ipcalc and sipcalc, what `cargo xtask bench` times `cidrplan info` against.
    PeerClis,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::WasmTarget => "wasm32 target",
            Tool::Trunk => "trunk",
            Tool::WasmBindgen => "wasm-bindgen",
            Tool::NodePackages => "npm packages",
            Tool::Chromium => "chromium",
            Tool::Nginx => "nginx",
            Tool::PeerClis => "ipcalc and sipcalc",
        }
    }
}

/// What a trunk build needs.
pub const BUILD_TOOLS: [Tool; 4] = [Tool::WasmTarget, Tool::Trunk, Tool::WasmBindgen, Tool::NodePackages];

pub struct Toolbox {
    pub root: PathBuf,
    /// Where `cargo install` puts binaries.
    cargo_bin: PathBuf,
    /// tests/node_modules/.bin: binaryen's wasm-opt (and playwright).
    node_bin: PathBuf,
    /// PATH for trunk and friends: node_bin, cargo_bin, then the inherited PATH.
    path: OsString,
}

impl Toolbox {
    pub fn new(root: PathBuf) -> Self {
        let cargo_bin = cargo_bin_dir();
        let node_bin = root.join("tests/node_modules/.bin");
        let path = path_with(&[node_bin.clone(), cargo_bin.clone()]);
        Toolbox { root, cargo_bin, node_bin, path }
    }

    pub fn tests_dir(&self) -> PathBuf {
        self.root.join("tests")
    }

    /// Where the release build goes: `$CIDRPLAN_DIST` if set (the browser tests
    /// read the same variable), else dist/.
    pub fn dist_dir(&self) -> PathBuf {
        match std::env::var_os("CIDRPLAN_DIST") {
            Some(dir) if !dir.is_empty() => self.root.join(dir),
            _ => self.root.join("dist"),
        }
    }

    /// A command run from the repo root with the tool PATH, trunk's update check
    /// disabled (it would contact crates.io) and colours left to the child.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root).env("PATH", &self.path).env("TRUNK_SKIP_VERSION_CHECK", "true");
        cmd
    }

    /// `cargo` (the one that runs us, if known).
    pub fn cargo(&self) -> Command {
        self.command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    /// `trunk` from the tool PATH.
    pub fn trunk(&self) -> Command {
        let program = which("trunk", &self.path).unwrap_or_else(|| "trunk".into());
        self.command(program)
    }

    pub fn chromium(&self) -> PathBuf {
        std::env::var_os("CHROMIUM_PATH").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(DEFAULT_CHROMIUM))
    }

    pub fn nginx(&self) -> PathBuf {
        std::env::var_os("NGINX_PATH").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(DEFAULT_NGINX))
    }

    /// Ensures every tool in `tools`, going on after a failure; returns the failures.
    pub fn ensure_all(&self, tools: &[Tool]) -> Vec<(Tool, String)> {
        tools.iter().filter_map(|&t| self.ensure(t).err().map(|e| (t, e))).collect()
    }

    pub fn ensure(&self, tool: Tool) -> Res<()> {
        match tool {
            Tool::WasmTarget => self.ensure_wasm_target(),
            Tool::Trunk => self.ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, true, "~10 min on 2 cores"),
            Tool::WasmBindgen => {
                self.check_pins()?;
                // Not --locked: its lockfile names a crate version no longer on crates.io.
                self.ensure_cargo_tool(
                    "wasm-bindgen",
                    "wasm-bindgen-cli",
                    WASM_BINDGEN_VERSION,
                    false,
                    "~4 min on 2 cores",
                )
            }
            Tool::NodePackages => self.ensure_node_packages(),
            Tool::Chromium => self.ensure_chromium(),
            Tool::Nginx => self.ensure_nginx(),
            Tool::PeerClis => ensure_peer_clis(),
        }
    }

    fn ensure_wasm_target(&self) -> Res<()> {
        let label = format!("rust target {WASM_TARGET}");
        let installed = capture(Command::new("rustup").args(["target", "list", "--installed"]));
        let Some(installed) = installed else {
            // No rustup: accept a toolchain that ships the target's std anyway.
            let sysroot = capture(Command::new("rustc").args(["--print", "sysroot"]))
                .ok_or("neither rustup nor rustc found: install Rust from https://rustup.rs")?;
            let lib = Path::new(&sysroot).join("lib/rustlib").join(WASM_TARGET);
            return if lib.is_dir() {
                println!("{label}: present");
                Ok(())
            } else {
                Err(format!("{label} missing and rustup not found: add the target to your Rust toolchain"))
            };
        };
        if installed.lines().any(|l| l.trim() == WASM_TARGET) {
            println!("{label}: present");
            return Ok(());
        }
        println!("installing {label} (rustup target add {WASM_TARGET}, ~30 s)…");
        let start = Instant::now();
        run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
        println!("{label}: installed in {}", fmt_duration(start.elapsed()));
        Ok(())
    }

    /// The version a `<bin> --version` prints, and where the binary is.
    fn installed_version(&self, bin: &str) -> Option<(PathBuf, String)> {
        let path = which(bin, &self.path)?;
        let out = capture(Command::new(&path).arg("--version"))?;
        Some((path, second_word(&out)?.to_string()))
    }

    fn ensure_cargo_tool(&self, bin: &str, krate: &str, version: &str, locked: bool, estimate: &str) -> Res<()> {
        let found = self.installed_version(bin);
        if let Some((path, v)) = &found {
            if v == version {
                println!("{bin} {version}: present ({})", path.display());
                return Ok(());
            }
        }
        let why = match &found {
            Some((path, v)) => format!("found {v} at {}; ", path.display()),
            None => String::new(),
        };
        println!("{bin}: {why}installing {krate} {version} (takes {estimate})…");
        let start = Instant::now();
        let mut cmd = self.cargo();
        cmd.args(["install", krate, "--version", version]);
        if locked {
            cmd.arg("--locked");
        }
        run(&mut cmd)?;
        match self.installed_version(bin) {
            Some((path, v)) if v == version => {
                println!("{bin} {version}: installed in {} ({})", fmt_duration(start.elapsed()), path.display());
                Ok(())
            }
            Some((path, v)) => Err(format!(
                "{bin} at {} is still {v} after installing {version}: put {} first on PATH",
                path.display(),
                self.cargo_bin.display()
            )),
            None => {
                Err(format!("{bin} not found after `cargo install {krate}`: is {} writable?", self.cargo_bin.display()))
            }
        }
    }

    /// The version pins in Cargo.lock and Trunk.toml must agree with the xtask's.
    fn check_pins(&self) -> Res<()> {
        let lock = std::fs::read_to_string(self.root.join("Cargo.lock"))
            .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
        if let Some(locked) = locked_version(&lock, "wasm-bindgen") {
            if locked != WASM_BINDGEN_VERSION {
                return Err(format!(
                    "Cargo.lock has wasm-bindgen {locked} but the wasm-bindgen CLI pin is \
                     {WASM_BINDGEN_VERSION}: change xtask/src/tools.rs and Trunk.toml together"
                ));
            }
        }
        let trunk_toml = std::fs::read_to_string(self.root.join("Trunk.toml"))
            .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
        for pin in [format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\""), format!("wasm_opt = \"{WASM_OPT_VERSION}\"")]
        {
            if !trunk_toml.contains(&pin) {
                return Err(format!("Trunk.toml lacks `{pin}` (xtask/src/tools.rs pins it)"));
            }
        }
        Ok(())
    }

    fn ensure_node_packages(&self) -> Res<()> {
        let tests = self.tests_dir();
        let label = "npm packages in tests/";
        let wanted = pinned_node_packages(&tests)?;
        let summary = wanted.iter().map(|(n, v)| format!("{n} {v}")).collect::<Vec<_>>().join(", ");
        if self.node_packages_ok(&tests, &wanted) {
            println!("{label} ({summary}): present");
            return self.check_wasm_opt();
        }
        let node = capture(Command::new("node").arg("--version"))
            .ok_or("node not found: install Node.js 20 or newer (and npm), then rerun")?;
        let has_lock = tests.join("package-lock.json").is_file();
        let sub = if has_lock { "ci" } else { "install" };
        println!("installing {label} (npm {sub} with node {node}, ~30 s)…");
        let start = Instant::now();
        run(self.command("npm").current_dir(&tests).args([sub, "--no-audit", "--no-fund"]))?;
        if !self.node_packages_ok(&tests, &wanted) {
            return Err(format!("{label}: installed versions differ from tests/package.json after npm {sub}"));
        }
        println!("{label} ({summary}): installed in {}", fmt_duration(start.elapsed()));
        self.check_wasm_opt()
    }

    fn node_packages_ok(&self, tests: &Path, wanted: &[(String, String)]) -> bool {
        wanted.iter().all(|(name, version)| {
            let manifest = tests.join("node_modules").join(name).join("package.json");
            read_json(&manifest).ok().and_then(|j| j["version"].as_str().map(|v| v == version)).unwrap_or(false)
        })
    }

    /// trunk picks the first wasm-opt on PATH: it must be binaryen 132 from npm,
    /// never Debian's binaryen 108 (its output fails to load in the browser).
    fn check_wasm_opt(&self) -> Res<()> {
        let Some(path) = which("wasm-opt", &self.path) else {
            return Err(format!(
                "wasm-opt not found in {}: is binaryen in tests/package.json?",
                self.node_bin.display()
            ));
        };
        let out = capture(Command::new(&path).arg("--version")).unwrap_or_default();
        if out.contains(&format!("({WASM_OPT_VERSION})")) {
            println!("wasm-opt {WASM_OPT_VERSION}: present ({})", path.display());
            Ok(())
        } else {
            Err(format!("wasm-opt at {} reports `{out}`, need {WASM_OPT_VERSION}", path.display()))
        }
    }

    fn ensure_chromium(&self) -> Res<()> {
        let path = self.chromium();
        if path.is_file() {
            let version = capture(Command::new(&path).arg("--version")).unwrap_or_else(|| "version unknown".into());
            println!("chromium: present ({version}, {})", path.display());
            return Ok(());
        }
        let debian = Path::new("/etc/debian_version").is_file();
        if path != Path::new(DEFAULT_CHROMIUM) || !debian || !is_root() {
            return Err(format!(
                "chromium not found at {}: install it (Debian/Ubuntu: sudo apt-get install -y \
                 chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary",
                path.display()
            ));
        }
        apt_install("chromium", &["chromium"], "~3 min", &[&path])
    }

    /// nginx and its brotli_static module, from Debian's packages like Chromium.
    fn ensure_nginx(&self) -> Res<()> {
        let path = self.nginx();
        let module = Path::new(BROTLI_STATIC_MODULE);
        if path.is_file() && module.is_file() {
            let version = capture(Command::new(&path).arg("-v")).unwrap_or_else(|| "version unknown".into());
            println!("nginx: present ({}, {}, with brotli_static)", version.trim(), path.display());
            return Ok(());
        }
        let debian = Path::new("/etc/debian_version").is_file();
        if path != Path::new(DEFAULT_NGINX) || !debian || !is_root() {
            return Err(format!(
                "nginx with brotli_static not found ({}, {}): install them (Debian/Ubuntu: sudo apt-get \
                 install -y nginx libnginx-mod-http-brotli-static) or set NGINX_PATH",
                path.display(),
                module.display()
            ));
        }
        apt_install("nginx", &["nginx", "libnginx-mod-http-brotli-static"], "~20 s", &[&path, module])
    }

    /// `cargo fetch`, so that trunk's offline cargo build finds every crate.
    pub fn cargo_fetch(&self) -> Res<()> {
        let start = Instant::now();
        run(self.cargo().arg("fetch").arg("--quiet"))?;
        println!("cargo fetch: done in {}", fmt_duration(start.elapsed()));
        Ok(())
    }
}

fn cargo_bin_dir() -> PathBuf {
    if let Some(root) = std::env::var_os("CARGO_INSTALL_ROOT") {
        return PathBuf::from(root).join("bin");
    }
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home).join("bin");
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
    PathBuf::from(home).join(".cargo/bin")
}

fn read_json(path: &Path) -> Res<serde_json::Value> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

/// (name, exact version) for every dependency in tests/package.json.
fn pinned_node_packages(tests: &Path) -> Res<Vec<(String, String)>> {
    let manifest = read_json(&tests.join("package.json"))?;
    let mut out = Vec::new();
    for section in ["dependencies", "devDependencies"] {
        if let Some(deps) = manifest[section].as_object() {
            for (name, v) in deps {
                let v = v.as_str().unwrap_or_default();
                if !v.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(format!("tests/package.json: pin {name} to an exact version (found `{v}`)"));
                }
                out.push((name.clone(), v.to_string()));
            }
        }
    }
    Ok(out)
}

/// The version of `name` in a Cargo.lock (the first entry if several).
pub fn locked_version<'a>(lock: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            let next = lines.next()?.trim();
            return next.strip_prefix("version = \"").and_then(|s| s.strip_suffix('"'));
        }
    }
    None
}

/// ipcalc and sipcalc from Debian's packages, for the bench's whole-process rows; elsewhere the
/// bench skips what is missing and says so in BENCHMARKS.md.
fn ensure_peer_clis() -> Res<()> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let missing: Vec<&str> = ["ipcalc", "sipcalc"].into_iter().filter(|c| which(c, &path).is_none()).collect();
    if missing.is_empty() {
        println!("ipcalc and sipcalc: present");
        return Ok(());
    }
    if !Path::new("/etc/debian_version").is_file() || !is_root() {
        println!(
            "{}: not installed, their bench rows are skipped (Debian: apt-get install -y ipcalc sipcalc)",
            missing.join(", ")
        );
        return Ok(());
    }
    let paths: Vec<PathBuf> = missing.iter().map(|c| Path::new("/usr/bin").join(c)).collect();
    let expect: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    apt_install(&missing.join(" and "), &missing, "~10 s", &expect)
}

/// `apt-get update && apt-get install -y PACKAGES` (as root on Debian), then checks that
/// every path in `expect` exists.
fn apt_install(label: &str, packages: &[&str], takes: &str, expect: &[&Path]) -> Res<()> {
    println!("installing {label} (apt-get update && apt-get install -y {}, {takes})…", packages.join(" "));
    let start = Instant::now();
    let apt = |args: &[&str]| run(Command::new("apt-get").args(args).env("DEBIAN_FRONTEND", "noninteractive"));
    apt(&["update"])?;
    apt(&[&["install", "-y"][..], packages].concat())?;
    if let Some(missing) = expect.iter().find(|p| !p.exists()) {
        return Err(format!("apt-get installed {label} but {} is missing", missing.display()));
    }
    println!("{label}: installed in {}", fmt_duration(start.elapsed()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_locked_versions() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen"), Some("0.2.130"));
        assert_eq!(locked_version(lock, "leptos"), None);
    }

    #[test]
    fn repo_pins_agree() {
        let root = crate::util::root();
        let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
        assert_eq!(locked_version(&lock, "wasm-bindgen"), Some(WASM_BINDGEN_VERSION));
        let trunk = std::fs::read_to_string(root.join("Trunk.toml")).unwrap();
        assert!(trunk.contains(&format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"")));
        assert!(trunk.contains(&format!("wasm_opt = \"{WASM_OPT_VERSION}\"")));
        assert!(trunk.contains(&format!("trunk-version = \"={TRUNK_VERSION}\"")));
        let pkgs = pinned_node_packages(&root.join("tests")).unwrap();
        assert!(pkgs.contains(&("binaryen".to_string(), "132.0.0".to_string())));
    }
}
