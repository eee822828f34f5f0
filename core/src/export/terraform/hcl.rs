//! A tiny HCL writer: attributes aligned the way `terraform fmt` aligns them.

pub(super) enum Node {
    /// `key = expr` (one line).
    Attr(String, String),
    /// `key = { ... }`.
    Object(String, Vec<Node>),
    /// `key = merge(var.tags, { ... })`: the common tags with the resource's own.
    Tags(Vec<Node>),
    /// `type "label" { ... }`.
    Block(String, Vec<Node>),
    /// `# text`.
    Comment(String),
    Blank,
}

pub(super) fn attr(k: &str, v: impl Into<String>) -> Node {
    Node::Attr(k.to_string(), v.into())
}

pub(super) fn block(header: impl Into<String>, body: Vec<Node>) -> Node {
    Node::Block(header.into(), body)
}

/// `tags = merge(var.tags, { Name = name, … })` with `(key, expr)` pairs after `Name`.
pub(super) fn tags(name: &str, more: &[(&str, &str)]) -> Node {
    let mut body = vec![attr("Name", name)];
    body.extend(more.iter().map(|(k, v)| attr(k, *v)));
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
