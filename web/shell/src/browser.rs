//! Browser glue: localStorage, the URL fragment, the clipboard, colour-scheme preference and
//! file download. Every call tolerates a missing API (private mode, old browser) by doing
//! nothing, because none of these may take the page down.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// For delegated events: the value of `attr` on the element the event happened on, or on its
/// nearest ancestor that has one, parsed (e.g. `data-subnet` on a diagram box).
pub fn data_at<T: std::str::FromStr>(ev: &web_sys::Event, attr: &str) -> Option<T> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(&format!("[{attr}]")).ok()??.get_attribute(attr)?.parse().ok()
}

pub fn storage_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        // Quota errors are ignored: the URL still carries the state.
        let _ = s.set_item(key, value);
    }
}

pub fn storage_remove(key: &str) {
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item(key);
    }
}

/// Every key in localStorage (to find saved designs whose index entry was lost).
pub fn storage_keys() -> Vec<String> {
    let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
}

/// Milliseconds since 1970 (`Date.now()`).
pub fn now_ms() -> u64 {
    web_sys::js_sys::Date::now() as u64
}

/// Minutes east of UTC of the local time zone (the opposite sign of `getTimezoneOffset`).
pub fn utc_offset_min() -> i32 {
    -(web_sys::js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// Focus the first element matching `selector` after the current render (for focus that
/// must follow a re-drawn control). Unless `take` is set, only when nothing else has the
/// focus by then (the user may have moved on with a click).
pub fn focus_later(selector: String, take: bool) {
    leptos::prelude::request_animation_frame(move || {
        let Some(doc) = window().and_then(|w| w.document()) else { return };
        let idle = doc.active_element().is_none_or(|a| doc.body().is_some_and(|b| *b == a));
        if !(take || idle) {
            return;
        }
        let el = doc.query_selector(&selector).ok().flatten();
        if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// The fragment without its leading `#`.
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).map(|h| h.trim_start_matches('#').to_string()).unwrap_or_default()
}

/// Replace the URL's fragment without adding a history entry or scrolling.
pub fn replace_fragment(fragment: &str) {
    if let Some(w) = window() {
        if let Ok(h) = w.history() {
            let url = if fragment.is_empty() {
                // Keep path and query, drop the fragment.
                let l = w.location();
                format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default())
            } else {
                format!("#{fragment}")
            };
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// The page's URL with `fragment` in place of its own.
pub fn url_with_fragment(fragment: &str) -> String {
    let href = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    if fragment.is_empty() {
        base.to_string()
    } else {
        format!("{base}#{fragment}")
    }
}

pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Where the element an event was bound to sits in the viewport, as (left, top, right, bottom)
/// pixels, and the viewport's width: what a popover opened from it needs to stay on screen.
pub fn event_target_box(ev: &web_sys::Event) -> ((f64, f64, f64, f64), f64) {
    let rect =
        ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.get_bounding_client_rect());
    let width = window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1280.0);
    (rect.map(|r| (r.left(), r.top(), r.right(), r.bottom())).unwrap_or_default(), width)
}

pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// Set `data-theme` on `<html>` so the CSS variables switch.
pub fn apply_theme(dark: bool) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}

/// Offer `content` as a file download.
pub fn download(filename: &str, mime: &str, content: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let parts = js_sys_array(content);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(filename);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn js_sys_array(s: &str) -> wasm_bindgen::JsValue {
    let arr = web_sys::js_sys::Array::new();
    arr.push(&wasm_bindgen::JsValue::from_str(s));
    arr.into()
}

/// Render `svg` (a standalone SVG document of `width` × `height`) to a PNG at twice the size
/// and offer it as a download. The SVG loads as a `data:` image, which the page's CSP allows.
pub fn download_svg_as_png(svg: &str, width: f64, height: f64, filename: &str) {
    use wasm_bindgen::closure::Closure;
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return };
    let scale = 2.0;
    let src = format!("data:image/svg+xml;charset=utf-8,{}", String::from(web_sys::js_sys::encode_uri_component(svg)));
    let name = filename.to_string();
    let img2 = img.clone();
    let onload = Closure::once(move || {
        let Ok(canvas) = doc.create_element("canvas") else { return };
        let Ok(canvas) = canvas.dyn_into::<web_sys::HtmlCanvasElement>() else { return };
        canvas.set_width((width * scale) as u32);
        canvas.set_height((height * scale) as u32);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, width * scale, height * scale);
        if let Ok(url) = canvas.to_data_url_with_type("image/png") {
            if let Ok(a) =
                doc.create_element("a").and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().map_err(Into::into))
            {
                a.set_href(&url);
                a.set_download(&name);
                a.click();
            }
        }
    });
    img.set_onload(Some(wasm_bindgen::JsCast::unchecked_ref(onload.as_ref())));
    // The image outlives this call; the closure runs once and is then dropped by the browser.
    onload.forget();
    img.set_src(&src);
}
