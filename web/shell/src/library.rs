//! Modules of functions: wasm modules with no page of their own (`web/exports`) that a tool
//! loads after its first result, so what it needs later does not delay what it shows first.
//! `static/boot.js` loads each once (`cidrplanBoot.library(name)`, cached, precached by the
//! service worker like every module); the functions take and return text, and an error is
//! the sentence to show.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = cidrplanBoot, js_name = library, catch)]
    fn boot_library(name: &str) -> Result<js_sys::Promise, JsValue>;
}

/// A loaded module of functions (its JS namespace object).
#[derive(Clone, Debug)]
pub struct Library(JsValue);

/// The module `name`, loading it on the first call (later calls share that load). `Err` says
/// why it did not load, for a sentence such as "The exports could not load: …".
pub async fn load(name: &str) -> Result<Library, String> {
    let promise = boot_library(name).map_err(|e| reason(&e))?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map(Library).map_err(|e| reason(&e))
}

impl Library {
    /// Calls the module's function `function` with text arguments; its `Err` (a thrown
    /// string) is returned as it is.
    pub fn call(&self, function: &str, args: &[&str]) -> Result<String, String> {
        let f = js_sys::Reflect::get(&self.0, &JsValue::from_str(function))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| format!("the module has no function {function}"))?;
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        let out = f.apply(&JsValue::NULL, &args).map_err(|e| reason(&e))?;
        out.as_string().ok_or_else(|| format!("{function} returned no text"))
    }
}

/// A thrown value as a sentence: the string a function threw, or an Error's message.
fn reason(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown error".into())
}
