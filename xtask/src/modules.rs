//! The tool modules in dist/. trunk builds each tool (index.html's `data-type="worker"` rust
//! links) as `<tool>.js` + `<tool>_bg.wasm`, without a content hash and without a loader.
//! Here each pair gets the hash of its contents in its names, `static/boot.js` (the page's
//! loader) gets the table of those names and a hashed name of its own, index.html points at
//! that, and the service worker gets the list of every file to precache. So every file but
//! index.html and sw.js may be cached forever, and each deploy changes both.

use crate::util::{short_hash, Res};
use std::path::Path;

/// The tools, as named in index.html (`data-bin`) and in boot.js's table.
pub const TOOLS: [&str; 3] = ["calculator", "subnets", "planner"];

/// Every module in dist/: the tools, then the modules of functions a tool loads after its
/// first result (web/exports, the planner's export writers), which no first load counts.
pub const MODULES: [&str; 4] = ["calculator", "subnets", "planner", "exports"];

/// The tools with a stylesheet of their own (`style/<name>.css`, copied by trunk as it is):
/// boot.js adds it to the page when the tool's module loads, so a tool's first load carries
/// only the CSS every page needs (main.css, calculator.css) and its own.
pub const STYLES: [(&str, &str); 2] = [("subnets", "designer"), ("planner", "planner")];

/// The stylesheet of `tool` in STYLES, if it has one.
pub fn style_of(tool: &str) -> Option<&'static str> {
    STYLES.iter().find(|(t, _)| *t == tool).map(|(_, s)| *s)
}

/// boot.js's stylesheet table as written in static/boot.js (trunk's copies, for `trunk serve`).
const STYLES_PLACEHOLDER: &str = "const STYLES = { subnets: 'designer.css', planner: 'planner.css' };";
/// boot.js's table as written in static/boot.js (trunk's unhashed names, for `trunk serve`).
const MODULES_PLACEHOLDER: &str =
    "const MODULES = { calculator: 'calculator', subnets: 'subnets', planner: 'planner', exports: 'exports' };";
/// sw.js's precache list as written in static/sw.js (`null`: read the page's links).
const FILES_PLACEHOLDER: &str = "const FILES = null;";

/// A tool's files after [`hash_modules`]: `<stem>.js` and `<stem>_bg.wasm`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    pub tool: &'static str,
    pub stem: String,
    /// The tool's own stylesheet, hashed (`designer-<hash>.css`).
    pub style: Option<String>,
}

impl Module {
    pub fn js(&self) -> String {
        format!("{}.js", self.stem)
    }
    pub fn wasm(&self) -> String {
        format!("{}_bg.wasm", self.stem)
    }
}

/// Renames each tool's two files to carry their hash, stamps boot.js with the names and moves
/// it to `boot-<hash>.js`; returns the modules and boot.js's new name.
pub fn hash_modules(dist: &Path) -> Res<(Vec<Module>, String)> {
    let mut modules = Vec::new();
    for tool in MODULES {
        let js = read(&dist.join(format!("{tool}.js")))?;
        let wasm = std::fs::read(dist.join(format!("{tool}_bg.wasm"))).map_err(|e| {
            format!("cannot read {tool}_bg.wasm (is it a data-type=\"worker\" link in index.html?): {e}")
        })?;
        let mut both = wasm.clone();
        both.extend_from_slice(js.as_bytes());
        let module = Module { tool, stem: format!("{tool}-{}", short_hash(&both)), style: hash_style(dist, tool)? };
        // The glue's default wasm URL (boot.js passes the URL itself; this keeps them equal).
        let js = js.replace(&format!("{tool}_bg.wasm"), &module.wasm());
        write(&dist.join(module.js()), &js)?;
        std::fs::rename(dist.join(format!("{tool}_bg.wasm")), dist.join(module.wasm()))
            .map_err(|e| format!("cannot rename {tool}_bg.wasm: {e}"))?;
        std::fs::remove_file(dist.join(format!("{tool}.js"))).map_err(|e| format!("cannot remove {tool}.js: {e}"))?;
        modules.push(module);
    }
    let boot = read(&dist.join("boot.js"))?;
    let boot = stamp_modules(&boot, &modules).ok_or_else(|| format!("boot.js: no `{MODULES_PLACEHOLDER}` to stamp"))?;
    let boot = stamp_styles(&boot, &modules).ok_or_else(|| format!("boot.js: no `{STYLES_PLACEHOLDER}` to stamp"))?;
    let boot_name = format!("boot-{}.js", short_hash(boot.as_bytes()));
    write(&dist.join(&boot_name), &boot)?;
    std::fs::remove_file(dist.join("boot.js")).map_err(|e| format!("cannot remove boot.js: {e}"))?;
    let index = read(&dist.join("index.html"))?;
    if !index.contains("./boot.js") {
        return Err("index.html does not load ./boot.js".into());
    }
    write(&dist.join("index.html"), &index.replace("./boot.js", &format!("./{boot_name}")))?;
    Ok((modules, boot_name))
}

/// boot.js with the build's module names in its table; `None` without the placeholder.
pub fn stamp_modules(boot: &str, modules: &[Module]) -> Option<String> {
    let table: Vec<String> = modules.iter().map(|m| format!("{}: '{}'", m.tool, m.stem)).collect();
    let line = format!("const MODULES = {{ {} }};", table.join(", "));
    boot.contains(MODULES_PLACEHOLDER).then(|| boot.replacen(MODULES_PLACEHOLDER, &line, 1))
}

/// boot.js with the build's stylesheet names in its table; `None` without the placeholder.
pub fn stamp_styles(boot: &str, modules: &[Module]) -> Option<String> {
    let table: Vec<String> =
        modules.iter().filter_map(|m| m.style.as_ref().map(|s| format!("{}: '{s}'", m.tool))).collect();
    let line = format!("const STYLES = {{ {} }};", table.join(", "));
    boot.contains(STYLES_PLACEHOLDER).then(|| boot.replacen(STYLES_PLACEHOLDER, &line, 1))
}

/// Renames `tool`'s own stylesheet (if it has one) to carry its hash; returns the new name.
fn hash_style(dist: &Path, tool: &str) -> Res<Option<String>> {
    let Some(style) = style_of(tool) else { return Ok(None) };
    let from = dist.join(format!("{style}.css"));
    let css = std::fs::read(&from)
        .map_err(|e| format!("cannot read {style}.css (is it a copy-file link in web/index.html?): {e}"))?;
    let name = format!("{style}-{}.css", short_hash(&css));
    std::fs::rename(&from, dist.join(&name)).map_err(|e| format!("cannot rename {style}.css: {e}"))?;
    Ok(Some(name))
}

/// Writes into dist/sw.js the list of files a visit precaches: every file of the build but
/// index.html (fetched as `./`), sw.js itself and the precompressed copies.
pub fn stamp_precache(dist: &Path, files: &[std::path::PathBuf]) -> Res<usize> {
    let list: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .filter(|f| f != "index.html" && f != "sw.js" && !crate::precompress::is_copy(Path::new(f)))
        .map(|f| format!("'./{f}'"))
        .collect();
    let sw_path = dist.join("sw.js");
    let sw = read(&sw_path)?;
    let stamped = stamp_files(&sw, &list).ok_or_else(|| format!("sw.js: no `{FILES_PLACEHOLDER}` to stamp"))?;
    write(&sw_path, &stamped)?;
    Ok(list.len())
}

fn stamp_files(sw: &str, list: &[String]) -> Option<String> {
    let line = format!("const FILES = [{}];", list.join(", "));
    sw.contains(FILES_PLACEHOLDER).then(|| sw.replacen(FILES_PLACEHOLDER, &line, 1))
}

fn read(path: &Path) -> Res<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Res<()> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str) -> String {
        std::fs::read_to_string(format!("{}/../static/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn boot_js_gets_every_modules_hashed_name_once() {
        let modules: Vec<Module> = MODULES
            .iter()
            .map(|t| Module {
                tool: t,
                stem: format!("{t}-0123456789abcdef"),
                style: style_of(t).map(|s| format!("{s}-fedcba9876543210.css")),
            })
            .collect();
        let out = stamp_modules(&source("boot.js"), &modules).expect("static/boot.js holds the placeholder");
        assert!(out.contains(
            "const MODULES = { calculator: 'calculator-0123456789abcdef', subnets: 'subnets-0123456789abcdef', planner: 'planner-0123456789abcdef', exports: 'exports-0123456789abcdef' };"
        ));
        assert_eq!(stamp_modules(&out, &modules), None, "stamped once");
        let out = stamp_styles(&out, &modules).expect("static/boot.js holds the styles placeholder");
        assert!(out.contains(
            "const STYLES = { subnets: 'designer-fedcba9876543210.css', planner: 'planner-fedcba9876543210.css' };"
        ));
    }

    #[test]
    fn the_worker_precaches_the_listed_files() {
        let out = stamp_files(&source("sw.js"), &["'./boot-1.js'".into(), "'./calculator-2_bg.wasm'".into()])
            .expect("static/sw.js holds the placeholder");
        assert!(out.contains("const FILES = ['./boot-1.js', './calculator-2_bg.wasm'];"));
    }

    #[test]
    fn boot_js_knows_every_tool_of_the_shell() {
        // web/shell's ToolId::id() names, boot.js's table and index.html's links agree.
        let shell =
            std::fs::read_to_string(format!("{}/../web/shell/src/shell.rs", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let index = std::fs::read_to_string(format!("{}/../web/index.html", env!("CARGO_MANIFEST_DIR"))).unwrap();
        for tool in TOOLS {
            assert!(shell.contains(&format!("=> \"{tool}\"")), "{tool} in ToolId::id");
        }
        for module in MODULES {
            assert!(index.contains(&format!("data-bin=\"{module}\"")), "{module} in index.html");
        }
    }

    /// The class names in `class="…"` attributes of the `.rs` files under `dir`.
    fn classes_used(dir: &Path, out: &mut std::collections::BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
            if entry.is_dir() {
                classes_used(&entry, out);
            } else if entry.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&entry).unwrap();
                for attr in text.split("class=\"").skip(1) {
                    let value = attr.split('"').next().unwrap_or("");
                    out.extend(value.split_whitespace().map(str::to_string));
                }
            }
        }
    }

    /// The class names a stylesheet's selectors name (`.name`), comments left out.
    fn classes_styled(css: &str) -> std::collections::BTreeSet<String> {
        let mut text = String::new();
        for (i, part) in css.split("/*").enumerate() {
            text.push_str(if i == 0 { part } else { part.split_once("*/").map_or("", |(_, rest)| rest) });
        }
        text.split('.')
            .skip(1)
            .map(|rest| {
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect::<String>()
            })
            .filter(|name| name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .collect()
    }

    #[test]
    fn no_tool_relies_on_another_tools_stylesheet() {
        // A tool's own stylesheet loads only with its module, so a class a tool uses that only
        // another tool's stylesheet styles is unstyled when that tool is opened first (the
        // planner's table box and usage bar once were, styled by designer.css alone).
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let css =
            |name: &str| classes_styled(&std::fs::read_to_string(root.join(format!("style/{name}.css"))).unwrap());
        let shared: std::collections::BTreeSet<String> = css("main").union(&css("calculator")).cloned().collect();
        for tool in TOOLS {
            let own = style_of(tool).map(css).unwrap_or_default();
            let mut used = std::collections::BTreeSet::new();
            classes_used(&root.join(format!("web/{tool}/src")), &mut used);
            classes_used(&root.join("web/shell/src"), &mut used);
            for (other_tool, other) in STYLES.iter().filter(|(t, _)| *t != tool) {
                let theirs = css(other);
                let stray: Vec<&String> =
                    used.iter().filter(|c| theirs.contains(*c) && !shared.contains(*c) && !own.contains(*c)).collect();
                assert!(stray.is_empty(), "{tool} uses {stray:?}, styled only by {other}.css ({other_tool}'s)");
            }
        }
    }
}
