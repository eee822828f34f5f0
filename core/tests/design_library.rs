//! Several named designs per browser (the index of saved designs) and the undo history that
//! survives a reload (issue #9 items 7 and 9).

mod design_support;

use cidrplan::design::library::{changed_text, clean_name, Library, MAX_DESIGNS, MAX_NAME_CHARS};
use cidrplan::design::Design;
use cidrplan::history::{Budget, History};
use cidrplan::share::{decode, encode, ShareState};
use cidrplan::Mode;
use design_support::net;

const T0: u64 = 1_715_520_000_000; // 2024-05-12 13:20 UTC

fn design(base: &str, splits: usize) -> Design {
    let mut d = Design::new(net(base), Mode::Standard);
    for _ in 0..splits {
        let first = d.leaves()[0].net;
        d.split(first, 2).unwrap();
    }
    d
}

#[test]
fn save_as_open_rename_delete() {
    let office = design("10.0.0.0/16", 2);
    let mut lib = Library::new("Office", &office, T0);
    assert_eq!(lib.current().name, "Office");
    assert_eq!((lib.current().base, lib.current().subnets), (net("10.0.0.0/16"), 3));
    let lab = design("192.168.0.0/22", 1);
    let id = lib.add("Lab", &lab, T0 + 1000).unwrap();
    assert_eq!(lib.current().name, "Office", "adding does not open");
    lib.open(id).unwrap();
    assert_eq!(lib.current().name, "Lab");
    // The list shows the most recent change first.
    let names: Vec<&str> = lib.entries().iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Lab", "Office"]);
    lib.touch(&design("192.168.0.0/22", 3), T0 + 5000);
    assert_eq!((lib.current().subnets, lib.current().changed), (4, T0 + 5000));
    // Names: unique on save, cleaned, refused when empty.
    let copy = lib.add("Lab", &lab, T0).unwrap();
    assert_eq!(lib.get(copy).unwrap().name, "Lab (2)");
    lib.rename(copy, "  Lab\tcopy \u{202e} ").unwrap();
    assert_eq!(lib.get(copy).unwrap().name, "Lab copy");
    assert_eq!(lib.rename(copy, " \n ").unwrap_err().0, "Give the design a name");
    assert_eq!(clean_name(&"x".repeat(99)).unwrap().chars().count(), MAX_NAME_CHARS);
    // Removing another design keeps the open one; removing the open one opens the most recent.
    assert_eq!(lib.remove(copy).unwrap(), None);
    assert_eq!(lib.remove(id).unwrap(), Some(1));
    assert_eq!(lib.current().name, "Office");
    assert_eq!(lib.remove(1).unwrap_err().0, "This is the only design: there is nothing to open instead");
    assert_eq!(lib.len(), 1);
}

#[test]
fn the_index_round_trips_and_tolerates_a_corrupt_entry() {
    let mut lib = Library::new("Office", &design("10.0.0.0/16", 0), T0);
    let id = lib.add("Lab", &design("2001:db8::/48", 1), T0 + 60_000).unwrap();
    lib.open(id).unwrap();
    let text = lib.to_text();
    assert_eq!(
        text,
        "cidrplan-designs 1\ncurrent 2\n1\t1715520000000\t1\t10.0.0.0/16\tOffice\n2\t1715520060000\t2\t2001:db8::/48\tLab"
    );
    let (back, problems) = Library::from_text(&text).unwrap();
    assert_eq!(back, lib);
    assert!(problems.is_empty());
    // One bad line is left out and reported; the others load.
    let broken = text.replace("10.0.0.0/16", "10.0.0.0/99");
    let (partial, problems) = Library::from_text(&broken).unwrap();
    assert_eq!(partial.len(), 1);
    assert_eq!(problems, ["Saved design #1 could not be read (no base network); it was left out"]);
    let (partial, problems) = Library::from_text(&format!("{text}\nnonsense\n2\t0\t1\t10.9.0.0/16\tTwin")).unwrap();
    assert_eq!(partial.len(), 2);
    assert_eq!(
        problems,
        [
            "Saved design #3 could not be read (no id); it was left out",
            "Saved design #4 repeats the id 2; it was left out"
        ]
    );
    // The open one missing: the most recent is opened, and that is said.
    let (other, problems) = Library::from_text(&text.replace("current 2", "current 9")).unwrap();
    assert_eq!(other.current().name, "Lab");
    assert_eq!(problems.len(), 1);
    // Nothing usable: an error for the caller to keep the text aside.
    for t in ["", "{", "cidrplan-designs x", "cidrplan-designs 1\ncurrent 1"] {
        assert!(Library::from_text(t).unwrap_err().0.starts_with("The list of saved designs could not be read"), "{t}");
    }
    let newer = text.replace("cidrplan-designs 1", "cidrplan-designs 4");
    assert!(Library::from_text(&newer).unwrap_err().0.contains("newer cidrplan (version 4)"));
    // A name cannot break the format: tabs and line breaks are cleaned out of it.
    let mut odd = Library::new("a\tb\nc", &design("10.0.0.0/24", 0), T0);
    odd.rename(1, "x\ty").unwrap();
    assert_eq!(Library::from_text(&odd.to_text()).unwrap().0.current().name, "x y");
    // A full library refuses one more.
    let mut full = Library::new("0", &design("10.0.0.0/24", 0), T0);
    for i in 1..MAX_DESIGNS {
        full.add(&i.to_string(), &design("10.0.0.0/24", 0), T0).unwrap();
    }
    assert!(full.add("one more", &design("10.0.0.0/24", 0), T0).unwrap_err().0.contains("at most 100 designs"));
}

#[test]
fn last_change_reads_like_people_say_it() {
    let min = 60_000;
    assert_eq!(changed_text(T0, T0 + 20_000, 0), "just now");
    assert_eq!(changed_text(T0, T0 + 5 * min, 0), "5 min ago");
    assert_eq!(changed_text(T0, T0 + 185 * min, 0), "3 h ago");
    assert_eq!(changed_text(T0, T0 + 30 * 60 * min, 0), "yesterday");
    assert_eq!(changed_text(T0, T0 + 4 * 1440 * min, 0), "4 days ago");
    assert_eq!(changed_text(T0, T0 + 30 * 1440 * min, 0), "2024-05-12");
    // 13:20 UTC is already the next day at UTC+11.
    assert_eq!(changed_text(T0, T0 + 30 * 1440 * min, 11 * 60), "2024-05-13");
    assert_eq!(changed_text(0, T0, 0), "1970-01-01");
}

fn link(d: &Design) -> Option<String> {
    Some(encode(&ShareState::Design(d.clone())))
}

fn unlink(s: &str) -> Option<Design> {
    match decode(s) {
        Ok(ShareState::Design(d)) => Some(d),
        _ => None,
    }
}

#[test]
fn undo_history_survives_a_round_trip_within_its_budget() {
    let mut h = History::new(200);
    let mut cur = design("10.0.0.0/16", 0);
    for _ in 0..5 {
        let before = cur.clone();
        let first = cur.leaves()[0].net;
        cur.split(first, 2).unwrap();
        h.push(before);
    }
    let before_undo = cur.clone();
    cur = h.undo(cur).unwrap();
    let budget = Budget { steps: 50, bytes: 1 << 20 };
    let text = h.to_text(budget, link);
    assert!(text.starts_with("cidrplan-history 1\nu v2."), "{text}");
    assert_eq!(text.lines().count(), 1 + 4 + 1);
    let mut back = History::from_text(&text, 200, unlink);
    assert_eq!(back, h);
    assert_eq!((back.undo_len(), back.redo_len()), (4, 1));
    assert_eq!(back.redo(cur.clone()).unwrap(), before_undo);
    // Budgets keep the newest steps.
    let few = History::from_text(&h.to_text(Budget { steps: 2, bytes: 1 << 20 }, link), 200, unlink);
    assert_eq!(few.undo_len(), 2);
    let tiny = History::from_text(&h.to_text(Budget { steps: 50, bytes: 1 }, link), 200, unlink);
    assert!(!tiny.can_undo() && !tiny.can_redo());
    // Unreadable text or entries: an empty history or the readable newest run, never a panic.
    assert!(!History::from_text("not a history", 200, unlink).can_undo());
    assert!(!History::from_text(&text.replace("\nr ", "\nx "), 200, unlink).can_undo());
    let damaged = text.replacen("\nu v2.", "\nu v2.*", 1);
    let kept = History::from_text(&damaged, 200, unlink);
    assert_eq!(kept.undo_len(), 3, "the oldest step was damaged: the three after it stay");
    // An entry the encoder cannot write ends its stack.
    let big = h.to_text(budget, |d: &Design| (d.len() < 3).then(|| link(d)).flatten());
    assert_eq!(History::from_text(&big, 200, unlink).undo_len(), 0, "the newest step is too large");
}

#[test]
fn the_in_memory_history_is_bounded() {
    let mut h = History::new(3);
    for i in 0..10 {
        h.push(i);
    }
    assert_eq!(h.undo_len(), 3);
    assert_eq!(h.undo(10), Some(9));
    assert_eq!(h.undo(9), Some(8));
    assert_eq!(h.redo(8), Some(9));
    h.push(42);
    assert!(!h.can_redo(), "a new step drops the redo history");
}

#[test]
fn the_list_escapes_names_and_marks_the_open_design() {
    let mut lib = Library::new("<b>Office</b> & co", &design("10.0.0.0/16", 2), T0);
    let id = lib.add("Lab \"2\"", &design("10.1.0.0/16", 0), T0 + 60_000).unwrap();
    let html = lib.list_html(T0 + 120_000, 0);
    assert!(html.contains("<th scope=\"row\">&lt;b&gt;Office&lt;/b&gt; &amp; co</th>"), "{html}");
    assert!(!html.contains("<b>"));
    assert!(html.contains(&format!("data-open=\"{id}\" aria-label=\"Open Lab &quot;2&quot;\"")), "{html}");
    assert!(!html.contains("data-open=\"1\""), "the open design has no Open button");
    assert!(html.contains("<span class=\"muted\">open</span>"));
    // Newest first: Lab, then Office.
    assert!(html.find("Lab").unwrap() < html.find("Office").unwrap());
    assert!(html.contains("<td>1 min ago</td>") && html.contains("<td>2 min ago</td>"));
    // A recovered design keeps its id.
    lib.adopt(7, "Recovered design", &design("10.2.0.0/16", 1), T0).unwrap();
    assert_eq!(lib.get(7).unwrap().subnets, 2);
    assert!(lib.adopt(7, "again", &design("10.2.0.0/16", 1), T0).is_err());
}
