//! Several named designs in one browser: the index of saved designs. Pure data; the web app
//! keeps each design's JSON under its own storage key and this index beside them.
//!
//! The index is versioned text, one design a line, fields separated by tabs (names never hold
//! tabs or line breaks: [`clean_name`] removes them), the name last; read tolerantly: a line
//! that cannot be read is left out and reported (the caller keeps the text aside), never fatal
//! for the others.
//!
//! ```text
//! cidrplan-designs 1
//! current 2
//! 1→1715520000000→12→10.0.0.0/16→Office
//! 2→1715520060000→2→2001:db8::/48→Lab
//! ```
//! (→ is a tab: id, last change in ms since 1970, subnets, base, name.)

use super::{sanitize_note, Design, DesignError};
use crate::addr::Cidr;

const FORMAT: &str = "cidrplan-designs";
const VERSION: u64 = 1;
/// Longest design name, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Most designs one browser keeps (each is a storage entry; localStorage holds ~5 MB).
pub const MAX_DESIGNS: usize = 100;

/// One saved design: its name and what the list shows about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable within the browser: part of the design's storage key.
    pub id: u32,
    /// The design's name.
    pub name: String,
    /// The design's base network.
    pub base: Cidr,
    /// Number of subnets (leaves) in the design.
    pub subnets: usize,
    /// Last change, in milliseconds since 1970 (JavaScript's `Date.now()`).
    pub changed: u64,
}

/// The saved designs and which one is open. Never empty: the open design always has an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Library {
    current: u32,
    entries: Vec<Entry>,
}

/// A name cleaned like a note (no control characters, trimmed) and cut to
/// [`MAX_NAME_CHARS`]; refused when nothing is left.
pub fn clean_name(text: &str) -> Result<String, DesignError> {
    let name: String = sanitize_note(text).chars().take(MAX_NAME_CHARS).collect();
    let name = name.trim_end().to_string();
    if name.is_empty() {
        return Err(DesignError("Give the design a name".into()));
    }
    Ok(name)
}

impl Entry {
    fn describe(id: u32, name: String, d: &Design, now: u64) -> Entry {
        Entry { id, name, base: d.base(), subnets: d.len(), changed: now }
    }
}

impl Library {
    /// A library holding only `current`, the open design, named `name`.
    pub fn new(name: &str, current: &Design, now: u64) -> Library {
        let name = clean_name(name).unwrap_or_else(|_| "Design 1".into());
        Library { current: 1, entries: vec![Entry::describe(1, name, current, now)] }
    }

    /// The entries, most recently changed first.
    pub fn entries(&self) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self.entries.iter().collect();
        crate::sort::sort_few_by_key(&mut v, |e| (std::cmp::Reverse(e.changed), e.id));
        v
    }

    /// Number of saved designs; at least 1.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Always `false`: the open design always has an entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The open design's entry.
    pub fn current(&self) -> &Entry {
        self.get(self.current).unwrap_or(&self.entries[0])
    }

    /// The entry with id `id`.
    pub fn get(&self, id: u32) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    fn get_mut(&mut self, id: u32) -> Result<&mut Entry, DesignError> {
        self.entries.iter_mut().find(|e| e.id == id).ok_or_else(|| DesignError(format!("No saved design #{id}")))
    }

    /// Record that the open design is now `d` (changed at `now`).
    pub fn touch(&mut self, d: &Design, now: u64) {
        let id = self.current;
        if let Ok(e) = self.get_mut(id) {
            e.base = d.base();
            e.subnets = d.len();
            e.changed = now;
        }
    }

    /// A name not used yet: `wanted` itself, else `wanted (2)`, `wanted (3)`…
    pub fn unique_name(&self, wanted: &str) -> String {
        let base = clean_name(wanted).unwrap_or_else(|_| "Design".into());
        let taken = |n: &str| self.entries.iter().any(|e| e.name == n);
        if !taken(&base) {
            return base;
        }
        (2..).map(|k| format!("{base} ({k})")).find(|n| !taken(n)).unwrap_or(base)
    }

    /// Add `d` under `name` (made unique) as a new entry, not yet open; returns its id.
    pub fn add(&mut self, name: &str, d: &Design, now: u64) -> Result<u32, DesignError> {
        if self.entries.len() >= MAX_DESIGNS {
            return Err(DesignError(format!(
                "This browser keeps at most {MAX_DESIGNS} designs: delete one you no longer need first"
            )));
        }
        let name = self.unique_name(&clean_name(name)?);
        let id = self.entries.iter().map(|e| e.id).max().unwrap_or(0) + 1;
        self.entries.push(Entry::describe(id, name, d, now));
        Ok(id)
    }

    /// Add `d` under a given `id` (recovering a design whose index entry was lost); refused
    /// when the id is taken or the library is full.
    pub fn adopt(&mut self, id: u32, name: &str, d: &Design, changed: u64) -> Result<(), DesignError> {
        if id == 0 || self.get(id).is_some() || self.entries.len() >= MAX_DESIGNS {
            return Err(DesignError(format!("Saved design #{id} cannot be recovered")));
        }
        let name = self.unique_name(name);
        self.entries.push(Entry::describe(id, name, d, changed));
        Ok(())
    }

    /// The list for the page, most recent first, as table rows (names escaped): name, base,
    /// subnets, last change, and buttons carrying `data-open` / `data-delete` with the id.
    /// The open design has no Open button.
    pub fn list_html(&self, now: u64, offset_min: i32) -> String {
        let esc = crate::plan::diagram::xml_escape;
        let mut html = String::from(
            "<table class=\"designs-table\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Base</th><th scope=\"col\" class=\"num\">Subnets</th><th scope=\"col\">Changed</th><th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th></tr></thead><tbody>",
        );
        for e in self.entries() {
            let name = esc(&e.name);
            let open = if e.id == self.current {
                "<span class=\"muted\">open</span>".to_string()
            } else {
                format!("<button type=\"button\" class=\"button\" data-open=\"{}\" aria-label=\"Open {name}\">Open</button>", e.id)
            };
            html.push_str(&format!(
                "<tr{}><th scope=\"row\">{name}</th><td class=\"mono\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"actions\">{open}<button type=\"button\" class=\"button\" data-delete=\"{}\" aria-label=\"Delete {name}\">Delete</button></td></tr>",
                if e.id == self.current { " class=\"current\"" } else { "" },
                e.base,
                crate::addr::Count::new(e.subnets as u128).grouped(),
                changed_text(e.changed, now, offset_min),
                e.id
            ));
        }
        html.push_str("</tbody></table>");
        html
    }

    /// Make `id` the open design (the caller saves the current one first and loads `id`).
    pub fn open(&mut self, id: u32) -> Result<(), DesignError> {
        self.get_mut(id)?;
        self.current = id;
        Ok(())
    }

    /// Rename entry `id` to `name` (cleaned by [`clean_name`]); refused for an unknown id or an empty name.
    pub fn rename(&mut self, id: u32, name: &str) -> Result<(), DesignError> {
        let name = clean_name(name)?;
        let e = self.get_mut(id)?;
        e.name = name;
        Ok(())
    }

    /// Remove entry `id`. The open design cannot be removed while it is the only one; when it
    /// is removed, the most recently changed other design becomes the open one, and its id is
    /// returned for the caller to load.
    pub fn remove(&mut self, id: u32) -> Result<Option<u32>, DesignError> {
        let i = self
            .entries
            .iter()
            .position(|e| e.id == id)
            .ok_or_else(|| DesignError(format!("No saved design #{id}")))?;
        if self.entries.len() == 1 {
            return Err(DesignError("This is the only design: there is nothing to open instead".into()));
        }
        self.entries.remove(i);
        if id != self.current {
            return Ok(None);
        }
        self.current = self.entries()[0].id;
        Ok(Some(self.current))
    }

    /// The index as text (see the module docs), entries in id order.
    pub fn to_text(&self) -> String {
        let mut out = format!("{FORMAT} {VERSION}\ncurrent {}", self.current);
        for e in &self.entries {
            out.push_str(&format!("\n{}\t{}\t{}\t{}\t{}", e.id, e.changed, e.subnets, e.base, e.name));
        }
        out
    }

    /// The index from [`Library::to_text`]'s text, with a message for each line that could not
    /// be read (and was left out). Fails only when nothing usable is there; then the caller
    /// keeps the text aside and starts a new index.
    pub fn from_text(text: &str) -> Result<(Library, Vec<String>), DesignError> {
        let bad = |m: String| DesignError(format!("The list of saved designs could not be read: {m}"));
        let mut lines = text.lines();
        let version = lines.next().and_then(|h| h.strip_prefix(FORMAT)).and_then(|v| v.trim().parse::<u64>().ok());
        match version {
            Some(VERSION) => {}
            Some(n) if n > VERSION => return Err(bad(format!("it was saved by a newer cidrplan (version {n})"))),
            _ => return Err(bad("it is not a cidrplan design list".into())),
        }
        let wanted = lines.next().and_then(|l| l.strip_prefix("current ")).and_then(|c| c.parse::<u32>().ok());
        let mut entries: Vec<Entry> = Vec::new();
        let mut problems = Vec::new();
        for (i, line) in lines.enumerate() {
            match entry_from_line(line) {
                Ok(e) if entries.iter().any(|x| x.id == e.id) => {
                    problems.push(format!("Saved design #{} repeats the id {}; it was left out", i + 1, e.id))
                }
                Ok(e) if entries.len() < MAX_DESIGNS => entries.push(e),
                Ok(e) => problems.push(format!("Saved design \"{}\" is past the limit of {MAX_DESIGNS}", e.name)),
                Err(m) => problems.push(format!("Saved design #{} could not be read ({m}); it was left out", i + 1)),
            }
        }
        if entries.is_empty() {
            return Err(bad("it lists no readable design".into()));
        }
        let current = match wanted.filter(|c| entries.iter().any(|e| e.id == *c)) {
            Some(c) => c,
            None => {
                problems.push("The list did not say which design was open; the most recent one is".into());
                entries.iter().max_by_key(|e| e.changed).map(|e| e.id).unwrap_or(entries[0].id)
            }
        };
        Ok((Library { current, entries }, problems))
    }
}

/// One line of the index: id, last change, subnets, base, name (tab-separated).
fn entry_from_line(line: &str) -> Result<Entry, &'static str> {
    let mut f = line.splitn(5, '\t');
    let mut field = |what| f.next().ok_or(what);
    let id = field("no id")?.parse::<u32>().ok().filter(|&n| n > 0).ok_or("no id")?;
    let changed = field("no date")?.parse::<u64>().map_err(|_| "no date")?;
    let subnets = field("no subnet count")?.parse::<usize>().map_err(|_| "no subnet count")?;
    let base = super::json::parse_strict_cidr(field("no base network")?).map_err(|_| "no base network")?;
    let name = clean_name(field("no name")?).map_err(|_| "no name")?;
    Ok(Entry { id, name, base, subnets, changed })
}

/// When something changed, for the list: "just now", "5 min ago", "3 h ago", "yesterday",
/// "4 days ago", then the date (`2025-05-12`, in the local time of `offset_min` minutes east
/// of UTC).
pub fn changed_text(then: u64, now: u64, offset_min: i32) -> String {
    const MIN: u64 = 60_000;
    let ago = now.saturating_sub(then);
    match ago / MIN {
        0 => "just now".into(),
        m @ 1..=59 => format!("{m} min ago"),
        m @ 60..=1439 => format!("{} h ago", m / 60),
        1440..=2879 => "yesterday".into(),
        m if m < 7 * 1440 => format!("{} days ago", m / 1440),
        _ => {
            let local = then as i64 + i64::from(offset_min) * MIN as i64;
            let (y, mo, d) = civil_from_days(local.div_euclid(86_400_000));
            format!("{y:04}-{mo:02}-{d:02}")
        }
    }
}

/// The calendar date of `days` since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
