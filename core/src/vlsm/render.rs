//! A placement as text (aligned columns for a terminal) and as CSV.

use super::{NeedSize, Placement};
use crate::design::csv_cell;
use crate::export::aligned;

/// The CSV header, matching the cells of [`Placement::to_csv`].
pub const CSV_HEADER: &str = "name,hosts,prefix,subnet,first,last,first_usable,last_usable,usable,spare";

impl Placement {
    /// One sentence: "5 needs in 10.0.0.0/24 (AWS, largest first): 224 of 256 addresses used, 32 free".
    pub fn summary(&self) -> String {
        let n = self.items().len();
        let used = self.used();
        let total = self.base().size();
        let free = total.saturating_sub(used.as_u128().unwrap_or(u128::MAX));
        format!(
            "{n} need{} in {} ({}, {}): {} of {} addresses used, {} free",
            if n == 1 { "" } else { "s" },
            self.base(),
            self.mode().label(),
            self.order().label(),
            used.grouped(),
            total.grouped(),
            free.grouped()
        )
    }

    /// Aligned columns: each need with its subnet, usable count and spare, then the free
    /// blocks and the summary line.
    pub fn to_text(&self) -> String {
        let mut rows = vec![vec![
            "Name".to_string(),
            "Need".to_string(),
            "Subnet".to_string(),
            "Usable range".to_string(),
            "Usable".to_string(),
            "Spare".to_string(),
        ]];
        for p in self.items() {
            let range = match self.mode().usable_range(p.net) {
                Some((a, b)) if a == b => a.to_string(),
                Some((a, b)) => format!("{a} – {b}"),
                None => "none".to_string(),
            };
            let spare = p.spare().map_or("–".to_string(), |s| s.grouped());
            rows.push(vec![p.name.clone(), p.size.to_string(), p.net.to_string(), range, p.usable.grouped(), spare]);
        }
        let mut out = aligned(&rows, &[false, false, false, false, true, true]);
        let free = self.free();
        if !free.is_empty() {
            let list: Vec<String> = free.iter().map(|c| c.to_string()).collect();
            out.push_str(&format!("\nFree: {}\n", list.join(", ")));
        }
        out.push_str(&format!("\n{}\n", self.summary()));
        out
    }

    /// CSV (RFC 4180, CRLF line ends): one row per need in list order, then one per free
    /// block with an empty name. Cells are guarded against spreadsheet formula injection.
    pub fn to_csv(&self) -> String {
        let mut out = format!("{CSV_HEADER}\r\n");
        let mut row = |cells: [String; 10]| {
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        };
        let usable_ends = |net| match self.mode().usable_range(net) {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (String::new(), String::new()),
        };
        for p in self.items() {
            let hosts = match p.size {
                NeedSize::Hosts(n) => n.to_string(),
                NeedSize::Prefix(_) => String::new(),
            };
            let (fu, lu) = usable_ends(p.net);
            let spare = p.spare().map(|s| s.to_string()).unwrap_or_default();
            row([
                p.name.clone(),
                hosts,
                p.net.prefix().to_string(),
                p.net.to_string(),
                p.net.network().to_string(),
                p.net.last().to_string(),
                fu,
                lu,
                p.usable.to_string(),
                spare,
            ]);
        }
        for net in self.free() {
            let (fu, lu) = usable_ends(net);
            row([
                String::new(),
                String::new(),
                net.prefix().to_string(),
                net.to_string(),
                net.network().to_string(),
                net.last().to_string(),
                fu,
                lu,
                self.mode().usable(net).to_string(),
                String::new(),
            ]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::vlsm::{parse_needs, place, Order};
    use crate::Mode;

    #[test]
    fn text_and_csv_show_every_need_and_the_free_space() {
        let base = crate::parse("10.0.0.0/24").unwrap().network();
        let p = place(base, Mode::Aws, &parse_needs("Sales 120\n=cmd 10\nLink /28").needs, Order::Size).unwrap();
        let text = p.to_text();
        assert!(text.contains("Sales  120 hosts  10.0.0.0/25    10.0.0.4 – 10.0.0.126"), "{text}");
        assert!(text.contains("Free: 10.0.0.160/27, 10.0.0.192/26"), "{text}");
        assert!(text.ends_with("3 needs in 10.0.0.0/24 (AWS, largest first): 160 of 256 addresses used, 96 free\n"));
        let csv = p.to_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], super::CSV_HEADER);
        assert_eq!(lines[1], "Sales,120,25,10.0.0.0/25,10.0.0.0,10.0.0.127,10.0.0.4,10.0.0.126,123,3");
        assert!(lines[2].starts_with("'=cmd,10,28,"), "{}", lines[2]);
        assert!(lines[3].starts_with("Link,,28,10.0.0.144/28"), "{}", lines[3]);
        assert_eq!(lines[4], ",,27,10.0.0.160/27,10.0.0.160,10.0.0.191,10.0.0.164,10.0.0.190,27,");
    }
}
