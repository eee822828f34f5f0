//! The label paths shared by the file formats (`json`, `csv`, `text`).

use super::*;

/// Call `f` with every leaf, in order, and its label path: the labels of the groups holding
/// it, outermost first, then its own note (the CSV's `path` column, joined by
/// [`PATH_SEPARATOR`]). One pass over leaves and labels together.
pub(super) fn for_each_path<'a>(d: &'a Design, mut f: impl FnMut(&'a Leaf, &[&'a str])) {
    // Labels are sorted in pre-order, so each one's ancestors come before it.
    let mut groups: Vec<&Label> = Vec::new();
    let mut next_label = 0;
    let mut path: Vec<&str> = Vec::new();
    for leaf in &d.leaves {
        let net = leaf.net;
        while let Some(l) = d.labels.get(next_label).filter(|l| l.node < net) {
            next_label += 1;
            while groups.last().is_some_and(|g| !g.node.contains(l.node)) {
                groups.pop();
            }
            groups.push(l);
        }
        while groups.last().is_some_and(|g| !g.node.contains(net)) {
            groups.pop();
        }
        path.clear();
        path.extend(groups.iter().map(|g| g.note.as_str()));
        if leaf.has_note() {
            path.push(&leaf.note);
        }
        f(leaf, &path);
    }
}
