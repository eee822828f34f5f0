//! The plan's diagram (rendered as SVG markup by the core) with its SVG/PNG export.

use super::exports::file_stem;
use super::{stale_label, View};
use crate::state::PlanState;
use cidrplan::plan::diagram;
use cidrplan_shell::browser;
use leptos::prelude::*;

/// The diagram's width for the page: the output column on a desktop, the screen on a phone.
fn diagram_width() -> f64 {
    let w = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1280.0);
    if w < 1000.0 {
        (w - 48.0).max(diagram::MIN_WIDTH)
    } else {
        (w - 520.0).clamp(600.0, 1000.0)
    }
}

/// The width of an exported SVG or PNG, whatever the screen: a document, not a screenshot.
pub(super) const EXPORT_WIDTH: f64 = 1200.0;

/// The exported image as `(svg, width, height)`, from the plan on screen, in `dark` or light.
fn export_image(v: View, dark: bool) -> Option<(String, f64, f64)> {
    v.shown.with_untracked(|s| {
        let (p, l) = s.as_ref()?;
        let d = diagram::diagram(p, l, EXPORT_WIDTH);
        Some((diagram::to_svg(&d, dark), d.width, d.height))
    })
}

#[component]
pub(super) fn DiagramView() -> impl IntoView {
    let v = expect_context::<View>();
    let st = expect_context::<PlanState>();
    let width = RwSignal::new(diagram_width());
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        let w = diagram_width();
        if (w - width.get_untracked()).abs() > 24.0 {
            width.set(w);
        }
    });
    on_cleanup(move || handle.remove());
    // Not compared: it follows the plan on screen and the width, which change only when they do.
    let geometry = Memo::new_with_compare(
        move |_| v.shown.with(|s| s.as_ref().map(|(p, l)| diagram::diagram(p, l, width.get()))),
        |_, _| true,
    );
    // Light unless chosen: the page's theme is the screen's business, not the document's.
    let export_dark = RwSignal::new(false);
    let export = move |png: bool| {
        if v.stale() {
            return;
        }
        let Some((svg, w, h)) = export_image(v, export_dark.get_untracked()) else { return };
        let name = v.plan.with_untracked(|p| file_stem(&p.name));
        if png {
            browser::download_svg_as_png(&svg, w, h, &format!("{name}.png"));
        } else {
            browser::download(&format!("{name}.svg"), "image/svg+xml", &svg);
        }
    };
    // The core renders the SVG (the same renderer as the SVG export); it goes in as markup,
    // which is far less code than one typed view per shape. Hover and focus are delegated:
    // each subnet's box and segment carry `data-subnet`.
    let svg = Memo::new(move |_| {
        geometry.with(|g| g.as_ref().map(|d| diagram::render_svg(d, st.dark.get(), diagram::SvgTarget::Page)))
    });
    let host: NodeRef<leptos::html::Div> = NodeRef::new();
    // New markup when the diagram changes (then the highlight again, on the new elements);
    // only the highlight when the hovered subnet changes. Either order of the two is right.
    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        svg.with(|s| el.set_inner_html(s.as_deref().unwrap_or("")));
        highlight(&el, v.hovered.get_untracked());
    });
    Effect::new(move |_| {
        let hovered = v.hovered.get();
        if let Some(el) = host.get() {
            highlight(&el, hovered);
        }
    });
    view! {
        <div class="diagram-wrap">
            <div class="diagram-actions">
                <select class="small-select" aria-label="Theme of the exported image" on:change=move |ev| export_dark.set(event_target_value(&ev) == "dark")>
                    <option value="light" selected=true>"Light image"</option>
                    <option value="dark">"Dark image"</option>
                </select>
                <button type="button" class="button small" disabled=move || v.stale() on:click=move |_| export(false)>"Export SVG"</button>
                <button type="button" class="button small" disabled=move || v.stale() on:click=move |_| export(true)>"Export PNG"</button>
            </div>
            {stale_label(v)}
            <div
                class="diagram-host"
                node_ref=host
                on:mouseover=move |ev| v.hovered.set(browser::data_at(&ev, "data-subnet"))
                on:mouseleave=move |_| v.hovered.set(None)
                on:focusin=move |ev| v.hovered.set(browser::data_at(&ev, "data-subnet"))
                on:focusout=move |_| v.hovered.set(None)
            ></div>
        </div>
    }
}

/// Marks subnet `i`'s box, address-map segment and table row with the `hl` class, and
/// nothing else.
fn highlight(host: &web_sys::Element, i: Option<usize>) {
    let root = host.closest(".plan-output").ok().flatten().unwrap_or_else(|| host.clone());
    // At most three elements carry the class, so a loop of single queries is enough.
    while let Ok(Some(el)) = root.query_selector(".hl") {
        let _ = el.class_list().remove_1("hl");
    }
    if let Some(i) = i {
        for tag in ["g", "rect", "tr"] {
            if let Ok(Some(el)) = root.query_selector(&format!("{tag}[data-subnet=\"{i}\"]")) {
                let _ = el.class_list().add_1("hl");
            }
        }
    }
}
