//! A tiny HCL writer: attributes aligned the way `terraform fmt` aligns them.
//!
//! Keys and values are `Cow`s: most are fixed text (`for_each`, `local.subnets`), which costs
//! no allocation (nor the code for one at every call site, which mattered for the bundle).

use std::borrow::Cow;

/// Text of a node: fixed, or built from the plan.
pub(super) type Str = Cow<'static, str>;

pub(super) enum Node {
    /// `key = expr` (one line).
    Attr(Str, Str),
    /// `key = { ... }`.
    Object(Str, Vec<Node>),
    /// `key = merge(var.tags, { ... })`: the common tags with the resource's own.
    Tags(Vec<Node>),
    /// `type "label" { ... }`.
    Block(Str, Vec<Node>),
    /// `# text`.
    Comment(String),
    /// Fixed blocks written as they are (top level only): resources that depend on nothing in
    /// the plan cost no code this way.
    Text(&'static str),
    Blank,
}

pub(super) fn attr(k: impl Into<Str>, v: impl Into<Str>) -> Node {
    Node::Attr(k.into(), v.into())
}

pub(super) fn object(k: impl Into<Str>, body: Vec<Node>) -> Node {
    Node::Object(k.into(), body)
}

pub(super) fn block(header: impl Into<Str>, body: Vec<Node>) -> Node {
    Node::Block(header.into(), body)
}

/// `tags = merge(var.tags, { Name = name, … })` with `(key, expr)` pairs after `Name`.
pub(super) fn tags(name: &'static str, more: &[(&'static str, &'static str)]) -> Node {
    let mut body = vec![attr("Name", name)];
    body.extend(more.iter().map(|&(k, v)| attr(k, v)));
    Node::Tags(body)
}

fn write_nodes(out: &mut String, nodes: &[Node], depth: usize) {
    let pad = "  ".repeat(depth);
    let mut i = 0;
    while i < nodes.len() {
        // A run of consecutive one-line attributes shares one column for `=`.
        let run_end = nodes[i..].iter().position(|n| !matches!(n, Node::Attr(..))).map_or(nodes.len(), |p| i + p);
        if run_end > i {
            let width = nodes[i..run_end]
                .iter()
                .map(|n| if let Node::Attr(k, _) = n { k.chars().count() } else { 0 })
                .max()
                .unwrap_or(0);
            for n in &nodes[i..run_end] {
                if let Node::Attr(k, v) = n {
                    let gap = " ".repeat(width - k.chars().count());
                    out.push_str(&format!("{pad}{k}{gap} = {v}\n"));
                }
            }
            i = run_end;
            continue;
        }
        match &nodes[i] {
            Node::Object(k, body) => {
                out.push_str(&format!("{pad}{k} = {{\n"));
                write_nodes(out, body, depth + 1);
                out.push_str(&format!("{pad}}}\n"));
            }
            Node::Tags(body) => {
                out.push_str(&format!("{pad}tags = merge(var.tags, {{\n"));
                write_nodes(out, body, depth + 1);
                out.push_str(&format!("{pad}}})\n"));
            }
            Node::Block(h, body) if body.is_empty() => out.push_str(&format!("{pad}{h} {{}}\n")),
            Node::Block(h, body) => {
                out.push_str(&format!("{pad}{h} {{\n"));
                write_nodes(out, body, depth + 1);
                out.push_str(&format!("{pad}}}\n"));
            }
            Node::Comment(c) => out.push_str(&format!("{pad}# {c}\n").replace(" \n", "\n")),
            Node::Blank => out.push('\n'),
            Node::Text(t) => out.push_str(t),
            Node::Attr(..) => {}
        }
        i += 1;
    }
}

pub(super) fn render(nodes: &[Node]) -> String {
    let mut out = String::new();
    write_nodes(&mut out, nodes, 0);
    out
}
