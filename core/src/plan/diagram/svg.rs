//! The standalone SVG file: the same geometry as the page draws, written as markup.

use super::*;
use std::fmt::Write as _;

/// Text for XML: the five special characters escaped, characters XML 1.0 forbids dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate: at most two decimals, no trailing zeros.
pub(super) fn n(v: f64) -> String {
    crate::decimal::trimmed(v, 2)
}

pub(super) fn svg_text(out: &mut String, l: &Label, p: &Palette) {
    let fill = match (l.role, l.muted) {
        (Some(r), _) => p.role(r).text,
        (None, true) => p.muted,
        (None, false) => p.text,
    };
    let _ = write!(out, "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{fill}\"", n(l.x), n(l.y), n(l.size));
    if l.anchor != Anchor::Start {
        let _ = write!(out, " text-anchor=\"{}\"", l.anchor.svg());
    }
    if l.bold {
        out.push_str(" font-weight=\"600\"");
    }
    let _ = writeln!(out, ">{}</text>", xml_escape(&l.text));
}

/// How a rectangle is painted in the SVG.
pub(super) struct Paint<'a> {
    class: &'a str,
    fill: &'a str,
    stroke: &'a str,
    dashed: bool,
    radius: f64,
}

/// Writes `<rect …` and leaves the tag open for the caller to add attributes and close it
/// with [`close_rect`].
pub(super) fn open_rect(out: &mut String, r: &Rect, paint: Paint) {
    let Paint { class, fill, stroke, dashed, radius } = paint;
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\"",
        n(r.x),
        n(r.y),
        n(r.w.max(0.0)),
        n(r.h.max(0.0)),
        n(radius)
    );
    if dashed {
        out.push_str(" stroke-dasharray=\"4 3\"");
    }
}

pub(super) fn close_rect(out: &mut String, tooltip: Option<&str>) {
    match tooltip {
        Some(t) => {
            let _ = writeln!(out, "><title>{}</title></rect>", xml_escape(t));
        }
        None => out.push_str("/>\n"),
    }
}

pub(super) fn svg_rect(out: &mut String, r: &Rect, paint: Paint, tooltip: Option<&str>) {
    open_rect(out, r, paint);
    close_rect(out, tooltip);
}

pub(super) fn svg_circle(out: &mut String, c: &Circle, fill: &str) {
    let _ =
        writeln!(out, "<circle class=\"pin\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\"/>", n(c.cx), n(c.cy), n(c.r));
}

/// The id of the hatch pattern that fills avoided space.
pub(super) const HATCH_ID: &str = "avoided-hatch";

/// The fill of a segment or swatch of `role`: its colour, or the hatch for avoided space.
pub(super) fn role_fill(role: Role, p: &Palette) -> &'static str {
    match role {
        Role::Avoided => "url(#avoided-hatch)",
        r => p.role(r).fill,
    }
}

/// The hatch pattern: the avoided colour crossed by diagonal stripes, so avoided space never
/// reads as a colour of its own in a greyscale print either.
pub(super) fn hatch_defs(out: &mut String, p: &Palette) {
    let c = p.avoided;
    let _ = writeln!(
        out,
        "<defs><pattern id=\"{HATCH_ID}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{}\"/><rect width=\"2\" height=\"6\" fill=\"{}\" fill-opacity=\"0.35\"/></pattern></defs>",
        c.fill, c.stroke
    );
}

/// Where an SVG rendering of the diagram goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SvgTarget {
    /// A standalone `.svg` file (or the PNG made from it): fixed size, a `<title>`.
    File,
    /// Inline in the app's page, scaled to its container. Each subnet's box is focusable and
    /// named for assistive technology, and its box and address-map segment carry
    /// `data-subnet="<index into Layout::subnets>"` so one delegated listener can link hover
    /// and focus to the table. The `<svg>` itself is a named group, not an image: an image's
    /// children are presentational, which would hide the focusable boxes from screen readers.
    Page,
}

/// The diagram as a standalone SVG document with explicit colours from the light or dark
/// palette (and a class per role for restyling). All text is XML-escaped.
pub fn to_svg(d: &Diagram, dark: bool) -> String {
    render_svg(d, dark, SvgTarget::File)
}

/// The one SVG renderer for both targets (see [`SvgTarget`]): the app shows exactly what
/// an export contains.
pub fn render_svg(d: &Diagram, dark: bool, target: SvgTarget) -> String {
    let page = target == SvgTarget::Page;
    let p = palette(dark);
    let mut out = String::with_capacity(4096 + d.boxes.len() * 512);
    let (w, h) = (n(d.width), n(d.height));
    let font = xml_escape(FONT_FAMILY);
    let font_size = n(FONT);
    if page {
        let _ = writeln!(
            out,
            "<svg class=\"diagram\" width=\"100%\" viewBox=\"0 0 {w} {h}\" role=\"group\" aria-label=\"{}\" font-family=\"{font}\" font-size=\"{font_size}\">",
            xml_escape(&d.title)
        );
    } else {
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{font}\" font-size=\"{font_size}\">"
        );
        let _ = writeln!(out, "<title>{}</title>", xml_escape(&d.title));
    }
    let _ = writeln!(
        out,
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"{}\"/>",
        p.background
    );
    let hatched = d.strips.iter().flat_map(|s| &s.segments).any(|g| g.role == Role::Avoided)
        || d.legend.iter().any(|l| l.role == Role::Avoided);
    if hatched {
        hatch_defs(&mut out, p);
    }
    svg_rect(
        &mut out,
        &d.frame,
        Paint { class: "vpc", fill: "none", stroke: p.frame, dashed: false, radius: 6.0 },
        None,
    );
    for lane in &d.lanes {
        svg_rect(
            &mut out,
            &lane.rect,
            Paint { class: "lane", fill: p.lane_fill, stroke: p.lane_stroke, dashed: lane.dashed, radius: 4.0 },
            None,
        );
        for l in &lane.header {
            svg_text(&mut out, l, p);
        }
    }
    for b in &d.boxes {
        let c = p.role(b.role);
        let pinned = if b.pinned { " pinned" } else { "" };
        let _ = write!(out, "<g class=\"box subnet {}{pinned}\"", b.role.class());
        if page {
            // Only subnets take the focus: a reservation or the free rest has no table row.
            if let BoxItem::Subnet(i) = b.item {
                let _ = write!(out, " data-subnet=\"{i}\" tabindex=\"0\"");
            }
            let _ = writeln!(out, " role=\"img\" aria-label=\"{}\">", xml_escape(&b.title));
        } else {
            out.push_str(">\n");
        }
        let _ = writeln!(out, "<title>{}</title>", xml_escape(&b.title));
        let class = format!("box-rect {}", b.role.class());
        svg_rect(
            &mut out,
            &b.rect,
            Paint { class: &class, fill: c.fill, stroke: c.stroke, dashed: b.role.dashed(), radius: 3.0 },
            None,
        );
        for l in &b.lines {
            svg_text(&mut out, l, p);
        }
        if let Some(pin) = b.pin {
            svg_circle(&mut out, &pin, p.pin);
        }
        out.push_str("</g>\n");
    }
    for l in &d.labels {
        svg_text(&mut out, l, p);
    }
    for s in &d.strips {
        svg_text(&mut out, &s.caption, p);
        for seg in &s.segments {
            let c = p.role(seg.role);
            let r = Rect { x: seg.x, y: s.rect.y, w: seg.w, h: s.rect.h };
            let class = format!("segment {}", seg.role.class());
            let fill = role_fill(seg.role, p);
            open_rect(&mut out, &r, Paint { class: &class, fill, stroke: c.stroke, dashed: false, radius: 0.0 });
            if let (true, SegmentKind::Subnet(i)) = (page, seg.kind) {
                let _ = write!(out, " data-subnet=\"{i}\"");
            }
            close_rect(&mut out, Some(&seg.title));
        }
        svg_rect(
            &mut out,
            &s.rect,
            Paint { class: "strip", fill: "none", stroke: p.frame, dashed: false, radius: 0.0 },
            None,
        );
        for seg in &s.segments {
            if let Some(l) = &seg.label {
                svg_text(&mut out, l, p);
            }
        }
        for l in &s.ticks {
            svg_text(&mut out, l, p);
        }
    }
    for item in &d.legend {
        match item.pin {
            Some(pin) => svg_circle(&mut out, &pin, p.pin),
            None => {
                let c = p.role(item.role);
                svg_rect(
                    &mut out,
                    &item.swatch,
                    Paint {
                        class: item.role.class(),
                        fill: role_fill(item.role, p),
                        stroke: c.stroke,
                        dashed: item.role.dashed(),
                        radius: 2.0,
                    },
                    None,
                );
            }
        }
        svg_text(&mut out, &item.label, p);
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.256), "1.26");
        assert_eq!(n(-0.001), "0");
    }
}
